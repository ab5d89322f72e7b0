// hubgate without a window: --help, --version, `help`, and every command-line mistake, run as the
// real program with no display at all. None of these needs the Hub.
#include "clitestutil.h"

#include <QTest>

using clitest::Run;
using clitest::runHubgate;

namespace {

const QString SomeToken = QStringLiteral("hf_CliProgramTest00000000000000000001");

} // namespace

class TstCliProgram : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void versionNeedsNoDisplay_data();
    void versionNeedsNoDisplay();
    void helpNeedsNoDisplay_data();
    void helpNeedsNoDisplay();
    void helpListsTheCommands();
    void commandHelp_data();
    void commandHelp();
    void unknownCommandIsAUsageError_data();
    void unknownCommandIsAUsageError();
    void windowMistakesNeedNoDisplay_data();
    void windowMistakesNeedNoDisplay();
    void commandOptionMistakes_data();
    void commandOptionMistakes();
    void badRepoIsBadInput_data();
    void badRepoIsBadInput();
    void plainHttpIsRefused();

private:
    Run run(const QStringList &arguments);
    clitest::Sandbox m_sandbox;
};

void TstCliProgram::initTestCase()
{
    QVERIFY(m_sandbox.isValid());
    // A token, so that validation (not a missing token) is what a mistake runs into.
    m_sandbox.set(QStringLiteral("HF_TOKEN"), SomeToken);
}

Run TstCliProgram::run(const QStringList &arguments)
{
    Run result = runHubgate(arguments, m_sandbox.env(), 20000);
    if (!result.finished)
        QTest::qFail("hubgate did not finish", __FILE__, __LINE__);
    if (result.out.contains(SomeToken) || result.err.contains(SomeToken))
        QTest::qFail("hubgate printed the token", __FILE__, __LINE__);
    return result;
}

void TstCliProgram::versionNeedsNoDisplay_data()
{
    QTest::addColumn<QString>("option");
    QTest::newRow("--version") << QStringLiteral("--version");
    QTest::newRow("-v") << QStringLiteral("-v");
}

void TstCliProgram::versionNeedsNoDisplay()
{
    QFETCH(QString, option);
    const Run result = run({option});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(result.out, QStringLiteral("HubGate %1\n").arg(QStringLiteral(HUBGATE_VERSION)));
    QCOMPARE(result.err, QString());
}

void TstCliProgram::helpNeedsNoDisplay_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("--help") << QStringList{QStringLiteral("--help")};
    QTest::newRow("-h") << QStringList{QStringLiteral("-h")};
    QTest::newRow("with window options") << QStringList{QStringLiteral("--demo"), QStringLiteral("--help")};
}

void TstCliProgram::helpNeedsNoDisplay()
{
    QFETCH(QStringList, arguments);
    const Run result = run(arguments);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    for (const char *expected : {"Usage: hubgate [options]", "hubgate COMMAND [options]", "--demo", "--endpoint <URL>",
                                 "--screenshot <FILE>", "--version", "Commands", "requests",
                                 "List the access requests of a gated repo."})
        QVERIFY2(result.out.contains(QLatin1String(expected)), expected);
    QCOMPARE(result.err, QString());
}

void TstCliProgram::helpListsTheCommands()
{
    const Run result = run({QStringLiteral("help")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QStringList lines = result.outLines();
    QVERIFY(lines.value(0).startsWith(QLatin1String("Usage: hubgate COMMAND")));
    const auto listed = [&lines](const QString &name) {
        for (const QString &line : lines)
            if (line.startsWith(QStringLiteral("  ") + name + QStringLiteral("  ")))
                return line;
        return QString();
    };
    QVERIFY2(listed(QStringLiteral("requests")).contains(QLatin1String("List the access requests")), qPrintable(result.out));
    QVERIFY2(!listed(QStringLiteral("help")).isEmpty(), qPrintable(result.out));
    QCOMPARE(result.err, QString());
}

void TstCliProgram::commandHelp_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("help requests") << QStringList{QStringLiteral("help"), QStringLiteral("requests")};
    QTest::newRow("requests --help") << QStringList{QStringLiteral("requests"), QStringLiteral("--help")};
    QTest::newRow("requests -h, other options ignored")
        << QStringList{QStringLiteral("requests"), QStringLiteral("--status"), QStringLiteral("nonsense"),
                       QStringLiteral("-h")};
}

void TstCliProgram::commandHelp()
{
    QFETCH(QStringList, arguments);
    const Run result = run(arguments);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(result.out.startsWith(QLatin1String("Usage: hubgate requests --repo")), qPrintable(result.out));
    for (const char *expected : {"--repo <REPO>", "--status <STATUS>", "--json", "--endpoint <URL>", "-h, --help",
                                 "HF_TOKEN", "Exit status"})
        QVERIFY2(result.out.contains(QLatin1String(expected)), expected);
    QCOMPARE(result.err, QString());
}

void TstCliProgram::unknownCommandIsAUsageError_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("named");
    QTest::addColumn<QString>("hint");
    QTest::newRow("unknown") << QStringList{QStringLiteral("frobnicate")} << QStringLiteral("frobnicate")
                             << QStringLiteral("hubgate help");
    QTest::newRow("near miss") << QStringList{QStringLiteral("request"), QStringLiteral("--repo"), QStringLiteral("a/b")}
                               << QStringLiteral("request") << QStringLiteral("Did you mean “hubgate requests”?");
    QTest::newRow("help for unknown") << QStringList{QStringLiteral("help"), QStringLiteral("frobnicate")}
                                      << QStringLiteral("frobnicate") << QStringLiteral("hubgate help");
}

