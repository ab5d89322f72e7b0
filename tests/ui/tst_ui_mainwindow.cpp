// The main window with a HubClient on the emulator: choosing a repo loads its overview, and a
// quick second choice wins over a slow first answer.
#include "hubclienttest.h"

#include "frontmatter.h"
#include "hub/account.h"
#include "hub/repodirectory.h"
#include "mainwindow/mainwindow.h"
#include "repopage/repooverviewpage.h"
#include "repos/repobrowser.h"

#include <QLabel>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace hubtest;
using hubgate::HubClient;
using hubgate::MainWindow;
using hubgate::RepoOverviewPage;
using hubgate::RepoSummary;
using testing::EmulatorFixture;

class TestUiMainWindow : public QObject
{
    Q_OBJECT
    std::unique_ptr<EmulatorFixture> hub;
    std::unique_ptr<QNetworkAccessManager> nam;
    std::unique_ptr<HubClient> client;
    std::unique_ptr<MainWindow> window;
    QList<RepoSummary> repos;

    QLabel *label(const char *name) const
    {
        return window->overviewPage()->findChild<QLabel *>(QString::fromLatin1(name));
    }

    struct Expected
    {
        QStringList fields; // extra_gated_fields keys
        QString sha;
        int files = 0;
    };
    Expected expected(emu::RepoType type, const std::string &ns, const std::string &name)
    {
        const emu::Repo *repo = hub->api().state().repo(type, ns, name);
        const emu::Commit *head = repo->headCommit();
        Expected out;
        out.sha = QString::fromStdString(head->oid);
        out.files = int(head->files.size());
        const emu::FrontMatter card = emu::parseFrontMatter(head->files.at("README.md"));
        if (card.data.contains("extra_gated_fields"))
            for (const auto &[key, value] : card.data["extra_gated_fields"].items())
                out.fields.append(QString::fromStdString(key));
        return out;
    }

    void verifyOverview(const QString &id, const Expected &want)
    {
        QCOMPARE(label("repoTitle")->text(), id);
        const QString form = label("gateForm")->text();
        if (want.fields.isEmpty()) {
            QVERIFY2(form.contains(QLatin1String("name and e-mail only")), qPrintable(form));
        } else {
            QVERIFY2(form.startsWith(QStringLiteral("%1 extra field(s)").arg(want.fields.size())), qPrintable(form));
            for (const QString &field : want.fields)
                QVERIFY2(form.contains(field), qPrintable(form + QLatin1String(" lacks ") + field));
        }
        const QString commit = label("headCommit")->text();
        QVERIFY2(commit.startsWith(want.sha.left(12)), qPrintable(commit));
        QVERIFY2(commit.contains(QStringLiteral("%1 file(s)").arg(want.files)), qPrintable(commit));
        QCOMPARE(window->windowTitle(), id + QStringLiteral(" — HubGate"));
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        hub = std::make_unique<EmulatorFixture>();
        nam = std::make_unique<QNetworkAccessManager>();
        client = std::make_unique<HubClient>(nam.get(), hub->baseUrl());
        client->setToken(QString::fromLatin1(EmulatorFixture::writeToken()));
        client->setRetryPolicy(fastPolicy());

        // The repo list as the app gets it: whoami, then the directory.
        JobWatch who(client->get(QStringLiteral("/api/whoami-v2")));
        QVERIFY(who.wait());
        QString error;
        const auto account = hubgate::parseWhoami(who.pages.value(0), &error);
        QVERIFY2(account, qPrintable(error));
        auto *dir = new hubgate::RepoDirectoryJob(client.get(), *account);
        QSignalSpy done(dir, &hubgate::RepoDirectoryJob::finished);
        connect(dir, &hubgate::RepoDirectoryJob::finished, dir, [this](hubgate::RepoDirectoryJob *job) {
            QVERIFY(job->errors().isEmpty());
            repos = job->repos();
        });
        dir->start();
        QVERIFY(done.wait(10000));
        QCOMPARE(repos.size(), 8);

        window = std::make_unique<MainWindow>(client.get());
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        window->setRepos(repos, {});
        QVERIFY(label("repoTitle") && label("gateForm") && label("headCommit") && label("repoStatus"));
    }
    void cleanup()
    {
        window.reset();
        client.reset();
        nam.reset();
        hub.reset();
    }

    void selectingARepoShowsItsOverview()
    {
        QSignalSpy loaded(window->overviewPage(), &RepoOverviewPage::loaded);
        QVERIFY(window->repoBrowser()->selectKey(QStringLiteral("models/nimbus-ai/nimbus-7b")));
        QCOMPARE(window->currentRepoKey(), QStringLiteral("models/nimbus-ai/nimbus-7b"));
        QCOMPARE(label("repoTitle")->text(), QStringLiteral("nimbus-ai/nimbus-7b")); // at once
        QCOMPARE(label("gateForm")->text(), QStringLiteral("Loading…"));
        QVERIFY(window->overviewPage()->isLoading());
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(loaded.at(0).at(0).toBool(), true);
        const Expected want = expected(emu::RepoType::Model, "nimbus-ai", "nimbus-7b");
        QVERIFY(want.fields.size() >= 6); // the fullest demo form
        verifyOverview(QStringLiteral("nimbus-ai/nimbus-7b"), want);
        QVERIFY(label("repoStatus")->text().isEmpty());
        QVERIFY(label("gating")->text().contains(QLatin1String("manual approval")));
        QVERIFY(label("hubLink")->text().contains(hub->baseUrl().toString() + QStringLiteral("/nimbus-ai/nimbus-7b")));
    }

