// `hubgate export` run as the real program against the in-process emulator: the hub and json
// formats equal the Hub's own report, CSV reads back with Python's csv module, JSON Lines hold
// every request; options and exit codes; a 429 storm or a dropped connection leaves no file.
#include "clitestutil.h"
#include "emulatorfixture.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using clitest::Run;
using clitest::runHubgate;
using testing::EmulatorFixture;

namespace {

const QString PoetryCorpus = QStringLiteral("datasets/mira-patel/poetry-corpus");
const QString Nimbus = QStringLiteral("nimbus-ai/nimbus-7b");

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

// Python's csv module reads the file; rows come back as JSON.
QJsonArray csvRows(const QString &path)
{
    static const char *script =
        "import csv, json, sys\n"
        "with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:\n"
        "    sys.stdout.write(json.dumps(list(csv.reader(f, strict=True))))\n";
    QProcess python;
    python.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"), QString::fromLatin1(script), path});
    if (!python.waitForFinished(60000) || python.exitCode() != 0)
        return {};
    return QJsonDocument::fromJson(python.readAllStandardOutput()).array();
}

} // namespace

class TstCliExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { m_hub = std::make_unique<EmulatorFixture>(); }

    void init()
    {
        m_hub->api().faults().clear();
        m_sandbox = std::make_unique<clitest::Sandbox>();
        QVERIFY(m_sandbox->isValid());
        m_sandbox->set(QStringLiteral("HF_TOKEN"),
                       QString::fromLatin1(EmulatorFixture::writeToken()));
        QVERIFY(m_out.isValid());
    }

    void cleanupTestCase() { m_hub->api().faults().clear(); }

    void hubAndJsonEqualTheHubReport_data()
    {
        QTest::addColumn<QString>("repo");
        QTest::addColumn<QString>("format");
        for (const QString &repo : {Nimbus, PoetryCorpus}) {
            QTest::addRow("%s hub", qPrintable(repo)) << repo << QStringLiteral("hub");
            QTest::addRow("%s json", qPrintable(repo)) << repo << QStringLiteral("json");
        }
    }

    void hubAndJsonEqualTheHubReport()
    {
        QFETCH(QString, repo);
        QFETCH(QString, format);
        const QByteArray report = hubReport(repo);
        QVERIFY(report.size() > 1000);

        const QString path = m_out.filePath(QStringLiteral("report-%1.json").arg(format));
        Run result = run({QStringLiteral("--repo"), repo, QStringLiteral("--format"), format,
                          QStringLiteral("--output"), path});
        QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
        QCOMPARE(result.out, QString());
        QCOMPARE(result.err, QString()); // not a terminal: silent
        QCOMPARE(contents(path), report);

        result = run({QStringLiteral("--repo"), repo, QStringLiteral("--format"), format});
        QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
        QCOMPARE(result.out, QString::fromUtf8(report)); // stdout without --output
    }

    void jsonIsTheDefaultAndStatusSelects()
    {
        const QJsonArray report = QJsonDocument::fromJson(hubReport(PoetryCorpus)).array();
        QJsonArray rejected;
        for (const QJsonValue &entry : report)
            if (entry.toObject().value(QLatin1String("status")).toString() ==
                QLatin1String("rejected"))
                rejected.append(entry);
        QVERIFY(!rejected.isEmpty() && rejected.size() < report.size());
        const Run result = run({QStringLiteral("--repo"), PoetryCorpus, QStringLiteral("--status"),
                                QStringLiteral("rejected")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
        QCOMPARE(QJsonDocument::fromJson(result.out.toUtf8()).array(), rejected);
    }

    void csvReadsBack()
    {
        const QString path = m_out.filePath(QStringLiteral("poetry.csv"));
        const Run result =
            run({QStringLiteral("--repo"), PoetryCorpus, QStringLiteral("--format"),
                 QStringLiteral("csv"), QStringLiteral("--bom"), QStringLiteral("-o"), path});
        QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
        QVERIFY(contents(path).startsWith("\xEF\xBB\xBFuser,fullname,email,status,time,reviewedAt,"
                                          "grantedBy,Name,Country,Start date\r\n"));

        const QJsonArray rows = csvRows(path);
        const QJsonArray report = QJsonDocument::fromJson(hubReport(PoetryCorpus)).array();
        QCOMPARE(rows.size(), report.size() + 1);
        for (qsizetype i = 0; i < report.size(); ++i) {
            const QJsonObject entry = report.at(i).toObject();
            const QJsonArray row = rows.at(i + 1).toArray();
            QCOMPARE(row.size(), 10);
            QCOMPARE(row.at(0).toString(), entry.value(QLatin1String("user")).toString());
            QCOMPARE(row.at(1).toString(), entry.value(QLatin1String("fullname")).toString());
            QCOMPARE(row.at(2).toString(), entry.value(QLatin1String("email")).toString());
            QCOMPARE(row.at(3).toString(), entry.value(QLatin1String("status")).toString());
            QCOMPARE(row.at(4).toString(), entry.value(QLatin1String("time")).toString());
            if (entry.contains(QLatin1String("reviewedAt")))
                QCOMPARE(row.at(5).toString(), entry.value(QLatin1String("reviewedAt")).toString());
        }
        const auto tomasz = std::find_if(rows.begin(), rows.end(), [](const QJsonValue &row) {
            return row.toArray().at(0).toString() == QLatin1String("tomasz-nowak");
        });
        QVERIFY(tomasz != rows.end());
        QCOMPARE((*tomasz).toArray().at(7).toString(), QStringLiteral("Tomasz Nowak"));
        QCOMPARE((*tomasz).toArray().at(8).toString(), QStringLiteral("PL"));
        QCOMPARE((*tomasz).toArray().at(9).toString(), QStringLiteral("2026-10-01"));
    }

    void jsonLinesHaveEveryRequest()
    {
        const Run result = run({QStringLiteral("--repo"), PoetryCorpus, QStringLiteral("--format"),
                                QStringLiteral("jsonl")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
        const QJsonArray report = QJsonDocument::fromJson(hubReport(PoetryCorpus)).array();
        const QStringList lines = result.outLines();
        QCOMPARE(lines.size(), report.size());
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QJsonObject object = QJsonDocument::fromJson(lines.at(i).toUtf8()).object();
            QCOMPARE(object.value(QLatin1String("user")),
                     report.at(i).toObject().value(QLatin1String("user")));
            QCOMPARE(object.value(QLatin1String("timestamp")),
                     report.at(i).toObject().value(QLatin1String("time")));
            QVERIFY(object.value(QLatin1String("fields")).isObject());
            QVERIFY(object.contains(QLatin1String("userId")) &&
                    object.contains(QLatin1String("grantedBy")));
        }
    }

    void mergedRepos()
    {
        const QString other = QStringLiteral("nimbus-ai/nimbus-7b-instruct");
        const QString path = m_out.filePath(QStringLiteral("merged.csv"));
        const Run result = run({QStringLiteral("--repo"), PoetryCorpus, QStringLiteral("--repo"),
                                other, QStringLiteral("--format"), QStringLiteral("csv"),
                                QStringLiteral("--output"), path});
        QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
        const QJsonArray rows = csvRows(path);
        const qsizetype first = QJsonDocument::fromJson(hubReport(PoetryCorpus)).array().size();
        const qsizetype second = QJsonDocument::fromJson(hubReport(other)).array().size();
        QCOMPARE(rows.size(), first + second + 1);
        QCOMPARE(rows.at(0).toArray().at(0).toString(), QStringLiteral("repo"));
        QCOMPARE(rows.at(1).toArray().at(0).toString(), PoetryCorpus);
        QCOMPARE(rows.at(first + 1).toArray().at(0).toString(), other);
    }

    void emailOptions()
    {
        const QJsonArray report = QJsonDocument::fromJson(hubReport(PoetryCorpus)).array();
        Run result = run({QStringLiteral("--repo"), PoetryCorpus, QStringLiteral("--no-email")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
        QVERIFY(!result.out.contains(QLatin1String("\"email\"")));
        QCOMPARE(QJsonDocument::fromJson(result.out.toUtf8()).array().size(), report.size());

        result = run({QStringLiteral("--repo"), PoetryCorpus, QStringLiteral("--hash-email")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
        const QJsonArray hashed = QJsonDocument::fromJson(result.out.toUtf8()).array();
        QCOMPARE(hashed.size(), report.size());
        int checked = 0;
        for (qsizetype i = 0; i < report.size(); ++i) {
            const QString email = report.at(i).toObject().value(QLatin1String("email")).toString();
            if (email.isEmpty())
                continue;
            const QByteArray digest =
                QCryptographicHash::hash(email.toLower().toUtf8(), QCryptographicHash::Sha256)
                    .toHex();
            QCOMPARE(hashed.at(i).toObject().value(QLatin1String("email")).toString(),
                     QString::fromLatin1(digest));
            ++checked;
        }
        QVERIFY(checked > 100);
        QVERIFY(!result.out.contains(u'@'));
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString repo = QStringLiteral("--repo");
        QTest::newRow("no repo") << QStringList{} << 2 << QStringLiteral("--repo");
        QTest::newRow("unknown format")
            << QStringList{repo, Nimbus, QStringLiteral("--format"), QStringLiteral("xml")} << 2
            << QStringLiteral("“xml” is not an export format");
        QTest::newRow("unknown status")
            << QStringList{repo, Nimbus, QStringLiteral("--status"), QStringLiteral("maybe")} << 2
            << QStringLiteral("“maybe” is not a request status");
        QTest::newRow("both e-mail options")
            << QStringList{repo, Nimbus, QStringLiteral("--no-email"),
                           QStringLiteral("--hash-email")}
            << 2 << QStringLiteral("not both");
        QTest::newRow("hub of two repos") << QStringList{repo,
                                                         Nimbus,
                                                         repo,
                                                         PoetryCorpus,
                                                         QStringLiteral("--format"),
                                                         QStringLiteral("hub")}
                                          << 2 << QStringLiteral("one --repo");
        QTest::newRow("hub with status") << QStringList{repo,
                                                        Nimbus,
                                                        QStringLiteral("--format"),
                                                        QStringLiteral("hub"),
                                                        QStringLiteral("--status"),
                                                        QStringLiteral("pending")}
                                         << 2 << QStringLiteral("unchanged");
        QTest::newRow("bom for json")
            << QStringList{repo, Nimbus, QStringLiteral("--bom")} << 2 << QStringLiteral("--bom");
        QTest::newRow("malformed repo")
            << QStringList{repo, QStringLiteral("nimbus-ai/../x")} << 3 << QString();
        QTest::newRow("unknown repo")
            << QStringList{repo, QStringLiteral("nimbus-ai/no-such-model")} << 1
            << QStringLiteral("Could not export the access requests of nimbus-ai/no-such-model: ");
        QTest::newRow("unknown repo, hub")
            << QStringList{repo, QStringLiteral("nimbus-ai/no-such-model"),
                           QStringLiteral("--format"), QStringLiteral("hub")}
            << 1 << QStringLiteral("does not exist");
    }

    void exitCodes()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const QString path = m_out.filePath(QStringLiteral("never.json"));
        const Run result = run(arguments + QStringList{QStringLiteral("--output"), path});
        QVERIFY2(result.exitCode == exitCode, qPrintable(result.describe()));
        QCOMPARE(result.out, QString());
        QVERIFY2(result.err.startsWith(QLatin1String("hubgate: ")) && result.err.contains(message),
                 qPrintable(result.err));
        QVERIFY(!QFile::exists(path));
    }

    void noToken()
    {
        m_sandbox->set(QStringLiteral("HF_TOKEN"), QString());
        const Run result = run({QStringLiteral("--repo"), Nimbus});
        QVERIFY2(result.exitCode == 1, qPrintable(result.describe()));
        QCOMPARE(result.out, QString());
    }

    // Every page of the accepted list is refused with 429 until the retries run out.
    void rateLimitStormLeavesNoFile_data() { faultCases(); }
    void rateLimitStormLeavesNoFile() { runWithFault("kind=status,status=429,retry-after=1"); }

    // The connection is closed without an answer, every time.
    void droppedConnectionLeavesNoFile_data() { faultCases(); }
    void droppedConnectionLeavesNoFile() { runWithFault("kind=drop"); }

private:
    Run run(const QStringList &arguments)
    {
        const Run result =
            runHubgate(QStringList{QStringLiteral("export"), QStringLiteral("--endpoint"),
                                   m_hub->baseUrl().toString()} +
                           arguments,
                       m_sandbox->env(), 120000);
        if (!result.finished)
            QTest::qFail("hubgate did not finish", __FILE__, __LINE__);
        if (result.out.contains(QString::fromLatin1(EmulatorFixture::writeToken())) ||
            result.err.contains(QString::fromLatin1(EmulatorFixture::writeToken())))
            QTest::qFail("hubgate printed the token", __FILE__, __LINE__);
        return result;
    }

    QByteArray hubReport(const QString &repo)
    {
        const testing::Reply reply = testing::send(
            m_nam, "GET",
            m_hub->url(QLatin1Char('/') + repo + QStringLiteral("/user-access-report")),
            EmulatorFixture::writeToken());
        return reply.status == 200 ? reply.body : QByteArray();
    }

    void faultCases()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("existing");
        const QString lists =
            QStringLiteral("/api/datasets/mira-patel/poetry-corpus/user-access-request/accepted*");
        QTest::newRow("csv, new file") << QStringLiteral("csv") << lists << false;
        QTest::newRow("json over an existing file") << QStringLiteral("json") << lists << true;
        QTest::newRow("hub over an existing file")
            << QStringLiteral("hub")
            << QStringLiteral("/datasets/mira-patel/poetry-corpus/user-access-report") << true;
    }

    void runWithFault(const char *kind)
    {
        QFETCH(QString, format);
        QFETCH(QString, path);
        QFETCH(bool, existing);
        QTemporaryDir dir;
        const QString output = dir.filePath(QStringLiteral("report.out"));
        if (existing) {
            QFile file(output);
            QVERIFY(file.open(QIODevice::WriteOnly) && file.write("old report") == 10);
        }
        std::string error;
        const auto rule =
            emu::FaultRule::parse(std::string(kind) + ",path=" + path.toStdString(), &error);
        QVERIFY2(rule, error.c_str());
        m_hub->api().faults().add(*rule);
        const Run result = run({QStringLiteral("--repo"), PoetryCorpus, QStringLiteral("--format"),
                                format, QStringLiteral("--output"), output});
        m_hub->api().faults().clear();
        QVERIFY2(result.exitCode == 1, qPrintable(result.describe()));
        QCOMPARE(result.out, QString());
        QVERIFY2(result.err.startsWith(
                     QStringLiteral("hubgate: Could not export the access requests of %1: ")
                         .arg(PoetryCorpus)),
                 qPrintable(result.err));
        if (existing) {
            QCOMPARE(contents(output), QByteArray("old report"));
            QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("report.out")});
        } else {
            QCOMPARE(entries(dir.path()), QStringList());
        }
    }

    std::unique_ptr<EmulatorFixture> m_hub;
    std::unique_ptr<clitest::Sandbox> m_sandbox;
    QNetworkAccessManager m_nam;
    QTemporaryDir m_out;
};

QTEST_GUILESS_MAIN(TstCliExport)
#include "tst_cli_export.moc"
