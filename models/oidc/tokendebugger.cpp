#include "tokendebugger.h"

#include "issuerkeysjob.h"
#include "tokenexchangejob.h"

namespace hubgate {

TokenDebugger::TokenDebugger(QNetworkAccessManager *nam, const QUrl &hubUrl, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
{
    m_options.hubUrl = hubUrl;
}

bool TokenDebugger::setInput(const QString &text)
{
    const QString previousIssuer = m_token ? m_token->issuer() : QString();
    m_inputError.clear();
    m_token = decodeJwt(text, &m_inputError);
    if (!m_token || m_token->issuer() != previousIssuer) {
        m_keys.reset();
        m_keysProblem.clear();
    }
    Q_EMIT changed();
    return m_token.has_value();
}

void TokenDebugger::setPublishers(const QList<TrustedPublisher> &publishers)
{
    m_publishers = publishers;
    Q_EMIT changed();
}

void TokenDebugger::setHubUrl(const QUrl &hubUrl)
{
    m_options.hubUrl = hubUrl;
    Q_EMIT changed();
}

void TokenDebugger::setNow(const QDateTime &now)
{
    m_options.now = now;
    Q_EMIT changed();
}

void TokenDebugger::setClockSkewSeconds(int seconds)
{
    m_options.clockSkewSeconds = seconds;
    Q_EMIT changed();
}

void TokenDebugger::setKeys(const QByteArray &jwks)
{
    m_keys = jwks;
    m_keysProblem.clear();
    Q_EMIT changed();
}

TokenExplanation TokenDebugger::explanation() const
{
    if (!m_token)
        return {};
    const SignatureCheck signature = m_keys ? verifySignature(*m_token, *m_keys) : signatureNotVerified(m_keysProblem);
    return explainToken(*m_token, m_publishers, m_options, signature);
}

void TokenDebugger::fetchKeys()
{
    if (!m_token || m_keysJob)
        return;
    auto *job = new IssuerKeysJob(m_nam, m_token->issuer(), this);
    m_keysJob = job;
    connect(job, &IssuerKeysJob::finished, this, [this](IssuerKeysJob *finished) {
        finished->deleteLater();
        m_keysJob = nullptr;
        if (finished->isOk()) {
            m_keys = finished->jwks();
            m_keysProblem.clear();
        } else {
            m_keysProblem = tr("the issuer's keys could not be fetched: %1").arg(finished->error());
        }
        Q_EMIT keysFetched(finished->isOk(), finished->error());
        Q_EMIT changed();
    });
    job->start();
}

bool TokenDebugger::isFetchingKeys() const
{
    return !m_keysJob.isNull();
}

void TokenDebugger::tryExchange(const QString &resource)
{
    if (!m_token)
        return;
    if (m_exchange)
        m_exchange->deleteLater();
    auto *job = new TokenExchangeJob(m_nam, m_options.hubUrl, m_token->raw, resource, this);
    m_exchange = job;
    connect(job, &TokenExchangeJob::finished, this, &TokenDebugger::exchangeFinished);
    job->start();
}

} // namespace hubgate
