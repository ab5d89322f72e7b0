#include "auth/tokenstore.h"

#include <QMetaObject>

#include <qt6keychain/keychain.h>

#ifdef HUBGATE_KEYCHAIN_DBUS_PROBE
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#endif

namespace hubgate {

TokenStore::TokenStore(QObject *parent)
    : QObject(parent)
{
}

TokenStore::~TokenStore() = default;

QString TokenStore::keyFor(const QUrl &endpoint)
{
    if (!endpoint.isValid() || endpoint.scheme().isEmpty() || endpoint.host().isEmpty())
        return {};
    const QString scheme = endpoint.scheme().toLower();
    QUrl origin;
    origin.setScheme(scheme);
    origin.setHost(endpoint.host().toLower());
    // https://huggingface.co:443 and https://huggingface.co are the same Hub: one entry.
    const int defaultPort = scheme == QLatin1String("https") ? 443 : scheme == QLatin1String("http") ? 80 : -1;
    if (endpoint.port() != -1 && endpoint.port() != defaultPort)
        origin.setPort(endpoint.port());
    return origin.toString(QUrl::FullyEncoded);
}

void TokenStore::load(const QUrl &endpoint)
{
    enqueue({Operation::Kind::Load, endpoint, keyFor(endpoint), {}});
}

void TokenStore::save(const QUrl &endpoint, const QString &token)
{
    enqueue({Operation::Kind::Save, endpoint, keyFor(endpoint), token.trimmed()}); // pasted tokens carry spaces
}

void TokenStore::remove(const QUrl &endpoint)
{
    enqueue({Operation::Kind::Remove, endpoint, keyFor(endpoint), {}});
}

void TokenStore::enqueue(Operation op)
{
    m_queue.append(std::move(op));
    if (m_busy)
        return;
    m_busy = true;
    // Never emit from inside load/save/remove: results always arrive from the event loop.
    QMetaObject::invokeMethod(this, &TokenStore::runQueue, Qt::QueuedConnection);
}

// One operation at a time, so results come in call order and a save is visible to the next load.
void TokenStore::runQueue()
{
    while (!m_queue.isEmpty()) {
        const Operation &op = m_queue.constFirst();
        if (op.key.isEmpty()) {
            fail(tr("“%1” is not a valid Hub address.").arg(op.endpoint.toDisplayString()));
        } else if (op.kind == Operation::Kind::Save && op.token.isEmpty()) {
            fail(tr("There is no token to save."));
        } else if (m_sessionOnly) {
            finishInMemory();
        } else {
            startKeychainJob(op);
            return; // onJobFinished() continues the queue
        }
    }
    m_busy = false;
}

void TokenStore::startKeychainJob(const Operation &op)
{
    QKeychain::Job *job = nullptr;
    switch (op.kind) {
    case Operation::Kind::Load:
        job = new QKeychain::ReadPasswordJob(serviceName());
        break;
    case Operation::Kind::Save: {
        auto *write = new QKeychain::WritePasswordJob(serviceName());
        write->setTextData(op.token);
        job = write;
        break;
    }
    case Operation::Kind::Remove:
        job = new QKeychain::DeletePasswordJob(serviceName());
        break;
    }
    // No parent: deleting a running job would leave libsecret with a dangling callback. The job
    // deletes itself when done, and the connection goes away with the store.
    job->setInsecureFallback(false); // the default, stated: never a plain-text copy
    job->setKey(op.key);
    connect(job, &QKeychain::Job::finished, this, &TokenStore::onJobFinished);
    job->start();
}

void TokenStore::onJobFinished(QKeychain::Job *job)
{
    if (m_queue.isEmpty())
        return;
    const Operation &op = m_queue.constFirst();
    switch (job->error()) {
    case QKeychain::NoError:
    case QKeychain::EntryNotFound:
        if (op.kind == Operation::Kind::Save && job->error() != QKeychain::NoError) {
            finishWithFailure(job->errorString());
            break;
        }
        finishFromKeychain(op.kind == Operation::Kind::Load && job->error() == QKeychain::NoError
                               ? static_cast<QKeychain::ReadPasswordJob *>(job)->textData()
                               : QString());
        break;
    case QKeychain::NoBackendAvailable:
        becomeSessionOnly(tr("No keychain is available on this system."));
        finishInMemory();
        break;
    case QKeychain::OtherError:
        // libsecret reports a missing D-Bus session or Secret Service as a generic error.
        probeBackend(job->errorString());
        return;
    default:
        finishWithFailure(job->errorString());
        break;
    }
    runQueue();
}

void TokenStore::probeBackend(const QString &jobError)
{
#ifdef HUBGATE_KEYCHAIN_DBUS_PROBE
    const QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected() || !bus.interface()) {
        becomeSessionOnly(tr("No keychain can be reached because there is no D-Bus session."));
        finishInMemory();
        runQueue();
        return;
    }
    // Asynchronous, like everything here: which keychain services own a name on the bus right now?
    auto *watcher = new QDBusPendingCallWatcher(bus.interface()->asyncCall(QStringLiteral("ListNames")), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, jobError](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        const QDBusPendingReply<QStringList> reply = *w;
        const QStringList names = reply.isValid() ? reply.value() : QStringList();
        const bool serviceRunning = names.contains(QStringLiteral("org.freedesktop.secrets"))
            || names.contains(QStringLiteral("org.kde.kwalletd5")) || names.contains(QStringLiteral("org.kde.kwalletd6"))
            || names.contains(QStringLiteral("org.kde.kwalletd"));
        if (serviceRunning) {
            finishWithFailure(jobError); // a real keychain answered with an error: report it
        } else {
            becomeSessionOnly(tr("No keychain service (such as GNOME Keyring or KWallet) is running."));
            finishInMemory();
        }
        runQueue();
    });
