// `hubgate gate show|apply` run as the real program: show then apply leaves every test card
// byte for byte as it was, null removes a key, usage and invalid input leave the file alone,
// and against the emulator a commit changes only the gate lines, a concurrent commit is a
// conflict that overwrites nothing, and --pr leaves main alone.
#include "cardtestutil.h"
#include "clitestutil.h"
#include "emulatorfixture.h"
#include "testcards.h"

#include <QFile>
#include <QProcess>
#include <QTest>

#include <memory>

using clitest::Run;
using clitest::runHubgate;
using testing::EmulatorFixture;

namespace {

const QString Nimbus = QStringLiteral("nimbus-ai/nimbus-7b");

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

bool writeAll(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

} // namespace

class TstCliGate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void showThenApplyIsByteIdentical_data();
    void showThenApplyIsByteIdentical();
    void nullRemovesAKey();
    void usageErrors_data();
    void usageErrors();
    void invalidInputLeavesTheFile_data();
    void invalidInputLeavesTheFile();
    void repoCommitChangesOnlyGateLines();
    void repoConflictOverwritesNothing();
    void repoPullRequest();

private:
    QString path(const QString &name) const { return m_sandbox->path() + u'/' + name; }
    Run run(const QStringList &arguments) { return runHubgate(arguments, m_sandbox->env()); }
    QStringList onHub(QStringList arguments) const
    {
        return arguments << QStringLiteral("--endpoint") << m_hub->baseUrl().toString();
    }
    QByteArray mainReadme();

    std::unique_ptr<clitest::Sandbox> m_sandbox;
    std::unique_ptr<EmulatorFixture> m_hub;
    QNetworkAccessManager m_nam;
};

void TstCliGate::init()
{
    m_sandbox = std::make_unique<clitest::Sandbox>();
    QVERIFY(m_sandbox->isValid());
    m_sandbox->set(QStringLiteral("HF_TOKEN"), QString::fromLatin1(EmulatorFixture::writeToken()));
    m_hub = std::make_unique<EmulatorFixture>(); // a fresh Hub: commits of one test stay there
}

QByteArray TstCliGate::mainReadme()
{
    return testing::send(m_nam, "GET", m_hub->url(QStringLiteral("/nimbus-ai/nimbus-7b/resolve/main/README.md")),
                         EmulatorFixture::writeToken())
        .body;
}

void TstCliGate::showThenApplyIsByteIdentical_data()
{
    QTest::addColumn<QByteArray>("readme");
    for (const cardtest::TestCard &card : cardtest::testCards())
        QTest::newRow(card.name) << card.readme;
}

void TstCliGate::showThenApplyIsByteIdentical()
{
    QFETCH(QByteArray, readme);
    QVERIFY(writeAll(path(QStringLiteral("README.md")), readme));
    const Run show = run({QStringLiteral("gate"), QStringLiteral("show"), QStringLiteral("--file"), path(QStringLiteral("README.md"))});
    QVERIFY2(show.exitCode == 0, qPrintable(show.describe()));
    QVERIFY(show.out.startsWith(u'{'));
    QVERIFY(writeAll(path(QStringLiteral("gate.json")), show.out.toUtf8()));
    const Run apply = run({QStringLiteral("gate"), QStringLiteral("apply"), QStringLiteral("--from"), path(QStringLiteral("gate.json")),
                           QStringLiteral("--file"), path(QStringLiteral("README.md"))});
    QVERIFY2(apply.exitCode == 0, qPrintable(apply.describe()));
    QCOMPARE(readAll(path(QStringLiteral("README.md"))), readme);
    const Run toOutput = run({QStringLiteral("gate"), QStringLiteral("apply"), QStringLiteral("--from"),
                              path(QStringLiteral("gate.json")), QStringLiteral("--file"), path(QStringLiteral("README.md")),
                              QStringLiteral("--output"), path(QStringLiteral("OUT.md"))});
    QVERIFY2(toOutput.exitCode == 0, qPrintable(toOutput.describe()));
    QCOMPARE(readAll(path(QStringLiteral("OUT.md"))), readme);
}

void TstCliGate::nullRemovesAKey()
{
    const QByteArray readme = cardtest::seedCard();
    QVERIFY(writeAll(path(QStringLiteral("README.md")), readme));
    QVERIFY(writeAll(path(QStringLiteral("gate.json")), R"({"extra_gated_description": null, "extra_gated_button_content": "Go"})"));
    const Run apply = run({QStringLiteral("gate"), QStringLiteral("apply"), QStringLiteral("--from"), path(QStringLiteral("gate.json")),
                           QStringLiteral("--file"), path(QStringLiteral("README.md"))});
    QVERIFY2(apply.exitCode == 0, qPrintable(apply.describe()));
    QByteArray expected = readme;
    expected.replace("extra_gated_description: \"Our team may take 2-3 days to process your request\"\n", "");
    expected.replace("extra_gated_button_content: \"Acknowledge license\"\n", "extra_gated_button_content: Go\n");
    QCOMPARE(readAll(path(QStringLiteral("README.md"))), expected);
}

