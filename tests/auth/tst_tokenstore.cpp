// TokenStore against a real gnome-keyring over D-Bus (ctest runs it through with-private-keyring.sh).

#include "auth/tokenstore.h"
#include "authtestutil.h"

#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <qt6keychain/keychain.h>

#include <memory>

using hubgate::TokenStore;

namespace {

constexpr int Timeout = 20000;

// Watches every signal of a store, to assert that each operation ends with exactly one result.
struct Spies
{
    explicit Spies(TokenStore *store)
        : loaded(store, &TokenStore::loaded)
        , saved(store, &TokenStore::saved)
        , removed(store, &TokenStore::removed)
        , failed(store, &TokenStore::failed)
        , unavailable(store, &TokenStore::keychainUnavailable)
    {
    }
    qsizetype results() const { return loaded.count() + saved.count() + removed.count() + failed.count(); }
    QString failures() const
    {
        QStringList messages;
        for (const QList<QVariant> &args : failed)
            messages << args.at(0).toString();
        return messages.join(QLatin1String(" | "));
    }
    QSignalSpy loaded, saved, removed, failed, unavailable;
};

// Waits for `spy` and checks it was the one and only result of the operation just started.
void expectOneResult(Spies &spies, QSignalSpy &spy)
{
    QVERIFY2(spy.count() == 1 || spy.wait(Timeout), qPrintable(QLatin1String("no result; failures: ") + spies.failures()));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spies.results(), 1);
    QCOMPARE(spies.unavailable.count(), 0);
}

// Asks the Secret Service itself, not QtKeychain, how many items it holds for HubGate and `key`
// (QtKeychain's libsecret schema stores service and key as the "server" and "user" attributes).
int secretServiceItems(const QString &key)
{
    QDBusMessage call = QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.secrets"),
                                                       QStringLiteral("/org/freedesktop/secrets"),
                                                       QStringLiteral("org.freedesktop.Secret.Service"),
                                                       QStringLiteral("SearchItems"));
    const QMap<QString, QString> attributes{{QStringLiteral("server"), TokenStore::serviceName()},
                                            {QStringLiteral("user"), key}};
    call << QVariant::fromValue(attributes);
    const QDBusMessage reply = QDBusConnection::sessionBus().call(call);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().size() != 2)
        return -1;
    const auto unlocked = qdbus_cast<QList<QDBusObjectPath>>(reply.arguments().at(0));
    const auto locked = qdbus_cast<QList<QDBusObjectPath>>(reply.arguments().at(1));
    return int(unlocked.size() + locked.size());
}

} // namespace

class TstTokenStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void keyIsTheNormalisedOrigin_data();
    void keyIsTheNormalisedOrigin();
    void saveThenLoadIsPerEndpoint();
    void endpointsAreSeparateEntries();
    void saveOverwrites();
    void entryLivesInTheKeychain();
    void removeThenLoadIsEmpty();
    void resultsComeInCallOrder();
    void badInputFailsAsynchronously();
    void tokenNeverInPlainTextOrLogs();
    void cleanupTestCase();

private:
    QString load(TokenStore &store, const QUrl &endpoint);
    void save(TokenStore &store, const QUrl &endpoint, const QString &token);
    void remove(TokenStore &store, const QUrl &endpoint);

    QTemporaryDir m_home;
    std::unique_ptr<authtest::MessageCapture> m_messages;
    QUrl m_hub;    // unique per run: the keyring may be shared with other runs
    QUrl m_mirror; // a second Hub, with a non-default port
    QStringList m_tokens; // every token this run handed to a store
    TokenStore m_store;
};

QString TstTokenStore::load(TokenStore &store, const QUrl &endpoint)
{
    Spies spies(&store);
    store.load(endpoint);
    expectOneResult(spies, spies.loaded);
    if (QTest::currentTestFailed())
        return QStringLiteral("<failed>");
    const QList<QVariant> args = spies.loaded.at(0);
    if (args.at(0).toUrl() != endpoint)
        QTest::qFail("loaded() names another endpoint", __FILE__, __LINE__);
    return args.at(1).toString();
}

void TstTokenStore::save(TokenStore &store, const QUrl &endpoint, const QString &token)
{
    m_tokens << token;
    Spies spies(&store);
    store.save(endpoint, token);
    expectOneResult(spies, spies.saved);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(spies.saved.at(0).at(0).toUrl(), endpoint);
    QCOMPARE(spies.saved.at(0).at(1).toBool(), true); // persisted in the keychain
}

