// The gate form page on the demo's richest gated repo (nimbus-ai/nimbus-7b) in the emulator:
// edits show in the preview, a save commits only gate lines, a branch that moved is a conflict
// that overwrites nothing and is solved by reapplying, a pull request leaves main alone, drafts
// come back after the page is destroyed, and a card with broken YAML is never saved over.
#include "emulatorfixture.h"
#include "hubapi.h"

#include "gateform/gatefieldlist.h"
#include "gateform/gateformeditor.h"
#include "gateform/gateformpage.h"
#include "gateform/gatepreview.h"
#include "gateform/gatesavedialog.h"
#include "hub/hubclient.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace hubgate;
using testing::EmulatorFixture;

class TestUiGateForm : public QObject
{
    Q_OBJECT
    std::unique_ptr<EmulatorFixture> hub;
    std::unique_ptr<QNetworkAccessManager> nam;
    std::unique_ptr<HubClient> client;
    std::unique_ptr<GateFormPage> page;

    RepoContext nimbus() const
    {
        RepoContext context;
        context.repo.id = QStringLiteral("nimbus-ai/nimbus-7b");
        context.userName = QStringLiteral("mira");
        return context;
    }

    QByteArray mainReadme()
    {
        return testing::send(*nam, "GET", hub->url(QStringLiteral("/nimbus-ai/nimbus-7b/resolve/main/README.md")),
                             EmulatorFixture::writeToken())
            .body;
    }

    // A commit made by someone else, straight to the emulator.
    void commitElsewhere(const QByteArray &readme)
    {
        const QByteArray payload = "{\"key\":\"header\",\"value\":{\"summary\":\"Meanwhile\"}}\n{\"key\":\"file\",\"value\":"
                                   "{\"path\":\"README.md\",\"encoding\":\"base64\",\"content\":\"" + readme.toBase64() + "\"}}\n";
        const testing::Reply reply = testing::send(*nam, "POST", hub->url(QStringLiteral("/api/models/nimbus-ai/nimbus-7b/commit/main")),
                                                   EmulatorFixture::writeToken(), payload, "application/x-ndjson");
        QVERIFY2(reply.status == 200, reply.body.constData());
    }

