// Token discovery from the environment and the huggingface_hub files, and the display helpers.

#include "auth/tokendiscovery.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using hubgate::DiscoveredToken;
using Source = hubgate::DiscoveredToken::Source;

namespace {

QString tokenOf(char fill)
{
    return QStringLiteral("hf_") + QString(34, QLatin1Char(fill));
}

const QString EnvToken = QStringLiteral("hf_EnvToken0000000000000000000000000");
const QString FileToken = QStringLiteral("hf_FileToken000000000000000000000000");

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

// A compact view of the results, so one QCOMPARE shows the whole difference.
QStringList summary(const QList<DiscoveredToken> &found)
{
    QStringList lines;
    for (const DiscoveredToken &t : found) {
        static const char *const names[] = {"env", "file", "stored"};
        lines << QStringLiteral("%1|%2|%3|%4")
                     .arg(QLatin1String(names[int(t.source)]), t.token, QFileInfo(t.location).fileName(), t.name);
    }
    return lines;
}

} // namespace

class TstTokenDiscovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void findsAllSourcesInOrder();
    void withoutHfTokenAStoredDuplicateCounts();
    void missingHfHomeFallsBackToHome();
    void xdgCacheHomeIsHonoured();
    void noHomeFindsOnlyTheEnvironment();
    void garbageIsIgnored();
    void hugeFilesAreIgnored();
    void describeSource();
    void looksLikeUserToken_data();
    void looksLikeUserToken();
    void maskTokenExample();
    void maskTokenRevealsAtMostLastFour();

private:
    QProcessEnvironment envWith(bool withHfToken) const;
    QString hfHome() const { return m_dir.filePath(QStringLiteral("hf home")); }

    QTemporaryDir m_dir;
    QByteArray m_storedTokens;
};

void TstTokenDiscovery::init()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).removeRecursively() && QDir().mkpath(m_dir.path())); // fresh per test
    m_storedTokens = "[ci]\n"
                     "hf_token = " + tokenOf('c').toUtf8() + "\n\n"
                     "[my laptop]\r\n"
                     "hf_token = " + tokenOf('l').toUtf8() + "  \r\n\r\n"
                     "; a comment\n"
                     "[v1.2.release]\n"
                     "HF_TOKEN:" + tokenOf('r').toUtf8() + "\n\n"
                     "[empty]\n"
                     "hf_token =\n\n"
                     "[dup of env]\n"
                     "hf_token = " + EnvToken.toUtf8() + "\n\n"
                     "[dup of file]\n"
                     "hf_token = " + FileToken.toUtf8() + "\n";
}

QProcessEnvironment TstTokenDiscovery::envWith(bool withHfToken) const
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
    env.insert(QStringLiteral("HF_HOME"), hfHome());
    if (withHfToken)
        env.insert(QStringLiteral("HF_TOKEN"), QLatin1String("  ") + EnvToken + QLatin1String("\n"));
    return env;
}

void TstTokenDiscovery::findsAllSourcesInOrder()
{
    QVERIFY(writeFile(hfHome() + QLatin1String("/token"), "\n " + FileToken.toUtf8() + " \n"));
    QVERIFY(writeFile(hfHome() + QLatin1String("/stored_tokens"), m_storedTokens));
    const QList<DiscoveredToken> found = hubgate::discoverTokens(envWith(true));
    QCOMPARE(summary(found), QStringList({
                                 QLatin1String("env|") + EnvToken + QLatin1String("|HF_TOKEN|"),
                                 QLatin1String("file|") + FileToken + QLatin1String("|token|"),
                                 QLatin1String("stored|") + tokenOf('c') + QLatin1String("|stored_tokens|ci"),
                                 QLatin1String("stored|") + tokenOf('l') + QLatin1String("|stored_tokens|my laptop"),
                                 QLatin1String("stored|") + tokenOf('r') + QLatin1String("|stored_tokens|v1.2.release"),
                             }));
    QCOMPARE(found.at(1).location, hfHome() + QLatin1String("/token"));
    QCOMPARE(found.at(2).location, hfHome() + QLatin1String("/stored_tokens"));
}

void TstTokenDiscovery::withoutHfTokenAStoredDuplicateCounts()
{
    QVERIFY(writeFile(hfHome() + QLatin1String("/token"), FileToken.toUtf8()));
    QVERIFY(writeFile(hfHome() + QLatin1String("/stored_tokens"), m_storedTokens));
    const QStringList found = summary(hubgate::discoverTokens(envWith(false)));
    QCOMPARE(found.size(), 5);
    QCOMPARE(found.first(), QLatin1String("file|") + FileToken + QLatin1String("|token|"));
    QCOMPARE(found.last(), QLatin1String("stored|") + EnvToken + QLatin1String("|stored_tokens|dup of env"));
}

