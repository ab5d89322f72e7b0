#include "tokendebuggerview.h"

#include "hub/hubclient.h"
#include "oidc/tokenexchangejob.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTimeZone>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hubgate {

namespace {

QLabel *wrappingLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QTreeWidget *tree(const QString &name, const QStringList &headers, QWidget *parent)
{
    auto *view = new QTreeWidget(parent);
    view->setObjectName(name);
    view->setHeaderLabels(headers);
    view->setRootIsDecorated(false);
    view->setTextElideMode(Qt::ElideMiddle); // long issuers keep their host and path ends
    view->header()->setSectionResizeMode(QHeaderView::Interactive);
    return view;
}

void colourVerdict(QTreeWidgetItem *item, int column, bool ok)
{
    item->setForeground(column, ok ? QColor(0x1b, 0x7f, 0x3b) : QColor(0xb0, 0x00, 0x20));
}

// The claims' times are numbers; the decoded view names them as dates too.
QString decodedText(const DecodedJwt &token)
{
    QString text = QLatin1String("// header\n") + QString::fromUtf8(QJsonDocument(token.header).toJson()) +
                   QLatin1String("// claims\n") + QString::fromUtf8(QJsonDocument(token.claims).toJson());
    for (const char *name : {"iat", "nbf", "exp"}) {
        const QJsonValue value = token.claims.value(QLatin1String(name));
        if (value.isDouble())
            text += QStringLiteral("// %1 = %2\n")
                        .arg(QLatin1String(name),
                             QDateTime::fromSecsSinceEpoch(qint64(value.toDouble()), QTimeZone::utc()).toString(Qt::ISODate));
    }
    return text;
}

} // namespace

TokenDebuggerView::TokenDebuggerView(HubClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_debugger(new TokenDebugger(client->networkAccessManager(), client->endpoint(), this))
    , m_input(new QPlainTextEdit(this))
    , m_inputStatus(wrappingLabel(QStringLiteral("tokenInputStatus"), this))
    , m_decoded(new QPlainTextEdit(this))
    , m_checks(tree(QStringLiteral("tokenChecks"), {tr("Check"), tr("Result"), tr("Detail")}, this))
    , m_comparison(tree(QStringLiteral("claimComparison"),
                        {tr("Claim"), tr("Expected"), tr("Actual"), tr("Derived from"), tr("Verdict")}, this))
    , m_verdict(wrappingLabel(QStringLiteral("tokenVerdict"), this))
    , m_fetchKeys(new QPushButton(tr("&Fetch the Issuer's Keys"), this))
    , m_exchange(new QPushButton(tr("&Try the Exchange"), this))
    , m_result(wrappingLabel(QStringLiteral("exchangeResult"), this))
{
    m_input->setObjectName(QStringLiteral("tokenInput"));
    m_input->setPlaceholderText(tr("Paste an OIDC ID token, or a CI log excerpt that contains one. It is decoded "
                                   "on this computer and sent nowhere unless you press a button below."));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_input->setFont(mono);
    m_decoded->setObjectName(QStringLiteral("decodedToken"));
    m_decoded->setReadOnly(true);
    m_decoded->setFont(mono);
    m_comparison->setRootIsDecorated(true);
    m_fetchKeys->setObjectName(QStringLiteral("fetchKeys"));
    m_exchange->setObjectName(QStringLiteral("tryExchange"));
    m_fetchKeys->setToolTip(tr("Downloads the issuer's discovery document and public keys to check the signature. "
                               "The token itself is not sent."));
    m_exchange->setToolTip(tr("Sends the token to the Hub's /oauth/token, as a CI job would."));

    auto *verdictPane = new QWidget(this);
    auto *verdictLayout = new QVBoxLayout(verdictPane);
    verdictLayout->setContentsMargins(0, 0, 0, 0);
    verdictLayout->addWidget(m_verdict);
    auto *trees = new QSplitter(Qt::Vertical, verdictPane);
    trees->addWidget(m_checks);
    trees->addWidget(m_comparison);
    trees->setStretchFactor(1, 2);
    verdictLayout->addWidget(trees, 1);
    auto *details = new QTabWidget(this);
    details->setObjectName(QStringLiteral("debuggerTabs"));
    details->addTab(verdictPane, tr("Verdict"));
    details->addTab(m_decoded, tr("Decoded Token"));

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_input, 1);
    topLayout->addWidget(m_inputStatus);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(details);
    split->setStretchFactor(1, 3);
    split->setSizes({110, 400});

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_result, 1);
    buttons->addWidget(m_fetchKeys);
    buttons->addWidget(m_exchange);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addLayout(buttons);

    connect(m_input, &QPlainTextEdit::textChanged, this, [this] {
        m_debugger->setInput(m_input->toPlainText());
        m_result->clear();
    });
    connect(m_debugger, &TokenDebugger::changed, this, &TokenDebuggerView::refresh);
    connect(m_debugger, &TokenDebugger::keysFetched, this, [this](bool ok, const QString &error) {
        m_result->setText(ok ? tr("The issuer's keys were fetched; the signature is checked with them.")
                             : tr("The issuer's keys could not be fetched: %1").arg(error));
    });
    connect(m_fetchKeys, &QPushButton::clicked, this, [this] {
        m_result->setText(tr("Fetching the keys of %1…").arg(m_debugger->token()->issuer()));
        m_debugger->fetchKeys();
        refresh();
    });
    connect(m_exchange, &QPushButton::clicked, this, [this] {
        m_result->setText(tr("Sending the token to %1…").arg(m_client->endpoint().toString()));
        m_exchange->setEnabled(false);
        m_debugger->tryExchange(m_resource);
    });
    connect(m_debugger, &TokenDebugger::exchangeFinished, this, &TokenDebuggerView::onExchange);
    refresh();
}

