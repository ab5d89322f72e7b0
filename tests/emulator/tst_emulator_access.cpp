// Access request lists: statuses, parameters, permissions and cursor pagination over >10,000
// requests, whole and within a time window.
#include "emulatortest.h"

#include <set>

using namespace emutest;

namespace {

const std::string nimbusRequests = "/api/models/nimbus-ai/nimbus-7b/user-access-request/";
const std::string farFuture = "2100-01-01T00:00:00.000Z";

struct Walk
{
    std::vector<std::pair<std::string, std::string>> items; // (user, timestamp) in page order
    int pages = 0;
    int status = 200;
    std::set<std::string> cursorKeys; // query keys of the Link URLs that set a cursor
    std::vector<std::string> cursors; // cursor values, page by page
    bool linksElsewhere = false;      // a Link left the emulator's origin
};

// Follows Link rel="next" from the first page to the last.
Walk walk(Hub &hub, const std::string &firstPath, const QByteArray &token)
{
    Walk out;
    Reply reply = hub.get(firstPath, token);
    for (;;) {
        out.status = reply.status;
        if (reply.status != 200)
            return out;
        ++out.pages;
        std::vector<std::pair<std::string, std::string>> page;
        for (auto &item : reply.json())
            page.emplace_back(item["user"]["user"], item["timestamp"]);
        out.items.insert(out.items.end(), page.begin(), page.end());
        const QUrl next = nextLink(reply);
        if (next.isEmpty() || out.pages > 1000)
            return out;
        for (const char *key : {"after", "before", "cursor"}) {
            if (!queryValue(next, key).empty()) {
                out.cursorKeys.insert(key);
                if (std::string(key) == "cursor")
                    out.cursors.push_back(queryValue(next, key));
            }
        }
        if (next.host() != hub.fixture().baseUrl().host() || next.port() != hub.fixture().baseUrl().port())
            out.linksElsewhere = true;
        reply = hub.sendUrl("GET", next, token);
    }
}

std::vector<std::pair<std::string, std::string>> expectedItems(Hub &hub, const emu::Repo &repo,
                                                               const std::string &status)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const emu::AccessRequest *request : requestsWithStatus(repo, status))
        out.emplace_back(hub.state().userById(request->userId)->name, emu::isoTime(request->timestampMs));
    return out;
}

} // namespace

class TestEmulatorAccess : public QObject
{
    Q_OBJECT
    std::unique_ptr<Hub> hub;

private Q_SLOTS:
    void init() { hub = std::make_unique<Hub>(); }
    void cleanup()
    {
        QCOMPARE(hub->missingRequestIds, 0);
        hub.reset();
    }

    void eachStatus_data()
    {
        QTest::addColumn<QString>("status");
        QTest::newRow("pending") << QStringLiteral("pending");
        QTest::newRow("accepted") << QStringLiteral("accepted");
        QTest::newRow("rejected") << QStringLiteral("rejected");
    }
    void eachStatus()
    {
        QFETCH(QString, status);
        const std::string wanted = status.toStdString();
        const emu::Repo &repo = hub->repo("nimbus-ai/nimbus-7b");
        const auto expected = expectedItems(*hub, repo, wanted);
        QVERIFY(!expected.empty());

        const Reply reply = hub->get(nimbusRequests + wanted + "?limit=100", EmulatorFixture::writeToken());
        QCOMPARE(reply.status, 200);
        Json items = reply.json();
        QCOMPARE(items.size(), std::min<std::size_t>(100, expected.size()));
        for (std::size_t i = 0; i < items.size(); ++i) {
            Json &item = items[i];
            JCOMPARE(item["status"], wanted);
            JCOMPARE(item["user"]["user"], expected[i].first); // oldest first
            JCOMPARE(item["timestamp"], expected[i].second);
            const emu::User *user = hub->state().userByName(item["user"]["user"]);
            JCOMPARE(item["user"]["_id"], user->id);
            JCOMPARE(item["user"]["fullname"], user->fullname);
            JCOMPARE(item["user"]["type"], "user");
            QVERIFY(item["user"]["verifiedOrgNames"].is_array());
            QCOMPARE(item["user"].contains("email"), !user->email.empty());
            const emu::AccessRequest *request = hub->request("nimbus-ai/nimbus-7b", user->name);
            QCOMPARE(item.contains("reviewedAt"), request->reviewedAtMs != 0);
            QCOMPARE(item.contains("grantedBy"), !request->grantedById.empty());
            QCOMPARE(item.contains("fields"), !request->fields.empty());
        }
        QCOMPARE(!reply.header("Link").isEmpty(), expected.size() > 100);
    }