void TstTokenDiscovery::missingHfHomeFallsBackToHome()
{
    const QString home = m_dir.filePath(QStringLiteral("home"));
    QVERIFY(writeFile(home + QLatin1String("/.cache/huggingface/token"), FileToken.toUtf8()));
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), home);
    const QList<DiscoveredToken> found = hubgate::discoverTokens(env);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.at(0).source, Source::TokenFile);
    QCOMPARE(found.at(0).location, home + QLatin1String("/.cache/huggingface/token"));
    // An empty HF_HOME counts as unset.
    env.insert(QStringLiteral("HF_HOME"), QString());
    QCOMPARE(hubgate::discoverTokens(env).size(), 1);
}

void TstTokenDiscovery::xdgCacheHomeIsHonoured()
{
    // As huggingface_hub: without HF_HOME, $XDG_CACHE_HOME/huggingface before ~/.cache/huggingface.
    const QString cache = m_dir.filePath(QStringLiteral("xdg cache"));
    QVERIFY(writeFile(cache + QLatin1String("/huggingface/token"), FileToken.toUtf8()));
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), cache);
    const QList<DiscoveredToken> found = hubgate::discoverTokens(env);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.at(0).location, cache + QLatin1String("/huggingface/token"));
}

void TstTokenDiscovery::noHomeFindsOnlyTheEnvironment()
{
    QVERIFY(hubgate::discoverTokens(QProcessEnvironment()).isEmpty());
    QProcessEnvironment env;
    env.insert(QStringLiteral("HF_TOKEN"), QStringLiteral("   "));
    QVERIFY(hubgate::discoverTokens(env).isEmpty()); // blank is not a token
    env.insert(QStringLiteral("HF_TOKEN"), EnvToken);
    QCOMPARE(summary(hubgate::discoverTokens(env)), QStringList(QLatin1String("env|") + EnvToken + QLatin1String("|HF_TOKEN|")));
}

void TstTokenDiscovery::garbageIsIgnored()
{
    QRandomGenerator random(42); // reproducible junk
    QByteArray junk(64 * 1024, Qt::Uninitialized);
    for (char &c : junk)
        c = char(random.bounded(256));
    junk.replace(2000, 3, "\n[x"); // some structure for the parser to trip over
    junk.replace(4000, 12, "\nhf_token = ");

    QVERIFY(writeFile(hfHome() + QLatin1String("/token"), QByteArray("hf_\x00\xff\xfe", 6) + junk.left(40)));
    QVERIFY(writeFile(hfHome() + QLatin1String("/stored_tokens"), junk));
    QVERIFY(hubgate::discoverTokens(envWith(false)).isEmpty());

    // Two lines, or invalid UTF-8 around a token, are not a token either.
    QVERIFY(writeFile(hfHome() + QLatin1String("/token"), FileToken.toUtf8() + "\n" + EnvToken.toUtf8()));
    QVERIFY(writeFile(hfHome() + QLatin1String("/stored_tokens"),
                      "[bad]\nhf_token = \xc3\x28" + FileToken.toUtf8() + "\n[ok]\nhf_token = " + EnvToken.toUtf8() + "\n"));
    QCOMPARE(summary(hubgate::discoverTokens(envWith(false))),
             QStringList(QLatin1String("stored|") + EnvToken + QLatin1String("|stored_tokens|ok")));

    // A directory where the file should be.
    QVERIFY(QFile::remove(hfHome() + QLatin1String("/token")));
    QVERIFY(QDir().mkpath(hfHome() + QLatin1String("/token")));
    QCOMPARE(hubgate::discoverTokens(envWith(false)).size(), 1);
}

void TstTokenDiscovery::hugeFilesAreIgnored()
{
    const QByteArray padding(1024 * 1024, ' '); // a valid token first, then over 1 MiB of blanks
    QVERIFY(writeFile(hfHome() + QLatin1String("/token"), FileToken.toUtf8() + padding));
    QVERIFY(writeFile(hfHome() + QLatin1String("/stored_tokens"),
                      "[big]\nhf_token = " + EnvToken.toUtf8() + "\n" + padding));
    QVERIFY(hubgate::discoverTokens(envWith(false)).isEmpty());

    // Just under the limit is still read.
    QVERIFY(writeFile(hfHome() + QLatin1String("/token"), FileToken.toUtf8() + padding.left(1000)));
    QCOMPARE(hubgate::discoverTokens(envWith(false)).size(), 1);
}

