// The gate form page on the demo's richest gated repo (nimbus-ai/nimbus-7b) in the emulator:
// edits show in the preview, a save commits only gate lines, a branch that moved is a conflict
// that overwrites nothing and is solved by reapplying, a pull request leaves main alone, drafts
// come back after the page is destroyed, and a card with broken YAML is never saved over. A narrow
// page stacks the preview under the editor, and nothing in either needs scrolling sideways.
#include "emulatorfixture.h"
#include "hubapi.h"

#include "card/gatevalidation.h"
#include "gateform/gatefieldlist.h"
#include "gateform/gateformeditor.h"
#include "gateform/gateformlayout.h"
#include "gateform/gateformpage.h"
#include "gateform/gatepreview.h"
#include "gateform/gatesavedialog.h"
#include "hub/hubclient.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTest>
#include <QTextBrowser>
#include <QWheelEvent>

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

    // The heading edited, then someone else commits, then Save: a conflict. Returns their README.
    QByteArray editThenConflict()
    {
        openPage();
        QLineEdit *heading = page->editor()->headingEdit();
        heading->selectAll();
        QTest::keyClicks(heading, QStringLiteral("Nimbus access"));
        const QByteArray theirs = mainReadme() + "\nAn edit made meanwhile.\n";
        commitElsewhere(theirs);
        [&] {
            QVERIFY(!saveThrough(false));
            QVERIFY2(page->statusLabel()->text().contains(QLatin1String("Nothing was overwritten")),
                     qPrintable(page->statusLabel()->text()));
            QVERIFY(page->reapplyButton()->isVisible());
            QVERIFY(page->conflictPullRequestButton()->isVisible());
            QCOMPARE(mainReadme(), theirs);
        }();
        return theirs;
    }

    // Resized as the window would: the layout follows once the resize is handled.
    void resizePage(int width)
    {
        page->resize(width, 780);
        QTRY_COMPARE(page->width(), width);
        QCoreApplication::processEvents();
    }

    // Every widget shown in a scroll area inside its viewport, and no wrapped text cut at the bottom.
    static void verifyFitsSideways(QScrollArea *area)
    {
        QWidget *viewport = area->viewport();
        QCOMPARE(area->horizontalScrollBar()->maximum(), 0);
        QCOMPARE(area->widget()->width(), viewport->width());
        const QList<QWidget *> children = area->widget()->findChildren<QWidget *>();
        QVERIFY(children.size() > 20);
        for (const QWidget *child : children) {
            if (!child->isVisibleTo(area->widget()))
                continue;
            const QPoint topLeft = child->mapTo(viewport, QPoint(0, 0));
            const QString what = QString::fromLatin1(child->metaObject()->className()) + QLatin1Char(' ') + child->objectName();
            QVERIFY2(topLeft.x() >= 0 && topLeft.x() + child->width() <= viewport->width(),
                     qPrintable(what + QStringLiteral(" spans %1..%2 of %3").arg(topLeft.x()).arg(topLeft.x() + child->width()).arg(viewport->width())));
            if (const auto *label = qobject_cast<const QLabel *>(child); label && label->wordWrap())
                QVERIFY2(label->height() >= label->heightForWidth(label->width()), qPrintable(what + QLatin1Char(' ') + label->text()));
        }
    }

    static void verifyPreviewFits(GatePreview *preview)
    {
        verifyFitsSideways(preview->scrollArea());
        QWidget *viewport = preview->scrollArea()->viewport();
        // The button on one line when there is room for it.
        const auto *button = preview->findChild<QLabel *>(QStringLiteral("previewButton"));
        if (viewport->width() > 300)
            QCOMPARE(button->height(), button->heightForWidth(QWIDGETSIZE_MAX));
        const auto *prompt = preview->findChild<QTextBrowser *>(QStringLiteral("previewPrompt"));
        QVERIFY(prompt->document()->idealWidth() <= prompt->viewport()->width());
    }