    void datasetAndUngatedRepos()
    {
        QSignalSpy loaded(window->overviewPage(), &RepoOverviewPage::loaded);
        QVERIFY(window->repoBrowser()->selectKey(QStringLiteral("datasets/mira-patel/poetry-corpus")));
        QVERIFY(loaded.wait(10000));
        verifyOverview(QStringLiteral("mira-patel/poetry-corpus"),
                       expected(emu::RepoType::Dataset, "mira-patel", "poetry-corpus"));
        QVERIFY(label("hubLink")->text().contains(QLatin1String("/datasets/mira-patel/poetry-corpus")));

        QVERIFY(window->repoBrowser()->selectKey(QStringLiteral("models/mira-patel/sketch-diffusion")));
        QVERIFY(loaded.wait(10000));
        verifyOverview(QStringLiteral("mira-patel/sketch-diffusion"),
                       expected(emu::RepoType::Model, "mira-patel", "sketch-diffusion"));
        QVERIFY(label("gating")->text().contains(QLatin1String("Not gated")));
    }

    void headCommitFollowsTheHub()
    {
        // A commit on the Hub, then choosing the repo again shows the new head.
        QSignalSpy loaded(window->overviewPage(), &RepoOverviewPage::loaded);
        emu::Repo *repo = hub->api().state().repo(emu::RepoType::Model, "mira-patel", "tiny-poet");
        std::map<std::string, std::string> files = repo->headCommit()->files;
        files["notes.txt"] = "hello\n";
        const std::string oid = hub->api().state().commit(*repo, "refs/heads/main", repo->headCommit()->oid,
                                                          files, "Add notes", emu::nowMs());
        QVERIFY(window->repoBrowser()->selectKey(QStringLiteral("models/mira-patel/tiny-poet")));
        QVERIFY(loaded.wait(10000));
        QVERIFY(label("headCommit")->text().startsWith(QString::fromStdString(oid).left(12)));
        verifyOverview(QStringLiteral("mira-patel/tiny-poet"), expected(emu::RepoType::Model, "mira-patel", "tiny-poet"));
    }

    void secondChoiceWinsOverSlowFirstAnswer()
    {
        QVERIFY(addFault(*hub, *nam, "{\"kind\":\"latency\",\"ms\":1500,\"path\":\"/api/models/nimbus-ai/nimbus-7b\",\"times\":1}"));
        QSignalSpy loaded(window->overviewPage(), &RepoOverviewPage::loaded);
        QVERIFY(window->repoBrowser()->selectKey(QStringLiteral("models/nimbus-ai/nimbus-7b")));
        QTRY_COMPARE_WITH_TIMEOUT(callCount(*hub, "GET /api/models/nimbus-ai/nimbus-7b"), 1, 5000); // slow, on the wire
        QVERIFY(window->repoBrowser()->selectKey(QStringLiteral("datasets/mira-patel/poetry-corpus")));
        QVERIFY(loaded.wait(10000));
        const Expected poetry = expected(emu::RepoType::Dataset, "mira-patel", "poetry-corpus");
        verifyOverview(QStringLiteral("mira-patel/poetry-corpus"), poetry);
        // The first answer was due 1.5 s after its call; it never shows.
        QVERIFY(!QTest::qWaitFor([&] { return loaded.size() > 1; }, 2500));
        QCOMPARE(loaded.size(), 1);
        verifyOverview(QStringLiteral("mira-patel/poetry-corpus"), poetry);
        QVERIFY(!window->overviewPage()->isLoading());
    }

    void unknownRepoShowsTheError()
    {
        QList<RepoSummary> withGhost = repos;
        RepoSummary ghost;
        ghost.id = QStringLiteral("nimbus-ai/ghost");
        ghost.gating = hubgate::GatingMode::Manual;
        withGhost.append(ghost);
        window->setRepos(withGhost, {});
        QSignalSpy loaded(window->overviewPage(), &RepoOverviewPage::loaded);
        QVERIFY(window->repoBrowser()->selectKey(ghost.key()));
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.at(0).at(0).toBool(), false);
        QVERIFY2(label("repoStatus")->text().contains(QLatin1String("not found")), qPrintable(label("repoStatus")->text()));
        QVERIFY(label("repoStatus")->text().contains(QLatin1String("nimbus-ai/ghost")));
        QCOMPARE(label("gateForm")->text(), QStringLiteral("—"));
        QCOMPARE(label("headCommit")->text(), QStringLiteral("—"));
    }

    void unreadableAnswerEndsTheLoading()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        server.handler = [](const RecordedRequest &) { return ScriptedReply::json(200, "{\"id\": "); };
        HubClient scripted(nam.get(), server.baseUrl());
        RepoOverviewPage page(&scripted);
        QSignalSpy loaded(&page, &RepoOverviewPage::loaded);
        page.showRepo(repos.value(0));
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.at(0).at(0).toBool(), false);
        QVERIFY(!page.isLoading());
        auto *status = page.findChild<QLabel *>(QStringLiteral("repoStatus"));
        QVERIFY2(status->text().contains(QLatin1String("could not be read")), qPrintable(status->text()));
        // Nothing more is coming: the fields must not keep saying "Loading…".
        QCOMPARE(page.findChild<QLabel *>(QStringLiteral("gateForm"))->text(), QStringLiteral("—"));
        QCOMPARE(page.findChild<QLabel *>(QStringLiteral("headCommit"))->text(), QStringLiteral("—"));
    }
};

QTEST_MAIN(TestUiMainWindow)
#include "tst_ui_mainwindow.moc"