void TstTokenStore::remove(TokenStore &store, const QUrl &endpoint)
{
    Spies spies(&store);
    store.remove(endpoint);
    expectOneResult(spies, spies.removed);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(spies.removed.at(0).at(0).toUrl(), endpoint);
}

#define CHECKED(call)                                                                                        \
    do {                                                                                                     \
        call;                                                                                                \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (false)

void TstTokenStore::initTestCase()
{
    QVERIFY(m_home.isValid());
    authtest::useAsHome(m_home);
    m_messages = std::make_unique<authtest::MessageCapture>();
    QVERIFY2(QDBusConnection::sessionBus().isConnected(), "needs a D-Bus session with gnome-keyring");
    qDBusRegisterMetaType<QMap<QString, QString>>();
    const QString id = QUuid::createUuid().toString(QUuid::Id128).left(12);
    m_hub = QUrl(QStringLiteral("https://hub-%1.test").arg(id));
    m_mirror = QUrl(QStringLiteral("http://mirror-%1.test:8080").arg(id));
}

void TstTokenStore::keyIsTheNormalisedOrigin_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("key");
    QTest::newRow("plain") << "https://huggingface.co" << "https://huggingface.co";
    QTest::newRow("case, slash") << "HTTPS://HuggingFace.CO/" << "https://huggingface.co";
    QTest::newRow("path, query") << "https://huggingface.co/api/models?x=1#f" << "https://huggingface.co";
    QTest::newRow("default port") << "https://huggingface.co:443/" << "https://huggingface.co";
    QTest::newRow("http default port") << "http://127.0.0.1:80" << "http://127.0.0.1";
    QTest::newRow("other port") << "http://localhost:8080/" << "http://localhost:8080";
    QTest::newRow("https on 80") << "https://hub.test:80" << "https://hub.test:80";
    QTest::newRow("ipv6") << "http://[::1]:9000/x" << "http://[::1]:9000";
    QTest::newRow("user info dropped") << "https://me:secret@hub.test/" << "https://hub.test";
    QTest::newRow("no scheme") << "huggingface.co" << "";
    QTest::newRow("empty") << "" << "";
}

void TstTokenStore::keyIsTheNormalisedOrigin()
{
    QFETCH(QString, url);
    QFETCH(QString, key);
    QCOMPARE(TokenStore::keyFor(QUrl(url)), key);
}

void TstTokenStore::saveThenLoadIsPerEndpoint()
{
    const QString token = authtest::randomToken();
    CHECKED(save(m_store, m_hub, token));
    QVERIFY(!m_store.isSessionOnly());
    QCOMPARE(load(m_store, m_hub), token);
    // The same origin spelled differently is the same entry; another origin has nothing.
    const QUrl spelledOtherwise(m_hub.toString().toUpper() + QLatin1String(":443/api/whoami-v2"));
    QCOMPARE(load(m_store, spelledOtherwise), token);
    QCOMPARE(load(m_store, m_mirror), QString());
}

void TstTokenStore::endpointsAreSeparateEntries()
{
    const QString hubToken = authtest::randomToken();
    const QString mirrorToken = authtest::randomToken();
    CHECKED(save(m_store, m_hub, hubToken));
    CHECKED(save(m_store, m_mirror, mirrorToken));
    QCOMPARE(load(m_store, m_hub), hubToken);
    QCOMPARE(load(m_store, m_mirror), mirrorToken);
    QCOMPARE(secretServiceItems(TokenStore::keyFor(m_hub)), 1);
    QCOMPARE(secretServiceItems(TokenStore::keyFor(m_mirror)), 1);
}

void TstTokenStore::saveOverwrites()
{
    const QString first = authtest::randomToken();
    const QString second = authtest::randomToken();
    CHECKED(save(m_store, m_hub, first));
    CHECKED(save(m_store, m_hub, QLatin1String("  ") + second + QLatin1String("\n"))); // pasted
    QCOMPARE(load(m_store, m_hub), second);
    QCOMPARE(secretServiceItems(TokenStore::keyFor(m_hub)), 1); // replaced, not added
}

