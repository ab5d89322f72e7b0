#pragma once
// Keeps one Hub token per endpoint in the OS keychain (QtKeychain), asynchronously.
// Without a keychain it falls back to memory for this session only: never to a plain-text file.

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

namespace QKeychain {
class Job;
}

namespace hubgate {

class TokenStore : public QObject
{
    Q_OBJECT
public:
    explicit TokenStore(QObject *parent = nullptr);
    ~TokenStore() override;

    // Each call ends with exactly one of loaded/saved/removed or failed, always emitted later from
    // the event loop and in call order (a slot may start new calls; delete the store with
    // deleteLater). loaded carries an empty token when there is none; save trims the token and
    // fails on an empty one.
    void load(const QUrl &endpoint);
    void save(const QUrl &endpoint, const QString &token);
    void remove(const QUrl &endpoint);

    // True once the keychain turned out to be unavailable: tokens then live in memory only.
    bool isSessionOnly() const { return m_sessionOnly; }

    // The keychain key of an endpoint: its origin, scheme://host[:port], lower-case, without the
    // default port, user info, path or trailing slash. Empty when the URL has no scheme or host.
    static QString keyFor(const QUrl &endpoint);

    static QString serviceName() { return QStringLiteral("HubGate"); }

Q_SIGNALS:
    void loaded(const QUrl &endpoint, const QString &token);
    void saved(const QUrl &endpoint, bool persisted);
    void removed(const QUrl &endpoint);
    void keychainUnavailable(const QString &reason);
    void failed(const QString &message);

private:
    struct Operation
    {
        enum class Kind { Load, Save, Remove } kind;
        QUrl endpoint;
        QString key;
        QString token;
    };

    void enqueue(Operation op);
    void runQueue();
    void startKeychainJob(const Operation &op);
    void onJobFinished(QKeychain::Job *job);
    void probeBackend(const QString &jobError);
    void becomeSessionOnly(const QString &reason);
    void finishFromKeychain(const QString &token);
    void finishInMemory();
    void finishWithFailure(const QString &jobError);
    void fail(const QString &message);

    QList<Operation> m_queue; // front() is the operation in progress while m_busy
    QHash<QString, QString> m_sessionTokens;
    bool m_busy = false;
    bool m_sessionOnly = false;
};

} // namespace hubgate
