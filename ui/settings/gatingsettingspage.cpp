#include "gatingsettingspage.h"

#include "hub/hubclient.h"
#include "settings/gatingconsequence.h"

#include <QAction>
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace hubgate {

GatingSettingsPage::GatingSettingsPage(HubClient *client, QWidget *parent)
    : RepoPage(parent)
    , m_client(client)
    , m_mode(new QButtonGroup(this))
    , m_off(new QRadioButton(tr("&Off: anyone can download the files"), this))
    , m_auto(new QRadioButton(
          tr("&Automatic approval: access is granted as soon as the form is sent"), this))
    , m_manual(new QRadioButton(tr("&Manual approval: each request waits for a review"), this))
    , m_frequency(new QComboBox(this))
    , m_email(new QLineEdit(this))
    , m_emailProblem(new QLabel(this))
    , m_notificationNote(new QLabel(this))
    , m_orgMembers(new QCheckBox(tr("Members of the organization must request access too"), this))
    , m_orgMembersHelp(new QLabel(this))
    , m_status(new QLabel(this))
    , m_apply(new QPushButton(tr("A&pply"), this))
    , m_revert(new QPushButton(tr("Re&vert"), this))
{
    m_off->setObjectName(QStringLiteral("gatingOff"));
    m_auto->setObjectName(QStringLiteral("gatingAuto"));
    m_manual->setObjectName(QStringLiteral("gatingManual"));
    m_mode->addButton(m_off, int(GatingMode::Off));
    m_mode->addButton(m_auto, int(GatingMode::Auto));
    m_mode->addButton(m_manual, int(GatingMode::Manual));
    m_frequency->setObjectName(QStringLiteral("notificationFrequency"));
    m_frequency->addItem(tr("Once a day"), QStringLiteral("bulk"));
    m_frequency->addItem(tr("Real-time"), QStringLiteral("real-time"));
    m_frequency->setPlaceholderText(tr("Unknown: choose one to set it"));
    m_email->setObjectName(QStringLiteral("notificationEmail"));
    m_email->setClearButtonEnabled(true);
    m_emailProblem->setObjectName(QStringLiteral("emailProblem"));
    m_emailProblem->setWordWrap(true);
    m_emailProblem->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_emailProblem->setVisible(false);
    m_notificationNote->setObjectName(QStringLiteral("notificationNote"));
    m_notificationNote->setWordWrap(true);
    m_notificationNote->setStyleSheet(QStringLiteral("color: gray;"));
    m_orgMembers->setObjectName(QStringLiteral("orgMembersGated"));
    m_orgMembersHelp->setWordWrap(true);
    m_orgMembersHelp->setText(
        tr("When off, members of the organization get access without a request."));
    m_orgMembersHelp->setStyleSheet(QStringLiteral("color: gray;"));
    m_status->setObjectName(QStringLiteral("settingsStatus"));
    m_status->setWordWrap(true);
    m_apply->setObjectName(QStringLiteral("applySettings"));
    m_revert->setObjectName(QStringLiteral("revertSettings"));
    // Enter on a focused button presses that button; anywhere else on the page it applies.
    m_apply->setAutoDefault(true);
    m_revert->setAutoDefault(true);
    auto *save = new QAction(this);
    save->setShortcut(QKeySequence::Save);
    save->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(save);
    connect(save, &QAction::triggered, this, &GatingSettingsPage::apply);

    auto *modeBox = new QGroupBox(tr("Access requests"), this);
    auto *modeLayout = new QVBoxLayout(modeBox);
    for (QRadioButton *button : {m_off, m_auto, m_manual})
        modeLayout->addWidget(button);
    auto *notifyBox = new QGroupBox(tr("Notifications of new requests"), this);
    auto *notifyLayout = new QFormLayout(notifyBox);
    notifyLayout->addRow(m_notificationNote);
    notifyLayout->addRow(tr("&Frequency:"), m_frequency);
    notifyLayout->addRow(tr("&E-mail:"), m_email);
    notifyLayout->addRow(QString(), m_emailProblem);
    auto *orgBox = new QGroupBox(tr("Organization members"), this);
    orgBox->setObjectName(QStringLiteral("orgBox"));
    auto *orgLayout = new QVBoxLayout(orgBox);
    orgLayout->addWidget(m_orgMembers);
    orgLayout->addWidget(m_orgMembersHelp);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_apply);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->addWidget(modeBox);
    layout->addWidget(notifyBox);
    layout->addWidget(orgBox);
    layout->addLayout(buttons);
    layout->addStretch();

    connect(m_mode, &QButtonGroup::idClicked, this, &GatingSettingsPage::updateState);
    connect(m_frequency, &QComboBox::currentIndexChanged, this, &GatingSettingsPage::updateState);
    connect(m_email, &QLineEdit::textChanged, this, &GatingSettingsPage::updateState);
    connect(m_orgMembers, &QCheckBox::toggled, this, &GatingSettingsPage::updateState);
    connect(m_apply, &QPushButton::clicked, this, &GatingSettingsPage::apply);
    connect(m_revert, &QPushButton::clicked, this, &GatingSettingsPage::revert);
}

