// The Publishers page and the CI/CD access window as a user sees them: the list, the Add dialog's
// inline messages and warnings, removal after a confirmation naming the publisher, the workflow
// generator, a Hub without the management API, and a debugger that sends nothing unasked.
#include "publisheruitest.h"

#include "hub/account.h"
#include "mainwindow/mainwindow.h"
#include "publishers/cicdaccesswindow.h"
#include "publishers/tokendebuggerview.h"
#include "publishers/workflowview.h"

#include <QAction>
#include <QDesktopServices>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>

using namespace hubgate;
using namespace pubuitest;

// Receives the URLs the page asks the desktop to open.
class UrlCatcher : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> urls;
public Q_SLOTS:
    void open(const QUrl &url) { urls << url; }
};

class TestPublishersUi : public QObject
{
    Q_OBJECT
    std::unique_ptr<Session> s;
    std::unique_ptr<PublishersPage> page;

    PublishersPanel *panel() const { return page->panel(); }

    int hubPublisherCount()
    {
        const testing::Reply reply = s->control("GET", QStringLiteral("/api/models/nimbus-ai/nimbus-7b/trusted-publishers"),
                                                emu::Json(), testing::EmulatorFixture::writeToken());
        return reply.status == 200 ? int(reply.json().size()) : -1;
    }

    int calls(const std::string &methodAndPath)
    {
        const emu::Json stats = s->control("GET", QStringLiteral("/_emulator/stats"), emu::Json()).json();
        return stats["calls"].value(methodAndPath, 0);
    }

    void showNimbus()
    {
        page->showRepo(repoContext(QStringLiteral("nimbus-ai/nimbus-7b")));
        QSignalSpy loaded(page.get(), &RepoPage::loaded);
        page->activate();
        QVERIFY(loaded.wait(20000));
    }

private Q_SLOTS:
    void init()
    {
        s = std::make_unique<Session>();
        page = std::make_unique<PublishersPage>(&s->client);
        page->resize(800, 600);
        page->show();
    }

    void cleanup()
    {
        page.reset();
        s.reset();
    }

    void listsTheRepoPublishersWithTheirWorkflow()
    {
        QAbstractItemModelTester tester(panel()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(page->isLoading()); // nothing loaded before the page is shown
        showNimbus();
        QVERIFY(!page->isLoading());
        QCOMPARE(panel()->model()->rowCount(), hubPublisherCount());
        QCOMPARE(panel()->model()->rowCount(), 1);
        const QAbstractItemModel *model = panel()->table()->model();
        QCOMPARE(model->index(0, PublisherListModel::Provider).data().toString(), QStringLiteral("GitHub Actions"));
        QVERIFY(model->index(0, PublisherListModel::Claims).data().toString().contains(QStringLiteral("nimbus-ai/nimbus-training")));
        QVERIFY(!model->index(0, PublisherListModel::LastUsed).data().toString().isEmpty());
        // The first publisher is selected, and its workflow is ready to copy.
        const QString yaml = panel()->workflowView()->text();
        QVERIFY(yaml.contains(QStringLiteral("id-token: write")));
        QVERIFY(yaml.contains(QStringLiteral("HF_OIDC_RESOURCE")));
        QVERIFY(yaml.contains(QStringLiteral("nimbus-ai/nimbus-7b")));
        QVERIFY(yaml.contains(QStringLiteral("refs/heads/main")) || yaml.contains(QStringLiteral("main")));
        QVERIFY(panel()->findChild<QPushButton *>(QStringLiteral("copyWorkflow"))->isEnabled());
        QVERIFY(panel()->findChild<QPlainTextEdit *>(QStringLiteral("workflowText"))->isReadOnly());
        // Saving writes the same text.
        const QString path = QDir::temp().filePath(QStringLiteral("hubgate-publish-test.yml"));
        panel()->workflowView()->save(path);
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(saved.readAll()), yaml);
        saved.remove();
    }

