// Request list paging as the contract states it: after / before strict, oldest first, and a Link
// cursor that neither loses nor repeats requests sharing a timestamp across a page edge.
#include "emulatortest.h"

#include "requestgenerator.h"

#include <set>

using namespace emutest;

namespace {

const char *const ownerToken = "hf_PagingOwnerWrite0000000000000000001";
const std::string listPath = "/api/models/owner/tied/user-access-request/";
constexpr int tiedRun = 30; // requests per shared timestamp

// One owner and one gated repo whose 2,500 pending requests come in runs of 30 that share a
// timestamp, plus accepted and rejected ones interleaved.
Json tiedSeed()
{
    return Json{{"users", Json::array({Json{{"name", "owner"}}})},
                {"tokens", Json::array({Json{{"token", ownerToken}, {"user", "owner"}, {"role", "write"}}})},
                {"repos", Json::array({Json{{"id", "owner/tied"},
                                            {"gated", "manual"},
                                            {"generate", Json{{"count", 3000},
                                                              {"seed", 7},
                                                              {"pending", 0.8},
                                                              {"accepted", 0.15},
                                                              {"sameTimestampRun", tiedRun}}}}})}};
}

using Items = std::vector<std::pair<std::string, std::string>>; // (user, timestamp)

struct Walk
{
    Items items;
    int status = 200;
    int pages = 0;
    std::vector<QUrl> links;
};

Walk walkUrl(Hub &hub, const QUrl &first)
{
    Walk out;
    Reply reply = hub.sendUrl("GET", first, ownerToken);
    for (;;) {
        out.status = reply.status;
        if (reply.status != 200 || ++out.pages > 3000)
            return out;
        for (auto &item : reply.json())
            out.items.emplace_back(item["user"]["user"], item["timestamp"]);
        const QUrl next = nextLink(reply);
        if (next.isEmpty())
            return out;
        out.links.push_back(next);
        reply = hub.sendUrl("GET", next, ownerToken);
    }
}

Walk walk(Hub &hub, const std::string &firstPath)
{
    return walkUrl(hub, QUrl(QString::fromStdString(hub.base() + firstPath), QUrl::StrictMode));
}

Items expected(Hub &hub, const std::string &status, std::int64_t afterMs = INT64_MIN,
               std::int64_t beforeMs = INT64_MAX)
{
    Items out;
    for (const emu::AccessRequest *request : requestsWithStatus(hub.repo("owner/tied"), status))
        if (request->timestampMs > afterMs && request->timestampMs < beforeMs)
            out.emplace_back(hub.state().userById(request->userId)->name,
                             emu::isoTime(request->timestampMs));
    return out;
}

// Timestamps shared by at least `min` pending requests, in time order.
std::vector<std::int64_t> sharedTimestamps(Hub &hub, std::size_t min)
{
    std::map<std::int64_t, std::size_t> counts;
    for (const emu::AccessRequest *request : requestsWithStatus(hub.repo("owner/tied"), "pending"))
        ++counts[request->timestampMs];
    std::vector<std::int64_t> out;
    for (const auto &[time, count] : counts)
        if (count >= min)
            out.push_back(time);
    return out;
}

} // namespace

class TestEmulatorPaging : public QObject
{
    Q_OBJECT
    std::unique_ptr<Hub> hub;

private Q_SLOTS:
    void init() { hub = std::make_unique<Hub>(tiedSeed()); }
    void cleanup()
    {
        QCOMPARE(hub->missingRequestIds, 0);
        hub.reset();
    }

    void seedHasTies()
    {
        const Items all = expected(*hub, "pending");
        QVERIFY(all.size() > 2300);
        QVERIFY(sharedTimestamps(*hub, 15).size() > 50);
    }

    void everyRequestOnceAcrossTiedEdges_data()
    {
        QTest::addColumn<int>("limit");
        for (int limit : {10, 11, 29, 30, 31, 97, 250, 999, 1000})
            QTest::addRow("limit %d", limit) << limit;
    }
    void everyRequestOnceAcrossTiedEdges()
    {
        QFETCH(int, limit);
        const Items all = expected(*hub, "pending");
        const Walk got = walk(*hub, listPath + "pending?limit=" + std::to_string(limit));
        QCOMPARE(got.status, 200);
        QCOMPARE(got.items.size(), all.size());
        QVERIFY(got.items == all); // each once, oldest first
        QCOMPARE(got.pages, int((all.size() + std::size_t(limit) - 1) / std::size_t(limit)));
        for (const QUrl &link : got.links) {
            QVERIFY(!queryValue(link, "cursor").empty());
            QVERIFY(queryValue(link, "after").empty()); // the cursor is not a bare timestamp
            QCOMPARE(queryValue(link, "limit"), std::to_string(limit));
        }
    }