void TstCliGate::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("no action") << QStringList{QStringLiteral("gate"), QStringLiteral("--file"), QStringLiteral("@README")};
    QTest::newRow("unknown action") << QStringList{QStringLiteral("gate"), QStringLiteral("edit"), QStringLiteral("--file"),
                                                   QStringLiteral("@README")};
    QTest::newRow("no card") << QStringList{QStringLiteral("gate"), QStringLiteral("show")};
    QTest::newRow("file and repo") << QStringList{QStringLiteral("gate"), QStringLiteral("show"), QStringLiteral("--file"),
                                                  QStringLiteral("@README"), QStringLiteral("--repo"), Nimbus};
    QTest::newRow("apply without from") << QStringList{QStringLiteral("gate"), QStringLiteral("apply"), QStringLiteral("--file"),
                                                       QStringLiteral("@README")};
    QTest::newRow("show with from") << QStringList{QStringLiteral("gate"), QStringLiteral("show"), QStringLiteral("--file"),
                                                   QStringLiteral("@README"), QStringLiteral("--from"), QStringLiteral("@GATE")};
    QTest::newRow("pr with file") << QStringList{QStringLiteral("gate"), QStringLiteral("apply"), QStringLiteral("--from"),
                                                 QStringLiteral("@GATE"), QStringLiteral("--file"), QStringLiteral("@README"),
                                                 QStringLiteral("--pr")};
}

void TstCliGate::usageErrors()
{
    QFETCH(QStringList, arguments);
    const QByteArray readme = cardtest::seedCard();
    QVERIFY(writeAll(path(QStringLiteral("README.md")), readme));
    QVERIFY(writeAll(path(QStringLiteral("gate.json")), R"({"extra_gated_heading": "changed"})"));
    arguments.replaceInStrings(QStringLiteral("@README"), path(QStringLiteral("README.md")));
    arguments.replaceInStrings(QStringLiteral("@GATE"), path(QStringLiteral("gate.json")));
    const Run result = run(arguments);
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY(result.out.isEmpty());
    QCOMPARE(readAll(path(QStringLiteral("README.md"))), readme);
}

void TstCliGate::invalidInputLeavesTheFile_data()
{
    QTest::addColumn<QByteArray>("readme");
    QTest::addColumn<QByteArray>("gate");
    QTest::addColumn<QString>("said");
    const QByteArray good = cardtest::seedCard();
    QTest::newRow("bad yaml") << QByteArray("---\nlicense: mit\ntags: [a\nextra_gated_heading: x\n---\n") << QByteArray("{}")
                              << QStringLiteral("line ");
    QTest::newRow("not json") << good << QByteArray("{\"extra_gated_heading\": ") << QStringLiteral("JSON");
    QTest::newRow("unknown key") << good << QByteArray(R"({"license": "mit"})") << QStringLiteral("license");
    QTest::newRow("wrong type") << good << QByteArray(R"({"extra_gated_prompt": 3})") << QStringLiteral("extra_gated_prompt");
    QTest::newRow("select without options")
        << good << QByteArray(R"({"extra_gated_fields": {"Use": {"type": "select", "options": []}}})") << QStringLiteral("Use");
    QTest::newRow("empty field name") << good << QByteArray(R"({"extra_gated_fields": {"": "text"}})") << QStringLiteral("name");
}

void TstCliGate::invalidInputLeavesTheFile()
{
    QFETCH(QByteArray, readme);
    QFETCH(QByteArray, gate);
    QFETCH(QString, said);
    QVERIFY(writeAll(path(QStringLiteral("README.md")), readme));
    QVERIFY(writeAll(path(QStringLiteral("gate.json")), gate));
    const Run result = run({QStringLiteral("gate"), QStringLiteral("apply"), QStringLiteral("--from"), path(QStringLiteral("gate.json")),
                            QStringLiteral("--file"), path(QStringLiteral("README.md"))});
    QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
    QVERIFY2(result.err.contains(said), qPrintable(result.err));
    QCOMPARE(readAll(path(QStringLiteral("README.md"))), readme);
}

