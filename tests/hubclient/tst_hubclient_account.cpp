// whoami-v2 replies of the real emulator through parseWhoami, canManage and tokenWarning, and the
// RepoDirectoryJob that lists every repo the token may administer.
#include "hubclienttest.h"

#include "hub/account.h"
#include "hub/repodirectory.h"

#include <QSet>
#include <QTest>

#include <memory>

using namespace hubtest;
using hubgate::Account;
using hubgate::HubClient;
using hubgate::HubError;
using hubgate::RepoDirectoryJob;
using hubgate::RepoSummary;
using testing::EmulatorFixture;

namespace {

// "models/ns/name" keys of every repo of these namespaces in the emulator's state.
QSet<QString> stateKeys(EmulatorFixture &hub, const QStringList &namespaces)
{
    QSet<QString> keys;
    for (emu::RepoType type : {emu::RepoType::Model, emu::RepoType::Dataset})
        for (const emu::Repo *repo : hub.api().state().repos(type))
            if (namespaces.contains(QString::fromStdString(repo->ns)))
                keys.insert(QString::fromStdString(emu::repoTypePlural(type) + "/" + repo->id()));
    return keys;
}

QSet<QString> keysOf(const QList<RepoSummary> &repos)
{
    QSet<QString> keys;
    for (const RepoSummary &repo : repos)
        keys.insert(repo.key());
    return keys;
}

} // namespace

class TestHubClientAccount : public QObject
{
    Q_OBJECT
    std::unique_ptr<EmulatorFixture> hub;
    std::unique_ptr<QNetworkAccessManager> nam;
    std::unique_ptr<HubClient> client;

    std::optional<Account> whoami(const QByteArray &token)
    {
        client->setToken(QString::fromLatin1(token));
        JobWatch watch(client->get(QStringLiteral("/api/whoami-v2")));
        if (!watch.wait() || !watch.ok) {
            qWarning("whoami failed: %s", qPrintable(watch.error.message()));
            return std::nullopt;
        }
        QString error;
        auto account = hubgate::parseWhoami(watch.pages.value(0), &error);
        if (!account)
            qWarning("parseWhoami: %s", qPrintable(error));
        return account;
    }

    struct Directory
    {
        QList<RepoSummary> repos;
        QList<HubError> errors;
        int finished = 0;
        bool done = false;
    };

    Directory listRepos(const Account &account, std::function<void(RepoDirectoryJob *)> afterStart = {})
    {
        Directory out;
        auto *job = new RepoDirectoryJob(client.get(), account);
        QSignalSpy destroyed(job, &QObject::destroyed);
        connect(job, &RepoDirectoryJob::finished, job, [&out](RepoDirectoryJob *done) {
            ++out.finished;
            out.repos = done->repos();
            out.errors = done->errors();
        });
        job->start();
        if (afterStart)
            afterStart(job);
        out.done = QTest::qWaitFor([&] { return out.finished > 0 && destroyed.size() > 0; }, 30000);
        return out;
    }

private Q_SLOTS:
    void init()
    {
        hub = std::make_unique<EmulatorFixture>();
        nam = std::make_unique<QNetworkAccessManager>();
        client = std::make_unique<HubClient>(nam.get(), hub->baseUrl());
        client->setRetryPolicy(fastPolicy());
    }
    void cleanup()
    {
        client.reset();
        nam.reset();
        hub.reset();
    }

    void writeToken()
    {
        const auto account = whoami(EmulatorFixture::writeToken());
        QVERIFY(account);
        QCOMPARE(account->name, QStringLiteral("mira-patel"));
        QCOMPARE(account->fullname, QStringLiteral("Mira Patel"));
        QCOMPARE(account->tokenRole, QStringLiteral("write"));
        QCOMPARE(account->tokenName, QStringLiteral("hubgate"));
        QVERIFY(account->isPro);
        // Organizations and roles as the emulator's state has them.
        const auto orgs = hub->api().state().orgsOf("mira-patel");
        QCOMPARE(account->orgs.size(), qsizetype(orgs.size()));
        for (const emu::Org *org : orgs) {
            const auto it = std::find_if(account->orgs.cbegin(), account->orgs.cend(), [org](const auto &m) {
                return m.name == QString::fromStdString(org->name);
            });
            QVERIFY(it != account->orgs.cend());
            QCOMPARE(it->role, QString::fromStdString(org->roles.at("mira-patel")));
            QCOMPARE(it->fullname, QString::fromStdString(org->fullname));
        }
        QCOMPARE(account->manageableNamespaces(),
                 QStringList({QStringLiteral("mira-patel"), QStringLiteral("nimbus-ai"), QStringLiteral("open-ocean-lab")}));
        QVERIFY(account->canManage(QStringLiteral("nimbus-ai")));
        QVERIFY(account->canManage(QStringLiteral("open-ocean-lab")));
        QVERIFY(!account->canManage(QStringLiteral("leo-hartmann")));
        QVERIFY(!account->canManage(QStringLiteral("no-such-org")));
        QVERIFY(account->tokenWarning().isEmpty());
    }