void TstTokenStore::entryLivesInTheKeychain()
{
    const QString token = authtest::randomToken();
    CHECKED(save(m_store, m_hub, token));

    // A second store, as after a restart, finds it...
    TokenStore restarted;
    QCOMPARE(load(restarted, m_hub), token);

    // ...and so does any QtKeychain client under the documented service name and key.
    auto job = std::make_unique<QKeychain::ReadPasswordJob>(QStringLiteral("HubGate"));
    job->setAutoDelete(false);
    job->setKey(TokenStore::keyFor(m_hub));
    QSignalSpy finished(job.get(), &QKeychain::Job::finished);
    job->start();
    QVERIFY(finished.wait(Timeout));
    QCOMPARE(job->error(), QKeychain::NoError);
    QCOMPARE(job->textData(), token);
}

void TstTokenStore::removeThenLoadIsEmpty()
{
    CHECKED(save(m_store, m_hub, authtest::randomToken()));
    QCOMPARE(secretServiceItems(TokenStore::keyFor(m_hub)), 1);
    CHECKED(remove(m_store, m_hub));
    QCOMPARE(load(m_store, m_hub), QString());
    TokenStore restarted;
    QCOMPARE(load(restarted, m_hub), QString());
    QCOMPARE(secretServiceItems(TokenStore::keyFor(m_hub)), 0);
    CHECKED(remove(m_store, m_hub)); // removing nothing is not an error
}

void TstTokenStore::resultsComeInCallOrder()
{
    const QString token = authtest::randomToken();
    m_tokens << token;
    QStringList order;
    connect(&m_store, &TokenStore::saved, this, [&](const QUrl &, bool persisted) {
        order << QStringLiteral("saved:%1").arg(persisted);
    });
    connect(&m_store, &TokenStore::loaded, this, [&](const QUrl &, const QString &value) {
        order << (value == token ? QStringLiteral("loaded:token") : QStringLiteral("loaded:") + value);
    });
    connect(&m_store, &TokenStore::removed, this, [&] { order << QStringLiteral("removed"); });
    Spies spies(&m_store);

    // Issued at once: each must see the effect of the ones before it.
    m_store.save(m_hub, token);
    m_store.load(m_hub);
    m_store.remove(m_hub);
    m_store.load(m_hub);
    QVERIFY(order.isEmpty()); // nothing is emitted from inside the calls
    while (spies.loaded.count() < 2 && spies.failed.isEmpty())
        QVERIFY(spies.loaded.wait(Timeout));
    disconnect(&m_store, nullptr, this, nullptr);
    QCOMPARE(order, QStringList({QStringLiteral("saved:1"), QStringLiteral("loaded:token"),
                                 QStringLiteral("removed"), QStringLiteral("loaded:")}));
    QCOMPARE(spies.results(), 4);
}

void TstTokenStore::badInputFailsAsynchronously()
{
    Spies spies(&m_store);
    m_store.load(QUrl(QStringLiteral("not a url")));
    QCOMPARE(spies.failed.count(), 0);
    QVERIFY(spies.failed.wait(Timeout));
    QVERIFY(!spies.failed.at(0).at(0).toString().isEmpty());

    const QString token = authtest::randomToken();
    m_tokens << token;
    m_store.save(QUrl(), token);
    m_store.save(m_hub, QStringLiteral(" \n"));
    while (spies.failed.count() < 3)
        QVERIFY(spies.failed.wait(Timeout));
    QCOMPARE(spies.results(), 3);
    QVERIFY(!spies.failures().contains(token));
}

void TstTokenStore::tokenNeverInPlainTextOrLogs()
{
    QVERIFY(!m_tokens.isEmpty());
    // The scan must be able to see a leak: a planted canary is found.
    const QString canary = authtest::randomToken();
    QFile plant(m_home.filePath(QStringLiteral("canary.txt")));
    QVERIFY(plant.open(QIODevice::WriteOnly));
    plant.write(canary.toUtf8());
    plant.close();
    QCOMPARE(authtest::filesContaining(m_home.path(), {canary}).size(), 1);
    QVERIFY(plant.remove());

    QCOMPARE(authtest::filesContaining(m_home.path(), m_tokens), QStringList());
    const QString logs = authtest::MessageCapture::messages().join(u'\n');
    for (const QString &token : std::as_const(m_tokens))
        QVERIFY2(!logs.contains(token), "a token was logged");
}

void TstTokenStore::cleanupTestCase()
{
    // Leave no entries behind in a keyring that may outlive this run.
    TokenStore store;
    QSignalSpy removed(&store, &TokenStore::removed);
    store.remove(m_hub);
    store.remove(m_mirror);
    while (removed.count() < 2)
        QVERIFY(removed.wait(Timeout));
    m_messages.reset();
}

QTEST_GUILESS_MAIN(TstTokenStore)
#include "tst_tokenstore.moc"
