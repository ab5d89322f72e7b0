#include "auth/tokenresolver.h"

#include "auth/tokendiscovery.h"
#include "auth/tokenstore.h"

#include <QMetaObject>

namespace hubgate {

namespace {

ResolvedToken firstFrom(const QProcessEnvironment &environment, DiscoveredToken::Source source,
                        ResolvedToken::Source as)
{
    for (const DiscoveredToken &found : discoverTokens(environment)) {
        if (found.source == source)
            return {found.token, as, describeSource(found)};
    }
    return {};
}

} // namespace

TokenResolver::TokenResolver(QProcessEnvironment environment, TokenStore *store, QObject *parent)
    : QObject(parent)
    , m_environment(std::move(environment))
    , m_store(store ? store : new TokenStore(this))
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(3000);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        m_keychainProblem = tr("The system keychain did not answer in time.");
        onKeychainAnswer({});
    });
    connect(m_store, &TokenStore::loaded, this, [this](const QUrl &endpoint, const QString &token) {
        if (m_waitingForKeychain && endpoint == m_endpoint)
            onKeychainAnswer(token);
    });
    connect(m_store, &TokenStore::failed, this, [this](const QString &message) {
        if (!m_waitingForKeychain)
            return;
        m_keychainProblem = message;
        onKeychainAnswer({});
    });
    connect(m_store, &TokenStore::keychainUnavailable, this,
            [this](const QString &reason) { m_keychainProblem = reason; }); // loaded() follows
}

TokenResolver::~TokenResolver() = default;

void TokenResolver::resolve(const QUrl &endpoint)
{
    const quint64 generation = ++m_generation;
    m_endpoint = endpoint;
    m_keychainProblem.clear();
    m_waitingForKeychain = false;
    m_timeout.stop();
    // Never answer from inside resolve(): the caller connects after calling, or re-enters.
    QMetaObject::invokeMethod(
        this,
        [this, generation] {
            if (generation != m_generation)
                return;
            const ResolvedToken fromEnvironment =
                firstFrom(m_environment, DiscoveredToken::Source::Environment, ResolvedToken::Source::Environment);
            if (!fromEnvironment.isEmpty()) // the keychain is not even asked
                finish(fromEnvironment);
            else
                askKeychain();
        },
        Qt::QueuedConnection);
}

void TokenResolver::askKeychain()
{
    m_waitingForKeychain = true;
    m_timeout.start();
    m_store->load(m_endpoint);
}

void TokenResolver::onKeychainAnswer(const QString &token)
{
    m_waitingForKeychain = false;
    m_timeout.stop();
    const QString trimmed = token.trimmed();
    if (!trimmed.isEmpty())
        finish({trimmed, ResolvedToken::Source::Keychain, tr("from the system keychain")});
    else
        finishWithTokenFile();
}

void TokenResolver::finishWithTokenFile()
{
    finish(firstFrom(m_environment, DiscoveredToken::Source::TokenFile, ResolvedToken::Source::TokenFile));
}

void TokenResolver::finish(const ResolvedToken &token)
{
    ++m_generation; // this call is answered: nothing of it may arrive later
    Q_EMIT resolved(token);
}

} // namespace hubgate