    void readToken()
    {
        const auto account = whoami(EmulatorFixture::readToken());
        QVERIFY(account);
        QCOMPARE(account->name, QStringLiteral("mira-patel"));
        QCOMPARE(account->tokenRole, QStringLiteral("read"));
        QCOMPARE(account->orgs.size(), 2);
        QVERIFY(account->manageableNamespaces().isEmpty());
        QVERIFY(!account->canManage(QStringLiteral("mira-patel")));
        QVERIFY(!account->canManage(QStringLiteral("nimbus-ai")));
        QVERIFY2(account->tokenWarning().contains(QLatin1String("read token")), qPrintable(account->tokenWarning()));
    }

    void fineGrainedToken()
    {
        const auto account = whoami(EmulatorFixture::fineGrainedToken());
        QVERIFY(account);
        QCOMPARE(account->tokenRole, QStringLiteral("fineGrained"));
        QCOMPARE(account->tokenName, QStringLiteral("nimbus-admin"));
        QCOMPARE(account->scopes.size(), 2);
        const auto org = std::find_if(account->scopes.cbegin(), account->scopes.cend(),
                                      [](const auto &s) { return s.entityType == QLatin1String("org"); });
        QVERIFY(org != account->scopes.cend());
        QCOMPARE(org->entityName, QStringLiteral("nimbus-ai"));
        QVERIFY(org->permissions.contains(QStringLiteral("repo.write")));
        QVERIFY(account->canManage(QStringLiteral("nimbus-ai")));
        QVERIFY(!account->canManage(QStringLiteral("mira-patel")));     // content.read only
        QVERIFY(!account->canManage(QStringLiteral("open-ocean-lab"))); // no scope
        QCOMPARE(account->manageableNamespaces(), QStringList{QStringLiteral("nimbus-ai")});
        QVERIFY(account->tokenWarning().isEmpty());
    }

    void contributorToken()
    {
        const auto account = whoami(EmulatorFixture::contributorToken());
        QVERIFY(account);
        QCOMPARE(account->name, QStringLiteral("sam-okoro"));
        QVERIFY(!account->canManage(QStringLiteral("nimbus-ai"))); // contributor role
        QCOMPARE(account->manageableNamespaces(), QStringList{QStringLiteral("sam-okoro")});
    }

