#include "signindialog.h"

#include "common/drawnicons.h"
#include "hub/endpoint.h"
#include "hub/hubclient.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace hubgate {

SignInDialog::SignInDialog(QNetworkAccessManager *nam, const QUrl &endpoint,
                           const QList<DiscoveredToken> &foundTokens, QWidget *parent)
    : QDialog(parent)
    , m_client(new HubClient(nam, endpoint, this))
    , m_found(foundTokens)
    , m_initialEndpoint(endpoint)
    , m_hubEdit(new QLineEdit(this))
    , m_hubProblem(new QLabel(this))
    , m_intro(new QLabel(this))
    , m_tokenEdit(new QLineEdit(this))
    , m_notice(new QLabel(this))
    , m_sourceLabel(new QLabel(this))
    , m_result(new QLabel(this))
    , m_retry(new QPushButton(tr("&Retry"), this))
    , m_warning(new QLabel(this))
    , m_remember(new QCheckBox(tr("&Remember this token in the system keychain"), this))
    , m_rememberNote(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Sign in to the Hub"));
    setMinimumWidth(520);
    RetryPolicy quick;
    quick.maxAttempts = 2; // a person is waiting
    m_client->setRetryPolicy(quick);

    m_intro->setWordWrap(true);
    m_intro->setText(tr("Paste an access token for <b>%1</b>. HubGate checks it with the Hub "
                        "before signing in. Reviewing access requests needs a <i>write</i> "
                        "token or a fine-grained token with <i>repo.write</i>.")
                         .arg(endpoint.toDisplayString().toHtmlEscaped()));
    m_hubEdit->setObjectName(QStringLiteral("hubAddress"));
    m_hubEdit->setText(endpoint.toDisplayString());
    m_hubProblem->setObjectName(QStringLiteral("hubAddressProblem"));
    m_hubProblem->setWordWrap(true);
    m_hubProblem->setVisible(false);
    m_notice->setWordWrap(true);
    m_notice->setVisible(false);
    m_tokenEdit->setEchoMode(QLineEdit::Password);
    m_tokenEdit->setPlaceholderText(tr("hf_…"));
    m_tokenEdit->setObjectName(QStringLiteral("tokenEdit"));
    // Drawn when the icon theme has no eye: without an icon the action would be invisible.
    QAction *reveal = m_tokenEdit->addAction(QIcon::fromTheme(QStringLiteral("view-visible"), eyeIcon(false)),
                                             QLineEdit::TrailingPosition);
    reveal->setObjectName(QStringLiteral("revealToken"));
    reveal->setCheckable(true);
    reveal->setToolTip(tr("Show the token"));
    connect(reveal, &QAction::toggled, this, [this, reveal](bool on) {
        m_tokenEdit->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password);
        reveal->setIcon(on ? QIcon::fromTheme(QStringLiteral("view-hidden"), eyeIcon(true))
                           : QIcon::fromTheme(QStringLiteral("view-visible"), eyeIcon(false)));
        reveal->setToolTip(on ? tr("Hide the token") : tr("Show the token"));
    });

    auto *form = new QFormLayout;
    form->addRow(tr("&Hub address:"), m_hubEdit);
    form->addRow(QString(), m_hubProblem);
    if (!m_found.isEmpty()) {
        m_foundBox = new QComboBox(this);
        m_foundBox->setObjectName(QStringLiteral("foundTokens"));
        m_foundBox->addItem(tr("Paste a token below"));
        for (const DiscoveredToken &found : std::as_const(m_found))
            m_foundBox->addItem(tr("%1 — %2").arg(maskToken(found.token), describeSource(found)));
        form->addRow(tr("&Found on this computer:"), m_foundBox);
        connect(m_foundBox, &QComboBox::currentIndexChanged, this,
                &SignInDialog::onFoundTokenChosen);
    }
    form->addRow(tr("&Token:"), m_tokenEdit);
    m_sourceLabel->setObjectName(QStringLiteral("sourceLabel"));
    form->addRow(QString(), m_sourceLabel);

    m_result->setObjectName(QStringLiteral("result"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setMinimumHeight(64);
    m_result->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_retry->setObjectName(QStringLiteral("retryCheck"));
    m_retry->setAutoDefault(false);
    m_retry->setVisible(false);
    connect(m_retry, &QPushButton::clicked, this, &SignInDialog::check);
    m_warning->setObjectName(QStringLiteral("warning"));
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("color: #9a5b00;"));
    m_warning->setVisible(false);
    m_remember->setObjectName(QStringLiteral("rememberToken"));
    m_remember->setChecked(true);
    m_rememberNote->setObjectName(QStringLiteral("rememberNote"));
    m_rememberNote->setWordWrap(true);
    m_rememberNote->setStyleSheet(QStringLiteral("color: gray;"));
    connect(m_remember, &QCheckBox::toggled, this, &SignInDialog::updateRemember);

    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Sign in"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("signInButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_notice);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    auto *resultRow = new QHBoxLayout;
    resultRow->addWidget(m_result, 1);
    resultRow->addWidget(m_retry, 0, Qt::AlignTop);
    layout->addLayout(resultRow);
    layout->addWidget(m_warning);
    layout->addWidget(m_remember);
    layout->addWidget(m_rememberNote);
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
    m_hubDebounce.setSingleShot(true);
    m_hubDebounce.setInterval(350);
    connect(&m_hubDebounce, &QTimer::timeout, this, &SignInDialog::onHubAddressEdited);
    connect(m_hubEdit, &QLineEdit::textEdited, this, [this] {
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false); // until the address is read
        m_hubDebounce.start();
    });
    updateRemember();
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
    return m_remember->isEnabled() && m_remember->isChecked();
}

