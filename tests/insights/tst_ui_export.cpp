// Export… from the window on the emulator's demo data: the file read back and compared with the
// emulator (its own user-access-report, its request counts), each scope, merged repos, and a
// cancel that leaves no file.
#include "demowindow.h"

#include "access/accessrequestfilter.h"
#include "access/accessrequestmodel.h"
#include "reports/exportdialog.h"
#include "reports/reportexportjob.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QTemporaryDir>

using namespace hubgate;
using insightstest::DemoWindow;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
QList<QStringList> parseCsv(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            record << field;
            field.clear();
        } else if (c == QLatin1Char('\r')) {
            continue;
        } else if (c == QLatin1Char('\n')) {
            records << (record << field);
            record.clear();
            field.clear();
        } else {
            field += c;
        }
    }
    return records;
}

} // namespace

class TestUiExport : public QObject
{
    Q_OBJECT
    DemoWindow demo;
    std::unique_ptr<QTemporaryDir> dir;

    ExportDialog *openExport(const QString &repoKey)
    {
        if (!demo.window->repoBrowser()->selectKey(repoKey))
            return nullptr;
        QAction *action = nullptr;
        for (QAction *candidate : demo.window->findChildren<QAction *>())
            if (candidate->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_E))
                action = candidate;
        if (!action || !action->isEnabled())
            return nullptr;
        action->trigger();
        auto *dialog = demo.window->findChild<ExportDialog *>();
        if (!dialog || !dialog->isVisible() || dialog->isModal())
            return nullptr;
        // Export is possible once the review session has the lists.
        if (!QTest::qWaitFor([dialog] { return dialog->exportButton()->isEnabled(); }, 30000))
            return nullptr;
        return dialog;
    }

    bool exportTo(ExportDialog *dialog, const QString &path)
    {
        QSignalSpy finished(dialog, &ExportDialog::exportFinished);
        dialog->setPath(path);
        dialog->startExport();
        if (!QTest::qWaitFor([&] { return finished.size() == 1; }, 30000))
            return false;
        return finished.constFirst().constFirst().toBool();
    }

    QByteArray hubReport(const QString &repoPath)
    {
        QNetworkAccessManager nam;
        const auto reply = testing::send(nam, "GET", demo.hub->url(repoPath + QStringLiteral("/user-access-report")),
                                         testing::EmulatorFixture::writeToken());
        return reply.status == 200 ? reply.body : QByteArray();
    }