    void addShowsInlineMessagesAndSendsNothingInvalid()
    {
        showNimbus();
        const int before = calls("POST /api/models/nimbus-ai/nimbus-7b/trusted-publishers");
        panel()->addButton()->click();
        PublisherDialog *dialog = panel()->addDialog();
        QVERIFY(dialog && dialog->isVisible() && !dialog->isModal());
        dialog->setProvider(PublisherProvider::GitHub);
        typeInto(dialog->claimEdit(claim::repository()), QStringLiteral("not a repo"));
        typeInto(dialog->claimEdit(claim::workflow()), QStringLiteral("ci/publish.txt"));
        QVERIFY(!dialog->shownProblem(claim::repository()).isEmpty());
        QVERIFY(!dialog->shownProblem(claim::workflow()).isEmpty());
        QVERIFY(dialog->shownProblem(claim::branch()).isEmpty()); // untouched and optional
        QTest::mouseClick(dialog->submitButton(), Qt::LeftButton);
        QTest::qWait(50);
        QVERIFY(dialog->isVisible());
        QCOMPARE(calls("POST /api/models/nimbus-ai/nimbus-7b/trusted-publishers"), before);

        // Fixed: no error left, but a warning for a set-up that pins neither branch nor workflow.
        typeInto(dialog->claimEdit(claim::repository()), QStringLiteral("nimbus-ai/nimbus-training"));
        typeInto(dialog->claimEdit(claim::workflow()), QString());
        QVERIFY(dialog->shownProblem(claim::repository()).isEmpty());
        QVERIFY(dialog->validation().isValid());
        QVERIFY(!dialog->shownWarnings().isEmpty());

        // GitLab: a self-hosted issuer must be https.
        dialog->setProvider(PublisherProvider::GitLab);
        QVERIFY(!dialog->issuerEdit()->isReadOnly());
        typeInto(dialog->issuerEdit(), QStringLiteral("http://gitlab.example.com"));
        QVERIFY(!dialog->shownProblem(QString()).isEmpty());
        typeInto(dialog->issuerEdit(), QStringLiteral("https://gitlab.example.com"));
        QVERIFY(dialog->shownProblem(QString()).isEmpty());
        // A required claim left empty is named once the user tries to add.
        QTest::mouseClick(dialog->submitButton(), Qt::LeftButton);
        QVERIFY(!dialog->shownProblem(claim::projectPath()).isEmpty());
        QCOMPARE(calls("POST /api/models/nimbus-ai/nimbus-7b/trusted-publishers"), before);

        // Custom: raw claims, a malformed line is named.
        dialog->setProvider(PublisherProvider::Custom);
        QVERIFY(dialog->rawClaimsEdit());
        dialog->rawClaimsEdit()->setPlainText(QStringLiteral("sub"));
        QVERIFY(!dialog->shownProblem(QStringLiteral("*")).isEmpty());
    }

    void hubRefusalIsShownInTheDialog()
    {
        showNimbus();
        // The same publisher twice: the Hub answers 409, the dialog stays open and says so.
        const QList<QPair<QString, QString>> claims{{claim::repository(), QStringLiteral("nimbus-ai/x")},
                                                    {claim::branch(), QStringLiteral("main")}};
        QVERIFY(addThroughDialog(panel(), PublisherProvider::GitHub, githubIssuer(), claims));
        QVERIFY(waitLoaded(panel()));
        QCOMPARE(panel()->model()->rowCount(), 2);
        QVERIFY(!addThroughDialog(panel(), PublisherProvider::GitHub, githubIssuer(), claims));
        QVERIFY(panel()->addDialog()->isVisible());
        QVERIFY(panel()->addDialog()->findChild<QLabel *>(QStringLiteral("hubError"))->text().contains(QStringLiteral("already exists")));
    }

    void removeAsksFirstNamingThePublisher()
    {
        showNimbus();
        panel()->table()->selectRow(0);
        panel()->removeButton()->click();
        QMessageBox *box = panel()->confirmation();
        QVERIFY(box && box->isVisible());
        QVERIFY(box->text().contains(QStringLiteral("repository=nimbus-ai/nimbus-training")));
        QVERIFY(box->text().contains(QStringLiteral("nimbus-ai/nimbus-7b")));
        box->button(QMessageBox::Cancel)->click();
        QTest::qWait(50);
        QCOMPARE(hubPublisherCount(), 1);
        QCOMPARE(panel()->model()->rowCount(), 1);

        panel()->removeButton()->click();
        box = panel()->confirmation();
        QVERIFY(box);
        QAbstractButton *remove = nullptr;
        for (QAbstractButton *button : box->buttons())
            if (box->buttonRole(button) == QMessageBox::DestructiveRole)
                remove = button;
        QSignalSpy changed(panel(), &PublishersPanel::changed);
        remove->click();
        QVERIFY(changed.wait(20000));
        QCOMPARE(panel()->model()->rowCount(), 0);
        QCOMPARE(hubPublisherCount(), 0);
    }

