#include "gatingsettingspage.h"

#include <QAction>
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace hubgate {

GatingSettingsPage::GatingSettingsPage(HubClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_mode(new QButtonGroup(this))
    , m_off(new QRadioButton(tr("&Off: anyone can download the files"), this))
    , m_auto(new QRadioButton(tr("&Automatic approval: access is granted as soon as the form is sent"), this))
    , m_manual(new QRadioButton(tr("&Manual approval: each request waits for a review"), this))
    , m_frequency(new QComboBox(this))
    , m_email(new QLineEdit(this))
    , m_emailProblem(new QLabel(this))
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
    m_frequency->setPlaceholderText(tr("Not reported by the Hub until changed"));
    m_email->setObjectName(QStringLiteral("notificationEmail"));
    m_email->setClearButtonEnabled(true);
    m_emailProblem->setObjectName(QStringLiteral("emailProblem"));
    m_emailProblem->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_orgMembers->setObjectName(QStringLiteral("orgMembersGated"));
    m_orgMembersHelp->setWordWrap(true);
    m_orgMembersHelp->setText(tr("When off, members of the organization get access without a request."));
    m_orgMembersHelp->setStyleSheet(QStringLiteral("color: gray;"));
    m_status->setObjectName(QStringLiteral("settingsStatus"));
    m_status->setWordWrap(true);
    m_apply->setObjectName(QStringLiteral("applySettings"));
    m_apply->setDefault(true);
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

void GatingSettingsPage::showRepo(const RepoSummary &repo, bool orgRepo)
{
    m_repo = repo;
    m_orgRepo = orgRepo;
    m_known = GatingSettings();
    if (repo.gating != GatingMode::Unknown)
        m_known.mode = repo.gating;
    m_email->setPlaceholderText(orgRepo ? tr("Default: the first five admins of the organization")
                                        : tr("Default: your primary e-mail address"));
    findChild<QGroupBox *>(QStringLiteral("orgBox"))->setVisible(orgRepo);
    m_status->clear();
    revert();
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
    m_frequency->setCurrentIndex(settings.notificationsMode ? m_frequency->findData(*settings.notificationsMode) : -1);
    m_email->setText(settings.notificationsEmail.value_or(QString()));
    m_orgMembers->setChecked(settings.orgMembersGated.value_or(false));
    updateState();
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
    if (m_orgRepo && m_orgMembers->isChecked() != m_known.orgMembersGated.value_or(false))
        change.orgMembersGated = m_orgMembers->isChecked();
    return change;
}

void GatingSettingsPage::updateState()
{
    const bool manual = m_manual->isChecked();
    m_frequency->setEnabled(manual && !m_job);
    m_email->setEnabled(manual && !m_job);
    const QString email = m_email->text().trimmed();
    const bool emailOk = email.isEmpty() || isValidNotificationEmail(email);
    m_emailProblem->setText(emailOk ? QString() : tr("The Hub will not accept this address."));
    const GatingSettings change = pendingChange();
    const bool changed = change.mode || change.notificationsMode || change.notificationsEmail ||
                         change.orgMembersGated;
    m_apply->setEnabled(changed && emailOk && !m_job);
    m_revert->setEnabled(changed && !m_job);
}

void GatingSettingsPage::apply()
{
    const GatingSettings change = pendingChange();
    const QString problem = validateSettings(change, m_orgRepo);
    if (!problem.isEmpty()) {
        m_status->setText(problem);
        return;
    }
    if (!m_apply->isEnabled())
        return;
    m_status->setText(tr("Saving…"));
    m_job = new SettingsUpdateJob(m_client, m_repo, change, this);
    connect(m_job, &SettingsUpdateJob::finished, this, [this](SettingsUpdateJob *job) {
        m_job = nullptr;
        job->deleteLater();
        if (!job->isOk()) {
            m_status->setText(job->error().message());
            updateState();
            Q_EMIT saved(false);
            return;
        }
        // Show what the Hub says now, not what was asked.
        const GatingSettings &confirmed = job->confirmed();
        if (confirmed.mode)
            m_known.mode = confirmed.mode;
        if (confirmed.notificationsMode)
            m_known.notificationsMode = confirmed.notificationsMode;
        if (confirmed.notificationsEmail)
            m_known.notificationsEmail = confirmed.notificationsEmail;
        if (confirmed.orgMembersGated)
            m_known.orgMembersGated = confirmed.orgMembersGated;
        showConfirmed(m_known);
        m_status->setText(tr("Saved. The Hub confirms: %1.").arg(gatingModeName(m_known.mode.value_or(GatingMode::Unknown))));
        if (m_known.mode && *m_known.mode != m_repo.gating) {
            m_repo.gating = *m_known.mode;
            Q_EMIT repoChanged(m_repo);
        }
        Q_EMIT saved(true);
    });
    updateState();
    m_job->start();
}

} // namespace hubgate
