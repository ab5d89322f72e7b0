#pragma once
// The real exchange, only when the user asks: POST {hub}/oauth/token (RFC 8693) with the ID token
// and a resource. Reports the issued token's type and lifetime, or the Hub's error with its
// request ID. The tokens are never logged; the issued one is kept in memory for the caller.

#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace hubgate {

class TokenExchangeJob : public QObject
{
    Q_OBJECT
public:
    // No Hub token is sent: the ID token authenticates the request.
    TokenExchangeJob(QNetworkAccessManager *nam, const QUrl &hubUrl, const QByteArray &idToken, const QString &resource,
                     QObject *parent = nullptr);
    ~TokenExchangeJob() override;

    void start(); // finished() once; not self-deleting
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    bool isOk() const { return m_ok; }
    // Success.
    QString tokenType() const { return m_tokenType; }           // "bearer"
    QString issuedTokenType() const { return m_issuedTokenType; } // urn:ietf:params:oauth:token-type:access_token
    int expiresInSeconds() const { return m_expiresIn; }
    // "hf_jwt" (a repo token) or "hf_oauth" (a user token), from the token's prefix.
    QString accessTokenKind() const;
    QByteArray accessToken() const { return m_accessToken; }
    // Failure: the OAuth error code and description, the request ID, or the transport error.
    QString errorCode() const { return m_errorCode; }
    QString errorDescription() const { return m_errorDescription; }
    QByteArray requestId() const { return m_requestId; }
    int httpStatus() const { return m_status; } // 0 when the Hub was not reached
    QString summary() const; // one or two sentences

Q_SIGNALS:
    void finished(hubgate::TokenExchangeJob *job);

private:
    void onReply();

    QNetworkAccessManager *m_nam;
    QUrl m_hubUrl;
    QByteArray m_idToken;
    QString m_resource;
    int m_timeoutMs = 30000;
    QPointer<QNetworkReply> m_reply;
    bool m_ok = false;
    QString m_tokenType;
    QString m_issuedTokenType;
    int m_expiresIn = 0;
    QByteArray m_accessToken;
    QString m_errorCode;
    QString m_errorDescription;
    QByteArray m_requestId;
    QString m_transportError;
    int m_status = 0;
};

} // namespace hubgate
