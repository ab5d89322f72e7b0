// The review page as a reviewer uses it: keyboard only, against the emulator over loopback.
#include "access/accessrequestfilter.h"
#include "access/accessrequestmodel.h"
#include "emulatorfixture.h"
#include "hub/hubclient.h"
#include "review/reviewpage.h"
#include "review/taskbar.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabBar>
#include <QTableView>
#include <QTest>

using namespace hubgate;

class ReviewPageTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_fixture = std::make_unique<testing::EmulatorFixture>();
        m_client = std::make_unique<HubClient>(&m_nam, m_fixture->baseUrl());
        m_client->setToken(QString::fromLatin1(testing::EmulatorFixture::writeToken()));
        m_page = std::make_unique<ReviewPage>(m_client.get());
        m_page->setReviewer(QStringLiteral("mira-patel"));
        m_page->resize(1200, 700);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        RepoSummary repo;
        repo.id = QStringLiteral("nimbus-ai/nimbus-7b");
        repo.gating = GatingMode::Manual;
        QSignalSpy loaded(m_page.get(), &ReviewPage::loadingFinished);
        m_page->showRepo(repo);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(loaded.first().first().toBool(), true);
    }

    void cleanup()
    {
        m_page.reset();
        m_client.reset();
        m_fixture.reset();
    }

    void countsMatchTheServer()
    {
        emu::Repo *repo = serverRepo();
        for (const char *status : {"pending", "accepted", "rejected"})
            QCOMPARE(m_page->model()->countOf(QLatin1String(status)), int(repo->countStatus(status)));
        QVERIFY(m_page->tabs()->tabText(0).contains(QLocale().toString(int(repo->countStatus("pending")))));
        // One column per gate-form field after the fixed ones.
        QCOMPARE(m_page->model()->columnCount(), int(AccessRequestModel::FirstFieldColumn) + 8);
    }

    void acceptWithTheKeyboardMovesTheRow()
    {
        QTableView *table = m_page->table();
        table->setFocus();
        table->selectRow(0);
        const QString user = selectedUser();
        const int pendingBefore = m_page->model()->countOf(QStringLiteral("pending"));
        QSignalSpy decided(m_page.get(), &ReviewPage::decisionFinished);
        QTest::keyClick(table, Qt::Key_A);
        QVERIFY(decided.wait(10000));
        QCOMPARE(serverStatus(user), std::string("accepted"));
        QCOMPARE(m_page->model()->countOf(QStringLiteral("pending")), pendingBefore - 1);
        // The next request is selected, ready for the next key.
        QVERIFY(table->selectionModel()->hasSelection());
        QVERIFY(selectedUser() != user);
        // Undo puts it back.
        QTest::keyClick(table, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(decided.wait(10000));
        QCOMPARE(serverStatus(user), std::string("pending"));
        QCOMPARE(m_page->model()->countOf(QStringLiteral("pending")), pendingBefore);
    }

    void rejectWithAReasonFromTheKeyboard()
    {
        QTableView *table = m_page->table();
        table->setFocus();
        table->selectRow(2);
        const QString user = selectedUser();
        QSignalSpy decided(m_page.get(), &ReviewPage::decisionFinished);
        QTest::keyClick(table, Qt::Key_R);
        QPlainTextEdit *edit = nullptr;
        QVERIFY(QTest::qWaitFor([&] {
            edit = qobject_cast<QPlainTextEdit *>(QApplication::focusWidget());
            return edit != nullptr;
        }, 5000));
        QTest::keyClicks(edit, QStringLiteral("Please use your work e-mail."));
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(decided.wait(10000));
        QCOMPARE(serverStatus(user), std::string("rejected"));
        QCOMPARE(serverRequest(user)->rejectionReason, std::string("Please use your work e-mail."));
    }

    void bulkAcceptThroughTheBatchEndpoint()
    {
        QTableView *table = m_page->table();
        table->setFocus();
        table->selectAll();
        const int selected = int(table->selectionModel()->selectedRows().size());
        QVERIFY(selected > 1000);
        m_fixture->api().resetCallStats();
        QSignalSpy decided(m_page.get(), &ReviewPage::decisionFinished);
        m_page->action(DecisionKind::Accept)->trigger();
        QVERIFY(m_page->taskBar()->isVisible());
        QVERIFY(decided.wait(60000));
        QCOMPARE(serverRepo()->countStatus("pending"), std::size_t(0));
        QCOMPARE(m_page->model()->countOf(QStringLiteral("pending")), 0);
        const int calls = m_fixture->api().callStats()["total"].get<int>();
        QCOMPARE(calls, (selected + 99) / 100);
    }

    void searchShowsNOfM()
    {
        const int total = m_page->filter()->rowCount();
        auto *search = m_page->findChild<QLineEdit *>(QStringLiteral("requestSearch"));
        QVERIFY(search);
        search->setFocus();
        QTest::keyClicks(search, QStringLiteral("grace-kim"));
        QCOMPARE(m_page->filter()->rowCount(), 1);
        auto *count = m_page->findChild<QLabel *>(QStringLiteral("requestCount"));
        QVERIFY(count->text().startsWith(QStringLiteral("1 of ")));
        search->clear();
        QCOMPARE(m_page->filter()->rowCount(), total);
    }

    void refreshKeepsSelection()
    {
        QTableView *table = m_page->table();
        table->selectRow(5);
        const QString user = selectedUser();
        QSignalSpy loaded(m_page.get(), &ReviewPage::loadingFinished);
        m_page->reload();
        QVERIFY(loaded.wait(20000));
        QCOMPARE(selectedUser(), user);
    }

private:
    emu::Repo *serverRepo()
    {
        return m_fixture->api().state().repo(emu::RepoType::Model, "nimbus-ai", "nimbus-7b");
    }
    emu::AccessRequest *serverRequest(const QString &user)
    {
        const emu::User *u = m_fixture->api().state().userByName(user.toStdString());
        return u ? serverRepo()->findRequest(u->id) : nullptr;
    }
    std::string serverStatus(const QString &user)
    {
        const emu::AccessRequest *request = serverRequest(user);
        return request ? request->status : std::string();
    }
    QString selectedUser() const
    {
        const QModelIndexList rows = m_page->table()->selectionModel()->selectedRows();
        return rows.isEmpty() ? QString() : rows.first().data(AccessRequestModel::UserNameRole).toString();
    }

    QNetworkAccessManager m_nam;
    std::unique_ptr<testing::EmulatorFixture> m_fixture;
    std::unique_ptr<HubClient> m_client;
    std::unique_ptr<ReviewPage> m_page;
};

QTEST_MAIN(ReviewPageTest)
#include "tst_ui_review.moc"