void TstCliGate::repoCommitChangesOnlyGateLines()
{
    const QByteArray before = mainReadme();
    QVERIFY(before.contains("extra_gated_heading"));
    const Run show = run(onHub({QStringLiteral("gate"), QStringLiteral("show"), QStringLiteral("--repo"), Nimbus}));
    QVERIFY2(show.exitCode == 0, qPrintable(show.describe()));
    QVERIFY(show.out.contains(QLatin1String("\"Intended use\"")));
    QVERIFY(writeAll(path(QStringLiteral("gate.json")), R"({"extra_gated_heading": "Request access: Nimbus-7B"})"));
    const Run apply = run(onHub({QStringLiteral("gate"), QStringLiteral("apply"), QStringLiteral("--from"), path(QStringLiteral("gate.json")),
                                 QStringLiteral("--repo"), Nimbus, QStringLiteral("--message"), QStringLiteral("New heading")}));
    QVERIFY2(apply.exitCode == 0, qPrintable(apply.describe()));
    QVERIFY(apply.out.contains(QLatin1String("/commit/")));
    const QByteArray after = mainReadme();
    QByteArray expected = before;
    expected.replace("extra_gated_heading: \"Request access to Nimbus-7B\"\n", "extra_gated_heading: 'Request access: Nimbus-7B'\n");
    QCOMPARE(after, expected);
    // Once more: nothing to commit.
    const Run again = run(onHub({QStringLiteral("gate"), QStringLiteral("apply"), QStringLiteral("--from"), path(QStringLiteral("gate.json")),
                                 QStringLiteral("--repo"), Nimbus}));
    QVERIFY2(again.exitCode == 0 && again.out.isEmpty(), qPrintable(again.describe()));
}

// Another commit lands while the command has the README checked (the check is held back by the
// emulator): the command's commit is refused and that other commit stays.
void TstCliGate::repoConflictOverwritesNothing()
{
    const testing::Reply fault = testing::send(m_nam, "POST", m_hub->url(QStringLiteral("/_emulator/faults")), {},
                                               R"({"kind": "latency", "ms": 2000, "method": "POST", "path": "/api/validate-yaml"})");
    QVERIFY2(fault.status == 200, fault.body.constData());
    QVERIFY(writeAll(path(QStringLiteral("gate.json")), R"({"extra_gated_eu_disallowed": true})"));
    QProcess process;
    process.setProgram(QStringLiteral(HUBGATE_PROGRAM));
    process.setArguments(onHub({QStringLiteral("gate"), QStringLiteral("apply"), QStringLiteral("--from"), path(QStringLiteral("gate.json")),
                                QStringLiteral("--repo"), Nimbus}));
    process.setProcessEnvironment(m_sandbox->env());
    process.start();
    const auto validating = [this] {
        const testing::Reply faults = testing::send(m_nam, "GET", m_hub->url(QStringLiteral("/_emulator/faults")));
        const emu::Json rules = faults.json().value("rules", emu::Json::array());
        return !rules.empty() && rules[0].value("matched", 0) > 0;
    };
    QVERIFY(QTest::qWaitFor(validating, 30000));
    const QByteArray theirs = mainReadme() + "\nAn edit made meanwhile.\n";
    const QByteArray payload = "{\"key\":\"header\",\"value\":{\"summary\":\"Meanwhile\"}}\n{\"key\":\"file\",\"value\":{\"path\":\"README.md\","
                               "\"encoding\":\"base64\",\"content\":\"" + theirs.toBase64() + "\"}}\n";
    const testing::Reply other = testing::send(m_nam, "POST", m_hub->url(QStringLiteral("/api/models/nimbus-ai/nimbus-7b/commit/main")),
                                               EmulatorFixture::writeToken(), payload, "application/x-ndjson");
    QVERIFY2(other.status == 200, other.body.constData());
    QVERIFY(QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 30000));
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(process.exitCode() == 1, qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("nothing was overwritten")), qPrintable(err));
    QCOMPARE(mainReadme(), theirs);
}

void TstCliGate::repoPullRequest()
{
    const QByteArray before = mainReadme();
    QVERIFY(writeAll(path(QStringLiteral("gate.json")), R"({"extra_gated_button_content": "Send"})"));
    const Run apply = run(onHub({QStringLiteral("gate"), QStringLiteral("apply"), QStringLiteral("--from"), path(QStringLiteral("gate.json")),
                                 QStringLiteral("--repo"), Nimbus, QStringLiteral("--pr")}));
    QVERIFY2(apply.exitCode == 0, qPrintable(apply.describe()));
    QVERIFY2(apply.out.contains(QLatin1String("/discussions/")), qPrintable(apply.out));
    QCOMPARE(mainReadme(), before);
}

QTEST_GUILESS_MAIN(TstCliGate)
#include "tst_cli_gate.moc"