void TokenDebuggerView::setPublishers(const QList<TrustedPublisher> &publishers)
{
    m_debugger->setPublishers(publishers);
}

void TokenDebuggerView::setResource(const QString &resource, const QString &displayName)
{
    m_resource = resource;
    m_resourceName = displayName;
    m_debugger->setHubUrl(m_client->endpoint());
    m_result->clear();
    refresh();
}

QString TokenDebuggerView::verdictText() const
{
    return m_verdict->text();
}

QString TokenDebuggerView::exchangeResult() const
{
    return m_result->text();
}

void TokenDebuggerView::refresh()
{
    const bool hasToken = m_debugger->hasToken();
    m_fetchKeys->setEnabled(hasToken && !m_debugger->isFetchingKeys());
    m_exchange->setEnabled(hasToken && !m_resource.isEmpty());
    m_checks->clear();
    m_comparison->clear();
    if (!hasToken) {
        m_inputStatus->setText(m_input->toPlainText().trimmed().isEmpty() ? QString() : m_debugger->inputError());
        m_decoded->clear();
        m_verdict->clear();
        return;
    }
    m_inputStatus->setText(tr("Decoded on this computer; nothing was sent."));
    const TokenExplanation explanation = m_debugger->explanation();
    m_decoded->setPlainText(decodedText(explanation.token));
    for (const TokenCheck &check : explanation.checks) {
        auto *item = new QTreeWidgetItem(m_checks, {check.name, check.ok ? tr("ok") : tr("fails"), check.detail});
        item->setToolTip(2, check.detail);
        colourVerdict(item, 1, check.ok);
    }
    for (const PublisherMatch &match : explanation.publishers) {
        const TrustedPublisher &p = match.publisher;
        // One line per publisher across the columns, its claims below.
        auto *top = new QTreeWidgetItem(m_comparison);
        top->setText(ClaimColumn, tr("%1 (%2): %3")
                                      .arg(providerDisplayName(p.provider), p.claimsText(),
                                           match.matches ? tr("matches") : tr("does not match")));
        top->setFirstColumnSpanned(true);
        colourVerdict(top, ClaimColumn, match.matches);
        for (const ClaimComparison &c : match.claims) {
            auto *row = new QTreeWidgetItem(top);
            row->setText(ClaimColumn, c.name);
            row->setText(ExpectedColumn, c.expected);
            row->setText(ActualColumn, c.present ? c.actual : tr("(absent)"));
            row->setText(DerivedColumn, c.derivedFrom);
            row->setText(VerdictColumn, c.ok ? tr("ok") : c.explanation);
            row->setToolTip(VerdictColumn, c.explanation);
            colourVerdict(row, VerdictColumn, c.ok);
        }
        top->setExpanded(true);
    }
    for (QTreeWidget *view : {m_checks, m_comparison})
        for (int column = 0; column + 1 < view->columnCount(); ++column) {
            view->resizeColumnToContents(column);
            view->setColumnWidth(column, qMin(view->columnWidth(column), 260)); // long values elide
        }

    QStringList lines;
    if (explanation.publishers.isEmpty())
        lines << tr("There is no publisher to compare the token with.");
    if (explanation.accepted())
        lines << tr("The Hub would accept this token for %1.").arg(m_resourceName);
    lines += explanation.sentences();
    m_verdict->setText(lines.join(QLatin1Char('\n')));
}

void TokenDebuggerView::onExchange(TokenExchangeJob *job)
{
    m_exchange->setEnabled(m_debugger->hasToken());
    m_result->setText(job->summary());
    Q_EMIT exchangeDone(job->isOk());
}

} // namespace hubgate
