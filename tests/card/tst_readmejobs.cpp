// Reading, checking and committing README.md against the emulator over real HTTP: a commit
// with the right parent lands, a stale parent is a conflict that overwrites nothing, and a pull
// request leaves main alone.
#include "emulatorfixture.h"

#include "card/readmejobs.h"
#include "hub/hubclient.h"

#include <QSignalSpy>
#include <QTest>

using namespace hubgate;

namespace {

RepoSummary nimbus()
{
    RepoSummary repo;
    repo.id = QStringLiteral("nimbus-ai/nimbus-7b");
    return repo;
}

} // namespace

class ReadmeJobsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void fetchReadsHeadAndContent();
    void validationAcceptsAndRefuses();
    void commitWithParentLands();
    void staleParentIsAConflict();
    void pullRequestLeavesMainAlone();
    void payloadIsNdjsonWithParent();

private:
    ReadmeSnapshot fetch();
    ReadmeCommit::Outcome commit(const ReadmeCommitRequest &request, QString *oid = nullptr, QString *prUrl = nullptr);

    std::unique_ptr<testing::EmulatorFixture> m_hub;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<HubClient> m_client;
};

void ReadmeJobsTest::init()
{
    m_hub = std::make_unique<testing::EmulatorFixture>();
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_client = std::make_unique<HubClient>(m_nam.get(), m_hub->baseUrl());
    m_client->setToken(QString::fromLatin1(testing::EmulatorFixture::writeToken()));
}

void ReadmeJobsTest::cleanup()
{
    m_client.reset();
    m_nam.reset();
    m_hub.reset();
}

ReadmeSnapshot ReadmeJobsTest::fetch()
{
    auto *job = new ReadmeFetch(m_client.get(), nimbus());
    ReadmeSnapshot snapshot;
    bool done = false;
    connect(job, &ReadmeFetch::finished, this, [&](ReadmeFetch *finished) {
        if (finished->isOk())
            snapshot = finished->snapshot();
        done = true;
    });
    job->start();
    if (!QTest::qWaitFor([&done] { return done; }, 10000))
        qWarning("fetch timed out");
    return snapshot;
}

ReadmeCommit::Outcome ReadmeJobsTest::commit(const ReadmeCommitRequest &request, QString *oid, QString *prUrl)
{
    auto *job = new ReadmeCommit(m_client.get(), nimbus(), request);
    std::optional<ReadmeCommit::Outcome> outcome;
    connect(job, &ReadmeCommit::finished, this, [&](ReadmeCommit *finished) {
        outcome = finished->outcome();
        if (oid)
            *oid = finished->commitOid();
        if (prUrl)
            *prUrl = finished->pullRequestUrl();
    });
    job->start();
    (void)QTest::qWaitFor([&outcome] { return outcome.has_value(); }, 10000);
    return outcome.value_or(ReadmeCommit::Outcome::Failed);
}

void ReadmeJobsTest::fetchReadsHeadAndContent()
{
    const ReadmeSnapshot snapshot = fetch();
    QVERIFY(snapshot.exists);
    QVERIFY(snapshot.content.startsWith("---\nlicense: other\n"));
    const testing::Reply info = testing::send(*m_nam, "GET", m_hub->url(QStringLiteral("/api/models/nimbus-ai/nimbus-7b")),
                                              testing::EmulatorFixture::writeToken());
    QCOMPARE(snapshot.commit, QString::fromStdString(info.json()["sha"].get<std::string>()));
}

void ReadmeJobsTest::validationAcceptsAndRefuses()
{
    const auto check = [this](const QByteArray &readme) {
        auto *job = new CardValidation(m_client.get(), RepoKind::Model, readme);
        std::optional<std::pair<bool, QString>> result;
        connect(job, &CardValidation::finished, this, [&result](CardValidation *v) {
            result = std::make_pair(v->isAccepted(), v->refusal());
        });
        job->start();
        (void)QTest::qWaitFor([&result] { return result.has_value(); }, 10000);
        return result.value_or(std::make_pair(false, QStringLiteral("timed out")));
    };
    QCOMPARE(check("---\nextra_gated_eu_disallowed: true\n---\n").first, true);
    const auto refused = check("---\nextra_gated_eu_disallowed: maybe\n---\n");
    QCOMPARE(refused.first, false);
    QVERIFY2(refused.second.contains(QLatin1String("extra_gated_eu_disallowed")), qPrintable(refused.second));
}

void ReadmeJobsTest::commitWithParentLands()
{
    const ReadmeSnapshot before = fetch();
    ReadmeCommitRequest request;
    request.content = before.content + "\nOne more line.\n";
    request.parentCommit = before.commit;
    request.summary = QStringLiteral("Update the gate form");
    QString oid;
    QCOMPARE(commit(request, &oid), ReadmeCommit::Outcome::Committed);
    const ReadmeSnapshot after = fetch();
    QCOMPARE(after.commit, oid);
    QCOMPARE(after.content, request.content);
}

void ReadmeJobsTest::staleParentIsAConflict()
{
    const ReadmeSnapshot before = fetch();
    ReadmeCommitRequest first;
    first.content = before.content + "\nSomeone else's edit.\n";
    first.parentCommit = before.commit;
    first.summary = QStringLiteral("Another edit");
    QCOMPARE(commit(first), ReadmeCommit::Outcome::Committed);
    ReadmeCommitRequest mine = first;
    mine.content = before.content + "\nMy edit.\n";
    QCOMPARE(commit(mine), ReadmeCommit::Outcome::Conflict);
    QCOMPARE(fetch().content, first.content);
}

void ReadmeJobsTest::pullRequestLeavesMainAlone()
{
    const ReadmeSnapshot before = fetch();
    ReadmeCommitRequest request;
    request.content = before.content + "\nProposed.\n";
    request.parentCommit = before.commit;
    request.summary = QStringLiteral("Propose a gate form");
    request.pullRequest = true;
    QString prUrl;
    QCOMPARE(commit(request, nullptr, &prUrl), ReadmeCommit::Outcome::Committed);
    QVERIFY(prUrl.contains(QLatin1String("/discussions/")));
    const ReadmeSnapshot after = fetch();
    QCOMPARE(after.commit, before.commit);
    QCOMPARE(after.content, before.content);
}

void ReadmeJobsTest::payloadIsNdjsonWithParent()
{
    ReadmeCommitRequest request;
    request.content = "\xEF\xBB\xBF---\r\n";
    request.parentCommit = QStringLiteral("abc");
    request.summary = QStringLiteral("s");
    const QList<QByteArray> lines = ReadmeCommit::payload(request).split('\n');
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(0).contains("\"key\":\"header\"") && lines.at(0).contains("\"parentCommit\":\"abc\""));
    QVERIFY(lines.at(1).contains("\"encoding\":\"base64\"") && lines.at(1).contains(request.content.toBase64()));
}

QTEST_GUILESS_MAIN(ReadmeJobsTest)
#include "tst_readmejobs.moc"
