// Which Hub to talk to (chooseEndpoint) and where a token may go (endpointProblem, sameOrigin).
#include "hubclienttest.h"

#include "hub/endpoint.h"

#include <QTest>

using hubgate::chooseEndpoint;
using hubgate::endpointProblem;
using hubgate::sameOrigin;

class TestHubClientEndpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void endpointProblem_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("words"); // in the refusal
        QTest::newRow("https hub") << QStringLiteral("https://huggingface.co") << true << QString();
        QTest::newRow("https mirror with path") << QStringLiteral("https://hf-mirror.example.org/hub") << true << QString();
        QTest::newRow("https with port") << QStringLiteral("https://hub.example.org:8443") << true << QString();
        QTest::newRow("HTTPS upper case") << QStringLiteral("HTTPS://huggingface.co") << true << QString();
        QTest::newRow("http localhost") << QStringLiteral("http://localhost:8766") << true << QString();
        QTest::newRow("http LOCALHOST") << QStringLiteral("http://LOCALHOST:8766") << true << QString();
        QTest::newRow("http 127.0.0.1") << QStringLiteral("http://127.0.0.1:8766") << true << QString();
        QTest::newRow("http 127.0.0.2") << QStringLiteral("http://127.0.0.2") << true << QString();
        QTest::newRow("http 127.255.255.254") << QStringLiteral("http://127.255.255.254:1") << true << QString();
        QTest::newRow("http [::1]") << QStringLiteral("http://[::1]:8766") << true << QString();
        QTest::newRow("http remote") << QStringLiteral("http://example.com") << false << QStringLiteral("example.com");
        QTest::newRow("http hub") << QStringLiteral("http://huggingface.co") << false << QStringLiteral("plain http");
        QTest::newRow("http localhost look-alike") << QStringLiteral("http://localhost.evil.example") << false
                                                   << QStringLiteral("plain http");
        QTest::newRow("http 128.0.0.1") << QStringLiteral("http://128.0.0.1") << false << QStringLiteral("plain http");
        QTest::newRow("http 0.0.0.0") << QStringLiteral("http://0.0.0.0") << false << QStringLiteral("plain http");
        QTest::newRow("http [::2]") << QStringLiteral("http://[::2]") << false << QStringLiteral("plain http");
        QTest::newRow("ftp") << QStringLiteral("ftp://127.0.0.1") << false << QStringLiteral("scheme");
        QTest::newRow("file") << QStringLiteral("file:///etc/passwd") << false << QStringLiteral("not a valid");
        QTest::newRow("no host") << QStringLiteral("https://") << false << QStringLiteral("not a valid");
        QTest::newRow("empty") << QString() << false << QStringLiteral("not a valid");
    }
    void endpointProblem()
    {
        QFETCH(QString, url);
        QFETCH(bool, accepted);
        QFETCH(QString, words);
        const QString problem = hubgate::endpointProblem(QUrl(url));
        QCOMPARE(problem.isEmpty(), accepted);
        if (!accepted)
            QVERIFY2(problem.contains(words), qPrintable(problem));
    }

    void sameOrigin_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("same");
        QTest::newRow("identical") << QStringLiteral("https://hub.example/a") << QStringLiteral("https://hub.example/b") << true;
        QTest::newRow("default https port") << QStringLiteral("https://hub.example") << QStringLiteral("https://hub.example:443/x") << true;
        QTest::newRow("default http port") << QStringLiteral("http://localhost") << QStringLiteral("http://localhost:80") << true;
        QTest::newRow("host case") << QStringLiteral("https://Hub.Example") << QStringLiteral("https://hub.example") << true;
        QTest::newRow("other port") << QStringLiteral("http://127.0.0.1:1000") << QStringLiteral("http://127.0.0.1:1001") << false;
        QTest::newRow("other scheme") << QStringLiteral("https://hub.example") << QStringLiteral("http://hub.example:443") << false;
        QTest::newRow("other host") << QStringLiteral("https://hub.example") << QStringLiteral("https://cdn.hub.example") << false;
        QTest::newRow("loopback names differ") << QStringLiteral("http://localhost:1") << QStringLiteral("http://127.0.0.1:1") << false;
    }
    void sameOrigin()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, same);
        QCOMPARE(hubgate::sameOrigin(QUrl(a), QUrl(b)), same);
        QCOMPARE(hubgate::sameOrigin(QUrl(b), QUrl(a)), same);
    }

    void precedence()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("HF_ENDPOINT"), QStringLiteral("https://env.example"));

        auto choice = chooseEndpoint(QStringLiteral("https://cli.example"), QStringLiteral("https://pref.example"), env);
        QCOMPARE(choice.url, QUrl(QStringLiteral("https://cli.example")));
        QCOMPARE(choice.source, QStringLiteral("--endpoint"));

        choice = chooseEndpoint(QString(), QStringLiteral("https://pref.example"), env);
        QCOMPARE(choice.url, QUrl(QStringLiteral("https://env.example")));
        QCOMPARE(choice.source, QStringLiteral("HF_ENDPOINT"));

        choice = chooseEndpoint(QString(), QStringLiteral("https://pref.example"), QProcessEnvironment());
        QCOMPARE(choice.url, QUrl(QStringLiteral("https://pref.example")));
        QCOMPARE(choice.source, QStringLiteral("preferences"));

        choice = chooseEndpoint(QStringLiteral("   "), QStringLiteral("  "), env); // blanks count as unset
        QCOMPARE(choice.url, QUrl(QStringLiteral("https://env.example")));
        QCOMPARE(choice.source, QStringLiteral("HF_ENDPOINT"));

        choice = chooseEndpoint(QString(), QString(), QProcessEnvironment());
        QCOMPARE(choice.url, QUrl(QStringLiteral("https://huggingface.co")));
        QCOMPARE(choice.url, hubgate::defaultEndpoint());
        QCOMPARE(choice.source, QStringLiteral("default"));

        QProcessEnvironment blank;
        blank.insert(QStringLiteral("HF_ENDPOINT"), QStringLiteral(" "));
        QCOMPARE(chooseEndpoint(QString(), QString(), blank).url, hubgate::defaultEndpoint());
    }

    void trailingSlashes_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one slash") << QStringLiteral("https://hub.example/") << QStringLiteral("https://hub.example");
        QTest::newRow("many slashes") << QStringLiteral("https://hub.example///") << QStringLiteral("https://hub.example");
        QTest::newRow("path with slash") << QStringLiteral("https://hub.example/mirror/") << QStringLiteral("https://hub.example/mirror");
        QTest::newRow("spaces") << QStringLiteral("  http://127.0.0.1:8766/  ") << QStringLiteral("http://127.0.0.1:8766");
        QTest::newRow("none") << QStringLiteral("https://hub.example/mirror") << QStringLiteral("https://hub.example/mirror");
    }
    void trailingSlashes()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QProcessEnvironment env;
        env.insert(QStringLiteral("HF_ENDPOINT"), input);
        QCOMPARE(chooseEndpoint(input, QString(), QProcessEnvironment()).url.toString(), expected);
        QCOMPARE(chooseEndpoint(QString(), input, QProcessEnvironment()).url.toString(), expected);
        QCOMPARE(chooseEndpoint(QString(), QString(), env).url.toString(), expected);
    }

    void apiUrlsOnTheEndpoint()
    {
        QNetworkAccessManager nam;
        for (const QString &text : {QStringLiteral("https://hub.example/mirror/"), QStringLiteral("https://hub.example/mirror")}) {
            hubgate::HubClient client(&nam, chooseEndpoint(text, {}, {}).url);
            QCOMPARE(client.url(QStringLiteral("/api/whoami-v2")).toString(),
                     QStringLiteral("https://hub.example/mirror/api/whoami-v2"));
        }
        hubgate::HubClient client(&nam, QUrl(QStringLiteral("https://hub.example")));
        QCOMPARE(client.url(QStringLiteral("/api/models"), QUrlQuery(QStringLiteral("author=a&limit=100"))).toString(),
                 QStringLiteral("https://hub.example/api/models?author=a&limit=100"));
    }
};

QTEST_GUILESS_MAIN(TestHubClientEndpoint)
#include "tst_hubclient_endpoint.moc"