    void itemOfSeededRequest()
    {
        // grace-kim's request is spelled out in the seed; her answers come back as sent.
        const emu::AccessRequest *grace = hub->request("nimbus-ai/nimbus-7b", "grace-kim");
        QVERIFY(grace);
        const std::string before = emu::isoTime(grace->timestampMs + 1);
        const std::string after = emu::isoTime(grace->timestampMs - 1);
        Json items = hub->get(nimbusRequests + "pending?limit=10&after=" + after + "&before=" + before,
                              EmulatorFixture::writeToken()).json();
        QCOMPARE(items.size(), std::size_t(1));
        JCOMPARE(items[0]["user"]["user"], "grace-kim");
        JCOMPARE(items[0]["user"]["email"], "grace.kim@example.org");
        JCOMPARE(items[0]["timestamp"], "2026-11-20T10:15:00.000Z");
        JCOMPARE(items[0]["fields"]["Affiliation"], "Seoul National University");
        JCOMPARE(items[0]["fields"]["Country"], "KR");
        JCOMPARE(items[0]["fields"]["I agree to the license terms"], "on");
        QVERIFY(!items[0].contains("reviewedAt"));
        QVERIFY(!items[0].contains("grantedBy"));

        // A dataset's list, with the seeded rejection.
        Json rejected = hub->get("/api/datasets/mira-patel/poetry-corpus/user-access-request/rejected?limit=10"
                                 "&before=2026-09-01T08:00:00.001Z&after=2026-09-01T07:59:59.999Z",
                                 EmulatorFixture::writeToken()).json();
        QCOMPARE(rejected.size(), std::size_t(1));
        JCOMPARE(rejected[0]["user"]["user"], "tomasz-nowak");
        JCOMPARE(rejected[0]["reviewedAt"], "2026-09-02T08:00:00.000Z");
    }

