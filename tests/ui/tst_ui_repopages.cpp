// The repo pages in the main window: one registration per page (tab, View menu entry, key),
// F5 that reloads what is shown without losing the reviewer's place, the gate form in form order
// everywhere, and the list of keyboard shortcuts.
#include "hubclienttest.h"

#include "access/accessrequestmodel.h"
#include "hub/account.h"
#include "hub/repodirectory.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/shortcutsdialog.h"
#include "mainwindow/statusbarwidgets.h"
#include "repopage/repooverviewpage.h"
#include "repos/repobrowser.h"
#include "review/reviewpage.h"
#include "review/taskbar.h"

#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

#include <memory>

using namespace hubtest;
using namespace hubgate;
using testing::EmulatorFixture;

class TestUiRepoPages : public QObject
{
    Q_OBJECT
    std::unique_ptr<EmulatorFixture> hub;
    std::unique_ptr<QNetworkAccessManager> nam;
    std::unique_ptr<HubClient> client;
    std::unique_ptr<MainWindow> window;
    QList<RepoSummary> repos;

    QAction *menuAction(const QString &text) const
    {
        for (QAction *action : window->findChildren<QAction *>())
            if (action->text() == text)
                return action;
        return nullptr;
    }

    void openReview()
    {
        QSignalSpy loaded(window->reviewPage(), &ReviewPage::loadingFinished);
        QVERIFY(window->repoBrowser()->selectKey(QStringLiteral("models/nimbus-ai/nimbus-7b")));
        QTest::keyClick(window.get(), Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(window->repoTabs()->currentWidget(), window->reviewPage());
        QVERIFY(loaded.wait(20000));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("HubGateTests"));
    }

    void init()
    {
        QSettings().clear();
        hub = std::make_unique<EmulatorFixture>();
        nam = std::make_unique<QNetworkAccessManager>();
        client = std::make_unique<HubClient>(nam.get(), hub->baseUrl());
        client->setToken(QString::fromLatin1(EmulatorFixture::writeToken()));
        client->setRetryPolicy(fastPolicy());
        JobWatch who(client->get(QStringLiteral("/api/whoami-v2")));
        QVERIFY(who.wait());
        QString error;
        const auto account = parseWhoami(who.pages.value(0), &error);
        QVERIFY2(account, qPrintable(error));
        auto *dir = new RepoDirectoryJob(client.get(), *account);
        QSignalSpy done(dir, &RepoDirectoryJob::finished);
        connect(dir, &RepoDirectoryJob::finished, dir, [this](RepoDirectoryJob *job) { repos = job->repos(); });
        dir->start();
        QVERIFY(done.wait(10000));
        window = std::make_unique<MainWindow>(client.get());
        window->setSignedIn(*account, QStringLiteral("test"));
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        // As the app does on F5: the repo list is loaded again too.
        connect(window.get(), &MainWindow::refreshRequested, this, [this] { window->setRepos(repos, {}); });
        window->setRepos(repos, {});
    }

    void cleanup()
    {
        window.reset();
        client.reset();
        nam.reset();
        hub.reset();
    }

