#pragma once
// Fetches an issuer's signing keys the way the Hub does: {iss}/.well-known/openid-configuration,
// then its jwks_uri. Only run when the user asks to verify the signature; sends no token.

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace hubgate {

class IssuerKeysJob : public QObject
{
    Q_OBJECT
public:
    IssuerKeysJob(QNetworkAccessManager *nam, const QString &issuer, QObject *parent = nullptr);
    ~IssuerKeysJob() override;

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // finished() comes once, on a later turn of the event loop. Not self-deleting.
    void start();

    bool isOk() const { return m_error.isEmpty(); }
    QString error() const { return m_error; } // the end of a sentence: "the discovery document ..."
    const QByteArray &jwks() const { return m_jwks; }
    QUrl jwksUrl() const { return m_jwksUrl; }

Q_SIGNALS:
    void finished(hubgate::IssuerKeysJob *job);

private:
    void get(const QUrl &url, void (IssuerKeysJob::*next)(const QByteArray &));
    void onDiscovery(const QByteArray &body);
    void onKeys(const QByteArray &body);
    void fail(const QString &error);
    void finish();

    QNetworkAccessManager *m_nam;
    QString m_issuer;
    QUrl m_jwksUrl;
    QByteArray m_jwks;
    QString m_error;
    QPointer<QNetworkReply> m_reply;
    int m_timeoutMs = 15000;
    bool m_done = false;
};

// https, or http to a loopback address (a test issuer); otherwise a reason.
QString issuerUrlProblem(const QUrl &url);

} // namespace hubgate