void GatingSettingsPage::showRepo(const RepoContext &context)
{
    if (m_confirm) {
        // The question was about the previous repo: drop it, nothing is sent.
        m_confirm->disconnect(this);
        m_confirm->close();
        m_confirm = nullptr;
    }
    m_context = context;
    const RepoSummary &repo = context.repo;
    m_known = m_memory.recall(memoryKey());
    if (repo.gating != GatingMode::Unknown)
        m_known.mode = repo.gating; // the list is as fresh as anything we remember
    findChild<QGroupBox *>(QStringLiteral("orgBox"))->setVisible(context.orgRepo);
    m_status->clear();
    revert();
    Q_EMIT loaded(true);
}

QMessageBox *GatingSettingsPage::confirmation() const
{
    return m_confirm;
}

QString GatingSettingsPage::memoryKey() const
{
    return m_client->endpoint().toString() + QLatin1Char(' ') + m_context.repo.key();
}

void GatingSettingsPage::revert()
{
    showConfirmed(m_known);
}

void GatingSettingsPage::showConfirmed(const GatingSettings &settings)
{
    const QSignalBlocker b1(m_frequency), b2(m_email), b3(m_orgMembers);
    m_mode->setExclusive(false);
    for (QAbstractButton *button : m_mode->buttons())
        button->setChecked(settings.mode && m_mode->id(button) == int(*settings.mode));
    m_mode->setExclusive(true);
    m_frequency->setCurrentIndex(
        settings.notificationsMode ? m_frequency->findData(*settings.notificationsMode) : -1);
    m_email->setText(settings.notificationsEmail.value_or(QString()));
    m_orgMembers->setChecked(settings.orgMembersGated.value_or(false));
    updateNotificationNote();
    updateState();
}

void GatingSettingsPage::updateNotificationNote()
{
    // The repo info does not carry these; only the answer to a change does.
    const bool modeKnown = m_known.notificationsMode.has_value();
    const bool emailKnown = m_known.notificationsEmail.has_value();
    QString note;
    if (!modeKnown && !emailKnown)
        note = tr("The Hub does not report the current notification settings; choose values to "
                  "set them.");
    else if (!emailKnown)
        note = tr("The Hub confirmed the frequency when settings were last applied here, but "
                  "does not report the address; enter one to set it.");
    else if (!modeKnown)
        note = tr("The Hub does not report the current frequency; choose one to set it.");
    else
        note = tr("As the Hub confirmed when settings were last applied here.");
    m_notificationNote->setText(note);
}

GatingSettings GatingSettingsPage::pendingChange() const
{
    GatingSettings change;
    const int mode = m_mode->checkedId();
    if (mode >= 0 && (!m_known.mode || int(*m_known.mode) != mode))
        change.mode = static_cast<GatingMode>(mode);
    const QString frequency = m_frequency->currentData().toString();
    if (!frequency.isEmpty() && m_known.notificationsMode.value_or(QString()) != frequency)
        change.notificationsMode = frequency;
    const QString email = m_email->text().trimmed();
    if (!email.isEmpty() && m_known.notificationsEmail.value_or(QString()) != email)
        change.notificationsEmail = email;
    if (m_context.orgRepo && m_orgMembers->isChecked() != m_known.orgMembersGated.value_or(false))
        change.orgMembersGated = m_orgMembers->isChecked();
    return change;
}