    void openPage()
    {
        page = std::make_unique<GateFormPage>(client.get());
        page->resize(1100, 800);
        page->show();
        page->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(page.get()));
        QSignalSpy loaded(page.get(), &RepoPage::loaded);
        page->showRepo(nimbus());
        page->activate();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.constFirst().constFirst().toBool(), true);
    }

    // Save… then the dialog's button; waits for the outcome.
    bool saveThrough(bool pullRequest)
    {
        page->save();
        GateSaveDialog *dialog = page->saveDialog();
        if (!dialog || dialog->isModal())
            return false;
        QSignalSpy saved(page.get(), &GateFormPage::saved);
        (pullRequest ? dialog->pullRequestButton() : dialog->commitButton())->click();
        return saved.wait(10000) && saved.constFirst().constFirst().toBool();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("HubGateTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_ui_gateform"));
    }

    void init()
    {
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QLatin1String("/gate-drafts")).removeRecursively();
        hub = std::make_unique<EmulatorFixture>();
        nam = std::make_unique<QNetworkAccessManager>();
        client = std::make_unique<HubClient>(nam.get(), hub->baseUrl());
        client->setToken(QString::fromLatin1(EmulatorFixture::writeToken()));
    }

    void cleanup()
    {
        page.reset();
        client.reset();
        nam.reset();
        hub.reset();
    }

    void editShowsInPreviewAndSavesOnlyGateLines()
    {
        openPage();
        GateFormEditor *editor = page->editor();
        GatePreview *preview = page->preview();
        QCOMPARE(preview->heading(), QStringLiteral("Request access to Nimbus-7B"));
        QCOMPARE(preview->fieldLabels().size(), 8);
        QCOMPARE(preview->fieldLabels().constFirst(), QStringLiteral("Full name"));
        // Rename the second field and move it first with the keyboard.
        GateFieldList *fields = editor->fieldList();
        fields->list()->setCurrentRow(1);
        fields->nameEdit()->setFocus();
        QTRY_VERIFY(fields->nameEdit()->hasFocus());
        fields->nameEdit()->selectAll();
        QTest::keyClicks(fields->nameEdit(), QStringLiteral("Organization"));
        QTest::keyClick(fields->nameEdit(), Qt::Key_Up, Qt::AltModifier);
        QCOMPARE(fields->fields().constFirst().name, QStringLiteral("Organization"));
        // The prompt, typed.
        QPlainTextEdit *prompt = editor->promptEdit();
        prompt->moveCursor(QTextCursor::End);
        QTest::keyClick(prompt, Qt::Key_Return);
        QTest::keyClicks(prompt, QStringLiteral("Also **be kind**."));
        QTRY_VERIFY(preview->promptText().contains(QLatin1String("Also be kind.")));
        QTRY_COMPARE(preview->fieldLabels().constFirst(), QStringLiteral("Organization"));

        const QByteArray before = mainReadme();
        QVERIFY(saveThrough(false));
        QVERIFY(page->statusLabel()->text().contains(QLatin1String("/commit/")));
        const QByteArray after = mainReadme();
        QVERIFY(after != before);
        // Outside the front matter's gate lines nothing moved.
        const qsizetype firstGate = before.indexOf("extra_gated_");
        const qsizetype bodyStart = before.indexOf("\n---\n", 4);
        QCOMPARE(after.left(firstGate), before.left(firstGate));
        QCOMPARE(after.mid(after.indexOf("\n---\n", 4)), before.mid(bodyStart));
        QVERIFY(after.contains("  Organization: text\n  Full name: text\n"));
        QVERIFY(after.contains("  Also **be kind**.\n"));
        QVERIFY(after.contains("extra_gated_heading: \"Request access to Nimbus-7B\"\n")); // untouched keys keep their text
    }

    void conflictOffersReapplyWhichSucceeds()
    {
        openPage();
        QLineEdit *heading = page->editor()->headingEdit();
        heading->selectAll();
        QTest::keyClicks(heading, QStringLiteral("Nimbus access"));
        const QByteArray theirs = mainReadme() + "\nAn edit made meanwhile.\n";
        commitElsewhere(theirs);
        QVERIFY(!saveThrough(false));
        QVERIFY2(page->statusLabel()->text().contains(QLatin1String("Nothing was overwritten")), qPrintable(page->statusLabel()->text()));
        QVERIFY(page->reapplyButton()->isVisible());
        QCOMPARE(mainReadme(), theirs);
        QSignalSpy loaded(page.get(), &RepoPage::loaded);
        page->reapplyButton()->click();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(heading->text(), QStringLiteral("Nimbus access"));
        QVERIFY(saveThrough(false));
        const QByteArray after = mainReadme();
        QVERIFY(after.endsWith("\nAn edit made meanwhile.\n"));
        QVERIFY(after.contains("extra_gated_heading: Nimbus access\n"));
    }

    void pullRequestLeavesMainAlone()
    {
        openPage();
        page->editor()->euCheck()->setChecked(true);
        const QByteArray before = mainReadme();
        QVERIFY(saveThrough(true));
        QVERIFY(page->statusLabel()->text().contains(QLatin1String("/discussions/")));
        QCOMPARE(mainReadme(), before);
    }

    void draftComesBackAfterThePageIsGone()
    {
        openPage();
        QLineEdit *button = page->editor()->buttonEdit();
        button->selectAll();
        QTest::keyClicks(button, QStringLiteral("Send it"));
        QTRY_COMPARE(page->preview()->buttonText(), QStringLiteral("Send it")); // the draft is written then
        page.reset();
        openPage();
        QCOMPARE(page->editor()->buttonEdit()->text(), QStringLiteral("Submit my request"));
        QVERIFY(page->restoreButton()->isVisible());
        QVERIFY(page->bannerLabel()->text().startsWith(QLatin1String("Restore the unsaved edits from")));
        page->restoreButton()->click();
        QCOMPARE(page->editor()->buttonEdit()->text(), QStringLiteral("Send it"));
        QTRY_COMPARE(page->preview()->buttonText(), QStringLiteral("Send it"));
        // Saved: the draft is gone.
        QVERIFY(saveThrough(false));
        page.reset();
        openPage();
        QVERIFY(!page->restoreButton()->isVisible());
    }

    void problemsShowNextToTheControl()
    {
        openPage();
        GateFieldList *fields = page->editor()->fieldList();
        fields->list()->setCurrentRow(1);
        fields->nameEdit()->selectAll();
        QTest::keyClicks(fields->nameEdit(), QStringLiteral("Full name"));
        auto *problem = fields->findChild<QLabel *>(QStringLiteral("fieldNameProblem"));
        QTRY_VERIFY(problem->isVisible());
        QVERIFY(!problem->text().isEmpty());
        page->save();
        QVERIFY(!page->saveDialog());
        // A new select without options.
        fields->addField();
        fields->typeChooser()->setCurrentIndex(fields->typeChooser()->findText(QStringLiteral("select")));
        Q_EMIT fields->typeChooser()->activated(fields->typeChooser()->currentIndex());
        auto *optionsProblem = fields->findChild<QLabel *>(QStringLiteral("optionsProblem"));
        QTRY_VERIFY(optionsProblem->isVisible());
    }

    void brokenYamlIsNeverSavedOver()
    {
        // The Hub refuses such a commit through its API: the card is put in place on the emulator.
        const QByteArray broken = "---\nlicense: other\nextra_gated_fields:\n  Name: text\n    Bad: [unclosed\n---\n\n# Card\n";
        emu::HubState &state = hub->api().state();
        emu::Repo *repo = state.repo(emu::RepoType::Model, "nimbus-ai", "nimbus-7b");
        const std::string head = repo->refs.at("refs/heads/main");
        std::map<std::string, std::string> files = repo->commits.at(head).files;
        files["README.md"] = broken.toStdString();
        state.commit(*repo, "refs/heads/main", head, files, "Broken card", 0);
        openPage();
        QVERIFY(page->bannerLabel()->isVisible());
        QVERIFY2(page->bannerLabel()->text().contains(QLatin1String("line ")), qPrintable(page->bannerLabel()->text()));
        QVERIFY(!page->editor()->isEnabled());
        QVERIFY(!page->saveButton()->isEnabled());
        page->save();
        QVERIFY(!page->saveDialog());
        QCOMPARE(mainReadme(), broken);
    }

    void readTokenExplainsWhySavingIsNotPossible()
    {
        client->setToken(QString::fromLatin1(EmulatorFixture::readToken()));
        openPage();
        QTRY_VERIFY(!page->saveButton()->isEnabled());
        QVERIFY(page->statusLabel()->text().contains(QLatin1String("can only read")));
    }
};

QTEST_MAIN(TestUiGateForm)
#include "tst_ui_gateform.moc"
