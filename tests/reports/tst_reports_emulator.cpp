// Exports of live repos, loaded the way the app loads them (AccessRequestLoader over real HTTP to
// the emulator), compared with the emulator itself: the JSON export byte for byte with its own
// user-access-report, the CSV (read back by Python's csv module) field by field with its state.
// The demo seed gets users with awkward names and no e-mail, and requests with awkward answers.
#include "access/accessrequestloader.h"
#include "emulatorfixture.h"
#include "hub/hubclient.h"
#include "reports/csvwriter.h"
#include "reports/reportinput.h"
#include "reports/reportwriter.h"
#include "reportstestutil.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace hubgate;
using testing::EmulatorFixture;

namespace {

emu::Json awkwardSeed()
{
    emu::Json seed = EmulatorFixture::demoSeed();
    seed["users"].push_back(
        {{"name", "dora-comma"}, {"fullname", "Dora, \"The\" Explorer\nof maps"}});
    seed["users"].push_back({{"name", "zoe-unicode"},
                             {"fullname", "Zoë Ünïcødé 山田 🎉"},
                             {"email", "Zoe.U@Example.ORG"}});
    seed["users"].push_back({{"name", "tab-user"},
                             {"fullname", "Tab\there \x1b \\ end"},
                             {"email", "tab@example.org"}});
    for (emu::Json &repo : seed["repos"]) {
        if (repo["id"] != "mira-patel/poetry-corpus")
            continue;
        repo["requests"].push_back(
            {{"user", "dora-comma"},
             {"timestamp", "2026-09-05T10:00:00.000Z"},
             {"fields", {{"Name", "Dora, \"D\"\r\nExplorer"}, {"Country", "ES"}}}});
        repo["requests"].push_back(
            {{"user", "zoe-unicode"},
             {"status", "accepted"},
             {"timestamp", "2026-09-06T10:00:00.000Z"},
             {"reviewedAt", "2026-09-07T10:00:00.000Z"},
             {"fields", {{"Name", "Zoë; 山田"}, {"Start date", "2026-12-01"}}}});
        repo["requests"].push_back({{"user", "tab-user"},
                                    {"status", "accepted"},
                                    {"timestamp", "2026-09-06T11:00:00.000Z"},
                                    {"reviewedAt", "2026-09-07T11:00:00.000Z"},
                                    {"grantedBy", "mira-patel"}});
    }
    return seed;
}

RepoSummary repoSummary(RepoKind kind, const char *id)
{
    RepoSummary repo;
    repo.kind = kind;
    repo.id = QString::fromLatin1(id);
    return repo;
}

QString isoTime(std::int64_t ms)
{
    return ms ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs) : QString();
}

} // namespace

class TstReportsEmulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_hub = std::make_unique<EmulatorFixture>(awkwardSeed());
        m_client = std::make_unique<HubClient>(&m_nam, m_hub->baseUrl());
        m_client->setToken(QString::fromLatin1(EmulatorFixture::writeToken()));
    }

    void jsonExportEqualsTheHubReport_data()
    {
        QTest::addColumn<bool>("dataset");
        QTest::addColumn<QString>("id");
        QTest::newRow("dataset with awkward users")
            << true << QStringLiteral("mira-patel/poetry-corpus");
        QTest::newRow("model, 6001 requests") << false << QStringLiteral("nimbus-ai/nimbus-7b");
    }

    void jsonExportEqualsTheHubReport()
    {
        QFETCH(bool, dataset);
        QFETCH(QString, id);
        const RepoSummary repo =
            repoSummary(dataset ? RepoKind::Dataset : RepoKind::Model, qPrintable(id));
        RepoRequests loaded;
        QVERIFY(load(repo, &loaded));
        QVERIFY(loaded.requests.size() > 100);

        QByteArray exported;
        QVERIFY(writeReport({loaded}, ReportOptions{ReportFormat::HubJson, EmailMode::Keep, false},
                            &exported));
        const testing::Reply report = testing::send(
            m_nam, "GET", m_hub->url(repo.webPath() + QStringLiteral("/user-access-report")),
            EmulatorFixture::writeToken());
        QCOMPARE(report.status, 200);
        QVERIFY(report.body.size() > 1000);
        QCOMPARE(exported.size(), report.body.size());
        QCOMPARE(exported, report.body);
    }

    void csvMatchesTheEmulatorState()
    {
        const RepoSummary repo = repoSummary(RepoKind::Dataset, "mira-patel/poetry-corpus");
        RepoRequests loaded;
        QVERIFY(load(repo, &loaded));
        QByteArray csv;
        QVERIFY(
            writeReport({loaded}, ReportOptions{ReportFormat::Csv, EmailMode::Keep, true}, &csv));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("poetry.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(csv) == csv.size());
        file.close();

        QString error;
        const QList<QStringList> rows = reportstest::readCsvWithPython(path, &error);
        QVERIFY2(!rows.isEmpty(), qPrintable(error));
        const QStringList header = rows.first();
        QCOMPARE(header, (QStringList{QStringLiteral("user"), QStringLiteral("fullname"),
                                      QStringLiteral("email"), QStringLiteral("status"),
                                      QStringLiteral("time"), QStringLiteral("reviewedAt"),
                                      QStringLiteral("grantedBy"), QStringLiteral("Name"),
                                      QStringLiteral("Country"), QStringLiteral("Start date")}));

        emu::HubState &state = m_hub->api().state();
        const std::vector<emu::AccessRequest> &expected =
            state.repo(emu::RepoType::Dataset, "mira-patel", "poetry-corpus")->requests();
        QCOMPARE(rows.size(), qsizetype(expected.size()) + 1);
        // Same order as the Hub's report: oldest first, whatever the status.
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const emu::AccessRequest &request = expected[i];
            const emu::User *user = state.userById(request.userId);
            const QStringList &row = rows.at(qsizetype(i) + 1);
            QCOMPARE(row.size(), header.size());
            QCOMPARE(row.at(0), QString::fromStdString(user->name));
            QCOMPARE(row.at(1), QString::fromStdString(user->fullname));
            QCOMPARE(row.at(2), QString::fromStdString(user->email));
            QCOMPARE(row.at(3), QString::fromStdString(request.status));
            QCOMPARE(row.at(4), isoTime(request.timestampMs));
            QCOMPARE(row.at(5), isoTime(request.reviewedAtMs));
            const emu::User *granter =
                request.grantedById.empty() ? nullptr : state.userById(request.grantedById);
            QCOMPARE(row.at(6), granter ? QString::fromStdString(granter->name) : QString());
            for (qsizetype c = 7; c < header.size(); ++c) {
                const auto answer = request.fields.find(header.at(c).toStdString());
                QCOMPARE(row.at(c), answer == request.fields.end()
                                        ? QString()
                                        : QString::fromStdString(answer->second));
            }
        }
        const auto dora = std::find_if(rows.cbegin(), rows.cend(), [](const QStringList &row) {
            return row.at(0) == QLatin1String("dora-comma");
        });
        QVERIFY(dora != rows.cend());
        QCOMPARE(dora->at(1), QStringLiteral("Dora, \"The\" Explorer\nof maps"));
        QCOMPARE(dora->at(2), QString());
        QCOMPARE(dora->at(7), QStringLiteral("Dora, \"D\"\r\nExplorer"));
    }

private:
    // Loads every status of a repo and its gate form, as the app does.
    bool load(const RepoSummary &repo, RepoRequests *out)
    {
        out->repo =
            repo.kind == RepoKind::Dataset ? QStringLiteral("datasets/") + repo.id : repo.id;
        AccessRequestLoader loader(m_client.get(), repo);
        QObject::connect(
            &loader, &AccessRequestLoader::pageLoaded, &loader,
            [out](const QString &, const RequestPage &page) { out->requests += page.requests(); });
        QSignalSpy finished(&loader, &AccessRequestLoader::finished);
        loader.start();
        if (!finished.wait(60000) || !finished.first().first().toBool())
            return false;
        bool formDone = false;
        QByteArray info;
        HubJob *job = m_client->get(repo.apiPath(), {}, repo.id);
        QObject::connect(job, &HubJob::finished, job, [&](HubJob *done) {
            info = done->body();
            formDone = true;
        });
        if (!QTest::qWaitFor([&] { return formDone; }, 30000) || info.isEmpty())
            return false;
        out->form = parseGateFields(info);
        sortByRequestTime(out->requests);
        return true;
    }

    std::unique_ptr<EmulatorFixture> m_hub;
    QNetworkAccessManager m_nam;
    std::unique_ptr<HubClient> m_client;
};

QTEST_GUILESS_MAIN(TstReportsEmulator)
#include "tst_reports_emulator.moc"