private Q_SLOTS:
    void init()
    {
        dir = std::make_unique<QTemporaryDir>();
        QVERIFY(dir->isValid());
        QString problem;
        QVERIFY2(demo.start(&problem), qPrintable(problem));
    }

    void cleanup() { demo.stop(); }

    void hubJsonEqualsTheHubsOwnReport()
    {
        ExportDialog *dialog = openExport(QStringLiteral("models/nimbus-ai/nimbus-7b"));
        QVERIFY(dialog);
        const QString path = dir->filePath(QStringLiteral("nimbus.json"));
        // The bar counts the rows written while the worker writes them.
        QList<std::pair<int, int>> shown;
        connect(dialog->progressBar(), &QProgressBar::valueChanged, this,
                [&shown, bar = dialog->progressBar()](int value) { shown.append({value, bar->maximum()}); });
        QVERIFY2(exportTo(dialog, path), qPrintable(dialog->message()));
        const int rows = demo.window->reviewPage()->model()->rowCount();
        QVERIFY(shown.contains(std::make_pair(rows, rows)));
        const QByteArray expected = hubReport(QStringLiteral("/nimbus-ai/nimbus-7b"));
        QVERIFY(!expected.isEmpty());
        const QByteArray written = readAll(path);
        QCOMPARE(QJsonDocument::fromJson(written).array().size(),
                 demo.window->reviewPage()->model()->rowCount());
        QCOMPARE(written, expected);
        QCOMPARE(dialog->progressBar()->value(), dialog->progressBar()->maximum());
        QVERIFY(dialog->message().contains(path));
    }

    void theHubsOwnReportIsSavedUnchanged()
    {
        ExportDialog *dialog = openExport(QStringLiteral("models/nimbus-ai/nimbus-7b"));
        QVERIFY(dialog);
        dialog->setFormat(ExportDialog::HubOwnReport);
        QVERIFY(!dialog->emailBox()->isEnabled());
        const QString path = dir->filePath(QStringLiteral("hub.json"));
        QVERIFY2(exportTo(dialog, path), qPrintable(dialog->message()));
        QCOMPARE(readAll(path), hubReport(QStringLiteral("/nimbus-ai/nimbus-7b")));
    }

    void csvOfOneStatusWithoutEmails()
    {
        ExportDialog *dialog = openExport(QStringLiteral("models/nimbus-ai/nimbus-7b"));
        QVERIFY(dialog);
        dialog->setFormat(ExportDialog::CsvFormat);
        dialog->bomBox()->setChecked(true);
        dialog->setScope(ExportDialog::OneStatus, QStringLiteral("pending"));
        dialog->emailBox()->setCurrentIndex(dialog->emailBox()->findData(int(EmailMode::Omit)));
        const QString path = dir->filePath(QStringLiteral("pending.csv"));
        QVERIFY2(exportTo(dialog, path), qPrintable(dialog->message()));
        QByteArray bytes = readAll(path);
        QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
        const QList<QStringList> records = parseCsv(bytes.mid(3));
        const AccessRequestModel *model = demo.window->reviewPage()->model();
        QCOMPARE(records.size(), model->countOf(QStringLiteral("pending")) + 1);
        const QStringList header = records.constFirst();
        QVERIFY(!header.contains(QStringLiteral("email")));
        QVERIFY(header.contains(QStringLiteral("Country")));
        const int user = int(header.indexOf(QStringLiteral("user")));
        const int status = int(header.indexOf(QStringLiteral("status")));
        const int fullname = int(header.indexOf(QStringLiteral("fullname")));
        for (qsizetype i = 1; i < records.size(); ++i) {
            QCOMPARE(records[i].size(), header.size());
            QCOMPARE(records[i][status], QStringLiteral("pending"));
            const AccessRequest request = model->requestAt(model->rowOfUser(records[i][user]));
            QCOMPARE(records[i][fullname], request.user.fullname);
        }
    }

    void onlyTheRowsTheTableShows()
    {
        ExportDialog *dialog = openExport(QStringLiteral("models/nimbus-ai/nimbus-7b"));
        QVERIFY(dialog);
        AccessRequestFilter *filter = demo.window->reviewPage()->filter();
        filter->setSearchText(QStringLiteral("a"));
        const int shown = filter->rowCount();
        QVERIFY(shown > 0 && shown < demo.window->reviewPage()->model()->rowCount());
        dialog->setFormat(ExportDialog::JsonLinesFormat);
        dialog->setScope(ExportDialog::ShownRows);
        const QString path = dir->filePath(QStringLiteral("shown.jsonl"));
        QVERIFY2(exportTo(dialog, path), qPrintable(dialog->message()));
        const QList<QByteArray> lines = readAll(path).trimmed().split('\n');
        QCOMPARE(lines.size(), shown);
        // In the table's order.
        for (int row : {0, shown - 1}) {
            const QString user = QJsonDocument::fromJson(lines[row]).object().value(QLatin1String("user")).toString();
            QCOMPARE(user, filter->index(row, AccessRequestModel::User).data(AccessRequestModel::UserNameRole).toString());
        }
    }

    void severalReposMerged()
    {
        ExportDialog *dialog = openExport(QStringLiteral("models/nimbus-ai/nimbus-7b"));
        QVERIFY(dialog);
        const auto items = dialog->repoList()->findItems(QStringLiteral("datasets/mira-patel/poetry-corpus"), Qt::MatchExactly);
        QCOMPARE(items.size(), 1);
        items.constFirst()->setCheckState(Qt::Checked);
        const QString path = dir->filePath(QStringLiteral("merged.json"));
        QVERIFY2(exportTo(dialog, path), qPrintable(dialog->message()));
        const QJsonArray rows = QJsonDocument::fromJson(readAll(path)).array();
        const QJsonArray poetry = QJsonDocument::fromJson(hubReport(QStringLiteral("/datasets/mira-patel/poetry-corpus"))).array();
        QVERIFY(!poetry.isEmpty());
        QCOMPARE(rows.size(), demo.window->reviewPage()->model()->rowCount() + poetry.size());
        QCOMPARE(rows.first().toObject().value(QLatin1String("repo")).toString(), QStringLiteral("nimbus-ai/nimbus-7b"));
        QCOMPARE(rows.last().toObject().value(QLatin1String("repo")).toString(), QStringLiteral("datasets/mira-patel/poetry-corpus"));
    }

    void cancelLeavesNoFile()
    {
        ExportDialog *dialog = openExport(QStringLiteral("models/nimbus-ai/nimbus-7b"));
        QVERIFY(dialog);
        // While the other repo loads, and while the Hub's report downloads.
        dialog->repoList()->findItems(QStringLiteral("datasets/mira-patel/poetry-corpus"), Qt::MatchExactly)
            .constFirst()->setCheckState(Qt::Checked);
        for (const auto format : {ExportDialog::HubJsonFormat, ExportDialog::HubOwnReport}) {
            dialog->setFormat(format);
            QSignalSpy finished(dialog, &ExportDialog::exportFinished);
            const QString path = dir->filePath(QStringLiteral("cancelled-%1.json").arg(int(format)));
            dialog->setPath(path);
            dialog->startExport();
            QVERIFY(dialog->isRunning());
            dialog->cancelExport();
            QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
            QCOMPARE(finished.constFirst().constFirst().toBool(), false);
            QVERIFY2(dialog->message().contains(QLatin1String("cancelled")), qPrintable(dialog->message()));
            QVERIFY(!QFile::exists(path));
        }
        QTest::qWait(100);
        QCOMPARE(QDir(dir->path()).entryList(QDir::Files), QStringList());
    }

    void cancelWhileWritingLeavesNoFile()
    {
        // 200,000 requests take long enough to write that the cancel comes before the end.
        RepoRequests repo{QStringLiteral("a/b"), {}, {}};
        AccessRequest request;
        request.status = QStringLiteral("pending");
        request.requestedAt = QDateTime::currentDateTimeUtc();
        for (int i = 0; i < 200000; ++i) {
            request.user.name = QStringLiteral("user%1").arg(i);
            repo.requests.append(request);
        }
        const QString path = dir->filePath(QStringLiteral("big.json"));
        QVERIFY(QFile(path).open(QIODevice::WriteOnly)); // an existing file stays as it was
        ReportExportJob job;
        QSignalSpy finished(&job, &ReportExportJob::finished);
        job.start({repo}, ReportOptions(), path);
        job.cancel();
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.constFirst().constFirst().value<ReportFile::Outcome>(), ReportFile::Outcome::Cancelled);
        QCOMPARE(QFileInfo(path).size(), 0);
        QCOMPARE(QDir(dir->path()).entryList(QDir::Files), QStringList{QStringLiteral("big.json")});
    }
};

QTEST_MAIN(TestUiExport)
#include "tst_ui_export.moc"
