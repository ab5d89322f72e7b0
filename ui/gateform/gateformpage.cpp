#include "gateformpage.h"

#include "card/gaterewrite.h"
#include "card/gatevalidation.h"
#include "common/wheelguard.h"
#include "common/wrappingrow.h"
#include "gatefieldlist.h"
#include "gateformeditor.h"
#include "gateformlayout.h"
#include "gatepreview.h"
#include "gatesavedialog.h"
#include "hub/account.h"
#include "hub/hubclient.h"
#include "hub/hubjob.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace hubgate {

namespace {

// Scrolls up and down only: never narrower than its content can be, so the splitter cannot
// squeeze the editor into sideways scrolling.
class VerticalScrollArea : public QScrollArea
{
public:
    QSize minimumSizeHint() const override
    {
        QSize size = QScrollArea::minimumSizeHint();
        if (widget())
            size.setWidth(widget()->minimumSizeHint().width() + verticalScrollBar()->sizeHint().width() + 2 * frameWidth());
        return size;
    }
};

// The width the layout gives a pane at the least.
int paneMinimumWidth(const QWidget *pane)
{
    return pane->minimumWidth() > 0 ? pane->minimumWidth() : pane->minimumSizeHint().width();
}

// What the panes need next to each other.
int sideBySideMinimum(const QSplitter *splitter)
{
    int width = splitter->handleWidth() * (splitter->count() - 1);
    for (int i = 0; i < splitter->count(); ++i)
        width += paneMinimumWidth(splitter->widget(i));
    return width;
}

// Asks only for the width the panes need one above the other: the page stacks them before it is
// narrower than they need side by side, so the window can always be made that narrow.
class StackingSplitter : public QSplitter
{
public:
    QSize minimumSizeHint() const override
    {
        QSize size = QSplitter::minimumSizeHint();
        int width = 0;
        for (int i = 0; i < count(); ++i)
            width = std::max(width, paneMinimumWidth(widget(i)));
        size.setWidth(width);
        return size;
    }
};

} // namespace