void GatingSettingsPage::updateState()
{
    const bool busy = m_job || m_confirm;
    const bool manual = m_manual->isChecked();
    m_frequency->setEnabled(manual && !busy);
    m_email->setEnabled(manual && !busy);
    const QString problem =
        manual ? notificationEmailEditProblem(m_email->text(), m_known.notificationsEmail)
               : QString();
    m_emailProblem->setText(problem);
    m_emailProblem->setVisible(!problem.isEmpty());
    const GatingSettings change = pendingChange();
    const bool changed = change.mode || change.notificationsMode || change.notificationsEmail ||
                         change.orgMembersGated;
    const bool cleared = manual && m_email->text().trimmed().isEmpty() &&
                         !m_known.notificationsEmail.value_or(QString()).isEmpty();
    m_apply->setEnabled(changed && problem.isEmpty() && !busy);
    m_revert->setEnabled((changed || cleared) && !busy);
}

void GatingSettingsPage::keyPressEvent(QKeyEvent *event)
{
    // Line edits, radio buttons and closed combo boxes pass Enter on: it applies the page.
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) &&
        (event->modifiers() | Qt::KeypadModifier) == Qt::KeypadModifier) {
        apply();
        event->accept();
        return;
    }
    RepoPage::keyPressEvent(event);
}

void GatingSettingsPage::apply()
{
    if (m_job || m_confirm)
        return;
    const GatingSettings change = pendingChange();
    const QString problem = validateSettings(change, m_context.orgRepo);
    if (!problem.isEmpty()) {
        m_status->setText(problem);
        return;
    }
    if (!m_apply->isEnabled()) {
        if (m_emailProblem->isVisible())
            m_email->setFocus(Qt::OtherFocusReason); // where the reason is shown
        return;
    }
    const std::optional<GatingConfirmation> question =
        change.mode ? gatingConfirmation(m_known.mode.value_or(GatingMode::Unknown), *change.mode,
                                         m_context.repo.id,
                                         m_context.requestCount
                                             ? m_context.requestCount(QStringLiteral("pending"))
                                             : std::nullopt)
                    : std::nullopt;
    if (!question) {
        send(change);
        return;
    }
    // Window-modal and asynchronous: the answer arrives in the slot below.
    auto *box = new QMessageBox(QMessageBox::Question, question->title, question->text,
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("gatingConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *go = box->addButton(question->confirm, QMessageBox::AcceptRole);
    go->setObjectName(QStringLiteral("confirmGating"));
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(cancel); // Enter must not do what cannot be taken back
    box->setEscapeButton(cancel);
    m_confirm = box;
    connect(box, &QDialog::finished, this, [this, box, go, change] {
        const bool confirmed = box->clickedButton() == go;
        m_confirm = nullptr;
        if (confirmed)
            send(change);
        else
            updateState();
    });
    updateState();
    box->open();
}

void GatingSettingsPage::send(const GatingSettings &change)
{
    m_status->setText(tr("Saving…"));
    m_job = new SettingsUpdateJob(m_client, m_context.repo, change, this);
    m_job->setOrgRepo(m_context.orgRepo);
    const QString key = memoryKey();
    connect(m_job, &SettingsUpdateJob::finished, this, [this, key](SettingsUpdateJob *job) {
        job->deleteLater();
        m_job = nullptr;
        if (job->isOk())
            m_memory.remember(key, job->confirmed());
        if (key != memoryKey())
            return; // another repo is shown now; the answer is kept for when it comes back
        onSaved(job);
    });
    updateState();
    m_job->start();
}

void GatingSettingsPage::onSaved(SettingsUpdateJob *job)
{
    if (!job->isOk()) {
        m_status->setText(job->errorMessage());
        updateState();
        Q_EMIT saved(false);
        return;
    }
    // Show what the Hub says now, not what was asked.
    m_known = m_memory.recall(memoryKey());
    if (!m_known.mode && m_context.repo.gating != GatingMode::Unknown)
        m_known.mode = m_context.repo.gating;
    showConfirmed(m_known);
    m_status->setText(tr("Saved. The Hub confirms: %1.")
                          .arg(gatingModeName(m_known.mode.value_or(GatingMode::Unknown))));
    if (m_known.mode && *m_known.mode != m_context.repo.gating) {
        m_context.repo.gating = *m_known.mode;
        Q_EMIT repoChanged(m_context.repo);
    }
    Q_EMIT saved(true);
}

} // namespace hubgate