void TstTokenDiscovery::describeSource()
{
    // Abbreviation uses the home directory of this process.
    const QByteArray savedHome = qgetenv("HOME");
    const QString home = m_dir.filePath(QStringLiteral("home"));
    qputenv("HOME", QFile::encodeName(home));
    const auto restore = qScopeGuard([&] { qputenv("HOME", savedHome); });

    DiscoveredToken env{EnvToken, Source::Environment, QStringLiteral("HF_TOKEN"), {}};
    QCOMPARE(hubgate::describeSource(env), QStringLiteral("from the HF_TOKEN environment variable"));

    DiscoveredToken file{FileToken, Source::TokenFile, home + QLatin1String("/.cache/huggingface/token"), {}};
    QCOMPARE(hubgate::describeSource(file), QStringLiteral("from ~/.cache/huggingface/token"));

    DiscoveredToken stored{FileToken, Source::StoredTokens, home + QLatin1String("/.cache/huggingface/stored_tokens"),
                           QStringLiteral("ci")};
    QCOMPARE(hubgate::describeSource(stored), QStringLiteral("stored token “ci” in ~/.cache/huggingface/stored_tokens"));

    stored.name = QStringLiteral("100%2 %1"); // placeholders in a name stay literal
    QCOMPARE(hubgate::describeSource(stored),
             QStringLiteral("stored token “100%2 %1” in ~/.cache/huggingface/stored_tokens"));

    file.location = QStringLiteral("/srv/hf/token");
    QCOMPARE(hubgate::describeSource(file), QStringLiteral("from /srv/hf/token"));
    file.location = home + QLatin1String("2/token"); // shares the prefix but is not under home
    QCOMPARE(hubgate::describeSource(file), QLatin1String("from ") + home + QLatin1String("2/token"));
}

void TstTokenDiscovery::looksLikeUserToken_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("expected");
    const QString body = QStringLiteral("abcdefghijklmnopqrstuvwxyzABCDEF01");
    QTest::newRow("valid") << QString(QLatin1String("hf_") + body) << true;
    QTest::newRow("digits only") << QString(QLatin1String("hf_") + QString(34, u'7')) << true;
    QTest::newRow("33") << QString(QLatin1String("hf_") + body.left(33)) << false;
    QTest::newRow("35") << QString(QLatin1String("hf_") + body + u'x') << false;
    QTest::newRow("HF_") << QString(QLatin1String("HF_") + body) << false;
    QTest::newRow("hf-") << QString(QLatin1String("hf-") + body) << false;
    QTest::newRow("underscore") << QString(QLatin1String("hf_") + body.left(33) + u'_') << false;
    QTest::newRow("dash") << QString(QLatin1String("hf_-") + body.left(33)) << false;
    QTest::newRow("non-ascii letter") << QString(QLatin1String("hf_") + body.left(33) + u'é') << false;
    QTest::newRow("arabic digit") << QString(QLatin1String("hf_") + body.left(33) + QChar(0x0663)) << false;
    QTest::newRow("fullwidth") << QString(QLatin1String("hf_") + body.left(33) + QChar(0xff21)) << false;
    QTest::newRow("padded") << QString(QLatin1String(" hf_") + body.left(33)) << false;
    QTest::newRow("newline") << QString(QLatin1String("hf_") + body + u'\n') << false;
    QTest::newRow("org token") << QString(QLatin1String("api_org_") + body) << false;
    QTest::newRow("prefix only") << QStringLiteral("hf_") << false;
    QTest::newRow("empty") << QString() << false;
}

void TstTokenDiscovery::looksLikeUserToken()
{
    QFETCH(QString, token);
    QFETCH(bool, expected);
    QCOMPARE(hubgate::looksLikeUserToken(token), expected);
}

void TstTokenDiscovery::maskTokenExample()
{
    QCOMPARE(hubgate::maskToken(QStringLiteral("hf_abcdefghijklmnopqrstuvwxyz01wxyz")), QStringLiteral("hf_…wxyz"));
    QCOMPARE(hubgate::maskToken(QStringLiteral(" hf_abcdefghijklmnopqrstuvwxyz01wxyz\n")), QStringLiteral("hf_…wxyz"));
    QCOMPARE(hubgate::maskToken(QStringLiteral("hf_short")), QStringLiteral("hf_…"));
    QCOMPARE(hubgate::maskToken(QString()), QString());
}

void TstTokenDiscovery::maskTokenRevealsAtMostLastFour()
{
    QRandomGenerator random(7);
    for (int length = 0; length <= 60; ++length) {
        for (const QString &prefix : {QString(), QStringLiteral("hf_"), QStringLiteral("api_org_")}) {
            QString token = prefix;
            while (token.size() < prefix.size() + length)
                token += QChar(u'a' + random.bounded(26));
            QString shown = hubgate::maskToken(token);
            QVERIFY2(shown.count(u'…') == 1 || token.isEmpty(), qPrintable(shown));
            // Only the public "hf_" prefix may be shown besides the tail.
            if (token.startsWith(QLatin1String("hf_")) && shown.startsWith(QLatin1String("hf_")))
                shown.remove(0, 3);
            shown.remove(u'…');
            QVERIFY2(shown.size() <= 4, qPrintable(token));
            QVERIFY2(token.endsWith(shown), qPrintable(token));
        }
    }
}

QTEST_GUILESS_MAIN(TstTokenDiscovery)
#include "tst_tokendiscovery.moc"