GateFormPage::GateFormPage(HubClient *client, QWidget *parent)
    : RepoPage(parent)
    , m_client(client)
    , m_editor(new GateFormEditor)
    , m_preview(new GatePreview)
    , m_editorScroll(new VerticalScrollArea)
    , m_splitter(new StackingSplitter)
    , m_debounce(new QTimer(this))
    , m_banner(new QFrame(this))
    , m_bannerText(new QLabel(m_banner))
    , m_restore(new QPushButton(tr("&Restore"), m_banner))
    , m_discard(new QPushButton(tr("&Discard"), m_banner))
    , m_status(new QLabel(this))
    , m_reapply(new QPushButton(tr("Reload and reapply my &edits"), this))
    , m_pullRequest(new QPushButton(tr("Open a pull &request instead"), this))
    , m_save(new QPushButton(tr("&Save…"), this))
{
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250); // the preview follows typing without redrawing on every key
    m_banner->setObjectName(QStringLiteral("gateBanner"));
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->setStyleSheet(QStringLiteral("#gateBanner { background: #fff6d6; }"));
    m_bannerText->setObjectName(QStringLiteral("gateBannerText"));
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextFormat(Qt::PlainText);
    m_restore->setObjectName(QStringLiteral("restoreDraft"));
    m_discard->setObjectName(QStringLiteral("discardDraft"));
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(m_restore);
    bannerLayout->addWidget(m_discard);
    m_banner->setVisible(false);
    m_status->setObjectName(QStringLiteral("gateStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);
    m_status->setOpenExternalLinks(true);
    m_status->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_reapply->setObjectName(QStringLiteral("reapplyEdits"));
    m_pullRequest->setObjectName(QStringLiteral("conflictPullRequest"));
    m_save->setObjectName(QStringLiteral("saveGate"));
    m_save->setToolTip(tr("Shows the changes to README.md first (Ctrl+S)"));
    m_reapply->setVisible(false);
    m_pullRequest->setVisible(false);
    auto *saveAction = new QAction(this);
    saveAction->setShortcut(QKeySequence::Save);
    saveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(saveAction);

    m_editorScroll->setWidgetResizable(true);
    m_editorScroll->setFrameShape(QFrame::NoFrame);
    m_editorScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_editorScroll->setWidget(m_editor);
    (new WheelGuard(m_editorScroll))->guard(m_editor->fieldList()->typeChooser()); // a field's type
    m_splitter->setObjectName(QStringLiteral("gateSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_editorScroll);
    m_splitter->addWidget(m_preview);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_preview->setMinimumWidth(220);
    // The status, the conflict's two choices and Save: one above the other when they do not fit.
    auto *bottom = new WrappingRow(this);
    bottom->addGroup(m_status, 1);
    auto *choices = new QHBoxLayout;
    choices->addStretch();
    choices->addWidget(m_reapply);
    choices->addWidget(m_pullRequest);
    bottom->addGroup(choices);
    auto *saveRow = new QHBoxLayout;
    saveRow->addStretch();
    saveRow->addWidget(m_save);
    bottom->addGroup(saveRow);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addWidget(m_banner);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(bottom);

    connect(m_editor, &GateFormEditor::edited, this, &GateFormPage::onEdited);
    connect(m_debounce, &QTimer::timeout, this, &GateFormPage::refresh);
    connect(saveAction, &QAction::triggered, this, &GateFormPage::save);
    connect(m_save, &QPushButton::clicked, this, &GateFormPage::save);
    connect(m_reapply, &QPushButton::clicked, this, [this] { load(true); });
    connect(m_pullRequest, &QPushButton::clicked, this, &GateFormPage::pullRequestOnCurrentHead);
    connect(m_restore, &QPushButton::clicked, this, &GateFormPage::restoreDraft);
    connect(m_discard, &QPushButton::clicked, this, [this] {
        m_drafts.discard();
        m_banner->setVisible(false);
        m_draftOffered = false;
    });
    updateSaveState();
}

void GateFormPage::resizeEvent(QResizeEvent *event)
{
    RepoPage::resizeEvent(event);
    const QMargins margins = layout()->contentsMargins();
    const Qt::Orientation orientation = gateFormOrientation(
        width(), sideBySideMinimum(m_splitter) + margins.left() + margins.right(), m_splitter->orientation());
    if (orientation == m_splitter->orientation())
        return;
    m_splitter->setOrientation(orientation);
    m_splitter->setSizes({1000, 1000}); // halves: sizes dragged for the other direction mean nothing here
}

void GateFormPage::showRepo(const RepoContext &context)
{
    if (m_dialog)
        m_dialog->close(); // it showed the previous repo's changes
    m_context = context;
    m_drafts = GateDraftStore(m_client->endpoint().toString() + QLatin1Char(' ') + context.repo.key());
    m_loaded = false;
    m_snapshot.reset();
    m_cardError = {};
    m_banner->setVisible(false);
    m_draftOffered = false;
    m_pullRequestAfterLoad = false;
    m_reapply->setVisible(false);
    m_pullRequest->setVisible(false);
    setStatus({});
    m_editor->setEnabled(false);
    updateSaveState();
}

void GateFormPage::activate()
{
    if (!m_loaded && !m_fetch)
        load(false);
}

void GateFormPage::reload()
{
    // Edits made so far are kept, on top of what the Hub holds now.
    load(m_snapshot.has_value() && !m_cardError.isError());
}

void GateFormPage::load(bool reapply)
{
    if (m_context.repo.id.isEmpty())
        return;
    if (m_fetch)
        m_fetch->disconnect(this);
    setStatus(tr("Reading README.md…"));
    auto *fetch = new ReadmeFetch(m_client, m_context.repo, QStringLiteral("main"), this);
    m_fetch = fetch;
    connect(fetch, &ReadmeFetch::finished, this, [this, reapply](ReadmeFetch *done) { onFetched(done, reapply); });
    fetch->start();
    checkToken();
}

void GateFormPage::checkToken()
{
    HubJob *job = m_client->get(QStringLiteral("/api/whoami-v2"));
    connect(job, &HubJob::finished, this, [this](HubJob *done) {
        QString problem;
        const std::optional<Account> account = done->isOk() ? parseWhoami(done->body(), &problem) : std::nullopt;
        m_readOnlyToken = account && account->tokenRole == QLatin1String("read");
        updateSaveState();
    });
}

void GateFormPage::onFetched(ReadmeFetch *fetch, bool reapply)
{
    m_fetch = nullptr;
    m_loaded = true;
    const bool pullRequest = std::exchange(m_pullRequestAfterLoad, false);
    m_reapply->setVisible(false);
    m_pullRequest->setVisible(false);
    if (!fetch->isOk()) {
        setStatus(tr("README.md could not be read: %1").arg(fetch->error().message().toHtmlEscaped()));
        updateSaveState();
        Q_EMIT loaded(false);
        return;
    }
    const GateSettings edited = m_editor->settings();
    const GateSettings base = m_card.settings;
    m_snapshot = fetch->snapshot();
    m_cardError = {};
    const std::optional<GateCard> card = readGateCard(m_snapshot->content, &m_cardError);
    if (!card) {
        // Never saved over: the editor stays off until the card is fixed elsewhere.
        m_card = {};
        m_editor->setEnabled(false);
        showBanner(tr("The front matter of README.md is not valid YAML, so the gate form cannot be edited "
                      "here and nothing will be saved over it. %1")
                       .arg(m_cardError.message()),
                   false);
        setStatus({});
        updateSaveState();
        Q_EMIT loaded(true);
        return;
    }
    m_card = *card;
    m_editor->setEnabled(true);
    m_editor->setCard(m_card, m_context.repo.kind);
    if (reapply) {
        m_editor->setSettings(reapplyEdits(base, edited, m_card.settings));
        setStatus(tr("Your edits were reapplied on README.md as it is now (commit %1). Check the "
                     "preview and save again.")
                      .arg(m_snapshot->commit.left(8)));
    } else {
        m_banner->setVisible(false);
        m_editor->setSettings(m_card.settings);
        setStatus({});
        offerDraft();
    }
    refresh();
    Q_EMIT loaded(true);
    if (pullRequest && reapply)
        startSave(true, m_lastSummary);
}

// After a conflict the README the edits were made on is outdated: as parent it is refused again,
// and a README written from it would drop the other commit's change. The edits are reapplied on
// main as it is now, and the pull request is opened from there.
void GateFormPage::pullRequestOnCurrentHead()
{
    m_pullRequestAfterLoad = true;
    load(true);
}

void GateFormPage::offerDraft()
{
    const std::optional<GateDraft> draft = m_drafts.load();
    if (!draft)
        return;
    CardError error;
    const std::optional<GateCard> edited = readGateCard(draft->editedReadme, &error);
    if (!edited || edited->settings == m_card.settings) {
        m_drafts.discard(); // nothing in it that is not saved
        return;
    }
    m_draftOffered = true;
    showBanner(tr("Restore the unsaved edits from %1?")
                   .arg(QLocale().toString(draft->savedAt.toLocalTime(), QLocale::ShortFormat)),
               true);
}

void GateFormPage::restoreDraft()
{
    m_banner->setVisible(false);
    m_draftOffered = false;
    const std::optional<GateDraft> draft = m_drafts.load();
    if (!draft)
        return;
    CardError error;
    const std::optional<GateCard> base = readGateCard(draft->baseReadme, &error);
    const std::optional<GateCard> edited = readGateCard(draft->editedReadme, &error);
    if (!base || !edited)
        return;
    m_editor->setSettings(reapplyEdits(base->settings, edited->settings, m_card.settings));
}

void GateFormPage::showBanner(const QString &text, bool offerRestore)
{
    m_bannerText->setText(text);
    m_restore->setVisible(offerRestore);
    m_discard->setVisible(offerRestore);
    m_banner->setVisible(true);
}

void GateFormPage::setStatus(const QString &html)
{
    m_status->setText(html);
    m_status->setVisible(!html.isEmpty()); // no empty row when the buttons sit under it
}

void GateFormPage::onEdited()
{
    m_debounce->start();
}

// After a pause in typing: preview, inline problems, and the draft.
void GateFormPage::refresh()
{
    m_debounce->stop();
    const GateSettings settings = m_editor->settings();
    m_preview->showForm(settings, m_context.repo.kind);
    m_editor->setProblems(validateGate(settings));
    updateSaveState();
    if (!m_snapshot || m_cardError.isError() || m_draftOffered)
        return; // an offered draft is not overwritten before the user answers
    if (settings == m_card.settings) {
        m_drafts.discard();
        return;
    }
    const CardRewrite rewrite = rewriteGateCard(m_snapshot->content, settings);
    if (rewrite.ok())
        m_drafts.save({m_snapshot->content, rewrite.readme, QDateTime::currentDateTimeUtc()});
}

void GateFormPage::updateSaveState()
{
    const bool usable = m_snapshot && !m_cardError.isError();
    m_save->setEnabled(usable && !m_readOnlyToken && !m_saving);
    if (m_readOnlyToken)
        m_save->setToolTip(tr("The token you signed in with can only read: saving the gate form commits "
                              "to the repo, which needs a token with write access."));
    if (m_readOnlyToken && usable && m_status->text().isEmpty())
        setStatus(tr("Saving is not possible: the token you signed in with can only read. Sign in with a "
                     "token with write access to commit the gate form."));
}

void GateFormPage::save()
{
    if (!m_save->isEnabled())
        return;
    refresh();
    const GateSettings settings = m_editor->settings();
    const QList<GateProblem> problems = validateGate(settings);
    if (!problems.isEmpty()) {
        setStatus(tr("Fix the marked problems first: %1").arg(problems.constFirst().message.toHtmlEscaped()));
        return;
    }
    const CardRewrite rewrite = rewriteGateCard(m_snapshot->content, settings);
    if (!rewrite.ok()) {
        setStatus(tr("The edits cannot be written into README.md: %1").arg(rewrite.error.message().toHtmlEscaped()));
        return;
    }
    if (!rewrite.changed) {
        setStatus(tr("Nothing to save: README.md already says this."));
        return;
    }
    if (m_dialog)
        m_dialog->close();
    m_dialog = new GateSaveDialog(m_snapshot->content, rewrite.readme, QStringLiteral("main"), this);
    connect(m_dialog, &GateSaveDialog::saveRequested, this, &GateFormPage::startSave);
    m_dialog->show(); // not exec(): no nested event loop
}

void GateFormPage::startSave(bool pullRequest, const QString &summary)
{
    if (!m_snapshot || m_saving)
        return;
    m_lastSummary = summary;
    const CardRewrite rewrite = rewriteGateCard(m_snapshot->content, m_editor->settings());
    if (!rewrite.ok() || !rewrite.changed) {
        setStatus(rewrite.ok() ? tr("Nothing to save: README.md already says this.")
                               : tr("The edits cannot be written into README.md: %1")
                                     .arg(rewrite.error.message().toHtmlEscaped()));
        Q_EMIT saved(false);
        return;
    }
    m_saving = true;
    m_reapply->setVisible(false);
    m_pullRequest->setVisible(false);
    updateSaveState();
    setStatus(tr("Checking the card with the Hub…"));
    auto *validation = new CardValidation(m_client, m_context.repo.kind, rewrite.readme, this);
    const QByteArray readme = rewrite.readme;
    connect(validation, &CardValidation::finished, this, [this, readme, pullRequest, summary](CardValidation *done) {
        if (!done->isAccepted()) {
            m_saving = false;
            updateSaveState();
            const QString reason = done->error().isError() ? done->error().message() : done->refusal();
            setStatus(tr("Not saved: the Hub refuses this card: %1").arg(reason.toHtmlEscaped()));
            Q_EMIT saved(false);
            return;
        }
        commit(readme, pullRequest, summary);
    });
    validation->start();
}

void GateFormPage::commit(const QByteArray &readme, bool pullRequest, const QString &summary)
{
    setStatus(pullRequest ? tr("Opening a pull request…") : tr("Committing…"));
    ReadmeCommitRequest request;
    request.content = readme;
    request.parentCommit = m_snapshot->commit;
    request.summary = summary;
    request.pullRequest = pullRequest;
    auto *job = new ReadmeCommit(m_client, m_context.repo, request, this);
    connect(job, &ReadmeCommit::finished, this,
            [this, readme, pullRequest](ReadmeCommit *done) { onCommitted(done, readme, pullRequest); });
    job->start();
}

void GateFormPage::onCommitted(ReadmeCommit *job, const QByteArray &readme, bool pullRequest)
{
    m_saving = false;
    // A short link text: a long URL wrapped over lines would push the panes up.
    const auto link = [](const QString &url) {
        return QStringLiteral("<a href=\"%1\">%2</a>").arg(url.toHtmlEscaped(), tr("open on the Hub"));
    };
    switch (job->outcome()) {
    case ReadmeCommit::Outcome::Committed:
        m_drafts.discard();
        if (pullRequest) {
            setStatus(tr("Pull request opened (%1).").arg(link(job->pullRequestUrl())));
        } else {
            setStatus(tr("Committed %1 (%2).").arg(job->commitOid().left(8), link(job->commitUrl())));
            // What was committed is the new starting point.
            m_snapshot = ReadmeSnapshot{readme, true, job->commitOid()};
            CardError error;
            if (const std::optional<GateCard> card = readGateCard(readme, &error)) {
                m_card = *card;
                const GateSettings settings = m_editor->settings();
                m_editor->setCard(m_card, m_context.repo.kind);
                m_editor->setSettings(settings);
            }
        }
        updateSaveState();
        Q_EMIT saved(true);
        return;
    case ReadmeCommit::Outcome::Conflict:
        setStatus(tr("Not saved: main has moved since README.md was read (someone else committed). Nothing "
                     "was overwritten, and your edits are still here."));
        m_reapply->setVisible(true);
        m_pullRequest->setVisible(true);
        break;
    case ReadmeCommit::Outcome::Failed:
        setStatus(tr("Not saved: %1").arg(job->error().message().toHtmlEscaped()));
        break;
    }
    updateSaveState();
    Q_EMIT saved(false);
}

} // namespace hubgate
