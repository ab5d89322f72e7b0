// TokenStore with no keychain: ctest runs it with a dead D-Bus address, and again on a bare bus
// where no Secret Service can start. HUBGATE_EXPECT_REASON names a word the reason must contain.

#include "auth/tokenstore.h"
#include "authtestutil.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using hubgate::TokenStore;

namespace {

constexpr int Timeout = 20000;
const QUrl Hub(QStringLiteral("https://huggingface.co"));
const QUrl Mirror(QStringLiteral("http://localhost:8080"));

} // namespace

class TstTokenStoreNoKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void saveKeepsTokenForTheSession();
    void loadReturnsTheSessionToken();
    void removeForgetsTheSessionToken();
    void firstLoadAlsoReportsUnavailability();
    void nothingWrittenOrLogged();
    void cleanupTestCase();

private:
    QTemporaryDir m_home;
    std::unique_ptr<authtest::MessageCapture> m_messages;
    TokenStore m_store;
    QSignalSpy m_unavailable{&m_store, &TokenStore::keychainUnavailable};
    QSignalSpy m_failed{&m_store, &TokenStore::failed};
    QString m_token = authtest::randomToken();
};

void TstTokenStoreNoKeychain::initTestCase()
{
    QVERIFY(m_home.isValid());
    authtest::useAsHome(m_home);
    m_messages = std::make_unique<authtest::MessageCapture>();
}

void TstTokenStoreNoKeychain::saveKeepsTokenForTheSession()
{
    QSignalSpy saved(&m_store, &TokenStore::saved);
    m_store.save(Hub, m_token);
    QVERIFY(saved.wait(Timeout));
    QCOMPARE(saved.count(), 1);
    QCOMPARE(saved.at(0).at(0).toUrl(), Hub);
    QCOMPARE(saved.at(0).at(1).toBool(), false); // not persisted
    QCOMPARE(m_failed.count(), 0);
    QVERIFY(m_store.isSessionOnly());

    // Said once, as a sentence a user can read, and without the secret.
    QCOMPARE(m_unavailable.count(), 1);
    const QString reason = m_unavailable.at(0).at(0).toString();
    qInfo("reason: %s", qUtf8Printable(reason));
    QVERIFY(reason.size() > 30);
    QVERIFY(reason.endsWith(u'.'));
    QVERIFY(!reason.contains(m_token));
    QVERIFY(!reason.contains(QLatin1String("GDBus.Error")));
    const QString expected = qEnvironmentVariable("HUBGATE_EXPECT_REASON");
    if (!expected.isEmpty())
        QVERIFY2(reason.contains(expected), qPrintable(expected));
}

void TstTokenStoreNoKeychain::loadReturnsTheSessionToken()
{
    QSignalSpy loaded(&m_store, &TokenStore::loaded);
    m_store.load(Hub);
    m_store.load(Mirror);
    while (loaded.count() < 2)
        QVERIFY(loaded.wait(Timeout));
    QCOMPARE(loaded.at(0).at(0).toUrl(), Hub);
    QCOMPARE(loaded.at(0).at(1).toString(), m_token);
    QCOMPARE(loaded.at(1).at(0).toUrl(), Mirror);
    QCOMPARE(loaded.at(1).at(1).toString(), QString());
    QCOMPARE(m_unavailable.count(), 1); // not said again
    QCOMPARE(m_failed.count(), 0);
}

void TstTokenStoreNoKeychain::removeForgetsTheSessionToken()
{
    QSignalSpy removed(&m_store, &TokenStore::removed);
    QSignalSpy loaded(&m_store, &TokenStore::loaded);
    m_store.remove(Hub);
    m_store.load(Hub);
    QVERIFY(loaded.wait(Timeout));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(loaded.at(0).at(1).toString(), QString());
    QCOMPARE(m_unavailable.count(), 1);
    QCOMPARE(m_failed.count(), 0);
}

void TstTokenStoreNoKeychain::firstLoadAlsoReportsUnavailability()
{
    TokenStore fresh;
    QSignalSpy unavailable(&fresh, &TokenStore::keychainUnavailable);
    QSignalSpy loaded(&fresh, &TokenStore::loaded);
    QSignalSpy failed(&fresh, &TokenStore::failed);
    fresh.load(Hub);
    QVERIFY(loaded.wait(Timeout));
    QCOMPARE(unavailable.count(), 1);
    QCOMPARE(loaded.at(0).at(1).toString(), QString()); // another session's memory is not shared
    QCOMPARE(failed.count(), 0);
    QVERIFY(fresh.isSessionOnly());
}

void TstTokenStoreNoKeychain::nothingWrittenOrLogged()
{
    // The scan must be able to see a leak: a planted canary is found.
    const QString canary = authtest::randomToken();
    QFile plant(m_home.filePath(QStringLiteral("canary")));
    QVERIFY(plant.open(QIODevice::WriteOnly));
    plant.write(canary.toUtf8());
    plant.close();
    QCOMPARE(authtest::filesContaining(m_home.path(), {canary}).size(), 1);
    QVERIFY(plant.remove());

    QCOMPARE(authtest::filesUnder(m_home.path()), QStringList()); // no file at all, token or not
    const QString logs = authtest::MessageCapture::messages().join(u'\n');
    QVERIFY2(!logs.contains(m_token), "the token was logged");
}

void TstTokenStoreNoKeychain::cleanupTestCase()
{
    m_messages.reset();
}

QTEST_GUILESS_MAIN(TstTokenStoreNoKeychain)
#include "tst_tokenstore_nokeychain.moc"