void SignInDialog::setKeychainAvailable(bool available, const QString &reason)
{
    m_keychainReason = available
                           ? QString()
                           : (reason.isEmpty() ? tr("No system keychain is available.") : reason);
    m_remember->setEnabled(available);
    m_remember->setChecked(available);
    updateRemember();
}

void SignInDialog::updateRemember()
{
    // Say "session only" exactly when it is true.
    QString note;
    if (!m_keychainReason.isEmpty())
        note = tr("%1 The token is kept in memory for this session only and never written to disk: "
                  "you will enter it again next time.").arg(m_keychainReason);
    else if (!m_remember->isChecked())
        note = tr("The token is kept for this session only: you will enter it again next time.");
    m_rememberNote->setText(note);
    m_rememberNote->setVisible(!note.isEmpty());
}

void SignInDialog::setEndpointLocked(const QString &reason)
{
    m_hubEdit->setReadOnly(true);
    m_hubDebounce.stop();
    m_hubProblem->setStyleSheet(QStringLiteral("color: gray;"));
    m_hubProblem->setText(reason);
    m_hubProblem->setVisible(!reason.isEmpty());
}

QUrl SignInDialog::endpoint() const
{
    return m_client->endpoint();
}

void SignInDialog::focusHubAddress()
{
    m_hubEdit->setFocus(Qt::OtherFocusReason);
    m_hubEdit->selectAll();
}

void SignInDialog::onHubAddressEdited()
{
    // Read as chooseEndpoint() reads a preference: what a person types, without trailing slashes.
    QUrl url = QUrl::fromUserInput(m_hubEdit->text().trimmed());
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path);
    const QString problem = m_hubEdit->text().trimmed().isEmpty()
                                ? tr("Enter the address of the Hub, like https://huggingface.co.")
                                : endpointProblem(url);
    m_hubProblem->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_hubProblem->setText(problem);
    m_hubProblem->setVisible(!problem.isEmpty());
    if (!problem.isEmpty()) {
        updateOkButton();
        return;
    }
    if (url != m_client->endpoint()) {
        m_client->setEndpoint(url);
        m_intro->setText(tr("Paste an access token for <b>%1</b>. HubGate checks it with the Hub "
                            "before signing in. Reviewing access requests needs a <i>write</i> "
                            "token or a fine-grained token with <i>repo.write</i>.")
                             .arg(url.toDisplayString().toHtmlEscaped()));
        // A check against the previous Hub says nothing about this one.
        onTokenEdited();
        if (!m_tokenEdit->text().trimmed().isEmpty()) {
            m_debounce.stop();
            check();
        }
    }
    updateOkButton();
}

void SignInDialog::updateOkButton()
{
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    const bool addressOk = m_hubProblem->isHidden() || m_hubEdit->isReadOnly();
    const bool noToken = m_tokenEdit->text().trimmed().isEmpty();
    // A new Hub without a token: go there and use the token stored for it, if any.
    const bool switchOnly = noToken && endpointChanged();
    ok->setText(switchOnly ? tr("&Use This Hub") : tr("&Sign in"));
    ok->setEnabled(addressOk && !m_hubDebounce.isActive() &&
                   (switchOnly || !m_checkedToken.isEmpty()));
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
    m_checkedToken.clear();
    updateOkButton();
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
    m_retry->setVisible(false);
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
        // Worth another try only when the Hub did not answer, not when it refused the token.
        const HubError::Kind kind = job->error().kind;
        m_retry->setVisible(kind == HubError::Kind::Network || kind == HubError::Kind::Timeout ||
                            kind == HubError::Kind::Server || kind == HubError::Kind::RateLimited);
        return;
    }
    QString error;
    const auto account = parseWhoami(job->body(), &error);
    if (!account) {
        showState(tr("The Hub's answer could not be read: %1").arg(error),
                  QStringLiteral("color: #b00020;"));
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
    updateOkButton();
}

void SignInDialog::showState(const QString &text, const QString &style)
{
    m_result->setStyleSheet(style);
    m_result->setText(text);
}

} // namespace hubgate
