// TokenResolver: HF_TOKEN, then the keychain entry for the endpoint, then $HF_HOME/token.
// ctest runs it with no keychain (a dead D-Bus address: the store keeps tokens for the session,
// which still stands for "the keychain" here) and again against a real gnome-keyring
// (HUBGATE_EXPECT_KEYCHAIN=1).
#include "auth/tokenresolver.h"
#include "auth/tokenstore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using hubgate::ResolvedToken;
using hubgate::TokenResolver;
using hubgate::TokenStore;

namespace {

constexpr int Timeout = 20000;

const QString EnvironmentToken = QStringLiteral("hf_FromTheEnvironment000000000000000001");
const QString KeychainToken = QStringLiteral("hf_FromTheKeychain0000000000000000000001");
const QString FileToken = QStringLiteral("hf_FromTheTokenFile000000000000000000001");

} // namespace

class TstTokenResolver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void environmentFirstWithoutAskingTheKeychain();
    void keychainBeforeTheTokenFile();
    void keychainEntryIsPerEndpoint();
    void blankEnvironmentIsSkipped();
    void nothingAnywhere();
    void answersOnceAndLater();
    void aNewCallReplacesTheRunningOne();
    void ownStoreFallsThroughQuickly();
    void cleanupTestCase();

private:
    QProcessEnvironment environment(const QString &hfToken, bool withFile) const;
    ResolvedToken resolve(TokenResolver &resolver, const QUrl &endpoint);

    QTemporaryDir m_dir;
    TokenStore m_store;
    QUrl m_withEntry;    // has a keychain entry
    QUrl m_withoutEntry; // has none
    bool m_realKeychain = false;
};

void TstTokenResolver::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_realKeychain = qEnvironmentVariableIntValue("HUBGATE_EXPECT_KEYCHAIN") == 1;
    // Unique per run: a real keyring may be shared with other runs.
    const QString run = QUuid::createUuid().toString(QUuid::Id128).left(12);
    m_withEntry = QUrl(QStringLiteral("https://hub-%1.example").arg(run));
    m_withoutEntry = QUrl(QStringLiteral("https://other-%1.example").arg(run));

    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("full")));
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("empty")));
    QFile file(m_dir.path() + QStringLiteral("/full/token"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(FileToken.toUtf8() + "\n");
    file.close();

    QSignalSpy saved(&m_store, &TokenStore::saved);
    QSignalSpy failed(&m_store, &TokenStore::failed);
    m_store.save(m_withEntry, KeychainToken);
    QVERIFY(saved.wait(Timeout));
    QCOMPARE(failed.count(), 0);
    QCOMPARE(saved.at(0).at(1).toBool(), m_realKeychain); // persisted only in a real keychain
}

void TstTokenResolver::init()
{
    // Quietly: finding no keychain is not worth a warning.
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
}

QProcessEnvironment TstTokenResolver::environment(const QString &hfToken, bool withFile) const
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), m_dir.path());
    env.insert(QStringLiteral("HF_HOME"), m_dir.path() + (withFile ? QStringLiteral("/full") : QStringLiteral("/empty")));
    if (!hfToken.isNull())
        env.insert(QStringLiteral("HF_TOKEN"), hfToken);
    return env;
}

ResolvedToken TstTokenResolver::resolve(TokenResolver &resolver, const QUrl &endpoint)
{
    QSignalSpy resolved(&resolver, &TokenResolver::resolved);
    resolver.resolve(endpoint);
    if (!resolved.wait(Timeout)) {
        QTest::qFail("no answer", __FILE__, __LINE__);
        return {};
    }
    QTest::qWait(50); // a second answer would show up here
    if (resolved.count() != 1)
        QTest::qFail("more than one answer", __FILE__, __LINE__);
    return resolved.at(0).at(0).value<ResolvedToken>();
}

