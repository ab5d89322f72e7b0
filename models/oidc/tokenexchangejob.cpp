#include "tokenexchangejob.h"


#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

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
    if (m_reply)
        m_reply->abort();
}

// Sent once, never retried: an ID token may be accepted only once. No Hub token goes with it.
void TokenExchangeJob::start()
{
    const QJsonObject body{
        {QStringLiteral("grant_type"), QStringLiteral("urn:ietf:params:oauth:grant-type:token-exchange")},
        {QStringLiteral("subject_token_type"), QStringLiteral("urn:ietf:params:oauth:token-type:id_token")},
        {QStringLiteral("subject_token"), QString::fromLatin1(m_idToken)},
        {QStringLiteral("resource"), m_resource},
    };
    QUrl url = m_hubUrl;
    QString path = m_hubUrl.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/oauth/token"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(m_timeoutMs);
    m_reply = m_nam->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(m_reply, &QNetworkReply::finished, this, &TokenExchangeJob::onReply);
}

void TokenExchangeJob::onReply()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    m_status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_requestId = reply->rawHeader("X-Request-Id");
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    m_ok = reply->error() == QNetworkReply::NoError && answer.value(QLatin1String("access_token")).isString();
    if (m_ok) {
        m_accessToken = answer.value(QLatin1String("access_token")).toString().toUtf8();
        m_tokenType = answer.value(QLatin1String("token_type")).toString();
        m_issuedTokenType = answer.value(QLatin1String("issued_token_type")).toString();
        m_expiresIn = answer.value(QLatin1String("expires_in")).toInt();
    } else {
        m_errorCode = answer.value(QLatin1String("error")).toString();
        m_errorDescription = answer.value(QLatin1String("error_description")).toString();
        m_transportError = m_status == 0 ? reply->errorString() : tr("HTTP %1").arg(m_status);
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
    QString text = m_errorCode.isEmpty() ? tr("The exchange failed: %1.").arg(m_transportError)
                                         : m_errorDescription.isEmpty()
                                               ? tr("The Hub refused the exchange: %1.").arg(m_errorCode)
                                               : tr("The Hub refused the exchange: %1 (%2).").arg(m_errorDescription, m_errorCode);
    if (!m_requestId.isEmpty() && !text.contains(QString::fromLatin1(m_requestId)))
        text += QLatin1Char(' ') + tr("(Request ID: %1)").arg(QString::fromLatin1(m_requestId));
    return text;
}

} // namespace hubgate
