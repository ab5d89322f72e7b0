// The main window with a HubClient on the emulator: choosing a repo loads its overview, a quick
// second choice wins over a slow first answer, a repo whose gating is turned off stays selected,
// and the main area says what to do when there is no repo to show.
#include "hubclienttest.h"

#include "frontmatter.h"
#include "hub/account.h"
#include "hub/repodirectory.h"
#include "mainwindow/mainwindow.h"
#include "repopage/repooverviewpage.h"
#include "repos/repobrowser.h"
#include "repos/repolistmodel.h"
#include "settings/gatingsettingspage.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>
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

    QLabel *notice() const { return window->findChild<QLabel *>(QStringLiteral("noticeText")); }
    // The notice is what the main area shows, and the repo pages are not.
    bool noticeShown() const
    {
        return notice() && notice()->isVisible() && !window->repoTabs()->isVisible();
    }
    QPushButton *noticeButton(const char *name) const
    {
        return window->findChild<QPushButton *>(QString::fromLatin1(name));
    }
    static hubgate::Account account(const QString &role)
    {
        hubgate::Account a;
        a.name = QStringLiteral("mira-patel");
        a.fullname = QStringLiteral("Mira Patel");
        a.tokenRole = role;
        a.tokenName = role + QStringLiteral(" token");
        a.orgs.append({QStringLiteral("nimbus-ai"), QStringLiteral("Nimbus AI"), QStringLiteral("admin")});
        return a;
    }
    bool rowShown(const QString &id) const
    {
        const QAbstractItemModel *model = window->repoBrowser()->view()->model();
        for (int row = 0; row < model->rowCount(); ++row)
            if (model->index(row, hubgate::RepoListModel::Name).data().toString() == id)
                return true;
        return false;
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

    void turningGatingOffStaysOnTheRepo()
    {
        QVERIFY(window->repoBrowser()->gatedOnly());
        const QString key = QStringLiteral("models/nimbus-ai/nimbus-7b");
        QVERIFY(window->repoBrowser()->selectKey(key));
        window->repoTabs()->setCurrentWidget(window->settingsPage());
        QSignalSpy saved(window->settingsPage(), &hubgate::GatingSettingsPage::saved);
        QSignalSpy selected(window->repoBrowser(), &hubgate::RepoBrowser::currentRepoChanged);
        window->settingsPage()->findChild<QRadioButton *>(QStringLiteral("gatingOff"))->click();
        window->settingsPage()->applyButton()->click();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = window->settingsPage()->findChild<QMessageBox *>()) && box->isVisible());
        QCOMPARE(hub->api().state().repo(emu::RepoType::Model, "nimbus-ai", "nimbus-7b")->gated, std::string("manual"));
        box->findChild<QPushButton *>(QStringLiteral("confirmGating"))->click();
        QVERIFY(saved.wait(10000));
        QCOMPARE(saved.at(0).at(0).toBool(), true);
        QCOMPARE(hub->api().state().repo(emu::RepoType::Model, "nimbus-ai", "nimbus-7b")->gated, std::string("false"));

        // Still on the repo: listed, selected, its settings in front, nothing else chosen.
        QVERIFY(window->repoBrowser()->gatedOnly());
        QCOMPARE(window->currentRepoKey(), key);
        QVERIFY(rowShown(QStringLiteral("nimbus-ai/nimbus-7b")));
        QCOMPARE(selected.size(), 0);
        QCOMPARE(window->repoTabs()->currentWidget(), window->settingsPage());
        QVERIFY(window->repoTabs()->isVisible());
        QCOMPARE(window->windowTitle(), QStringLiteral("nimbus-ai/nimbus-7b — HubGate"));
        QCOMPARE(window->repoBrowser()->view()->currentIndex().data(hubgate::RepoListModel::GatingRole).toInt(),
                 int(hubgate::GatingMode::Off));

        // Choosing another repo does not pull the row away under the pointer either.
        QVERIFY(window->repoBrowser()->selectKey(QStringLiteral("datasets/mira-patel/poetry-corpus")));
        QVERIFY(rowShown(QStringLiteral("nimbus-ai/nimbus-7b")));
    }

    void readTokenExplainsAndHidesThePreviousRepo()
    {
        QVERIFY(window->repoBrowser()->selectKey(QStringLiteral("models/nimbus-ai/nimbus-7b")));
        QVERIFY(window->repoTabs()->isVisible());
        QSignalSpy signIn(window.get(), &MainWindow::signInRequested);

        window->setSignedIn(account(QStringLiteral("read")), QStringLiteral("pasted"));
        QVERIFY(noticeShown());
        QVERIFY2(notice()->text().contains(QLatin1String("read token")), qPrintable(notice()->text()));
        QVERIFY2(notice()->text().contains(QLatin1String("Sign in with a write token")), qPrintable(notice()->text()));
        QVERIFY(noticeButton("noticeSignIn")->isVisible());
        QVERIFY(!noticeButton("noticeRetry")->isVisible());
        QCOMPARE(window->windowTitle(), QStringLiteral("HubGate"));

        // What the directory gives a read token: nothing. The explanation stays.
        window->setReposLoading();
        window->setRepos({}, {});
        QVERIFY(noticeShown());
        QVERIFY2(notice()->text().contains(QLatin1String("read token")), qPrintable(notice()->text()));
        QTest::mouseClick(noticeButton("noticeSignIn"), Qt::LeftButton);
        QCOMPARE(signIn.size(), 1);
    }

    void placeholderSaysWhatComesNext()
    {
        window->setSignedIn(account(QStringLiteral("write")), QStringLiteral("pasted"));
        QVERIFY(noticeShown());
        QVERIFY2(notice()->text().contains(QLatin1String("Loading")), qPrintable(notice()->text()));
        QVERIFY(!notice()->text().contains(QLatin1String("Sign in")));
        window->setRepos(repos, {});
        QVERIFY(noticeShown());
        QCOMPARE(notice()->text(), QStringLiteral("Select a repository on the left."));
        QVERIFY(!noticeButton("noticeSignIn")->isVisible());

        // A write token that manages nothing: said plainly.
        window->setSignedIn(account(QStringLiteral("write")), QStringLiteral("pasted"));
        window->setRepos({}, {});
        QVERIFY(noticeShown());
        QVERIFY2(notice()->text().contains(QLatin1String("no models or datasets this token can manage")),
                 qPrintable(notice()->text()));

        window->setSignedOut(QStringLiteral("Signed out. The token was forgotten; it was never stored on disk."));
        QVERIFY(noticeShown());
        QVERIFY(notice()->text().startsWith(QLatin1String("Signed out. The token was forgotten")));
        QVERIFY(noticeButton("noticeSignIn")->isVisible());
    }

    void unreachableHubOffersRetryWithoutABox()
    {
        QVERIFY(window->repoBrowser()->selectKey(QStringLiteral("models/nimbus-ai/nimbus-7b")));
        window->setSignedIn(account(QStringLiteral("write")), QStringLiteral("pasted"));
        QSignalSpy retry(window.get(), &MainWindow::retryRequested);
        hubgate::HubError down;
        down.kind = hubgate::HubError::Kind::Network;
        down.subject = QStringLiteral("nimbus-ai");
        down.detail = QStringLiteral("Connection refused");
        window->setRepos({}, {down, down});
        QVERIFY(noticeShown());
        QVERIFY2(notice()->text().contains(QLatin1String("could not be listed")), qPrintable(notice()->text()));
        QVERIFY(noticeButton("noticeRetry")->isVisible());
        QVERIFY(noticeButton("noticeHubAddress")->isVisible());
        QCOMPARE(QApplication::activeModalWidget(), nullptr);
        QCOMPARE(window->findChild<QMessageBox *>(), nullptr);
        QTest::mouseClick(noticeButton("noticeRetry"), Qt::LeftButton);
        QCOMPARE(retry.size(), 1);

        window->showHubUnreachable(QStringLiteral("HubGate could not check your token."));
        QVERIFY(noticeShown());
        QVERIFY(noticeButton("noticeRetry")->isVisible());
        window->setHubAddressChangeable(false); // --endpoint or HF_ENDPOINT chose it
        window->showHubUnreachable(QStringLiteral("HubGate could not check your token."));
        QVERIFY(!noticeButton("noticeHubAddress")->isVisible());

        // The list comes back after Retry: the remembered repo is chosen again.
        window->setRepos(repos, {});
        QCOMPARE(window->currentRepoKey(), QStringLiteral("models/nimbus-ai/nimbus-7b"));
        QVERIFY(window->repoTabs()->isVisible());
    }

    void showErrorDoesNotWait()
    {
        // A nested exec() would only return once the box is closed, below after 3 s.
        QTimer::singleShot(3000, window.get(), [this] {
            if (auto *box = window->findChild<QMessageBox *>())
                box->close();
        });
        QElapsedTimer clock;
        clock.start();
        window->showError(QStringLiteral("The Hub said no."));
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
        auto *box = window->findChild<QMessageBox *>(QStringLiteral("errorBox"));
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QCOMPARE(box->text(), QStringLiteral("The Hub said no."));
        box->close();
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
        hubgate::RepoContext context;
        context.repo = repos.value(0);
        page.showRepo(context);
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