void TstCliProgram::unknownCommandIsAUsageError()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, named);
    QFETCH(QString, hint);
    const Run result = run(arguments);
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QCOMPARE(result.out, QString());
    QVERIFY2(result.err.startsWith(QStringLiteral("hubgate: “%1” is not a hubgate command.").arg(named)),
             qPrintable(result.err));
    QVERIFY2(result.err.contains(hint), qPrintable(result.err));
}

void TstCliProgram::windowMistakesNeedNoDisplay_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--bogus")} << QStringLiteral("bogus");
    QTest::newRow("command after options")
        << QStringList{QStringLiteral("--endpoint"), QStringLiteral("https://hub.example"), QStringLiteral("requests")}
        << QStringLiteral("a command comes first");
    QTest::newRow("demo and endpoint")
        << QStringList{QStringLiteral("--demo"), QStringLiteral("--endpoint"), QStringLiteral("https://hub.example")}
        << QStringLiteral("cannot be combined");
}

// Without this, each of them would build a QApplication first and abort for want of a display.
void TstCliProgram::windowMistakesNeedNoDisplay()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run result = run(arguments);
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QCOMPARE(result.out, QString());
    QVERIFY2(result.err.startsWith(QLatin1String("hubgate: ")) && result.err.contains(message), qPrintable(result.err));
}

void TstCliProgram::commandOptionMistakes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString requests = QStringLiteral("requests");
    const QString repo = QStringLiteral("--repo");
    const QString id = QStringLiteral("nimbus-ai/nimbus-7b");
    QTest::newRow("bad status") << QStringList{requests, repo, id, QStringLiteral("--status"), QStringLiteral("maybe")}
                                << QStringLiteral("“maybe” is not a request status");
    QTest::newRow("empty status") << QStringList{requests, repo, id, QStringLiteral("--status=")}
                                  << QStringLiteral("is not a request status");
    QTest::newRow("missing repo") << QStringList{requests} << QStringLiteral("--repo");
    QTest::newRow("repo without value") << QStringList{requests, repo} << QStringLiteral("Missing value");
    QTest::newRow("unknown option") << QStringList{requests, repo, id, QStringLiteral("--colour")}
                                    << QStringLiteral("colour");
    QTest::newRow("stray argument") << QStringList{requests, repo, id, QStringLiteral("extra")}
                                    << QStringLiteral("“extra” was not expected");
}

void TstCliProgram::commandOptionMistakes()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run result = run(arguments);
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QCOMPARE(result.out, QString());
    QVERIFY2(result.err.startsWith(QLatin1String("hubgate: ")) && result.err.contains(message), qPrintable(result.err));
    QVERIFY2(result.err.contains(QLatin1String("hubgate requests --help")), qPrintable(result.err));
}

void TstCliProgram::badRepoIsBadInput_data()
{
    QTest::addColumn<QString>("repo");
    for (const char *repo : {"nimbus-7b", "a/b/c", "spaces/acme/app", "-acme/model", "acme/model-", "acme/mo--del",
                             "acme/mo..del", "acme/my model", "acme/", "/model", "datasets/acme"})
        QTest::newRow(repo) << QString::fromLatin1(repo);
    QTest::newRow("too long") << QString(QStringLiteral("acme/") + QString(97, u'x'));
}

void TstCliProgram::badRepoIsBadInput()
{
    QFETCH(QString, repo);
    const Run result = run({QStringLiteral("requests"), QStringLiteral("--repo"), repo});
    QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
    QCOMPARE(result.out, QString());
    QVERIFY2(result.err.startsWith(QStringLiteral("hubgate: “%1” is not a repo id").arg(repo)), qPrintable(result.err));
    QCOMPARE(result.err.count(u'\n'), 1); // one sentence, no usage hint: the command line was right
}

void TstCliProgram::plainHttpIsRefused()
{
    const Run result = run({QStringLiteral("requests"), QStringLiteral("--repo"), QStringLiteral("acme/model"),
                            QStringLiteral("--endpoint"), QStringLiteral("http://hub.example")});
    QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
    QCOMPARE(result.out, QString());
    QVERIFY2(result.err.contains(QLatin1String("plain http")) && result.err.contains(QLatin1String("--endpoint")),
             qPrintable(result.err));
}

QTEST_GUILESS_MAIN(TstCliProgram)
#include "tst_cli_program.moc"
