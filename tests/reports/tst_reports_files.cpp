// Reports are saved atomically: success replaces the file in one step, while a failure or a
// cancel leaves an existing file as it was and no temporary file next to it.
#include "reports/reportfile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using hubgate::ReportFile;

namespace {

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace

class TstReportsFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void savesAndReplaces()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.json"));
        QString error;
        QCOMPARE(ReportFile::save(path, "[1]", &error), ReportFile::Outcome::Saved);
        QCOMPARE(contents(path), QByteArray("[1]"));
        const QByteArray big(3 * 1024 * 1024 + 5, 'x'); // several chunks
        QCOMPARE(ReportFile::save(path, big, &error), ReportFile::Outcome::Saved);
        QCOMPARE(contents(path), big);
        QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("report.json")});
    }

    void unwritableDirectoryFailsCleanly()
    {
        // /proc takes no new files, not even from root.
        QString error;
        QCOMPARE(ReportFile::save(QStringLiteral("/proc/hubgate-report.csv"), "a,b\r\n", &error),
                 ReportFile::Outcome::Failed);
        QVERIFY(!error.isEmpty());
        QVERIFY(!QFile::exists(QStringLiteral("/proc/hubgate-report.csv")));

        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("no-such-folder/report.csv"));
        error.clear();
        QCOMPARE(ReportFile::save(missing, "a\r\n", &error), ReportFile::Outcome::Failed);
        QVERIFY(!error.isEmpty());
        QCOMPARE(entries(dir.path()), QStringList());

        error.clear();
        QCOMPARE(ReportFile::save(dir.path(), "a\r\n", &error),
                 ReportFile::Outcome::Failed); // a folder
        QVERIFY(!error.isEmpty());
    }

    void readOnlyDirectoryKeepsTheOldFile()
    {
        if (::geteuid() == 0)
            QSKIP("root writes into read-only folders; existingFileSurvivesAFailure covers this");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.csv"));
        QVERIFY(writeFile(path, "old"));
        QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner));
        QString error;
        const ReportFile::Outcome outcome = ReportFile::save(path, "new", &error);
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QCOMPARE(outcome, ReportFile::Outcome::Failed);
        QCOMPARE(contents(path), QByteArray("old"));
        QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("report.csv")});
    }

    void existingFileSurvivesAFailure()
    {
        // The temporary file's name (the target's plus a suffix) is too long for the file
        // system, so the save fails after the target was found: even root cannot get past this.
        QTemporaryDir dir;
        const QString name = QString(250, u'r') + QStringLiteral(".csv");
        const QString path = dir.filePath(name);
        QVERIFY(writeFile(path, "old"));
        QString error;
        QCOMPARE(ReportFile::save(path, "new", &error), ReportFile::Outcome::Failed);
        QVERIFY(!error.isEmpty());
        QCOMPARE(contents(path), QByteArray("old"));
        QCOMPARE(entries(dir.path()), QStringList{name});
    }

    void cancelKeepsTheOldFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.jsonl"));
        QVERIFY(writeFile(path, "old"));
        std::atomic<bool> cancel{true};
        QString error;
        QCOMPARE(ReportFile::save(path, QByteArray(2 * 1024 * 1024, 'n'), &error, &cancel),
                 ReportFile::Outcome::Cancelled);
        QCOMPARE(contents(path), QByteArray("old"));
        QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("report.jsonl")});

        const QString fresh = dir.filePath(QStringLiteral("fresh.jsonl"));
        QCOMPARE(ReportFile::save(fresh, "{}\n", &error, &cancel), ReportFile::Outcome::Cancelled);
        QVERIFY(!QFile::exists(fresh));
        QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("report.jsonl")});
    }
};

QTEST_GUILESS_MAIN(TstReportsFiles)
#include "tst_reports_files.moc"
