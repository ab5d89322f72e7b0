#include "signindialog.h"

#include "hub/hubclient.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace hubgate {

SignInDialog::SignInDialog(QNetworkAccessManager *nam, const QUrl &endpoint,
                           const QList<DiscoveredToken> &foundTokens, QWidget *parent)
    : QDialog(parent)
    , m_client(new HubClient(nam, endpoint, this))
    , m_found(foundTokens)
    , m_tokenEdit(new QLineEdit(this))
    , m_notice(new QLabel(this))
    , m_sourceLabel(new QLabel(this))
    , m_result(new QLabel(this))
    , m_warning(new QLabel(this))
    , m_remember(new QCheckBox(tr("&Remember this token in the system keychain"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Sign in to the Hub"));
    setMinimumWidth(520);
    RetryPolicy quick;
    quick.maxAttempts = 2; // a person is waiting
    m_client->setRetryPolicy(quick);

    auto *intro = new QLabel(tr("Paste an access token for <b>%1</b>. HubGate checks it with the Hub "
                                "before signing in. Reviewing access requests needs a <i>write</i> "
                                "token or a fine-grained token with <i>repo.write</i>.")
                                 .arg(endpoint.toDisplayString().toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    m_notice->setWordWrap(true);
    m_notice->setVisible(false);
    m_tokenEdit->setEchoMode(QLineEdit::Password);
    m_tokenEdit->setPlaceholderText(tr("hf_…"));
    m_tokenEdit->setObjectName(QStringLiteral("tokenEdit"));
    QAction *reveal = m_tokenEdit->addAction(QIcon::fromTheme(QStringLiteral("view-visible")),
                                             QLineEdit::TrailingPosition);
    reveal->setCheckable(true);
    reveal->setToolTip(tr("Show the token"));
    connect(reveal, &QAction::toggled, this, [this](bool on) {
        m_tokenEdit->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password);
    });

    auto *form = new QFormLayout;
    if (!m_found.isEmpty()) {
        m_foundBox = new QComboBox(this);
        m_foundBox->setObjectName(QStringLiteral("foundTokens"));
        m_foundBox->addItem(tr("Paste a token below"));
        for (const DiscoveredToken &found : std::as_const(m_found))
            m_foundBox->addItem(tr("%1 — %2").arg(maskToken(found.token), describeSource(found)));
        form->addRow(tr("&Found on this computer:"), m_foundBox);
        connect(m_foundBox, &QComboBox::currentIndexChanged, this, &SignInDialog::onFoundTokenChosen);
    }
    form->addRow(tr("&Token:"), m_tokenEdit);
    m_sourceLabel->setObjectName(QStringLiteral("sourceLabel"));
    form->addRow(QString(), m_sourceLabel);

    m_result->setObjectName(QStringLiteral("result"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setMinimumHeight(64);
    m_result->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_warning->setObjectName(QStringLiteral("warning"));
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("color: #9a5b00;"));
    m_warning->setVisible(false);
    m_remember->setChecked(true);

    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Sign in"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_notice);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_result);
    layout->addWidget(m_warning);
    layout->addWidget(m_remember);
    layout->addStretch();
    layout->addWidget(m_buttons);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(350);
    connect(&m_debounce, &QTimer::timeout, this, &SignInDialog::check);
    connect(m_tokenEdit, &QLineEdit::textEdited, this, [this] {
        m_source = tr("pasted");
        m_sourceLabel->clear();
        if (m_foundBox)
            m_foundBox->setCurrentIndex(0);
        onTokenEdited();
    });
    showState(tr("Waiting for a token."), QString());
    if (m_foundBox && m_found.size() >= 1)
        m_foundBox->setCurrentIndex(1);
}

QString SignInDialog::token() const
{
    return m_checkedToken;
}

bool SignInDialog::rememberToken() const
{
    return m_remember->isChecked();
}

void SignInDialog::setNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

void SignInDialog::onFoundTokenChosen(int index)
{
    if (index <= 0 || index > m_found.size())
        return;
    const DiscoveredToken &found = m_found[index - 1];
    m_tokenEdit->setText(found.token);
    m_source = describeSource(found);
    m_sourceLabel->setText(tr("Token %1.").arg(m_source));
    onTokenEdited();
    m_debounce.stop();
    check();
}

void SignInDialog::onTokenEdited()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_checkedToken.clear();
    m_warning->setVisible(false);
    if (m_job)
        m_job->cancel(); // its answer would be about another token
    const QString text = m_tokenEdit->text().trimmed();
    if (text.isEmpty()) {
        showState(tr("Waiting for a token."), QString());
        return;
    }
    if (!looksLikeUserToken(text))
        showState(tr("This does not look like a Hub user token (hf_ followed by 34 letters and "
                     "digits). HubGate will check it anyway."),
                  QStringLiteral("color: #9a5b00;"));
    m_debounce.start();
}

void SignInDialog::check()
{
    const QString text = m_tokenEdit->text().trimmed();
    if (text.isEmpty())
        return;
    if (m_job)
        m_job->cancel();
    showState(tr("Checking the token with the Hub…"), QString());
    m_client->setToken(text);
    m_job = m_client->get(QStringLiteral("/api/whoami-v2"), {}, tr("your account"));
    m_job->setProperty("token", text);
    connect(m_job, &HubJob::finished, this, &SignInDialog::onChecked);
}

void SignInDialog::onChecked(HubJob *job)
{
    if (job != m_job || job->error().kind == HubError::Kind::Cancelled)
        return; // a newer check is under way
    m_job = nullptr;
    if (!job->isOk()) {
        showState(job->error().message(), QStringLiteral("color: #b00020;"));
        return;
    }
    QString error;
    const auto account = parseWhoami(job->body(), &error);
    if (!account) {
        showState(tr("The Hub's answer could not be read: %1").arg(error), QStringLiteral("color: #b00020;"));
        return;
    }
    m_account = *account;
    m_checkedToken = job->property("token").toString();
    QStringList orgs;
    for (const OrgMembership &org : std::as_const(m_account.orgs))
        orgs.append(tr("%1 (%2)").arg(org.name.toHtmlEscaped(), org.role.toHtmlEscaped()));
    showState(tr("<b>%1</b> (%2)<br>Organizations: %3<br>Token: “%4”, role <b>%5</b>")
                  .arg(m_account.fullname.toHtmlEscaped(), m_account.name.toHtmlEscaped(),
                       orgs.isEmpty() ? tr("none") : orgs.join(QStringLiteral(", ")),
                       m_account.tokenName.toHtmlEscaped(), m_account.tokenRole.toHtmlEscaped()),
              QString());
    const QString warning = m_account.tokenWarning();
    m_warning->setText(warning);
    m_warning->setVisible(!warning.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
}

void SignInDialog::showState(const QString &text, const QString &style)
{
    m_result->setStyleSheet(style);
    m_result->setText(text);
}

} // namespace hubgate
