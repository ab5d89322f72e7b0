// Link rel="next" pagination over thousands of access requests on the real emulator.
#include "hubclienttest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace hubtest;
using hubgate::HubClient;
using testing::EmulatorFixture;

namespace {

const QString pendingPath = QStringLiteral("/api/models/nimbus-ai/nimbus-7b/user-access-request/pending");

struct ParsedPages
{
    int items = 0;
    QStringList users;           // in order
    QList<QDateTime> timestamps; // in order
    QString problem;
};

ParsedPages parse(const QList<QByteArray> &pages)
{
    ParsedPages out;
    for (const QByteArray &page : pages) {
        const QJsonDocument doc = QJsonDocument::fromJson(page);
        if (!doc.isArray()) {
            out.problem = QStringLiteral("a page is not a JSON array");
            return out;
        }
        for (const QJsonValue &value : doc.array()) {
            const QJsonObject item = value.toObject();
            ++out.items;
            out.users.append(item.value(QLatin1String("user")).toObject().value(QLatin1String("user")).toString());
            out.timestamps.append(QDateTime::fromString(item.value(QLatin1String("timestamp")).toString(),
                                                        Qt::ISODateWithMs));
            if (item.value(QLatin1String("status")).toString() != QLatin1String("pending"))
                out.problem = QStringLiteral("an item is not pending");
        }
    }
    return out;
}

QSet<QString> pendingUsersInState(EmulatorFixture &hub, emu::RepoType type, const std::string &ns,
                                  const std::string &name)
{
    QSet<QString> users;
    emu::Repo *repo = hub.api().state().repo(type, ns, name);
    for (const emu::AccessRequest &request : repo->requests())
        if (request.status == "pending")
            users.insert(QString::fromStdString(hub.api().state().userById(request.userId)->name));
    return users;
}

} // namespace

class TestHubClientPagination : public QObject
{
    Q_OBJECT
    std::unique_ptr<EmulatorFixture> hub;
    std::unique_ptr<QNetworkAccessManager> nam;
    std::unique_ptr<HubClient> client;

private Q_SLOTS:
    void init()
    {
        hub = std::make_unique<EmulatorFixture>();
        nam = std::make_unique<QNetworkAccessManager>();
        client = std::make_unique<HubClient>(nam.get(), hub->baseUrl());
        client->setToken(QString::fromLatin1(EmulatorFixture::writeToken()));
        client->setRetryPolicy(fastPolicy());
    }
    void cleanup()
    {
        client.reset();
        nam.reset();
        hub.reset();
    }

    void followsEveryPageOfThousands()
    {
        const testing::Reply generated =
            testing::send(*nam, "POST", hub->url(QStringLiteral("/_emulator/generate")), {},
                          "{\"repo\":\"nimbus-ai/nimbus-7b\",\"type\":\"model\",\"count\":5000,\"pending\":1.0,\"accepted\":0.0}");
        QCOMPARE(generated.status, 200);
        QCOMPARE(generated.json()["added"].get<int>(), 5000);

        const QSet<QString> expectedUsers = pendingUsersInState(*hub, emu::RepoType::Model, "nimbus-ai", "nimbus-7b");
        const int expected = int(expectedUsers.size());
        QVERIFY(expected >= 5000);
        const int expectedPages = (expected + 99) / 100;

        resetCalls(*hub);
        JobWatch watch(client->get(pendingPath, QUrlQuery(QStringLiteral("limit=100")),
                                   QStringLiteral("nimbus-ai/nimbus-7b"), true));
        QVERIFY(watch.wait(120000));
        QCOMPARE(watch.finished.size(), 1);
        QVERIFY2(watch.ok, qPrintable(watch.error.message()));
        QCOMPARE(watch.pages.size(), expectedPages);
        QCOMPARE(watch.pageReceived.size(), expectedPages);
        for (int i = 0; i < watch.pageReceived.size(); ++i)
            QCOMPARE(watch.pageReceived.at(i).at(1).toInt(), i); // pageIndex in order

        const ParsedPages parsed = parse(watch.pages);
        QVERIFY2(parsed.problem.isEmpty(), qPrintable(parsed.problem));
        QCOMPARE(parsed.items, expected);
        const QSet<QString> seen(parsed.users.cbegin(), parsed.users.cend());
        QCOMPARE(seen.size(), parsed.users.size()); // no duplicates
        QCOMPARE(seen, expectedUsers);              // exactly the emulator's pending requests
        for (int i = 1; i < parsed.timestamps.size(); ++i)
            QVERIFY2(parsed.timestamps[i - 1] < parsed.timestamps[i], "pages overlap or go backwards");

        // One call per page, no more (no retries, no duplicate fetches).
        QCOMPARE(callCount(*hub, "GET " + pendingPath.toLatin1()), expectedPages);
        QCOMPARE(watch.attempts, expectedPages);
    }

    void exactMultipleOfLimitHasNoEmptyPage()
    {
        const testing::Reply generated =
            testing::send(*nam, "POST", hub->url(QStringLiteral("/_emulator/generate")), {},
                          "{\"repo\":\"open-ocean-lab/whale-call-detector\",\"type\":\"model\",\"count\":200,\"pending\":1.0,\"accepted\":0.0}");
        QCOMPARE(generated.status, 200);
        const QString path = QStringLiteral("/api/models/open-ocean-lab/whale-call-detector/user-access-request/pending");
        resetCalls(*hub);
        JobWatch watch(client->get(path, QUrlQuery(QStringLiteral("limit=100")), {}, true));
        QVERIFY(watch.wait());
        QVERIFY2(watch.ok, qPrintable(watch.error.message()));
        QCOMPARE(watch.pages.size(), 2);
        QCOMPARE(parse(watch.pages).items, 200);
        QCOMPARE(callCount(*hub, "GET " + path.toLatin1()), 2);
    }

    void withoutFollowPagesOnlyTheFirstPage()
    {
        resetCalls(*hub);
        JobWatch watch(client->get(pendingPath, QUrlQuery(QStringLiteral("limit=100")), {}, false));
        QVERIFY(watch.wait());
        QVERIFY(watch.ok);
        QCOMPARE(watch.pages.size(), 1);
        QCOMPARE(parse(watch.pages).items, 100);
        QCOMPARE(callCount(*hub, "GET " + pendingPath.toLatin1()), 1);
    }

    void emptyListIsOnePage()
    {
        // clean-web-2t is automatic: no request is pending.
        const QString path = QStringLiteral("/api/datasets/nimbus-ai/clean-web-2t/user-access-request/pending");
        JobWatch watch(client->get(path, QUrlQuery(QStringLiteral("limit=100")), {}, true));
        QVERIFY(watch.wait());
        QVERIFY(watch.ok);
        QCOMPARE(watch.pages.size(), 1);
        QCOMPARE(parse(watch.pages).items, 0);
    }
};

QTEST_GUILESS_MAIN(TestHubClientPagination)
#include "tst_hubclient_pagination.moc"