    void parseWhoamiRefusesNonsense_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("array") << QByteArray("[]");
        QTest::newRow("broken") << QByteArray("{\"name\": ");
        QTest::newRow("no name") << QByteArray("{\"fullname\":\"X\"}");
        QTest::newRow("name not a string") << QByteArray("{\"name\":42}");
    }
    void parseWhoamiRefusesNonsense()
    {
        QFETCH(QByteArray, json);
        QString error;
        QVERIFY(!hubgate::parseWhoami(json, &error));
        QVERIFY(!error.isEmpty());
    }

    void noOrgsNoScopes()
    {
        QString error;
        const auto account = hubgate::parseWhoami(
            "{\"name\":\"solo\",\"orgs\":\"not-a-list\",\"auth\":{\"accessToken\":{\"role\":\"write\"}}}", &error);
        QVERIFY(account);
        QCOMPARE(account->fullname, QStringLiteral("solo")); // defaults to the name
        QVERIFY(account->orgs.isEmpty());
        QCOMPARE(account->manageableNamespaces(), QStringList{QStringLiteral("solo")});
    }

    void directoryWithWriteToken()
    {
        const auto account = whoami(EmulatorFixture::writeToken());
        QVERIFY(account);
        const Directory dir = listRepos(*account);
        QVERIFY(dir.done);
        QCOMPARE(dir.finished, 1);
        QVERIFY(dir.errors.isEmpty());
        const QSet<QString> expected = stateKeys(*hub, {QStringLiteral("mira-patel"), QStringLiteral("nimbus-ai"),
                                                        QStringLiteral("open-ocean-lab")});
        QCOMPARE(expected.size(), 8);
        QCOMPARE(keysOf(dir.repos), expected);
        QCOMPARE(dir.repos.size(), expected.size()); // no repo twice
        QVERIFY(!keysOf(dir.repos).contains(QStringLiteral("models/leo-hartmann/private-notes")));
        // Sorted by id, case-insensitively.
        for (int i = 1; i < dir.repos.size(); ++i)
            QVERIFY(dir.repos[i - 1].id.compare(dir.repos[i].id, Qt::CaseInsensitive) <= 0);
        // Fields as the state has them.
        for (const RepoSummary &repo : dir.repos) {
            const emu::Repo *state = hub->api().state().repo(
                repo.kind == hubgate::RepoKind::Model ? emu::RepoType::Model : emu::RepoType::Dataset,
                repo.ns().toStdString(), repo.name().toStdString());
            QVERIFY(state);
            QCOMPARE(repo.isPrivate, state->isPrivate);
            const hubgate::GatingMode gating = state->gated == "manual" ? hubgate::GatingMode::Manual
                                               : state->gated == "auto" ? hubgate::GatingMode::Auto
                                                                        : hubgate::GatingMode::Off;
            QCOMPARE(int(repo.gating), int(gating));
            QCOMPARE(repo.likes, state->likes);
            QCOMPARE(repo.downloads, state->downloads);
        }
    }

    void directoryWithFineGrainedToken()
    {
        const auto account = whoami(EmulatorFixture::fineGrainedToken());
        QVERIFY(account);
        resetCalls(*hub);
        const Directory dir = listRepos(*account);
        QVERIFY(dir.done);
        QVERIFY(dir.errors.isEmpty());
        QCOMPARE(keysOf(dir.repos), stateKeys(*hub, {QStringLiteral("nimbus-ai")}));
        QVERIFY(keysOf(dir.repos).contains(QStringLiteral("models/nimbus-ai/nimbus-7b-instruct"))); // private
        // Only the namespace it can write was asked for: one call per kind.
        QCOMPARE(callCount(*hub, "GET /api/models"), 1);
        QCOMPARE(callCount(*hub, "GET /api/datasets"), 1);
    }

    void directoryWithReadTokenIsEmptyButFinishes()
    {
        const auto account = whoami(EmulatorFixture::readToken());
        QVERIFY(account);
        resetCalls(*hub);
        const Directory dir = listRepos(*account);
        QVERIFY(dir.done);
        QCOMPARE(dir.finished, 1);
        QVERIFY(dir.repos.isEmpty());
        QVERIFY(dir.errors.isEmpty());
        QCOMPARE(callCount(*hub, "GET /api/models"), 0);
    }

    void directoryFollowsPages()
    {
        // One user with 250 models and 3 datasets: three pages of models at limit=100.
        emu::Json seed{{"users", {{{"name", "ada"}}}},
                       {"tokens", {{{"token", "hf_AdaWrite"}, {"user", "ada"}}}},
                       {"repos", emu::Json::array()}};
        for (int i = 0; i < 250; ++i)
            seed["repos"].push_back({{"id", QStringLiteral("ada/model-%1").arg(i, 3, 10, QLatin1Char('0')).toStdString()}});
        for (int i = 0; i < 3; ++i)
            seed["repos"].push_back({{"id", "ada/data-" + std::to_string(i)}, {"type", "dataset"}, {"gated", "auto"}});
        client.reset();
        hub = std::make_unique<EmulatorFixture>(seed);
        client = std::make_unique<HubClient>(nam.get(), hub->baseUrl());
        client->setRetryPolicy(fastPolicy());
        const auto account = whoami("hf_AdaWrite");
        QVERIFY(account);
        resetCalls(*hub);
        const Directory dir = listRepos(*account);
        QVERIFY(dir.done);
        QVERIFY(dir.errors.isEmpty());
        QCOMPARE(dir.repos.size(), 253);
        QCOMPARE(keysOf(dir.repos).size(), 253);
        QCOMPARE(callCount(*hub, "GET /api/models"), 3);
        QCOMPARE(callCount(*hub, "GET /api/datasets"), 1);
    }

    void directoryKeepsWhatLoaded()
    {
        const auto account = whoami(EmulatorFixture::writeToken());
        QVERIFY(account);
        QVERIFY(addFault(*hub, *nam, "{\"kind\":\"status\",\"status\":500,\"path\":\"/api/datasets\",\"times\":-1}"));
        const Directory dir = listRepos(*account);
        QVERIFY(dir.done);
        QCOMPARE(dir.finished, 1);
        QCOMPARE(dir.errors.size(), 3); // datasets of each namespace
        QSet<QString> subjects;
        for (const HubError &error : dir.errors) {
            QCOMPARE(error.kind, HubError::Kind::Server);
            subjects.insert(error.subject);
        }
        QCOMPARE(subjects, QSet<QString>({QStringLiteral("mira-patel"), QStringLiteral("nimbus-ai"),
                                          QStringLiteral("open-ocean-lab")}));
        for (const RepoSummary &repo : dir.repos)
            QCOMPARE(int(repo.kind), int(hubgate::RepoKind::Model));
        QCOMPARE(dir.repos.size(), 5); // every model still listed
    }

    void directoryCancel()
    {
        const auto account = whoami(EmulatorFixture::writeToken());
        QVERIFY(account);
        QVERIFY(addFault(*hub, *nam, "{\"kind\":\"latency\",\"ms\":1500,\"path\":\"/api/*\",\"times\":-1}"));
        const Directory dir = listRepos(*account, [](RepoDirectoryJob *job) { job->cancel(); });
        QVERIFY(dir.done);
        QCOMPARE(dir.finished, 1);
        QVERIFY(dir.repos.isEmpty());
        QCOMPARE(dir.errors.size(), 6);
        for (const HubError &error : dir.errors)
            QCOMPARE(error.kind, HubError::Kind::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestHubClientAccount)
#include "tst_hubclient_account.moc"
