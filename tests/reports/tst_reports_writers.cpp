// The export writers on a fixture page in the list endpoint's format: names with commas, quotes,
// newlines, control characters and non-ASCII, a user without e-mail, grantedBy as {} and as a
// user. The Hub format is checked byte for byte, CSV is read back by Python's csv module, JSON
// Lines by QJsonDocument; then e-mail privacy, merged repos, status selection and cancelling.
#include "access/accessrequestfilter.h"
#include "access/accessrequestmodel.h"
#include "reportfixtures.h"
#include "reports/csvwriter.h"
#include "reports/emailprivacy.h"
#include "reports/hubreportwriter.h"
#include "reports/jsonlineswriter.h"
#include "reports/reportexportjob.h"
#include "reports/reportinput.h"
#include "reports/reportrows.h"
#include "reports/reporttext.h"
#include "reports/reportwriter.h"
#include "reportstestutil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace hubgate;

namespace {

QList<GateField> fixtureForm()
{
    const auto field = [](const char *name, GateField::Type type) {
        GateField f;
        f.name = QString::fromUtf8(name);
        f.type = type;
        return f;
    };
    // Not alphabetical: the CSV must follow the form.
    return {field("Name", GateField::Type::Text), field("Affiliation", GateField::Type::Text),
            field("Country", GateField::Type::Country)};
}

QList<AccessRequest> fixtureRequests()
{
    const ParsedRequestPage page = parseAccessRequestPage(QByteArray(reportfixtures::FixturePage));
    if (!page.error.isEmpty() || page.requests.size() != 4)
        qFatal("the fixture page does not parse: %s", qPrintable(page.error));
    return page.requests;
}

RepoRequests fixtureRepo()
{
    return {QStringLiteral("datasets/mira-patel/poetry-corpus"), fixtureForm(), fixtureRequests()};
}

QByteArray written(const QList<RepoRequests> &repos, ReportFormat format,
                   EmailMode email = EmailMode::Keep, bool bom = false)
{
    QByteArray out;
    if (!writeReport(repos, ReportOptions{format, email, bom}, &out))
        qFatal("a report without a cancel flag was cancelled");
    return out;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QList<QStringList> csvRows(const QByteArray &csv, QString *error)
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("export.csv")));
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size())
        return {};
    file.close();
    return reportstest::readCsvWithPython(file.fileName(), error);
}

// A second repo for merged exports: its own form, answers the first repo's form does not have.
QList<AccessRequest> otherRequests()
{
    QList<AccessRequest> requests;
    for (int i = 0; i < 3; ++i) {
        AccessRequest request;
        request.user.id = QStringLiteral("64b00000000000000000000%1").arg(i);
        request.user.name = QStringLiteral("other-%1").arg(i);
        request.user.fullname = QStringLiteral("Ørjan \"O\", %1").arg(i);
        if (i != 1)
            request.user.email = QStringLiteral(" Other%1@Example.org").arg(i);
        request.user.isPro = i == 2;
        request.status = i == 0 ? QStringLiteral("accepted") : QStringLiteral("pending");
        request.requestedAt = QDateTime(QDate(2026, 8, 1 + i), QTime(12, 0), Qt::UTC);
        if (i == 0) {
            request.reviewedAt = request.requestedAt.addDays(1);
            request.grantedBy = QStringLiteral("mira-patel");
        }
        request.fields.insert(QStringLiteral("Company"), QStringLiteral("Acme, Inc.\nLab %1").arg(i));
        if (i != 2)
            request.fields.insert(QStringLiteral("Country"), QStringLiteral("NO"));
        request.fields.insert(QStringLiteral("Empty"), QString()); // the model keeps no empty answer
        requests.append(request);
    }
    return requests;
}

// What the window exports (rows of a model snapshot) and what the command exports (AccessRequest
// values), for the same rows of each model.
struct BothPaths
{
    QList<RepoRows> snapshotRows;
    QList<RepoRequests> requests;
    qsizetype count = 0;
};