#else
    finishWithFailure(jobError);
    runQueue();
#endif
}

void TokenStore::becomeSessionOnly(const QString &reason)
{
    if (m_sessionOnly)
        return;
    m_sessionOnly = true; // said once; later operations stay in memory without asking again
    Q_EMIT keychainUnavailable(reason);
}

// The finish* helpers take the current operation off the queue before emitting, so a slot may
// safely call load/save/remove again.
void TokenStore::finishFromKeychain(const QString &token)
{
    const Operation op = m_queue.takeFirst();
    switch (op.kind) {
    case Operation::Kind::Load:
        Q_EMIT loaded(op.endpoint, token);
        break;
    case Operation::Kind::Save:
        Q_EMIT saved(op.endpoint, true);
        break;
    case Operation::Kind::Remove:
        Q_EMIT removed(op.endpoint);
        break;
    }
}

void TokenStore::finishInMemory()
{
    const Operation op = m_queue.takeFirst();
    switch (op.kind) {
    case Operation::Kind::Load:
        Q_EMIT loaded(op.endpoint, m_sessionTokens.value(op.key));
        break;
    case Operation::Kind::Save:
        m_sessionTokens.insert(op.key, op.token);
        Q_EMIT saved(op.endpoint, false);
        break;
    case Operation::Kind::Remove:
        m_sessionTokens.remove(op.key);
        Q_EMIT removed(op.endpoint);
        break;
    }
}

void TokenStore::finishWithFailure(const QString &jobError)
{
    const Operation &op = m_queue.constFirst();
    QString detail = jobError;
    if (!op.token.isEmpty())
        detail.replace(op.token, QStringLiteral("…")); // belt and braces: never echo the secret
    switch (op.kind) {
    case Operation::Kind::Load:
        fail(tr("Could not read the token for %1 from the keychain: %2").arg(op.key, detail));
        break;
    case Operation::Kind::Save:
        fail(tr("Could not save the token for %1 in the keychain: %2").arg(op.key, detail));
        break;
    case Operation::Kind::Remove:
        fail(tr("Could not remove the token for %1 from the keychain: %2").arg(op.key, detail));
        break;
    }
}

void TokenStore::fail(const QString &message)
{
    m_queue.removeFirst();
    Q_EMIT failed(message);
}

} // namespace hubgate