    void afterAndBeforeAreStrict()
    {
        const std::vector<std::int64_t> shared = sharedTimestamps(*hub, tiedRun / 2);
        QVERIFY(shared.size() > 10);
        const std::int64_t tie = shared[shared.size() / 2];
        const std::string at = emu::isoTime(tie);

        const Walk later = walk(*hub, listPath + "pending?limit=100&after=" + at);
        QCOMPARE(later.items, expected(*hub, "pending", tie));
        QVERIFY(!later.items.empty() && later.items.front().second > at);

        // before alone: the oldest requests earlier than T, forwards (not the newest ones).
        const Walk earlier = walk(*hub, listPath + "pending?limit=100&before=" + at);
        QCOMPARE(earlier.items, expected(*hub, "pending", INT64_MIN, tie));
        QCOMPARE(earlier.items.front(), expected(*hub, "pending").front());
        QVERIFY(earlier.items.back().second < at);
        for (const QUrl &link : earlier.links)
            QCOMPARE(queryValue(link, "before"), at); // the caller's bound is kept

        // Together the two miss exactly the requests at T.
        const std::size_t atTie = expected(*hub, "pending").size() - later.items.size() - earlier.items.size();
        QVERIFY(atTie >= std::size_t(tiedRun / 2));
        // A one-millisecond window holds exactly them.
        const Walk only = walk(*hub, listPath + "pending?limit=10&after=" + emu::isoTime(tie - 1) +
                                         "&before=" + emu::isoTime(tie + 1));
        QCOMPARE(only.items.size(), atTie);
        for (const auto &[user, time] : only.items)
            QCOMPARE(time, at);
    }