    void everyPageIsOneRegistration()
    {
        const QList<RepoPage *> pages = window->repoPages();
        QCOMPARE(pages.size(), window->repoTabs()->count());
        QVERIFY(pages.size() >= 3);
        for (int i = 0; i < int(pages.size()); ++i) {
            QCOMPARE(window->repoTabs()->widget(i), pages[i]);
            QCOMPARE(window->repoTabs()->tabText(i), pages[i]->title());
            QAction *show = menuAction(pages[i]->title());
            QVERIFY2(show, qPrintable(pages[i]->title()));
            QCOMPARE(show->shortcut(), QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        }
        QVERIFY(window->repoBrowser()->selectKey(QStringLiteral("models/nimbus-ai/nimbus-7b")));
        QTest::keyClick(window.get(), Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(window->repoTabs()->currentIndex(), 2);
    }

    void f5KeepsTheReviewersPlace()
    {
        openReview();
        QTableView *table = window->reviewPage()->table();
        table->setFocus();
        table->selectRow(30);
        table->scrollTo(table->model()->index(30, 0), QAbstractItemView::PositionAtTop);
        const QString user = table->selectionModel()->selectedRows().value(0).data(AccessRequestModel::UserNameRole).toString();
        QVERIFY(!user.isEmpty());
        QList<int> widths;
        for (int column = 0; column < table->model()->columnCount(); ++column)
            widths.append(table->columnWidth(column));
        const int scroll = table->verticalScrollBar()->value();
        QSignalSpy loaded(window->reviewPage(), &ReviewPage::loadingFinished);
        QTest::keyClick(table, Qt::Key_F5);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(window->reviewPage()->shownUsers(), QStringList{user});
        QCOMPARE(table->verticalScrollBar()->value(), scroll);
        for (int column = 0; column < table->model()->columnCount(); ++column)
            QVERIFY2(table->columnWidth(column) == widths[column],
                     qPrintable(QStringLiteral("column %1: %2 instead of %3").arg(column).arg(table->columnWidth(column)).arg(widths[column])));
        QVERIFY(window->reviewPage()->action(DecisionKind::Accept)->isEnabled());
        // A then accepts exactly the request the pane shows.
        QSignalSpy decided(window->reviewPage(), &ReviewPage::decisionFinished);
        QTest::keyClick(table, Qt::Key_A);
        QVERIFY(decided.wait(10000));
        const emu::User *u = hub->api().state().userByName(user.toStdString());
        QCOMPARE(hub->api().state().repo(emu::RepoType::Model, "nimbus-ai", "nimbus-7b")->findRequest(u->id)->status,
                 std::string("accepted"));
    }

    void overviewListsTheFormInFormOrder()
    {
        QSignalSpy loaded(window->overviewPage(), &RepoOverviewPage::loaded);
        QVERIFY(window->repoBrowser()->selectKey(QStringLiteral("models/nimbus-ai/nimbus-7b")));
        QVERIFY(loaded.wait(10000));
        const QString form = window->overviewPage()->findChild<QLabel *>(QStringLiteral("gateForm"))->text();
        const QStringList inOrder{QStringLiteral("Full name"), QStringLiteral("Affiliation"), QStringLiteral("Job title"),
                                  QStringLiteral("Country"), QStringLiteral("Date of birth"), QStringLiteral("Intended use")};
        qsizetype last = -1;
        for (const QString &field : inOrder) {
            const qsizetype at = form.indexOf(field);
            QVERIFY2(at > last, qPrintable(form));
            last = at;
        }
    }

    void longStatusMessagesDoNotSqueezeTheRepoList()
    {
        openReview();
        window->resize(1000, 700);
        QApplication::processEvents();
        const int browserWidth = window->repoBrowser()->width();
        const int windowWidth = window->width();
        const QString longText = QStringLiteral("The Hub is limiting requests from this token: waiting 30 s. ").repeated(8);
        window->reviewPage()->taskBar()->showMessage(longText, QStringLiteral("Details…"));
        window->findChild<StatusBarWidgets *>()->setNote(longText);
        QApplication::processEvents();
        QCOMPARE(window->repoBrowser()->width(), browserWidth);
        QCOMPARE(window->width(), windowWidth);
        QVERIFY(window->minimumSizeHint().width() < 1000);
    }

    void shortcutsAreListed()
    {
        ShortcutsDialog dialog(window.get());
        QStringList rows;
        for (int group = 0; group < dialog.list()->topLevelItemCount(); ++group) {
            QTreeWidgetItem *header = dialog.list()->topLevelItem(group);
            for (int i = 0; i < header->childCount(); ++i)
                rows.append(header->text(0) + QLatin1Char('|') + header->child(i)->text(0) + QLatin1Char('|') +
                            header->child(i)->text(1));
        }
        const QString all = rows.join(QLatin1Char('\n'));
        for (const QString &expected : {QStringLiteral("Access requests|Accept|A"), QStringLiteral("Access requests|Reject|R"),
                                        QStringLiteral("Access requests|Grant|G"), QStringLiteral("Window|Refresh|F5")})
            QVERIFY2(rows.contains(expected), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("Access requests|Undo")), qPrintable(all));
    }
};

QTEST_MAIN(TestUiRepoPages)
#include "tst_ui_repopages.moc"
