// The hubgate-emulator program: options, the ready file, persistence across restarts and clear
// failures. Runs the real binary with QProcess.
#include "emulatortest.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>

using namespace emutest;

namespace {

const QString program = QStringLiteral(HUBGATE_EMULATOR_PROGRAM);

// A small seed, so the program starts fast: one gated repo with a form, one token.
Json smallSeed()
{
    return Json{{"users", Json::array({Json{{"name", "owner"}, {"email", "owner@example.org"}},
                                       Json{{"name", "asker"}}})},
                {"tokens", Json::array({Json{{"token", "hf_SmallOwnerWrite000000000000000001"}, {"user", "owner"}, {"role", "write"}},
                                        Json{{"token", "hf_SmallAskerRead0000000000000000001"}, {"user", "asker"}, {"role", "read"}}})},
                {"repos", Json::array({Json{{"id", "owner/gated-model"},
                                            {"gated", "manual"},
                                            {"files", {{"README.md", readme("extra_gated_fields:\n  Company: text\n  Country: country\n")}}}}})}};
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

struct Run
{
    int exitCode = -1;
    QString stdOut, stdErr;
};

// Runs the program to completion (for failures and --help).
Run runToEnd(const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    Run run;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        run.stdErr = QStringLiteral("timed out");
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.stdOut = QString::fromUtf8(process.readAllStandardOutput());
    run.stdErr = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace

class TestEmulatorProgram : public QObject
{
    Q_OBJECT
    QTemporaryDir dir;
    QNetworkAccessManager nam;
    std::unique_ptr<QProcess> server;

    // Starts the program with --port 0 --ready-file and waits for the ready file.
    Json start(QStringList arguments)
    {
        const QString ready = dir.filePath(QStringLiteral("ready-%1.json").arg(QRandomGenerator::global()->generate()));
        arguments << QStringLiteral("--port") << QStringLiteral("0") << QStringLiteral("--ready-file") << ready;
        server = std::make_unique<QProcess>();
        server->start(program, arguments);
        if (!server->waitForStarted(10000))
            return nullptr;
        if (!QTest::qWaitFor([&] { return QFile::exists(ready) || server->state() == QProcess::NotRunning; }, 60000))
            return nullptr;
        QFile file(ready);
        if (!file.open(QIODevice::ReadOnly))
            return nullptr;
        const QByteArray data = file.readAll();
        return Json::parse(data.begin(), data.end(), nullptr, false);
    }

    // Ends the running program with SIGTERM, as a user's Ctrl+C would; returns its exit code.
    int stop()
    {
        if (!server)
            return -1;
        server->terminate();
        if (!server->waitForFinished(20000)) {
            server->kill();
            server->waitForFinished();
            return -1;
        }
        const int code = server->exitStatus() == QProcess::NormalExit ? server->exitCode() : -1;
        server.reset();
        return code;
    }

    Reply call(const Json &ready, const QByteArray &method, const std::string &path, const QByteArray &token = {},
               const QByteArray &body = {})
    {
        const QUrl url(QString::fromStdString(ready.value("baseUrl", std::string()) + path));
        return testing::send(nam, method, url, token, body);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(dir.isValid()); }
    void cleanup()
    {
        if (server)
            stop();
    }

    void help()
    {
        const Run run = runToEnd({QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        for (const char *option : {"--port", "--seed", "--state", "--ready-file", "--fault", "--rate-limit",
                                   "--latency", "--generate", "--random-seed", "--verbose"})
            QVERIFY2(run.stdOut.contains(QLatin1StringView(option)), option);
    }

    void readyFileWithDemoData()
    {
        Json ready = start({});
        QVERIFY2(ready.is_object(), qPrintable(QString::fromUtf8(server->readAllStandardError())));
        const QRegularExpression base(QStringLiteral("^http://127\\.0\\.0\\.1:(\\d+)$"));
        const auto match = base.match(QString::fromStdString(ready["baseUrl"]));
        QVERIFY(match.hasMatch());
        QVERIFY(match.captured(1).toInt() > 0); // a real port, not the 0 we asked for
        JCOMPARE(ready["controlUrl"], ready["baseUrl"].get<std::string>() + "/_emulator");

        // Tokens with users and roles, as in the demo seed.
        const Json seed = EmulatorFixture::demoSeed();
        QCOMPARE(ready["tokens"].size(), seed["tokens"].size());
        for (std::size_t i = 0; i < seed["tokens"].size(); ++i) {
            JCOMPARE(ready["tokens"][i]["token"], seed["tokens"][i]["token"]);
            JCOMPARE(ready["tokens"][i]["user"], seed["tokens"][i]["user"]);
            JCOMPARE(ready["tokens"][i]["role"], seed["tokens"][i]["role"]);
        }
        // Every seeded repo, with type, visibility and gate.
        QCOMPARE(ready["repos"].size(), seed["repos"].size());
        std::map<std::string, Json> repos;
        for (auto &repo : ready["repos"])
            repos[repo["id"]] = repo;
        for (const auto &repo : seed["repos"]) {
            QVERIFY(repos.count(repo["id"]));
            Json &listed = repos[repo["id"]];
            JCOMPARE(listed["type"], repo["type"]);
            JCOMPARE(listed["private"], repo.value("private", false));
            JCOMPARE(listed["gated"], repo["gated"]);
        }
        JCOMPARE(repos["nimbus-ai/nimbus-7b"]["requests"], 6001); // 1 seeded + 6000 generated

        // The base URL answers, with the tokens it listed.
        const Reply whoami = call(ready, "GET", "/api/whoami-v2", EmulatorFixture::writeToken());
        QCOMPARE(whoami.status, 200);
        JCOMPARE(whoami.json()["name"], "mira-patel");
        QCOMPARE(stop(), 0); // SIGTERM ends it cleanly
    }

    void seedGenerateRateLimitAndFault()
    {
        const QString seed = dir.filePath(QStringLiteral("small.json"));
        QVERIFY(writeFile(seed, QByteArray::fromStdString(smallSeed().dump())));
        Json ready = start({QStringLiteral("--seed"), seed, QStringLiteral("--generate"),
                            QStringLiteral("models/owner/gated-model=40"), QStringLiteral("--rate-limit"),
                            QStringLiteral("3/60"), QStringLiteral("--fault"),
                            QStringLiteral("kind=status,status=503,path=/api/models,times=1")});
        QVERIFY(ready.is_object());
        QCOMPARE(ready["repos"].size(), std::size_t(1));
        JCOMPARE(ready["repos"][0]["requests"], 40);
        const QByteArray owner = "hf_SmallOwnerWrite000000000000000001";
        // The fault fires once, then the rate limit of 3 per window applies.
        QCOMPARE(call(ready, "GET", "/api/models", owner).status, 503);
        QCOMPARE(call(ready, "GET", "/api/models", owner).status, 200);
        QCOMPARE(call(ready, "GET", "/api/models", owner).status, 200);
        QCOMPARE(call(ready, "GET", "/api/models", owner).status, 429);
        QCOMPARE(stop(), 0);
    }

    void latencyOption()
    {
        const QString seed = dir.filePath(QStringLiteral("small-latency.json"));
        QVERIFY(writeFile(seed, QByteArray::fromStdString(smallSeed().dump())));
        const Json ready = start({QStringLiteral("--seed"), seed, QStringLiteral("--latency"), QStringLiteral("150:30")});
        QVERIFY(ready.is_object());
        JCOMPARE(call(ready, "GET", "/_emulator/faults").json()["latency"], (Json{{"ms", 150}, {"jitter", 30}}));
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(call(ready, "GET", "/api/models").status, 200);
        QVERIFY2(clock.elapsed() >= 120, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(stop(), 0);
    }

    void resetStatusOption()
    {
        const QString seed = dir.filePath(QStringLiteral("small-reset.json"));
        QVERIFY(writeFile(seed, QByteArray::fromStdString(smallSeed().dump())));
        Json ready = start({QStringLiteral("--seed"), seed});
        QVERIFY(ready.is_object());
        JCOMPARE(call(ready, "GET", "/_emulator/features").json(), (Json{{"resetStatus", false}}));
        QCOMPARE(stop(), 0);

        ready = start({QStringLiteral("--seed"), seed, QStringLiteral("--reset-status")});
        QVERIFY(ready.is_object());
        JCOMPARE(call(ready, "GET", "/_emulator/features").json(), (Json{{"resetStatus", true}}));
        const QByteArray owner = "hf_SmallOwnerWrite000000000000000001";
        QCOMPARE(call(ready, "GET", "/api/models/owner/gated-model/user-access-request/reset", owner).status, 200);
        // Reloading the seed keeps the option.
        QCOMPARE(call(ready, "POST", "/_emulator/reset").status, 200);
        JCOMPARE(call(ready, "GET", "/_emulator/features").json(), (Json{{"resetStatus", true}}));
        QCOMPARE(stop(), 0);
    }

    void verboseLogs()
    {
        const QString seed = dir.filePath(QStringLiteral("small-verbose.json"));
        QVERIFY(writeFile(seed, QByteArray::fromStdString(smallSeed().dump())));
        Json ready = start({QStringLiteral("--seed"), seed, QStringLiteral("--verbose")});
        QVERIFY(ready.is_object());
        QCOMPARE(call(ready, "GET", "/api/whoami-v2").status, 401);
        server->terminate();
        QVERIFY(server->waitForFinished(20000));
        const QString log = QString::fromUtf8(server->readAllStandardError());
        QVERIFY2(log.contains(QRegularExpression(QStringLiteral("GET /api/whoami-v2 -> 401"))), qPrintable(log));
        server.reset();
    }

    void randomSeedIsDeterministic()
    {
        const QString seed = dir.filePath(QStringLiteral("small-random.json"));
        QVERIFY(writeFile(seed, QByteArray::fromStdString(smallSeed().dump())));
        const QByteArray owner = "hf_SmallOwnerWrite000000000000000001";
        std::vector<std::vector<std::string>> runs;
        for (const char *randomSeed : {"5", "5", "6"}) {
            Json ready = start({QStringLiteral("--seed"), seed, QStringLiteral("--generate"),
                                QStringLiteral("models/owner/gated-model=30"), QStringLiteral("--random-seed"),
                                QString::fromLatin1(randomSeed)});
            QVERIFY(ready.is_object());
            std::vector<std::string> names;
            for (const char *status : {"pending", "accepted", "rejected"})
                for (auto &item : call(ready, "GET", std::string("/api/models/owner/gated-model/user-access-request/") + status, owner).json())
                    names.push_back(item["user"]["user"].get<std::string>() + " " + item["fields"].dump());
            QCOMPARE(names.size(), std::size_t(30));
            runs.push_back(names);
            QCOMPARE(stop(), 0);
        }
        QVERIFY(runs[0] == runs[1]); // same seed, same people and answers
        QVERIFY(runs[0] != runs[2]);
    }

    void stateSurvivesRestart()
    {
        const QString seed = dir.filePath(QStringLiteral("small-state.json"));
        QVERIFY(writeFile(seed, QByteArray::fromStdString(smallSeed().dump())));
        const QString state = dir.filePath(QStringLiteral("state.json"));
        Json ready = start({QStringLiteral("--seed"), seed, QStringLiteral("--state"), state});
        QVERIFY(ready.is_object());
        QVERIFY(QFile::exists(state)); // written at start
        const QByteArray owner = "hf_SmallOwnerWrite000000000000000001";
        QCOMPARE(call(ready, "PUT", "/api/models/owner/gated-model/settings", owner, R"({"gated": "auto"})").status, 200);
        QCOMPARE(call(ready, "POST", "/api/models/owner/gated-model/user-access-request/grant", owner, R"({"user": "asker"})").status, 200);
        QCOMPARE(stop(), 0);

        ready = start({QStringLiteral("--seed"), seed, QStringLiteral("--state"), state});
        QVERIFY(ready.is_object());
        JCOMPARE(ready["repos"][0]["gated"], "auto");
        Json accepted = call(ready, "GET", "/api/models/owner/gated-model/user-access-request/accepted", owner).json();
        QCOMPARE(accepted.size(), std::size_t(1));
        JCOMPARE(accepted[0]["user"]["user"], "asker");
        JCOMPARE(accepted[0]["grantedBy"]["user"], "owner");
        QCOMPARE(stop(), 0);
    }

    void failures_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message"); // part of the explanation on stderr
        QTest::addColumn<QByteArray>("seedContent"); // written to bad-seed.json when non-empty
        const QString badSeed = dir.filePath(QStringLiteral("bad-seed.json"));
        QTest::newRow("seed is not JSON") << QStringList{QStringLiteral("--seed"), badSeed}
                                          << QStringLiteral("parse error") << QByteArray("{\"users\": [");
        QTest::newRow("seed repo id") << QStringList{QStringLiteral("--seed"), badSeed} << QStringLiteral("namespace/name")
                                      << QByteArray(R"({"users": [{"name": "a"}], "repos": [{"id": "noslash"}]})");
        QTest::newRow("seed token role")
            << QStringList{QStringLiteral("--seed"), badSeed} << QStringLiteral("role")
            << QByteArray(R"({"users": [{"name": "a"}], "tokens": [{"token": "hf_x", "user": "a", "role": "admin"}]})");
        QTest::newRow("missing seed file") << QStringList{QStringLiteral("--seed"), dir.filePath(QStringLiteral("nope.json"))}
                                           << QStringLiteral("nope.json") << QByteArray();
        QTest::newRow("fault kind") << QStringList{QStringLiteral("--fault"), QStringLiteral("kind=explode")}
                                    << QStringLiteral("kind must be latency, status or drop") << QByteArray();
        QTest::newRow("fault syntax") << QStringList{QStringLiteral("--fault"), QStringLiteral("status")}
                                      << QStringLiteral("key=value") << QByteArray();
        QTest::newRow("rate limit") << QStringList{QStringLiteral("--rate-limit"), QStringLiteral("lots")}
                                    << QStringLiteral("--rate-limit") << QByteArray();
        for (const char *latency : {"slow", "-5", "100:200", "100:", "100:5:5"})
            QTest::addRow("latency %s", latency) << QStringList{QStringLiteral("--latency"), QString::fromLatin1(latency)}
                                                << QStringLiteral("--latency") << QByteArray();
        QTest::newRow("generate spec") << QStringList{QStringLiteral("--generate"), QStringLiteral("nimbus=5")}
                                       << QStringLiteral("--generate") << QByteArray();
        QTest::newRow("generate unknown repo")
            << QStringList{QStringLiteral("--generate"), QStringLiteral("models/nobody/nothing=5")}
            << QStringLiteral("nobody/nothing") << QByteArray();
        QTest::newRow("port") << QStringList{QStringLiteral("--port"), QStringLiteral("70000")}
                              << QStringLiteral("--port") << QByteArray();
    }
    void failures()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        QFETCH(QByteArray, seedContent);
        if (!seedContent.isEmpty())
            QVERIFY(writeFile(dir.filePath(QStringLiteral("bad-seed.json")), seedContent));
        const Run run = runToEnd(arguments);
        QVERIFY2(run.exitCode > 0, qPrintable(run.stdErr));
        QVERIFY2(run.stdErr.startsWith(QStringLiteral("hubgate-emulator: ")), qPrintable(run.stdErr));
        QVERIFY2(run.stdErr.contains(message), qPrintable(run.stdErr));
        QVERIFY(!run.stdErr.contains(QStringLiteral("listening"))); // it never served
    }
};

QTEST_GUILESS_MAIN(TestEmulatorProgram)
#include "tst_emulator_program.moc"