    void windowsTileTheList_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<int>("limit");
        QTest::newRow("pending, 10") << QStringLiteral("pending") << 10;
        QTest::newRow("pending, 45") << QStringLiteral("pending") << 45;
        QTest::newRow("accepted, 10") << QStringLiteral("accepted") << 10;
        QTest::newRow("rejected, 1000") << QStringLiteral("rejected") << 1000;
    }
    void windowsTileTheList()
    {
        // Slice edges on shared timestamps: [start, T1), [T1, T2), ... [Tk, end), each slice
        // as after=Ti-1ms&before=Ti+1, each walked through its own Link pages.
        QFETCH(QString, status);
        QFETCH(int, limit);
        const std::string wanted = status.toStdString();
        const std::vector<std::int64_t> shared = sharedTimestamps(*hub, tiedRun / 2);
        std::vector<std::int64_t> edges;
        for (std::size_t i = 3; i < shared.size(); i += shared.size() / 7)
            edges.push_back(shared[i]);
        QVERIFY(edges.size() >= 6);
        Items tiled;
        std::set<std::string> users;
        for (std::size_t i = 0; i <= edges.size(); ++i) {
            std::string query = wanted + "?limit=" + std::to_string(limit);
            if (i > 0)
                query += "&after=" + emu::isoTime(edges[i - 1] - 1);
            if (i < edges.size())
                query += "&before=" + emu::isoTime(edges[i]);
            const Walk slice = walk(*hub, listPath + query);
            QCOMPARE(slice.status, 200);
            for (const auto &item : slice.items) {
                QVERIFY2(users.insert(item.first).second, item.first.c_str());
                if (i > 0)
                    QVERIFY(item.second >= emu::isoTime(edges[i - 1]));
                if (i < edges.size())
                    QVERIFY(item.second < emu::isoTime(edges[i]));
            }
            tiled.insert(tiled.end(), slice.items.begin(), slice.items.end());
        }
        QVERIFY(tiled == expected(*hub, wanted));
    }

    void cursorKeepsTheWindow()
    {
        const std::vector<std::int64_t> shared = sharedTimestamps(*hub, 2);
        const std::string after = emu::isoTime(shared[2]), before = emu::isoTime(shared[20]);
        const Reply first = hub->get(listPath + "pending?limit=10&after=" + after + "&before=" + before, ownerToken);
        QCOMPARE(first.status, 200);
        const QUrl next = nextLink(first);
        QCOMPARE(queryValue(next, "after"), after);
        QCOMPARE(queryValue(next, "before"), before);
        QCOMPARE(queryValue(next, "limit"), std::string("10"));
        QCOMPARE(next.path().toStdString(), listPath + "pending");
        // The cursor carries the position, not the status: another list resumes at the same time.
        const std::string cursor = queryValue(next, "cursor");
        const Reply accepted = hub->get(listPath + "accepted?limit=10&cursor=" + cursor, ownerToken);
        QCOMPARE(accepted.status, 200);
        const Json page = first.json();
        for (const Json &item : accepted.json())
            QVERIFY(item["timestamp"].get<std::string>() >= page.back()["timestamp"].get<std::string>());
    }

    void malformedCursor_data()
    {
        QTest::addColumn<QString>("cursor");
        QTest::newRow("empty") << QString();
        QTest::newRow("garbage") << QStringLiteral("garbage");
        QTest::newRow("a timestamp") << QStringLiteral("2026-01-01T00:00:00.000Z");
        QTest::newRow("no user") << QStringLiteral("c1.1700000000000.");
        QTest::newRow("no time") << QStringLiteral("c1..6162");
        QTest::newRow("negative time") << QStringLiteral("c1.-5.6162");
        QTest::newRow("odd hex") << QStringLiteral("c1.1700000000000.616");
        QTest::newRow("not hex") << QStringLiteral("c1.1700000000000.zz");
        QTest::newRow("upper-case hex") << QStringLiteral("c1.1700000000000.6A");
        QTest::newRow("huge time") << QStringLiteral("c1.99999999999999999999999.6162");
        QTest::newRow("other version") << QStringLiteral("c2.1700000000000.6162");
    }
    void malformedCursor()
    {
        QFETCH(QString, cursor);
        const Reply reply = hub->get(listPath + "pending?cursor=" + cursor.toStdString(), ownerToken);
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.json()["error"].get<std::string>().find("cursor") != std::string::npos);
    }

    void changesBetweenPages()
    {
        // A request decided between two pages leaves the pending walk and shows up, with its
        // decision, in the accepted list: the kept page JSON follows the change.
        const Reply first = hub->get(listPath + "pending?limit=50", ownerToken);
        const Json page = first.json();
        const std::string onPage = page[10]["user"]["user"];
        const Items all = expected(*hub, "pending");
        const std::string ahead = all[200].first; // on a later page
        for (const std::string &user : {onPage, ahead})
            QCOMPARE(hub->post(listPath + "handle", Json{{"user", user}, {"status", "accepted"}}, ownerToken).status, 200);

        const Json again = hub->get(listPath + "pending?limit=50", ownerToken).json();
        for (const Json &item : again)
            QVERIFY(item["user"]["user"] != onPage);
        const Walk rest = walkUrl(*hub, nextLink(first));
        QCOMPARE(rest.status, 200);
        Items remaining(all.begin() + 50, all.end());
        remaining.erase(std::find(remaining.begin(), remaining.end(), all[200]));
        QVERIFY(rest.items == remaining);

        const Walk accepted = walk(*hub, listPath + "accepted");
        for (const std::string &user : {onPage, ahead}) {
            const auto found = std::find_if(accepted.items.begin(), accepted.items.end(),
                                            [&](const auto &item) { return item.first == user; });
            QVERIFY2(found != accepted.items.end(), user.c_str());
        }
        const Json acceptedPage = hub->get(listPath + "accepted?limit=1000", ownerToken).json();
        for (const Json &item : acceptedPage) {
            if (item["user"]["user"] == onPage) {
                JCOMPARE(item["status"], "accepted");
                JCOMPARE(item["grantedBy"]["user"], "owner");
                QVERIFY(item.contains("reviewedAt"));
            }
        }

        // A change made on the state itself (as tests and tools do) is seen as well.
        const emu::User *user = hub->state().userByName(all[300].first);
        hub->repo("owner/tied").findRequest(user->id)->status = "rejected";
        const Walk pending = walk(*hub, listPath + "pending");
        QVERIFY(std::find(pending.items.begin(), pending.items.end(), all[300]) == pending.items.end());
        QCOMPARE(pending.items.size(), all.size() - 3);
    }

    void grantAndAskAccessJoinTheLists()
    {
        // New requests land at the end of their lists, even when their timestamp ties.
        const std::size_t before = expected(*hub, "accepted").size();
        hub->state().addUser(emu::User{"", "newcomer", "New Comer", "new@example.org"});
        QCOMPARE(hub->post(listPath + "grant", Json{{"user", "newcomer"}}, ownerToken).status, 200);
        const Walk accepted = walk(*hub, listPath + "accepted?limit=10");
        QCOMPARE(accepted.items.size(), before + 1);
        QCOMPARE(accepted.items.back().first, std::string("newcomer"));
        QVERIFY(accepted.items == expected(*hub, "accepted"));
    }
};

QTEST_GUILESS_MAIN(TestEmulatorPaging)
#include "tst_emulator_paging.moc"
