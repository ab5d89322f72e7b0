#include "tokenexchangejob.h"

#include "hub/hubjob.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace hubgate {

TokenExchangeJob::TokenExchangeJob(QNetworkAccessManager *nam, const QUrl &hubUrl, const QByteArray &idToken,
                                   const QString &resource, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_hubUrl(hubUrl)
    , m_idToken(idToken)
    , m_resource(resource)
{
}

TokenExchangeJob::~TokenExchangeJob()
{
    if (m_job)
        m_job->cancel();
}

void TokenExchangeJob::start()
{
    const QJsonObject body{
        {QStringLiteral("grant_type"), QStringLiteral("urn:ietf:params:oauth:grant-type:token-exchange")},
        {QStringLiteral("subject_token_type"), QStringLiteral("urn:ietf:params:oauth:token-type:id_token")},
        {QStringLiteral("subject_token"), QString::fromLatin1(m_idToken)},
        {QStringLiteral("resource"), m_resource},
    };
    HubRequest request;
    request.method = "POST";
    QUrl url = m_hubUrl;
    url.setPath(m_hubUrl.path(QUrl::FullyEncoded).chopped(m_hubUrl.path().endsWith(QLatin1Char('/')) ? 1 : 0) +
                QStringLiteral("/oauth/token"));
    request.url = url;
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    request.idempotent = false; // an ID token may be single use
    request.subject = m_resource;
    RetryPolicy policy;
    auto *job = new HubJob(m_nam, std::move(request), QByteArray(), m_hubUrl, policy, this);
    m_job = job;
    connect(job, &HubJob::finished, this, &TokenExchangeJob::onReply);
    job->start();
}

void TokenExchangeJob::onReply(HubJob *job)
{
    m_job = nullptr;
    m_hubError = job->error();
    m_requestId = job->responseHeader("X-Request-Id");
    const QJsonObject reply = QJsonDocument::fromJson(job->body()).object();
    m_ok = job->isOk() && reply.value(QLatin1String("access_token")).isString();
    if (m_ok) {
        m_accessToken = reply.value(QLatin1String("access_token")).toString().toUtf8();
        m_tokenType = reply.value(QLatin1String("token_type")).toString();
        m_issuedTokenType = reply.value(QLatin1String("issued_token_type")).toString();
        m_expiresIn = reply.value(QLatin1String("expires_in")).toInt();
    } else {
        m_errorCode = reply.value(QLatin1String("error")).toString();
        m_errorDescription = reply.value(QLatin1String("error_description")).toString();
        if (m_requestId.isEmpty())
            m_requestId = m_hubError.requestId;
    }
    Q_EMIT finished(this);
}

QString TokenExchangeJob::accessTokenKind() const
{
    if (m_accessToken.startsWith("hf_jwt_"))
        return QStringLiteral("hf_jwt");
    if (m_accessToken.startsWith("hf_oauth_"))
        return QStringLiteral("hf_oauth");
    return QString();
}

QString TokenExchangeJob::summary() const
{
    if (m_ok) {
        const QString kind = accessTokenKind() == QLatin1String("hf_oauth") ? tr("a read-only user token")
                                                                             : tr("a token for %1").arg(m_resource);
        return tr("The Hub accepted the ID token and issued %1, valid for %n second(s).", nullptr, m_expiresIn).arg(kind);
    }
    QString text = m_errorCode.isEmpty() ? m_hubError.message()
                                         : m_errorDescription.isEmpty()
                                               ? tr("The Hub refused the exchange: %1.").arg(m_errorCode)
                                               : tr("The Hub refused the exchange: %1 (%2).").arg(m_errorDescription, m_errorCode);
    if (!m_requestId.isEmpty() && !text.contains(QString::fromLatin1(m_requestId)))
        text += QLatin1Char(' ') + tr("(Request ID: %1)").arg(QString::fromLatin1(m_requestId));
    return text;
}

} // namespace hubgate