private Q_SLOTS:
    void orientationFollowsThePageWidth()
    {
        const int panes = 500; // what the panes need side by side, less than the floor
        QCOMPARE(gateFormOrientation(480, panes, Qt::Horizontal), Qt::Vertical);
        QCOMPARE(gateFormOrientation(645, panes, Qt::Vertical), Qt::Horizontal);
        QCOMPARE(gateFormOrientation(GateFormStackBelow - 1, panes, Qt::Horizontal), Qt::Vertical);
        QCOMPARE(gateFormOrientation(GateFormStackBelow + GateFormHysteresis, panes, Qt::Vertical), Qt::Horizontal);
        // Between the two widths nothing flips.
        for (int width = GateFormStackBelow; width < GateFormStackBelow + GateFormHysteresis; width += 5) {
            QCOMPARE(gateFormOrientation(width, panes, Qt::Horizontal), Qt::Horizontal);
            QCOMPARE(gateFormOrientation(width, panes, Qt::Vertical), Qt::Vertical);
        }
        // Panes that need more than the floor raise the threshold: never side by side and cut.
        const int wide = GateFormStackBelow + 100;
        QCOMPARE(gateFormOrientation(wide - 1, wide, Qt::Horizontal), Qt::Vertical);
        QCOMPARE(gateFormOrientation(wide + GateFormHysteresis - 1, wide, Qt::Vertical), Qt::Vertical);
        QCOMPARE(gateFormOrientation(wide + GateFormHysteresis, wide, Qt::Vertical), Qt::Horizontal);
    }

    void narrowPageStacksAndNothingScrollsSideways()
    {
        openPage();
        // Long words, a long code line and a long checkbox label must wrap too.
        page->editor()->promptEdit()->setPlainText(QStringLiteral(
            "Terms: https://example.org/a-very-long-address-without-any-break-in-it-at-all-that-goes-on-and-on\n\n"
            "```\nhuggingface-cli download nimbus-ai/nimbus-7b --include '*.safetensors' --local-dir ./nimbus-7b-weights\n```\n"));
        GateFieldList *fields = page->editor()->fieldList();
        fields->list()->setCurrentRow(7);
        fields->nameEdit()->selectAll();
        QTest::keyClicks(fields->nameEdit(), QStringLiteral("I confirm that I will not use Nimbus-7B or its outputs to develop weapons of any kind"));
        QTRY_VERIFY(page->preview()->promptText().contains(QLatin1String("huggingface-cli")));
        QTRY_VERIFY(page->preview()->fieldLabels().constLast().startsWith(QLatin1String("I confirm")));

        // The page's width in a window of 760, 1000 and 1400 px (the repo list takes the rest),
        // narrowing and widening.
        const QList<std::pair<int, Qt::Orientation>> steps = {
            {480, Qt::Vertical}, {645, Qt::Horizontal}, {1045, Qt::Horizontal}, {480, Qt::Vertical}};
        for (const auto &[width, orientation] : steps) {
            resizePage(width);
            QCOMPARE(page->splitter()->orientation(), orientation);
            QCOMPARE(page->splitter()->widget(0), page->editorScrollArea()); // the editor first (on top)
            if (orientation == Qt::Vertical)
                QVERIFY(page->preview()->height() > 150);
            else
                QVERIFY(page->preview()->width() >= 220);
            // The editor needs no sideways scrolling, even with the splitter dragged all the way.
            for (const QList<int> &sizes : {QList<int>{1000, 1000}, QList<int>{0, 100000}}) {
                page->splitter()->setSizes(sizes);
                QCoreApplication::processEvents();
                QVERIFY2(page->editor()->width() <= page->editorScrollArea()->viewport()->width(), qPrintable(QString::number(width)));
                QCOMPARE(page->editorScrollArea()->horizontalScrollBar()->maximum(), 0);
            }
            page->splitter()->setSizes({1000, 1000});
            QCoreApplication::processEvents();
            verifyFitsSideways(page->editorScrollArea());
            verifyPreviewFits(page->preview());
            if (QTest::currentTestFailed())
                return;
        }
        // Messages next to the controls wrap in the narrow editor too.
        fields->list()->setCurrentRow(1);
        fields->nameEdit()->selectAll();
        QTest::keyClicks(fields->nameEdit(), QStringLiteral("Full name"));
        page->editor()->promptEdit()->setPlainText(QString(MaxGatePromptLength + 1, QLatin1Char('x')));
        QTRY_VERIFY(fields->findChild<QLabel *>(QStringLiteral("fieldNameProblem"))->isVisible());
        QTRY_VERIFY(page->editor()->findChild<QLabel *>(QStringLiteral("promptProblem"))->isVisible());
        QCoreApplication::processEvents();
        verifyFitsSideways(page->editorScrollArea());
    }

    // In the stacked preview, the wheel over a list scrolls the pane: it does not pick a country.
    void wheelOverAPreviewListScrollsThePane()
    {
        openPage();
        resizePage(480);
        GatePreview *preview = page->preview();
        auto *country = qobject_cast<QComboBox *>(preview->fieldControl(3));
        QVERIFY(country);
        QScrollBar *scroll = preview->scrollArea()->verticalScrollBar();
        QVERIFY(scroll->maximum() > 0);
        const int before = scroll->value();
        const QPointF at(5, 5);
        QWheelEvent wheel(at, country->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier,
                          Qt::NoScrollPhase, false);
        QApplication::sendEvent(country, &wheel);
        QCOMPARE(country->currentIndex(), -1);
        QVERIFY(scroll->value() > before);
    }

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
        const QByteArray theirs = editThenConflict();
        if (QTest::currentTestFailed())
            return;
        QLineEdit *heading = page->editor()->headingEdit();
        // The choices fit a narrow window too.
        resizePage(480);
        for (const QPushButton *button : {page->reapplyButton(), page->conflictPullRequestButton(), page->saveButton()}) {
            const QRect place(button->mapTo(page.get(), QPoint(0, 0)), button->size());
            QVERIFY2(page->rect().contains(place), qPrintable(button->text()));
            QCOMPARE(button->width(), button->sizeHint().width());
        }
        QSignalSpy loaded(page.get(), &RepoPage::loaded);
        page->reapplyButton()->click();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(heading->text(), QStringLiteral("Nimbus access"));
        QVERIFY(saveThrough(false));
        const QByteArray after = mainReadme();
        QVERIFY(after.endsWith("\nAn edit made meanwhile.\n"));
        QVERIFY(after.contains("extra_gated_heading: Nimbus access\n"));
    }

    // After a conflict the pull request holds the edits on top of main as it is now, not on the
    // README read before the other commit.
    void pullRequestAfterConflictStartsFromTheCurrentHead()
    {
        const QByteArray theirs = editThenConflict();
        if (QTest::currentTestFailed())
            return;
        QSignalSpy saved(page.get(), &GateFormPage::saved);
        page->conflictPullRequestButton()->click();
        QVERIFY(saved.wait(10000));
        QVERIFY2(saved.constFirst().constFirst().toBool(), qPrintable(page->statusLabel()->text()));
        QVERIFY2(page->statusLabel()->text().contains(QLatin1String("/discussions/")), qPrintable(page->statusLabel()->text()));
        QCOMPARE(mainReadme(), theirs);
        const emu::Repo *repo = hub->api().state().repo(emu::RepoType::Model, "nimbus-ai", "nimbus-7b");
        QVERIFY(repo->refs.count("refs/pr/1"));
        const emu::Commit *pr = repo->commitAt("refs/pr/1");
        QCOMPARE(pr->parent, repo->refs.at("refs/heads/main"));
        const QByteArray proposed = QByteArray::fromStdString(pr->files.at("README.md"));
        QVERIFY(proposed.contains("extra_gated_heading: Nimbus access\n"));
        QVERIFY(proposed.endsWith("\nAn edit made meanwhile.\n"));
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
