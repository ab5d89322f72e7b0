#pragma once
// The token debugger's state for a page: the pasted input, the publishers to compare with, the
// issuer's keys when the user asked for them, and the explanation recomputed from these. Network
// work (keys, the real exchange) happens only on request, on the injected access manager.

#include "tokenexplanation.h"

#include <QObject>
#include <QPointer>

class QNetworkAccessManager;

namespace hubgate {

class IssuerKeysJob;
class TokenExchangeJob;

class TokenDebugger : public QObject
{
    Q_OBJECT
public:
    TokenDebugger(QNetworkAccessManager *nam, const QUrl &hubUrl, QObject *parent = nullptr);

    // A token or a log excerpt. False, with inputError(), when no token decodes; the keys of a
    // previous token are forgotten when the issuer changes.
    bool setInput(const QString &text);
    bool hasToken() const { return m_token.has_value(); }
    QString inputError() const { return m_inputError; }
    const std::optional<DecodedJwt> &token() const { return m_token; }

    void setPublishers(const QList<TrustedPublisher> &publishers);
    void setHubUrl(const QUrl &hubUrl);
    void setNow(const QDateTime &now); // invalid: the current time at each explanation()
    void setClockSkewSeconds(int seconds);
    // Keys given by hand (a JWKS document); replaces fetched ones.
    void setKeys(const QByteArray &jwks);

    // Recomputed on each call, so "now" moves on.
    TokenExplanation explanation() const;

    // Fetches the issuer's keys (discovery, then JWKS); keysFetched() either way.
    void fetchKeys();
    bool isFetchingKeys() const;
    // Posts the token to /oauth/token for resource; exchangeFinished() with the job, owned by
    // this object until the next exchange. Never logs either token.
    void tryExchange(const QString &resource);

Q_SIGNALS:
    void changed(); // the explanation may differ
    void keysFetched(bool ok, const QString &error);
    void exchangeFinished(hubgate::TokenExchangeJob *job);

private:
    QNetworkAccessManager *m_nam;
    TokenCheckOptions m_options;
    std::optional<DecodedJwt> m_token;
    QString m_inputError;
    QList<TrustedPublisher> m_publishers;
    std::optional<QByteArray> m_keys;
    QString m_keysProblem; // why the keys could not be fetched
    QPointer<IssuerKeysJob> m_keysJob;
    QPointer<TokenExchangeJob> m_exchange;
};

} // namespace hubgate