void TstTokenResolver::environmentFirstWithoutAskingTheKeychain()
{
    TokenResolver resolver(environment(QStringLiteral("  ") + EnvironmentToken + QStringLiteral("\n"), true), &m_store);
    QSignalSpy keychainAsked(&m_store, &TokenStore::loaded);
    const ResolvedToken token = resolve(resolver, m_withEntry);
    QCOMPARE(token.token, EnvironmentToken);
    QCOMPARE(token.source, ResolvedToken::Source::Environment);
    QVERIFY2(token.origin.contains(QLatin1String("HF_TOKEN")), qPrintable(token.origin));
    QCOMPARE(keychainAsked.count(), 0);
}

void TstTokenResolver::keychainBeforeTheTokenFile()
{
    TokenResolver resolver(environment({}, true), &m_store);
    const ResolvedToken token = resolve(resolver, m_withEntry);
    QCOMPARE(token.token, KeychainToken);
    QCOMPARE(token.source, ResolvedToken::Source::Keychain);
    QVERIFY2(token.origin.contains(QLatin1String("keychain")), qPrintable(token.origin));
    QVERIFY(!token.origin.contains(KeychainToken));
}

void TstTokenResolver::keychainEntryIsPerEndpoint()
{
    TokenResolver resolver(environment({}, true), &m_store);
    const ResolvedToken token = resolve(resolver, m_withoutEntry);
    QCOMPARE(token.token, FileToken);
    QCOMPARE(token.source, ResolvedToken::Source::TokenFile);
    QVERIFY2(token.origin.endsWith(QLatin1String("/full/token")), qPrintable(token.origin));
}

void TstTokenResolver::blankEnvironmentIsSkipped()
{
    TokenResolver resolver(environment(QStringLiteral(" \t"), true), &m_store);
    QCOMPARE(resolve(resolver, m_withEntry).source, ResolvedToken::Source::Keychain);
    TokenResolver empty(environment(QStringLiteral(""), true), &m_store);
    QCOMPARE(resolve(empty, m_withEntry).source, ResolvedToken::Source::Keychain);
}

void TstTokenResolver::nothingAnywhere()
{
    TokenResolver resolver(environment({}, false), &m_store);
    const ResolvedToken token = resolve(resolver, m_withoutEntry);
    QVERIFY(token.isEmpty());
    QCOMPARE(token.source, ResolvedToken::Source::None);
}

void TstTokenResolver::answersOnceAndLater()
{
    TokenResolver resolver(environment(EnvironmentToken, false), &m_store);
    QSignalSpy resolved(&resolver, &TokenResolver::resolved);
    resolver.resolve(m_withEntry);
    QCOMPARE(resolved.count(), 0); // never from inside resolve()
    QVERIFY(resolved.wait(Timeout));
    QTest::qWait(50);
    QCOMPARE(resolved.count(), 1);
}

void TstTokenResolver::aNewCallReplacesTheRunningOne()
{
    TokenResolver resolver(environment({}, false), &m_store);
    QSignalSpy resolved(&resolver, &TokenResolver::resolved);
    resolver.resolve(m_withoutEntry);
    resolver.resolve(m_withEntry);
    QVERIFY(resolved.wait(Timeout));
    QTest::qWait(200);
    QCOMPARE(resolved.count(), 1);
    QCOMPARE(resolved.at(0).at(0).value<ResolvedToken>().token, KeychainToken);
}

// What a command does: no store of its own to share. Without a keychain this must not wait for
// the resolver's timeout; with one, the entry saved by another store is found.
void TstTokenResolver::ownStoreFallsThroughQuickly()
{
    TokenResolver resolver(environment({}, true));
    QElapsedTimer timer;
    timer.start();
    const ResolvedToken token = resolve(resolver, m_withEntry);
    if (m_realKeychain) {
        QCOMPARE(token.token, KeychainToken);
        QVERIFY(resolver.keychainProblem().isEmpty());
    } else {
        QCOMPARE(token.token, FileToken);
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(!resolver.keychainProblem().isEmpty());
    }
}

void TstTokenResolver::cleanupTestCase()
{
    QSignalSpy removed(&m_store, &TokenStore::removed);
    m_store.remove(m_withEntry);
    QVERIFY(removed.wait(Timeout));
}

QTEST_GUILESS_MAIN(TstTokenResolver)
#include "tst_tokenresolver.moc"
