// The review page as a reviewer uses it: keyboard first, against the emulator over loopback.
#include "access/accessrequestfilter.h"
#include "access/accessrequestmodel.h"
#include "emulatorfixture.h"
#include "reviewtestutil.h"
#include "hub/hubclient.h"
#include "i18n/translations.h"
#include "review/failuresdialog.h"
#include "review/filterbar.h"
#include "review/requestdetails.h"
#include "review/reviewpage.h"
#include "review/reviewsession.h"
#include "review/taskbar.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QSignalSpy>
#include <QTabBar>
#include <QTableView>
#include <QTest>
#include <QToolBar>
#include <QTreeWidget>

using namespace hubgate;

class ReviewPageTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("HubGateTests"));
        QVERIFY(installTranslations(*QCoreApplication::instance()));
    }

    void init()
    {
        QSettings().clear();
        m_fixture = std::make_unique<testing::EmulatorFixture>();
        m_client = std::make_unique<HubClient>(&m_nam, m_fixture->baseUrl());
        m_client->setToken(QString::fromLatin1(testing::EmulatorFixture::writeToken()));
        m_page = std::make_unique<ReviewPage>(m_client.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(m_page->filter(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_page->resize(1200, 700);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        QSignalSpy loaded(m_page.get(), &ReviewPage::loadingFinished);
        m_page->showRepo(context());
        m_page->activate();
        QVERIFY(loaded.wait(20000));
        QCOMPARE(loaded.first().first().toBool(), true);
    }

    void cleanup()
    {
        m_tester.reset();
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
        QCOMPARE(m_page->taskBar()->text(), QStringLiteral("Accept: 1 request done."));
        QVERIFY(table->selectionModel()->hasSelection());
        QVERIFY(selectedUser() != user);
    }

    void rejectNamesThePersonAndSendsTheReason()
    {
        QTableView *table = m_page->table();
        table->setFocus();
        table->selectRow(2);
        const QString user = selectedUser();
        const QString fullname = m_page->model()->requestAt(m_page->model()->rowOfUser(user)).user.fullname;
        QSignalSpy decided(m_page.get(), &ReviewPage::decisionFinished);
        QTest::keyClick(table, Qt::Key_R);
        QPlainTextEdit *edit = nullptr;
        QVERIFY(QTest::qWaitFor([&] {
            edit = qobject_cast<QPlainTextEdit *>(QApplication::focusWidget());
            return edit != nullptr;
        }, 5000));
        auto *intro = edit->window()->findChild<QLabel *>(QStringLiteral("reasonIntro"));
        QVERIFY(intro);
        QVERIFY2(intro->text().contains(fullname) && intro->text().contains(user), qPrintable(intro->text()));
        QTest::keyClicks(edit, QStringLiteral("Please use your work e-mail."));
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(decided.wait(10000));
        QCOMPARE(serverStatus(user), std::string("rejected"));
        QCOMPARE(serverRequest(user)->rejectionReason, std::string("Please use your work e-mail."));
        // The rejected tab shows the reason sent from here.
        m_page->showStatus(QStringLiteral("rejected"));
        selectUser(user);
        QVERIFY(m_page->details()->toPlainText().contains(QStringLiteral("Please use your work e-mail.")));
    }

    void undoThreeTimesGoesBackThreeSteps()
    {
        QTableView *table = m_page->table();
        table->setFocus();
        QStringList users;
        QSignalSpy decided(m_page.get(), &ReviewPage::decisionFinished);
        for (int i = 0; i < 3; ++i) {
            table->selectRow(0);
            users.append(selectedUser());
            QTest::keyClick(table, Qt::Key_A);
            QVERIFY(decided.wait(10000));
        }
        for (const QString &user : users)
            QCOMPARE(serverStatus(user), std::string("accepted"));
        QCOMPARE(m_page->undoAction()->text(), QStringLiteral("Undo accept of 1 request"));
        for (int i = 2; i >= 0; --i) {
            decided.clear();
            QTest::keyClick(table, Qt::Key_Z, Qt::ControlModifier);
            QVERIFY(decided.wait(10000));
            const auto report = decided.first().first().value<DecisionReport>();
            QCOMPARE(report.title, QStringLiteral("Undo accept of 1 request"));
            QCOMPARE(m_page->taskBar()->text(), QStringLiteral("Undo accept of 1 request: done."));
            QCOMPARE(serverStatus(users[i]), std::string("pending"));
            for (int j = 0; j < i; ++j)
                QCOMPARE(serverStatus(users[j]), std::string("accepted"));
        }
        QVERIFY(!m_page->undoAction()->isEnabled());
        // A fourth Ctrl+Z changes nothing.
        m_fixture->api().resetCallStats();
        QTest::keyClick(table, Qt::Key_Z, Qt::ControlModifier);
        QTest::qWait(200);
        QCOMPARE(m_fixture->api().callStats()["total"].get<int>(), 0);
    }

    void bulkDecisionsAskFirstAboveTheThreshold()
    {
        QTableView *table = m_page->table();
        table->setFocus();
        table->selectionModel()->select(QItemSelection(m_page->filter()->index(0, 0), m_page->filter()->index(59, 0)),
                                        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QCOMPARE(m_page->shownUsers().size(), 60);
        m_fixture->api().resetCallStats();
        QTest::keyClick(table, Qt::Key_A);
        QMessageBox *box = nullptr;
        QVERIFY(QTest::qWaitFor([&] { return (box = m_page->findChild<QMessageBox *>(QStringLiteral("confirmBulk"))); }, 5000));
        QVERIFY2(box->text().contains(QStringLiteral("60")), qPrintable(box->text()));
        QCOMPARE(m_fixture->api().callStats()["total"].get<int>(), 0); // nothing sent before the answer
        QSignalSpy decided(m_page.get(), &ReviewPage::decisionFinished);
        box->findChild<QPushButton *>(QStringLiteral("confirmButton"))->click();
        QVERIFY(decided.wait(20000));
        QCOMPARE(decided.first().first().value<DecisionReport>().done, 60);
        QCOMPARE(m_page->taskBar()->text(), QStringLiteral("Accept: 60 requests done."));
    }

    void bulkDecisionCanBeDeclined()
    {
        m_page->table()->selectAll();
        const int pending = int(serverRepo()->countStatus("pending"));
        QTest::keyClick(m_page->table(), Qt::Key_A);
        QMessageBox *box = nullptr;
        QVERIFY(QTest::qWaitFor([&] { return (box = m_page->findChild<QMessageBox *>(QStringLiteral("confirmBulk"))); }, 5000));
        box->button(QMessageBox::Cancel)->click();
        QTest::qWait(100);
        QVERIFY(!m_page->isDeciding());
        QCOMPARE(int(serverRepo()->countStatus("pending")), pending);
    }

    void grantFailuresAreListedInWords()
    {
        m_page->action(DecisionKind::Grant)->trigger();
        QInputDialog *dialog = nullptr;
        QVERIFY(QTest::qWaitFor([&] { return (dialog = m_page->findChild<QInputDialog *>(QStringLiteral("grantDialog"))); }, 5000));
        QSignalSpy decided(m_page.get(), &ReviewPage::decisionFinished);
        dialog->setTextValue(QStringLiteral("no-such-user-anywhere"));
        dialog->accept();
        QVERIFY(decided.wait(10000));
        FailuresDialog *failures = nullptr;
        QVERIFY(QTest::qWaitFor([&] { return (failures = m_page->findChild<FailuresDialog *>()); }, 5000));
        QCOMPARE(failures->list()->topLevelItemCount(), 1);
        QCOMPARE(failures->list()->topLevelItem(0)->text(0), QStringLiteral("no-such-user-anywhere"));
        QVERIFY(!failures->list()->topLevelItem(0)->text(1).isEmpty());
        QVERIFY(m_page->taskBar()->toolTip().isEmpty()); // not a tooltip to hover for
    }

    void searchThatHidesTheSelectionEmptiesThePaneAndDisablesActions()
    {
        QTableView *table = m_page->table();
        table->selectRow(0);
        const QString user = selectedUser();
        QVERIFY(m_page->action(DecisionKind::Accept)->isEnabled());
        QCOMPARE(m_page->shownUsers(), QStringList{user});
        QLineEdit *search = m_page->filterBar()->searchEdit();
        search->setFocus();
        QTest::keyClicks(search, QStringLiteral("zzzz-nobody"));
        QCOMPARE(m_page->filter()->rowCount(), 0);
        QVERIFY(m_page->shownUsers().isEmpty());
        QVERIFY(!m_page->details()->toPlainText().contains(user));
        QVERIFY(!m_page->action(DecisionKind::Accept)->isEnabled());
        m_fixture->api().resetCallStats();
        QTest::keyClick(table, Qt::Key_A);
        QTest::qWait(100);
        QCOMPARE(m_fixture->api().callStats()["total"].get<int>(), 0);
        QCOMPARE(serverStatus(user), std::string("pending"));
        // Escape clears the search.
        QTest::keyClick(search, Qt::Key_Escape);
        QVERIFY(search->text().isEmpty());
        QVERIFY(m_page->filter()->rowCount() > 0);
    }

    // From the threshold on, a search runs in slices: the field shows an hourglass meanwhile, in
    // the place of its magnifying glass, so neither the text nor the table moves.
    void searchInSlicesShowsAnHourglassInTheField()
    {
        AccessRequestFilter *filter = m_page->filter();
        filter->setSliceThreshold(1);
        QLineEdit *search = m_page->filterBar()->searchEdit();
        QAction *state = m_page->filterBar()->searchState();
        const QImage idle = state->icon().pixmap(16).toImage();
        const QString idleTip = state->toolTip();
        const QPoint tableAt = m_page->table()->mapTo(m_page.get(), QPoint(0, 0));
        const QRect searchAt = search->geometry();
        search->setFocus();
        QTest::keyClick(search, Qt::Key_A);
        const QRect cursor = search->inputMethodQuery(Qt::ImCursorRectangle).toRect();
        QVERIFY(filter->isFiltering());
        QVERIFY(state->icon().pixmap(16).toImage() != idle);
        QVERIFY(state->toolTip() != idleTip);
        QSignalSpy done(filter, &AccessRequestFilter::filteringChanged);
        QVERIFY(done.wait(10000));
        QCOMPARE(done.first().first().toBool(), false);
        QVERIFY(filter->rowCount() > 0);
        for (int row = 0; row < filter->rowCount(); ++row)
            QVERIFY(filter->index(row, 0).data(AccessRequestModel::SearchTextRole).toString().contains(QLatin1Char('a')));
        QCOMPARE(state->icon().pixmap(16).toImage(), idle);
        QCOMPARE(state->toolTip(), idleTip);
        QCOMPARE(search->inputMethodQuery(Qt::ImCursorRectangle).toRect(), cursor);
        QCOMPARE(search->geometry(), searchAt);
        QCOMPARE(m_page->table()->mapTo(m_page.get(), QPoint(0, 0)), tableAt);
    }

    void reloadKeepsSelectionScrollAndColumns()
    {
        QTableView *table = m_page->table();
        table->selectRow(40);
        table->scrollTo(table->model()->index(40, 0), QAbstractItemView::PositionAtTop);
        const QString user = selectedUser();
        const int scroll = table->verticalScrollBar()->value();
        QVERIFY(scroll > 0);
        QList<int> widths;
        for (int column = 0; column < table->model()->columnCount(); ++column)
            widths.append(table->columnWidth(column));
        QSignalSpy loaded(m_page.get(), &ReviewPage::loadingFinished);
        m_page->reload();
        QVERIFY(loaded.wait(20000));
        QCOMPARE(selectedUser(), user);
        QCOMPARE(m_page->shownUsers(), QStringList{user});
        QCOMPARE(table->verticalScrollBar()->value(), scroll);
        for (int column = 0; column < table->model()->columnCount(); ++column)
            QCOMPARE(table->columnWidth(column), widths[column]);
        QVERIFY(m_page->action(DecisionKind::Accept)->isEnabled());
    }

    void columnsDependOnTheTab()
    {
        QTableView *table = m_page->table();
        QVERIFY(table->isColumnHidden(AccessRequestModel::Status));
        QVERIFY(table->isColumnHidden(AccessRequestModel::ReviewedAt));
        QVERIFY(!m_page->action(DecisionKind::Cancel)->isVisible());
        m_page->showStatus(QStringLiteral("accepted"));
        QVERIFY(table->isColumnHidden(AccessRequestModel::Status));
        QVERIFY(!table->isColumnHidden(AccessRequestModel::ReviewedAt));
        QVERIFY(!table->isColumnHidden(AccessRequestModel::GrantedBy));
        QVERIFY(m_page->action(DecisionKind::Cancel)->isVisible());
        m_page->showStatus(QStringLiteral("pending"));
        QVERIFY(table->isColumnHidden(AccessRequestModel::ReviewedAt));
    }

    void theUserColumnStaysWhileScrollingSideways()
    {
        QTableView *table = m_page->table();
        auto *frozen = table->findChild<QTableView *>(QStringLiteral("frozenUserColumn"));
        QVERIFY(frozen);
        QVERIFY(frozen->isVisible());
        const int x = frozen->geometry().x();
        QVERIFY(table->horizontalScrollBar()->maximum() > 0);
        table->horizontalScrollBar()->setValue(table->horizontalScrollBar()->maximum());
        QCOMPARE(frozen->geometry().x(), x);
        QCOMPARE(frozen->columnWidth(0), table->columnWidth(0));
        // The frozen view shows the same rows, in step with the table.
        table->verticalScrollBar()->setValue(20);
        QCOMPARE(frozen->verticalScrollBar()->value(), 20);
    }

    void messagesDoNotMoveTheTable()
    {
        QTableView *table = m_page->table();
        const QPoint before = table->mapTo(m_page.get(), QPoint(0, 0));
        auto *toolbar = m_page->findChild<QToolBar *>(QStringLiteral("reviewToolbar"));
        QWidget *accept = toolbar->widgetForAction(m_page->action(DecisionKind::Accept));
        const QPoint acceptAt = accept->mapTo(m_page.get(), QPoint(0, 0));
        table->selectRow(0);
        QSignalSpy decided(m_page.get(), &ReviewPage::decisionFinished);
        QTest::keyClick(table, Qt::Key_A);
        QVERIFY(decided.wait(10000));
        QVERIFY(!m_page->taskBar()->text().isEmpty());
        QCOMPARE(table->mapTo(m_page.get(), QPoint(0, 0)), before);
        QApplication::processEvents();
        QVERIFY(m_page->undoAction()->text().startsWith(QStringLiteral("Undo accept"))); // wider than "Undo"
        QCOMPARE(accept->mapTo(m_page.get(), QPoint(0, 0)), acceptAt);
        m_page->showStatus(QStringLiteral("accepted")); // Cancel access appears
        QApplication::processEvents();
        QCOMPARE(accept->mapTo(m_page.get(), QPoint(0, 0)), acceptAt);
        m_page->taskBar()->hideBar();
        QApplication::processEvents();
        QCOMPARE(table->mapTo(m_page.get(), QPoint(0, 0)), before);
    }

    void columnsAreSizedFromTheRowsOfTheShownTab()
    {
        // The pending list arrives last: the first rows are of other tabs.
        std::string error;
        auto rule = emu::FaultRule::parse("kind=latency,ms=700,path=/api/models/nimbus-ai/nimbus-7b/user-access-request/pending", &error);
        QVERIFY2(rule, error.c_str());
        m_fixture->api().faults().add(*rule);
        ReviewPage page(m_client.get());
        page.resize(1200, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QSignalSpy loaded(&page, &ReviewPage::loadingFinished);
        page.showRepo(context());
        page.activate();
        QVERIFY(loaded.wait(20000));
        QTableView *table = page.table();
        QVERIFY(page.filter()->rowCount() > 0);
        for (int column : {int(AccessRequestModel::User), int(AccessRequestModel::FullName), int(AccessRequestModel::Email)}) {
            const QString text = page.filter()->index(0, column).data().toString();
            const int content = std::min(table->fontMetrics().horizontalAdvance(text), 250);
            QVERIFY2(table->columnWidth(column) >= content,
                     qPrintable(QStringLiteral("column %1 is %2 px for “%3” (%4 px)")
                                    .arg(column).arg(table->columnWidth(column)).arg(text).arg(content)));
        }
    }

    void anotherRepoStartsScrolledToTheLeft()
    {
        QTableView *table = m_page->table();
        table->horizontalScrollBar()->setValue(table->horizontalScrollBar()->maximum());
        RepoContext other = context();
        other.repo.id = QStringLiteral("nimbus-ai/nimbus-7b-instruct");
        QSignalSpy loaded(m_page.get(), &ReviewPage::loadingFinished);
        m_page->showRepo(other);
        m_page->activate();
        QVERIFY(loaded.wait(20000));
        QCOMPARE(table->horizontalScrollBar()->value(), 0);
    }

private:
    RepoContext context() const
    {
        RepoContext context;
        context.repo.id = QStringLiteral("nimbus-ai/nimbus-7b");
        context.repo.gating = GatingMode::Manual;
        context.userName = QStringLiteral("mira-patel");
        return context;
    }
    emu::Repo *serverRepo() { return reviewtest::nimbus7b(*m_fixture); }
    emu::AccessRequest *serverRequest(const QString &user) { return reviewtest::serverRequest(*m_fixture, user); }
    std::string serverStatus(const QString &user) { return reviewtest::serverStatus(*m_fixture, user); }
    QString selectedUser() const
    {
        const QModelIndexList rows = m_page->table()->selectionModel()->selectedRows();
        return rows.isEmpty() ? QString() : rows.first().data(AccessRequestModel::UserNameRole).toString();
    }
    void selectUser(const QString &user)
    {
        const QModelIndex source = m_page->model()->index(m_page->model()->rowOfUser(user), 0);
        m_page->table()->selectRow(m_page->filter()->mapFromSource(source).row());
    }

    QNetworkAccessManager m_nam;
    std::unique_ptr<testing::EmulatorFixture> m_fixture;
    std::unique_ptr<HubClient> m_client;
    std::unique_ptr<ReviewPage> m_page;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_MAIN(ReviewPageTest)
#include "tst_ui_review.moc"
