#include "repooverviewpage.h"

#include "access/gateform.h"
#include "hub/hubclient.h"
#include "hub/repoinfo.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace hubgate {

RepoOverviewPage::RepoOverviewPage(HubClient *client, QWidget *parent)
    : RepoPage(parent)
    , m_client(client)
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_status(new QLabel(this))
    , m_formLayout(new QFormLayout)
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(QStringLiteral("repoTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle->setObjectName(QStringLiteral("repoSubtitle"));
    m_status->setObjectName(QStringLiteral("repoStatus"));
    m_status->setWordWrap(true);
    m_formLayout->setLabelAlignment(Qt::AlignRight);
    m_formLayout->setHorizontalSpacing(16);
    m_formLayout->setVerticalSpacing(10);
    m_gating = addRow(tr("Access requests:"), QStringLiteral("gating"));
    m_form = addRow(tr("Gate form:"), QStringLiteral("gateForm"));
    m_commit = addRow(tr("Head commit:"), QStringLiteral("headCommit"));
    m_stats = addRow(tr("Popularity:"), QStringLiteral("stats"));
    m_link = addRow(tr("On the Hub:"), QStringLiteral("hubLink"));
    m_link->setOpenExternalLinks(true);
    m_link->setTextInteractionFlags(Qt::TextBrowserInteraction);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addSpacing(16);
    layout->addLayout(m_formLayout);
    layout->addSpacing(12);
    layout->addWidget(m_status);
    layout->addStretch();
}

QLabel *RepoOverviewPage::addRow(const QString &label, const QString &objectName)
{
    auto *value = new QLabel(this);
    value->setObjectName(objectName);
    value->setWordWrap(true);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_formLayout->addRow(label, value);
    return value;
}

void RepoOverviewPage::showRepo(const RepoContext &context)
{
    m_repo = context.repo;
    load();
}

void RepoOverviewPage::reload()
{
    if (!m_repo.id.isEmpty())
        load();
}

void RepoOverviewPage::load()
{
    const RepoSummary &repo = m_repo;
    if (m_job)
        m_job->cancel(); // the answer would be about the previous repo
    m_title->setText(repo.id);
    m_subtitle->setText(tr("%1 · %2").arg(repo.kind == RepoKind::Model ? tr("Model") : tr("Dataset"),
                                          repo.isPrivate ? tr("Private") : tr("Public")));
    switch (repo.gating) {
    case GatingMode::Off: m_gating->setText(tr("Not gated: anyone can download the files.")); break;
    case GatingMode::Auto: m_gating->setText(tr("Gated, automatic approval: requests are accepted at once.")); break;
    case GatingMode::Manual: m_gating->setText(tr("Gated, manual approval: each request waits for a review.")); break;
    case GatingMode::Unknown: m_gating->setText(tr("Gated (%1)").arg(repo.gatingText)); break;
    }
    m_form->setText(tr("Loading…"));
    m_commit->setText(tr("Loading…"));
    m_stats->setText(tr("%1 likes · %2 downloads")
                         .arg(QLocale().toString(repo.likes), QLocale().toString(repo.downloads)));
    const QUrl web = m_client->url(repo.webPath());
    m_link->setText(QStringLiteral("<a href=\"%1\">%2</a>")
                        .arg(web.toString(QUrl::FullyEncoded).toHtmlEscaped(),
                             web.toDisplayString().toHtmlEscaped()));
    m_status->clear();
    m_job = m_client->get(repo.apiPath(), {}, repo.id);
    connect(m_job, &HubJob::finished, this, &RepoOverviewPage::onInfo);
}

void RepoOverviewPage::onInfo(HubJob *job)
{
    if (job != m_job || job->error().kind == HubError::Kind::Cancelled)
        return;
    m_job = nullptr;
    if (!job->isOk()) {
        m_form->setText(tr("—"));
        m_commit->setText(tr("—"));
        m_status->setText(job->error().message());
        Q_EMIT loaded(false);
        return;
    }
    QString error;
    const auto info = parseRepoInfo(job->body(), m_repo.kind, &error);
    if (!info) {
        m_form->setText(tr("—")); // not "Loading…": nothing more is coming
        m_commit->setText(tr("—"));
        m_status->setText(tr("The Hub's answer could not be read: %1").arg(error));
        Q_EMIT loaded(false);
        return;
    }
    QStringList fields;
    for (const GateField &field : parseGateFields(job->body()))
        fields.append(field.name);
    const bool hasPrompt = info->cardData.contains(QLatin1String("extra_gated_prompt"));
    if (fields.isEmpty())
        m_form->setText(hasPrompt ? tr("A custom prompt; no extra fields (name and e-mail only).")
                                  : tr("The Hub's default form (name and e-mail only)."));
    else
        m_form->setText(tr("%Ln extra field(s): %1", nullptr, int(fields.size()))
                            .arg(QLocale().createSeparatedList(fields)));
    m_commit->setText(tr("%1 · %Ln file(s)", nullptr, int(info->files.size())).arg(info->sha.left(12)));
    Q_EMIT loaded(true);
}

} // namespace hubgate