    void hubWithoutManagementKeepsGeneratorAndDebugger()
    {
        s->control("POST", QStringLiteral("/_emulator/faults"),
                   emu::Json{{"kind", "status"}, {"status", 404}, {"path", "/api/models/nimbus-ai/nimbus-7b/trusted-publishers*"}});
        showNimbus();
        QVERIFY(!panel()->managementOffered());
        QVERIFY(panel()->noticeText().contains(QStringLiteral("settings page")));
        QVERIFY(panel()->settingsPageButton()->isVisible());
        UrlCatcher catcher;
        QDesktopServices::setUrlHandler(QStringLiteral("http"), &catcher, "open");
        panel()->settingsPageButton()->click();
        QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
        QCOMPARE(catcher.urls.size(), 1);
        QCOMPARE(catcher.urls.first().path(), QStringLiteral("/nimbus-ai/nimbus-7b/settings"));

        // A publisher is kept locally: the generator and the debugger work with it.
        QVERIFY(addThroughDialog(panel(), PublisherProvider::GitHub, githubIssuer(),
                                 {{claim::repository(), QStringLiteral("nimbus-ai/nimbus-training")},
                                  {claim::workflow(), QStringLiteral("publish.yml")}}));
        QCOMPARE(panel()->model()->rowCount(), 1);
        QVERIFY(panel()->workflowView()->text().contains(QStringLiteral("id-token: write")));
        TokenDebuggerView *view = panel()->debuggerView();
        view->input()->setPlainText(s->mint(githubClaims()));
        QCOMPARE(view->comparisonTree()->topLevelItemCount(), 1);
    }

    void debuggerSendsNothingUnasked()
    {
        showNimbus();
        TokenDebuggerView *view = panel()->debuggerView();
        QVERIFY(!view->exchangeButton()->isEnabled());
        view->input()->setPlainText(QStringLiteral("no token here"));
        QVERIFY(!view->findChild<QLabel *>(QStringLiteral("tokenInputStatus"))->text().isEmpty());
        view->input()->setPlainText(s->mint(githubClaims()));
        QVERIFY(view->exchangeButton()->isEnabled());
        QVERIFY(view->findChild<QPlainTextEdit *>(QStringLiteral("decodedToken"))->toPlainText().contains(QStringLiteral("workflow_ref")));
        QVERIFY(view->checksTree()->topLevelItemCount() >= 5);
        QCOMPARE(view->comparisonTree()->topLevelItemCount(), 1); // the seeded publisher
        QTest::qWait(100);
        QCOMPARE(calls("POST /oauth/token"), 0);
        QCOMPARE(calls("GET /oidc-test/jwks"), 0);
        QCOMPARE(calls("GET /oidc-test/.well-known/openid-configuration"), 0);
    }

    void ciCdAccessFromTheAccountMenu()
    {
        MainWindow window(&s->client);
        Account account;
        account.name = QStringLiteral("mira-patel");
        account.fullname = QStringLiteral("Mira Patel");
        QAction *action = nullptr;
        for (QAction *a : window.findChildren<QAction *>())
            if (a->text() == QStringLiteral("&CI/CD Access…"))
                action = a;
        QVERIFY(action);
        QVERIFY(!action->isEnabled());
        window.setSignedIn(account, QStringLiteral("test"));
        QVERIFY(action->isEnabled());
        QCOMPARE(action->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+A")));
        action->trigger();
        CiCdAccessWindow *cicd = window.ciCdAccessWindow();
        QVERIFY(cicd && cicd->isVisible());
        QVERIFY(waitLoaded(cicd->panel()));
        QAbstractItemModelTester tester(cicd->panel()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(cicd->panel()->model()->rowCount(), 1);
        const TrustedPublisher p = cicd->panel()->model()->publisherAt(0);
        QCOMPARE(p.provider, PublisherProvider::GitLab);
        QVERIFY(p.claimsText().contains(QStringLiteral("mira-patel/eval-jobs")));
        QVERIFY(!p.lastUsedAt.has_value());
        QVERIFY(cicd->panel()->workflowView()->text().contains(QStringLiteral("id_tokens")));
        window.setSignedOut(QString()); // the user's window closes with the session
        QVERIFY(!cicd->isVisible());
    }
};

QTEST_MAIN(TestPublishersUi)
#include "tst_publishers_ui.moc"