void addBoth(BothPaths *both, const QString &name, const AccessRequestModel &model, const QList<int> &which)
{
    const AccessRequestModel::Snapshot snapshot = model.snapshot();
    both->snapshotRows.append({name, model.gateFields(), std::make_shared<SnapshotRows>(snapshot, which)});
    QList<AccessRequest> requests;
    for (int row : which)
        requests.append(snapshot.requestAt(row));
    both->requests.append({name, model.gateFields(), requests});
    both->count += which.size();
}

QString timeText(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

} // namespace

class TstReportsWriters : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hubReportIsTheHubsFormat()
    {
        const QByteArray json = written({fixtureRepo()}, ReportFormat::HubJson);
        QCOMPARE(json, QByteArray(reportfixtures::ExpectedHubReport));
        QJsonParseError error;
        QVERIFY2(QJsonDocument::fromJson(json, &error).isArray(), qPrintable(error.errorString()));
    }

    void emptyReports()
    {
        const RepoRequests empty{QStringLiteral("a/b"), fixtureForm(), {}};
        QCOMPARE(written({empty}, ReportFormat::HubJson), QByteArray("[]"));
        QCOMPARE(written({empty}, ReportFormat::JsonLines), QByteArray());
        QCOMPARE(written({empty}, ReportFormat::Csv),
                 QByteArray("user,fullname,email,status,time,reviewedAt,grantedBy,Name,Affiliation,"
                            "Country\r\n"));
    }

    void csvReadsBackWithPython_data()
    {
        QTest::addColumn<bool>("bom");
        QTest::newRow("plain") << false;
        QTest::newRow("bom") << true;
    }

    void csvReadsBackWithPython()
    {
        QFETCH(bool, bom);
        const QByteArray csv = written({fixtureRepo()}, ReportFormat::Csv, EmailMode::Keep, bom);
        QCOMPARE(csv.startsWith("\xEF\xBB\xBF"), bom);
        QVERIFY(csv.endsWith("\r\n"));

        QString error;
        const QList<QStringList> rows = csvRows(csv, &error);
        QVERIFY2(!rows.isEmpty(), qPrintable(error));
        const QStringList header{
            QStringLiteral("user"),      QStringLiteral("fullname"), QStringLiteral("email"),
            QStringLiteral("status"),    QStringLiteral("time"),     QStringLiteral("reviewedAt"),
            QStringLiteral("grantedBy"), QStringLiteral("Name"),     QStringLiteral("Affiliation"),
            QStringLiteral("Country"),   QStringLiteral("Extra")};
        QCOMPARE(rows.first(), header);

        const QList<AccessRequest> requests = fixtureRequests();
        QCOMPARE(rows.size(), requests.size() + 1);
        for (qsizetype i = 0; i < requests.size(); ++i) {
            const AccessRequest &request = requests.at(i);
            const QStringList &row = rows.at(i + 1);
            QCOMPARE(row.size(), header.size());
            QCOMPARE(row.at(0), request.user.name);
            QCOMPARE(row.at(1), request.user.fullname);
            QCOMPARE(row.at(2), request.user.email);
            QCOMPARE(row.at(3), request.status);
            QCOMPARE(row.at(4), timeText(request.requestedAt));
            QCOMPARE(row.at(5), timeText(request.reviewedAt));
            QCOMPARE(row.at(6), request.grantedBy);
            for (qsizetype c = 7; c < header.size(); ++c)
                QCOMPARE(row.at(c), request.fields.value(header.at(c)));
        }
        // The awkward cells survive as they were.
        QCOMPARE(rows.at(1).at(1), QStringLiteral("Smith, \"Jo\"\nSecond line"));
        QCOMPARE(rows.at(1).at(8), QStringLiteral("Café \"Zoë\", Paris\r\nFloor 2"));
        QCOMPARE(rows.at(2).at(1), QStringLiteral("Zoë Ünïcødé 山田 🎉"));
        QCOMPARE(rows.at(2).at(2), QString()); // no e-mail
        QCOMPARE(rows.at(2).at(6), QString()); // grantedBy {}
        QCOMPARE(rows.at(3).at(6), QStringLiteral("mira-patel"));
        QCOMPARE(rows.at(1).at(10), QStringLiteral("late field")); // not in the form: last
    }

    void csvQuoting()
    {
        QByteArray out;
        for (const char *cell : {"plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", ""}) {
            reporttext::appendCsvField(out, QString::fromUtf8(cell));
            out.append('|');
        }
        QCOMPARE(out, QByteArray("plain|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"|\"cr\rhere\"||"));
    }

    void jsonLinesHaveEverything()
    {
        const QByteArray lines = written({fixtureRepo()}, ReportFormat::JsonLines);
        const QList<QByteArray> split = lines.split('\n');
        QCOMPARE(split.size(), 5); // four lines, each ended by \n
        QVERIFY(split.last().isEmpty());
        const QList<AccessRequest> requests = fixtureRequests();
        const QStringList keys{
            QStringLiteral("avatarUrl"),  QStringLiteral("email"),     QStringLiteral("fields"),
            QStringLiteral("fullname"),   QStringLiteral("grantedBy"), QStringLiteral("isPro"),
            QStringLiteral("reviewedAt"), QStringLiteral("status"),    QStringLiteral("timestamp"),
            QStringLiteral("user"),       QStringLiteral("userId")};
        for (int i = 0; i < 4; ++i) {
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(split.at(i), &error);
            QVERIFY2(document.isObject(), qPrintable(error.errorString()));
            const QJsonObject object = document.object();
            QCOMPARE(object.keys(), keys);
            const AccessRequest &request = requests.at(i);
            QCOMPARE(object.value(QLatin1String("user")).toString(), request.user.name);
            QCOMPARE(object.value(QLatin1String("userId")).toString(), request.user.id);
            QCOMPARE(object.value(QLatin1String("avatarUrl")).toString(), request.user.avatarUrl);
            QCOMPARE(object.value(QLatin1String("isPro")).toBool(), request.user.isPro);
            QCOMPARE(object.value(QLatin1String("status")).toString(), request.status);
            QCOMPARE(object.value(QLatin1String("timestamp")).toString(),
                     timeText(request.requestedAt));
            QCOMPARE(object.value(QLatin1String("reviewedAt")).toString(),
                     timeText(request.reviewedAt));
            QJsonObject fields;
            for (auto it = request.fields.cbegin(); it != request.fields.cend(); ++it)
                fields.insert(it.key(), it.value());
            QCOMPARE(object.value(QLatin1String("fields")).toObject(), fields);
        }
        const QJsonObject jo = QJsonDocument::fromJson(split.at(0)).object();
        QCOMPARE(jo.value(QLatin1String("fullname")).toString(),
                 QStringLiteral("Smith, \"Jo\"\nSecond line"));
        QCOMPARE(jo.value(QLatin1String("reviewedAt")).toString(),
                 QStringLiteral("2026-08-31T09:00:00.000Z"));
        QCOMPARE(jo.value(QLatin1String("fields"))
                     .toObject()
                     .value(QLatin1String("Affiliation"))
                     .toString(),
                 QStringLiteral("Café \"Zoë\", Paris\r\nFloor 2"));
        const QJsonObject zoe = QJsonDocument::fromJson(split.at(1)).object();
        QVERIFY(zoe.value(QLatin1String("email")).isNull());
        QVERIFY(zoe.value(QLatin1String("grantedBy")).isNull()); // {} from the Hub
        const QJsonObject tab = QJsonDocument::fromJson(split.at(2)).object();
        QCOMPARE(tab.value(QLatin1String("grantedBy")).toString(), QStringLiteral("mira-patel"));
        QCOMPARE(tab.value(QLatin1String("fullname")).toString(),
                 QStringLiteral("Tab\there \x1b ctl \\ end"));
    }

    void hashedEmailIsStable()
    {
        QCOMPARE(
            hashedEmail(QStringLiteral("ada@example.org")),
            QStringLiteral("cfe00dde46ef942601ffafb9e2825e802858b460e586b8305b344c1eb826357d"));
        QCOMPARE(hashedEmail(QStringLiteral(" Ada@Example.ORG")),
                 hashedEmail(QStringLiteral("ada@example.org")));
        QCOMPARE(hashedEmail(QString()), QString());
        QVERIFY(hashedEmail(QStringLiteral("ada@example.org")) !=
                hashedEmail(QStringLiteral("bob@example.org")));
    }

    void emailModes()
    {
        const QString joHash = hashedEmail(QStringLiteral("jo.smith@example.org"));
        QCOMPARE(joHash.size(), 64);

        const QList<RepoRequests> repos{fixtureRepo()};
        const QByteArray hubOmit = written(repos, ReportFormat::HubJson, EmailMode::Omit);
        QVERIFY(!hubOmit.contains("\"email\""));
        QVERIFY(!hubOmit.contains("@"));
        const QJsonArray hubHash =
            QJsonDocument::fromJson(written(repos, ReportFormat::HubJson, EmailMode::Hash)).array();
        QCOMPARE(hubHash.at(0).toObject().value(QLatin1String("email")).toString(), joHash);
        QVERIFY(!hubHash.at(1).toObject().contains(QLatin1String("email"))); // no address, no hash
        QCOMPARE(hubHash.at(2).toObject().value(QLatin1String("email")).toString(),
                 hashedEmail(QStringLiteral("tab@example.org")));

        QString error;
        const QList<QStringList> omitted =
            csvRows(written(repos, ReportFormat::Csv, EmailMode::Omit), &error);
        QVERIFY2(!omitted.isEmpty(), qPrintable(error));
        QVERIFY(!omitted.first().contains(QStringLiteral("email")));
        for (const QStringList &row : omitted)
            for (const QString &cell : row)
                QVERIFY2(!cell.contains(u'@'), qPrintable(cell));
        const QList<QStringList> hashed =
            csvRows(written(repos, ReportFormat::Csv, EmailMode::Hash), &error);
        QCOMPARE(hashed.at(0).at(2), QStringLiteral("email"));
        QCOMPARE(hashed.at(1).at(2), joHash);
        QCOMPARE(hashed.at(2).at(2), QString());

        const QByteArray linesOmit = written(repos, ReportFormat::JsonLines, EmailMode::Omit);
        QVERIFY(!linesOmit.contains("\"email\""));
        const QByteArray linesHash = written(repos, ReportFormat::JsonLines, EmailMode::Hash);
        QCOMPARE(QJsonDocument::fromJson(linesHash.split('\n').at(0))
                     .object()
                     .value(QLatin1String("email"))
                     .toString(),
                 joHash);
    }

    void mergedReposHaveARepoColumn()
    {
        GateField company;
        company.name = QStringLiteral("Company");
        AccessRequest other;
        other.user.name = QStringLiteral("bob");
        other.status = QStringLiteral("pending");
        other.requestedAt = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC);
        other.fields.insert(QStringLiteral("Company"), QStringLiteral("Acme, Inc."));
        other.fields.insert(QStringLiteral("Country"), QStringLiteral("DE"));
        const QList<RepoRequests> repos{
            fixtureRepo(),
            {QStringLiteral("nimbus-ai/nimbus-7b"), {company, fixtureForm().at(2)}, {other}}};

        QCOMPARE(answerColumns(rowsOf(repos)),
                 (QStringList{QStringLiteral("Name"), QStringLiteral("Affiliation"),
                              QStringLiteral("Country"), QStringLiteral("Company"),
                              QStringLiteral("Extra")}));
        QString error;
        const QList<QStringList> rows = csvRows(written(repos, ReportFormat::Csv), &error);
        QVERIFY2(rows.size() == 6, qPrintable(error));
        QCOMPARE(rows.at(0).at(0), QStringLiteral("repo"));
        for (int i = 1; i <= 4; ++i)
            QCOMPARE(rows.at(i).at(0), QStringLiteral("datasets/mira-patel/poetry-corpus"));
        QCOMPARE(rows.at(5),
                 (QStringList{QStringLiteral("nimbus-ai/nimbus-7b"), QStringLiteral("bob"),
                              QString(), QString(), QStringLiteral("pending"),
                              QStringLiteral("2026-01-02T03:04:05.000Z"), QString(), QString(),
                              QString(), QString(), QStringLiteral("DE"),
                              QStringLiteral("Acme, Inc."), QString()}));

        const QJsonArray hub =
            QJsonDocument::fromJson(written(repos, ReportFormat::HubJson)).array();
        QCOMPARE(hub.size(), 5);
        QCOMPARE(hub.at(4).toObject().value(QLatin1String("repo")).toString(),
                 QStringLiteral("nimbus-ai/nimbus-7b"));
        QVERIFY(written(repos, ReportFormat::HubJson).startsWith("[{\"repo\":"));
        const QList<QByteArray> lines = written(repos, ReportFormat::JsonLines).split('\n');
        QCOMPARE(
            QJsonDocument::fromJson(lines.at(4)).object().value(QLatin1String("repo")).toString(),
            QStringLiteral("nimbus-ai/nimbus-7b"));
    }

    void selection()
    {
        QList<AccessRequest> requests = fixtureRequests();
        QCOMPARE(withStatus(requests, QString()).size(), 4);
        const QList<AccessRequest> accepted = withStatus(requests, QStringLiteral("accepted"));
        QCOMPARE(accepted.size(), 2);
        QCOMPARE(accepted.at(0).user.name, QStringLiteral("zoe-unicode"));
        QCOMPARE(accepted.at(1).user.name, QStringLiteral("tab-user"));

        std::reverse(requests.begin(), requests.end());
        sortByRequestTime(requests);
        QStringList order;
        for (const AccessRequest &request : std::as_const(requests))
            order << request.user.name;
        QCOMPARE(order, (QStringList{QStringLiteral("jo-smith"), QStringLiteral("zoe-unicode"),
                                     QStringLiteral("tab-user"), QStringLiteral("no-name")}));
    }

    void filteredRowsOnly()
    {
        AccessRequestModel model;
        model.setGateFields(fixtureForm());
        model.addRequests(fixtureRequests());
        AccessRequestFilter filter;
        filter.setSourceModel(&model);
        filter.setStatus(QStringLiteral("accepted"));
        QList<AccessRequest> shown = requestsInView(filter);
        QStringList names;
        for (const AccessRequest &request : std::as_const(shown))
            names << request.user.name;
        names.sort();
        QCOMPARE(names, (QStringList{QStringLiteral("tab-user"), QStringLiteral("zoe-unicode")}));
        filter.setSearchText(QStringLiteral("山田"));
        shown = requestsInView(filter);
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown.first().user.fullname, QStringLiteral("Zoë Ünïcødé 山田 🎉"));
        QCOMPARE(shown.first().grantedBy, QString());
        QCOMPARE(requestsInView(model).size(), 4);
    }

    void snapshotRowsWriteAsRequests_data()
    {
        QTest::addColumn<ReportFormat>("format");
        QTest::addColumn<EmailMode>("email");
        QTest::addColumn<QString>("selection");
        QTest::addColumn<bool>("merged");
        const std::pair<const char *, ReportFormat> formats[] = {
            {"json", ReportFormat::HubJson}, {"csv", ReportFormat::Csv}, {"jsonl", ReportFormat::JsonLines}};
        const std::pair<const char *, EmailMode> emails[] = {
            {"keep", EmailMode::Keep}, {"omit", EmailMode::Omit}, {"hash", EmailMode::Hash}};
        for (const auto &[formatName, format] : formats)
            for (const auto &[emailName, email] : emails)
                for (const char *selection : {"all", "accepted", "filtered"})
                    for (const bool merged : {false, true})
                        QTest::addRow("%s-%s-%s-%s", formatName, emailName, selection, merged ? "merged" : "one")
                            << format << email << QString::fromLatin1(selection) << merged;
    }

    void snapshotRowsWriteAsRequests()
    {
        QFETCH(ReportFormat, format);
        QFETCH(EmailMode, email);
        QFETCH(QString, selection);
        QFETCH(bool, merged);
        AccessRequestModel poetry;
        poetry.setGateFields(fixtureForm());
        poetry.addRequests(fixtureRequests());
        AccessRequestModel nimbus;
        GateField company;
        company.name = QStringLiteral("Company");
        nimbus.setGateFields({company, fixtureForm().at(2)});
        nimbus.addRequests(otherRequests());

        BothPaths both;
        const AccessRequestModel::Snapshot rows = poetry.snapshot();
        const QList<int> which = selection == QLatin1String("filtered") ? QList<int>{3, 0, 2}
                                 : rowsInReportOrder(rows, selection == QLatin1String("all")
                                                               ? QString() : selection);
        QCOMPARE(which.size(), selection == QLatin1String("accepted") ? 2 : selection == QLatin1String("all") ? 4 : 3);
        addBoth(&both, QStringLiteral("datasets/mira-patel/poetry-corpus"), poetry, which);
        if (merged)
            addBoth(&both, QStringLiteral("nimbus-ai/nimbus-7b"), nimbus, rowsInReportOrder(nimbus.snapshot(), {}));
        // A change after the snapshot is not in it.
        poetry.updateStatus(QStringLiteral("jo-smith"), QStringLiteral("rejected"), QDateTime::currentDateTimeUtc(), {});

        const ReportOptions options{format, email, format == ReportFormat::Csv};
        QByteArray fromSnapshot;
        QByteArray fromRequests;
        QVERIFY(writeReport(both.snapshotRows, options, &fromSnapshot));
        QVERIFY(writeReport(both.requests, options, &fromRequests));
        QCOMPARE(fromSnapshot, fromRequests);
        // Every row is in it, not an empty report equal to another.
        for (const RepoRequests &repo : std::as_const(both.requests))
            for (const AccessRequest &request : repo.requests)
                QVERIFY2(fromSnapshot.contains(request.user.name.toUtf8()), qPrintable(request.user.name));
        // Only jo-smith (row 0) answered "Extra": no column or key for it without that row.
        QCOMPARE(fromSnapshot.contains("Extra"), format != ReportFormat::HubJson && which.contains(0));
        QVERIFY(!fromSnapshot.contains("Empty"));
        QCOMPARE(fromSnapshot.contains("Other0@Example.org"), merged && email == EmailMode::Keep);
        QCOMPARE(fromSnapshot.contains(hashedEmail(QStringLiteral("other0@example.org")).toLatin1()),
                 merged && email == EmailMode::Hash);
        if (format == ReportFormat::HubJson)
            QCOMPARE(QJsonDocument::fromJson(fromSnapshot).array().size(), both.count);
    }

    void progressIsReported()
    {
        RepoRequests big = fixtureRepo();
        while (big.requests.size() < 2000)
            big.requests += big.requests;
        const qsizetype total = big.requests.size() * 2;
        QList<std::pair<qsizetype, qsizetype>> calls;
        QByteArray out;
        QVERIFY(writeReport({big, big}, ReportOptions{ReportFormat::Csv, EmailMode::Keep, false}, &out,
                            nullptr, [&calls](qsizetype written, qsizetype all) { calls.append({written, all}); }));
        QCOMPARE(calls.size(), (total + 511) / 512 + 1); // every 512 rows, and at the end
        QCOMPARE(calls.constFirst(), std::make_pair(qsizetype(0), total));
        QCOMPARE(calls.constLast(), std::make_pair(total, total));
        for (qsizetype i = 1; i < calls.size(); ++i)
            QVERIFY(calls[i].first > calls[i - 1].first && calls[i].second == total);
    }

    void exportJobReportsProgress()
    {
        RepoRequests big = fixtureRepo();
        while (big.requests.size() < 20000)
            big.requests += big.requests;
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.json"));
        ReportExportJob job;
        QSignalSpy progress(&job, &ReportExportJob::progress);
        QSignalSpy finished(&job, &ReportExportJob::finished);
        job.start({big}, ReportOptions(), path);
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.constFirst().constFirst().value<ReportFile::Outcome>(), ReportFile::Outcome::Saved);
        QVERIFY(!progress.isEmpty());
        int last = -1;
        for (const QList<QVariant> &signal : std::as_const(progress)) {
            QCOMPARE(signal.at(1).toInt(), int(big.requests.size()));
            QVERIFY(signal.at(0).toInt() > last);
            last = signal.at(0).toInt();
        }
        QCOMPARE(last, int(big.requests.size()));
        QCOMPARE(QJsonDocument::fromJson(readFile(path)).array().size(), big.requests.size());
    }

    void isoTimes()
    {
        QCOMPARE(
            reporttext::isoTime(QDateTime(QDate(1999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC)),
            QStringLiteral("1999-12-31T23:59:59.999Z"));
        QCOMPARE(reporttext::isoTime(QDateTime(QDate(2028, 2, 29), QTime(0, 0), Qt::UTC)),
                 QStringLiteral("2028-02-29T00:00:00.000Z"));
        QCOMPARE(reporttext::isoTime(QDateTime(QDate(1969, 12, 31), QTime(23, 0, 0, 5), Qt::UTC)),
                 QStringLiteral("1969-12-31T23:00:00.005Z"));
        QCOMPARE(reporttext::isoTime(QDateTime()), QString());
        // Every day of four years, against Qt's own formatting.
        const QDateTime start(QDate(2024, 1, 1), QTime(13, 14, 15, 16), Qt::UTC);
        for (int day = 0; day < 4 * 366; ++day) {
            const QDateTime time = start.addDays(day);
            QCOMPARE(reporttext::isoTime(time), time.toString(Qt::ISODateWithMs));
        }
    }

    void cancelStopsTheWriters()
    {
        RepoRequests big = fixtureRepo();
        while (big.requests.size() < 2000)
            big.requests += big.requests;
        std::atomic<bool> cancel{true};
        for (const ReportFormat format :
             {ReportFormat::HubJson, ReportFormat::Csv, ReportFormat::JsonLines}) {
            QByteArray out;
            QVERIFY(
                !writeReport({big}, ReportOptions{format, EmailMode::Keep, false}, &out, &cancel));
        }
        // The window's rows stop the same way.
        AccessRequestModel model;
        model.addRequests(big.requests);
        const AccessRequestModel::Snapshot snapshot = model.snapshot();
        const QList<RepoRows> window{
            {big.repo, big.form, std::make_shared<SnapshotRows>(snapshot, rowsInReportOrder(snapshot, {}))}};
        QByteArray stopped;
        QVERIFY(!writeReport(window, ReportOptions{}, &stopped, &cancel));
        cancel = false;
        QVERIFY(writeReport(window, ReportOptions{}, &stopped, &cancel));
        QByteArray out;
        QVERIFY(writeReport({big}, ReportOptions{}, &out, &cancel));
        QCOMPARE(QJsonDocument::fromJson(out).array().size(), big.requests.size());
    }
};

QTEST_GUILESS_MAIN(TstReportsWriters)
#include "tst_reports_writers.moc"