    void badParameters_data()
    {
        QTest::addColumn<QString>("query");
        QTest::newRow("limit 9") << QStringLiteral("pending?limit=9");
        QTest::newRow("limit 1001") << QStringLiteral("pending?limit=1001");
        QTest::newRow("limit 0") << QStringLiteral("pending?limit=0");
        QTest::newRow("limit not a number") << QStringLiteral("pending?limit=ten");
        QTest::newRow("limit with junk") << QStringLiteral("pending?limit=10x");
        QTest::newRow("bad status") << QStringLiteral("maybe");
        QTest::newRow("status case") << QStringLiteral("Pending");
        QTest::newRow("after not a date") << QStringLiteral("pending?after=yesterday");
        QTest::newRow("after date only") << QStringLiteral("pending?after=2026-01-02");
        QTest::newRow("before month 13") << QStringLiteral("pending?before=2026-13-01T00:00:00Z");
        QTest::newRow("before 25 o'clock") << QStringLiteral("pending?before=2026-01-01T25:00:00Z");
        QTest::newRow("after February 30") << QStringLiteral("pending?after=2026-02-30T00:00:00Z");
        QTest::newRow("after trailing junk") << QStringLiteral("pending?after=2026-01-01T00:00:00Zjunk");
    }
    void badParameters()
    {
        QFETCH(QString, query);
        const Reply reply = hub->get(nimbusRequests + query.toStdString(), EmulatorFixture::writeToken());
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.json()["error"].is_string());
        QVERIFY(!reply.header("X-Error-Message").isEmpty());
    }

    void limitBounds()
    {
        for (int limit : {10, 1000}) {
            const Reply reply = hub->get(nimbusRequests + "pending?limit=" + std::to_string(limit),
                                         EmulatorFixture::writeToken());
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.json().size(), std::size_t(limit));
        }
        // Without a limit: 1000 (there are more pending requests than that).
        QVERIFY(hub->repo("nimbus-ai/nimbus-7b").countStatus("pending") > 1000);
        QCOMPARE(hub->get(nimbusRequests + "pending", EmulatorFixture::writeToken()).json().size(),
                 std::size_t(1000));
    }

    void permissions_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("errorCode");
        const QString nimbus = QString::fromStdString(nimbusRequests) + QStringLiteral("pending");
        const QString leo = QStringLiteral("/api/models/leo-hartmann/private-notes/user-access-request/pending");
        QTest::newRow("anonymous") << QByteArray() << nimbus << 401 << QString();
        QTest::newRow("read token") << EmulatorFixture::readToken() << nimbus << 403 << QString();
        QTest::newRow("contributor") << EmulatorFixture::contributorToken() << nimbus << 403 << QString();
        QTest::newRow("outsider") << EmulatorFixture::requesterToken() << nimbus << 403 << QString();
        QTest::newRow("private repo, anonymous") << QByteArray() << leo << 401 << QStringLiteral("RepoNotFound");
        QTest::newRow("private repo of someone else") << EmulatorFixture::writeToken() << leo << 404 << QStringLiteral("RepoNotFound");
        QTest::newRow("unknown repo")
            << EmulatorFixture::writeToken()
            << QStringLiteral("/api/models/nimbus-ai/nimbus-99b/user-access-request/pending") << 404
            << QStringLiteral("RepoNotFound");
        QTest::newRow("wrong repo type")
            << EmulatorFixture::writeToken()
            << QStringLiteral("/api/datasets/nimbus-ai/nimbus-7b/user-access-request/pending") << 404
            << QStringLiteral("RepoNotFound");
        QTest::newRow("fine-grained, write scope") << EmulatorFixture::fineGrainedToken() << nimbus << 200 << QString();
        QTest::newRow("write member of the other org")
            << EmulatorFixture::writeToken()
            << QStringLiteral("/api/datasets/open-ocean-lab/reef-sounds/user-access-request/pending") << 200 << QString();
    }
    void permissions()
    {
        QFETCH(QByteArray, token);
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(QString, errorCode);
        const Reply reply = hub->get(path.toStdString() + "?limit=10", token);
        QCOMPARE(reply.status, status);
        QCOMPARE(QString::fromUtf8(reply.header("X-Error-Code")), errorCode);
        if (status != 200)
            QVERIFY(reply.json()["error"].is_string());
    }

    void cursorSemantics()
    {
        const emu::Repo &repo = hub->repo("nimbus-ai/nimbus-7b");
        const auto all = expectedItems(*hub, repo, "accepted");
        QVERIFY(all.size() > 40);
        const QByteArray token = EmulatorFixture::writeToken();

        // after = strictly later.
        Json page = hub->get(nimbusRequests + "accepted?limit=10&after=" + all[5].second, token).json();
        JCOMPARE(page[0]["timestamp"], all[6].second);
        QCOMPARE(page.size(), std::size_t(10));

        // before alone = the oldest requests strictly earlier, ascending, as the contract says.
        const Reply early = hub->get(nimbusRequests + "accepted?limit=10&before=" + all[30].second, token);
        page = early.json();
        QCOMPARE(page.size(), std::size_t(10));
        for (std::size_t i = 0; i < 10; ++i)
            JCOMPARE(page[i]["timestamp"], all[i].second);
        // ... and its next page goes on forwards, keeping the bound.
        QCOMPARE(queryValue(nextLink(early), "before"), all[30].second);
        QVERIFY(queryValue(nextLink(early), "after").empty());
        const Walk earlyWalk = walk(*hub, nimbusRequests + "accepted?limit=10&before=" + all[30].second, token);
        QCOMPARE(earlyWalk.items, decltype(all)(all.begin(), all.begin() + 30));

        // before near the start: fewer than limit, no Link.
        const Reply start = hub->get(nimbusRequests + "accepted?limit=10&before=" + all[3].second, token);
        QCOMPARE(start.json().size(), std::size_t(3));
        QVERIFY(start.header("Link").isEmpty());

        // after and before together: the window between, walked forwards, keeping before.
        const Reply window = hub->get(nimbusRequests + "accepted?limit=10&after=" + all[4].second +
                                      "&before=" + all[30].second, token);
        page = window.json();
        JCOMPARE(page[0]["timestamp"], all[5].second);
        QCOMPARE(queryValue(nextLink(window), "after"), all[4].second);
        QCOMPARE(queryValue(nextLink(window), "before"), all[30].second);
        QCOMPARE(queryValue(nextLink(window), "limit"), std::string("10"));
        const Walk rest = walk(*hub, nimbusRequests + "accepted?limit=10&after=" + all[4].second +
                                         "&before=" + all[30].second, token);
        QCOMPARE(rest.items, decltype(all)(all.begin() + 5, all.begin() + 30));

        // A cursor past the newest request: an empty page, no Link.
        const Reply empty = hub->get(nimbusRequests + "accepted?after=" + farFuture, token);
        QCOMPARE(empty.status, 200);
        QVERIFY(empty.json().empty());
        QVERIFY(empty.header("Link").isEmpty());
    }

    void paginateMoreThanTenThousand()
    {
        // Grow the repo past 10,000 requests through the control endpoint.
        const emu::Repo &repo = hub->repo("nimbus-ai/nimbus-7b");
        const std::size_t total = repo.requests().size();
        const Reply generated = hub->post("/_emulator/generate",
                                          Json{{"repo", "nimbus-ai/nimbus-7b"}, {"count", 12000}, {"seed", 4242}});
        QCOMPARE(generated.status, 200);
        JCOMPARE(generated.json()["added"], 12000);
        JCOMPARE(generated.json()["total"], total + 12000);
        QCOMPARE(repo.requests().size(), total + 12000);

        const auto expected = expectedItems(*hub, repo, "pending");
        QVERIFY(expected.size() > 5000);
        QCOMPARE(expected.size(), repo.countStatus("pending"));
        const QByteArray token = EmulatorFixture::writeToken();

        // No cursor, then Link cursor=<position after the page's last request>.
        const Walk forward = walk(*hub, nimbusRequests + "pending", token);
        QCOMPARE(forward.status, 200);
        QCOMPARE(forward.cursorKeys, std::set<std::string>{"cursor"});
        QVERIFY(!forward.linksElsewhere);
        QCOMPARE(forward.items.size(), expected.size());
        QVERIFY(forward.items == expected); // each exactly once, ascending
        QCOMPARE(forward.pages, int((expected.size() + 999) / 1000));
        QCOMPARE(forward.cursors.size(), std::size_t(forward.pages - 1));
        QCOMPARE(std::set<std::string>(forward.cursors.begin(), forward.cursors.end()).size(),
                 forward.cursors.size());

        // before=<far future> is every request, in the same order, in pages of 700.
        const Walk bounded = walk(*hub, nimbusRequests + "pending?limit=700&before=" + farFuture, token);
        QCOMPARE(bounded.status, 200);
        QCOMPARE(bounded.cursorKeys, (std::set<std::string>{"before", "cursor"}));
        QCOMPARE(bounded.pages, int((expected.size() + 699) / 700));
        QVERIFY(bounded.items == expected);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorAccess)
#include "tst_emulator_access.moc"
