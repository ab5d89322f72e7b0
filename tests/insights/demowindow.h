#pragma once
// A main window signed in to an in-process emulator on the demo seed, its repo list loaded: the
// insights and export widget tests drive it with QTest.

#include "hubclienttest.h"

#include "hub/account.h"
#include "hub/repodirectory.h"
#include "mainwindow/mainwindow.h"
#include "repos/repobrowser.h"
#include "review/reviewpage.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

#include <memory>

namespace insightstest {

struct DemoWindow
{
    std::unique_ptr<testing::EmulatorFixture> hub;
    std::unique_ptr<QNetworkAccessManager> nam;
    std::unique_ptr<hubgate::HubClient> client;
    std::unique_ptr<hubgate::MainWindow> window;

    // QVERIFY-style: false with a message when the window could not be set up.
    bool start(QString *problem)
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("HubGateTests"));
        QSettings().clear();
        hub = std::make_unique<testing::EmulatorFixture>();
        nam = std::make_unique<QNetworkAccessManager>();
        client = std::make_unique<hubgate::HubClient>(nam.get(), hub->baseUrl());
        client->setToken(QString::fromLatin1(testing::EmulatorFixture::writeToken()));
        client->setRetryPolicy(hubtest::fastPolicy());
        hubtest::JobWatch who(client->get(QStringLiteral("/api/whoami-v2")));
        if (!who.wait()) {
            *problem = QStringLiteral("whoami did not answer");
            return false;
        }
        const auto account = hubgate::parseWhoami(who.pages.value(0), problem);
        if (!account)
            return false;
        QList<hubgate::RepoSummary> repos;
        auto *dir = new hubgate::RepoDirectoryJob(client.get(), *account);
        bool listed = false;
        QObject::connect(dir, &hubgate::RepoDirectoryJob::finished, dir,
                         [&](hubgate::RepoDirectoryJob *job) {
                             repos = job->repos();
                             listed = true;
                         });
        dir->start();
        if (!QTest::qWaitFor([&] { return listed; }, 10000)) {
            *problem = QStringLiteral("the repo list did not load");
            return false;
        }
        window = std::make_unique<hubgate::MainWindow>(client.get());
        window->setSignedIn(*account, QStringLiteral("test"));
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get())) {
            *problem = QStringLiteral("the window was not shown");
            return false;
        }
        window->setRepos(repos, {});
        return true;
    }

    template<typename Page>
    Page *page() const
    {
        for (hubgate::RepoPage *page : window->repoPages()) {
            if (auto *wanted = qobject_cast<Page *>(page))
                return wanted;
        }
        return nullptr;
    }

    void stop()
    {
        window.reset();
        client.reset();
        nam.reset();
        hub.reset();
    }
};

} // namespace insightstest
