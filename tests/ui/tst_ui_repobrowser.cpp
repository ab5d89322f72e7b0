// The repo browser: filter box, "gated only", kind combo, count label, selection, and the
// current repo staying put when its gating is turned off.
#include "repos/repobrowser.h"
#include "repos/repolistmodel.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

#include <memory>

using hubgate::GatingMode;
using hubgate::RepoBrowser;
using hubgate::RepoKind;
using hubgate::RepoListModel;
using hubgate::RepoSummary;

namespace {

RepoSummary repo(RepoKind kind, const QString &id, GatingMode gating)
{
    RepoSummary r;
    r.kind = kind;
    r.id = id;
    r.gating = gating;
    return r;
}

QList<RepoSummary> sample()
{
    return {repo(RepoKind::Model, QStringLiteral("nimbus-ai/nimbus-7b"), GatingMode::Manual),
            repo(RepoKind::Model, QStringLiteral("nimbus-ai/nimbus-7b-instruct"), GatingMode::Manual),
            repo(RepoKind::Dataset, QStringLiteral("nimbus-ai/clean-web-2t"), GatingMode::Auto),
            repo(RepoKind::Model, QStringLiteral("mira-patel/tiny-poet"), GatingMode::Auto),
            repo(RepoKind::Dataset, QStringLiteral("mira-patel/poetry-corpus"), GatingMode::Manual),
            repo(RepoKind::Model, QStringLiteral("mira-patel/sketch-diffusion"), GatingMode::Off),
            repo(RepoKind::Dataset, QStringLiteral("open-ocean-lab/reef-sounds"), GatingMode::Manual),
            repo(RepoKind::Model, QStringLiteral("open-ocean-lab/whale-call-detector"), GatingMode::Off)};
}

} // namespace

class TestUiRepoBrowser : public QObject
{
    Q_OBJECT
    std::unique_ptr<RepoBrowser> browser;
    std::unique_ptr<QAbstractItemModelTester> tester; // on what the view shows, through every change

    QLineEdit *filter() const { return browser->findChild<QLineEdit *>(QStringLiteral("repoFilter")); }
    QCheckBox *gatedOnly() const { return browser->findChild<QCheckBox *>(QStringLiteral("gatedOnly")); }
    QComboBox *kind() const { return browser->findChild<QComboBox *>(QStringLiteral("repoKind")); }
    QTreeView *view() const { return browser->findChild<QTreeView *>(QStringLiteral("repoView")); }
    QLabel *count() const { return browser->findChild<QLabel *>(QStringLiteral("repoCount")); }

    // The rows the view shows, top to bottom.
    QStringList visible() const
    {
        QStringList out;
        const QAbstractItemModel *model = view()->model();
        for (int row = 0; row < model->rowCount(); ++row)
            if (!view()->isRowHidden(row, {}))
                out.append(model->index(row, RepoListModel::Name).data().toString());
        return out;
    }

    void typeFilter(const QString &text)
    {
        QTest::keyClick(filter(), Qt::Key_A, Qt::ControlModifier);
        if (text.isEmpty())
            QTest::keyClick(filter(), Qt::Key_Backspace);
        else
            QTest::keyClicks(filter(), text);
    }

private Q_SLOTS:
    void init()
    {
        browser = std::make_unique<RepoBrowser>();
        browser->resize(500, 600);
        browser->show();
        QVERIFY(QTest::qWaitForWindowExposed(browser.get()));
        QVERIFY(filter() && gatedOnly() && kind() && view() && count());
        tester = std::make_unique<QAbstractItemModelTester>(view()->model(),
                                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
    }
    void cleanup()
    {
        tester.reset();
        browser.reset();
    }

    void filtersAndCounts()
    {
        QVERIFY(gatedOnly()->isChecked()); // gated repos first
        QCOMPARE(count()->text(), QStringLiteral("0 repositories"));
        browser->setRepos(sample());
        QCOMPARE(visible(), QStringList({QStringLiteral("mira-patel/poetry-corpus"), QStringLiteral("mira-patel/tiny-poet"),
                                         QStringLiteral("nimbus-ai/clean-web-2t"), QStringLiteral("nimbus-ai/nimbus-7b"),
                                         QStringLiteral("nimbus-ai/nimbus-7b-instruct"),
                                         QStringLiteral("open-ocean-lab/reef-sounds")})); // sorted by name
        QCOMPARE(count()->text(), QStringLiteral("6 of 8 repositories"));

        typeFilter(QStringLiteral("nimbus"));
        QCOMPARE(visible(), QStringList({QStringLiteral("nimbus-ai/clean-web-2t"), QStringLiteral("nimbus-ai/nimbus-7b"),
                                         QStringLiteral("nimbus-ai/nimbus-7b-instruct")}));
        QCOMPARE(count()->text(), QStringLiteral("3 of 8 repositories"));

        typeFilter(QStringLiteral("-d"));
        QCOMPARE(visible(), QStringList());
        QCOMPARE(count()->text(), QStringLiteral("0 of 8 repositories"));
        QTest::mouseClick(gatedOnly(), Qt::LeftButton, {}, QPoint(5, gatedOnly()->height() / 2));
        QVERIFY(!gatedOnly()->isChecked());
        QCOMPARE(visible(), QStringList({QStringLiteral("mira-patel/sketch-diffusion"),
                                         QStringLiteral("open-ocean-lab/whale-call-detector")}));
        QCOMPARE(count()->text(), QStringLiteral("2 of 8 repositories"));

        typeFilter({});
        QCOMPARE(count()->text(), QStringLiteral("8 repositories"));
        kind()->setCurrentIndex(2); // datasets
        QCOMPARE(visible(), QStringList({QStringLiteral("mira-patel/poetry-corpus"), QStringLiteral("nimbus-ai/clean-web-2t"),
                                         QStringLiteral("open-ocean-lab/reef-sounds")}));
        QCOMPARE(count()->text(), QStringLiteral("3 of 8 repositories"));
        kind()->setCurrentIndex(1); // models
        QCOMPARE(visible().size(), 5);
        QCOMPARE(count()->text(), QStringLiteral("5 of 8 repositories"));
        gatedOnly()->setChecked(true);
        QCOMPARE(visible(), QStringList({QStringLiteral("mira-patel/tiny-poet"), QStringLiteral("nimbus-ai/nimbus-7b"),
                                         QStringLiteral("nimbus-ai/nimbus-7b-instruct")}));
        QCOMPARE(count()->text(), QStringLiteral("3 of 8 repositories"));
        kind()->setCurrentIndex(0);
        QCOMPARE(count()->text(), QStringLiteral("6 of 8 repositories"));
    }

    void loadingLabel()
    {
        browser->setLoading(true);
        QCOMPARE(count()->text(), QStringLiteral("Loading repositories…"));
        browser->setRepos(sample());
        QCOMPARE(count()->text(), QStringLiteral("6 of 8 repositories"));
    }

    void selectingARowEmitsTheRepo()
    {
        browser->setRepos(sample());
        QSignalSpy changed(browser.get(), &RepoBrowser::currentRepoChanged);
        const QModelIndex row = view()->model()->index(3, RepoListModel::Name); // nimbus-ai/nimbus-7b
        QCOMPARE(row.data().toString(), QStringLiteral("nimbus-ai/nimbus-7b"));
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, view()->visualRect(row).center());
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<RepoSummary>().key(), QStringLiteral("models/nimbus-ai/nimbus-7b"));
        QCOMPARE(browser->currentKey(), QStringLiteral("models/nimbus-ai/nimbus-7b"));

        // Down arrow: the next row.
        QTest::keyClick(view(), Qt::Key_Down);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.at(1).at(0).value<RepoSummary>().id, QStringLiteral("nimbus-ai/nimbus-7b-instruct"));
    }

    void selectKeyOfAHiddenRepoShowsIt()
    {
        browser->setRepos(sample());
        QVERIFY(gatedOnly()->isChecked());
        QSignalSpy changed(browser.get(), &RepoBrowser::currentRepoChanged);
        QVERIFY(browser->selectKey(QStringLiteral("models/mira-patel/sketch-diffusion")));
        QVERIFY(!gatedOnly()->isChecked()); // unticked rather than pretending it is gone
        QVERIFY(!browser->gatedOnly());
        QCOMPARE(browser->currentKey(), QStringLiteral("models/mira-patel/sketch-diffusion"));
        QCOMPARE(view()->currentIndex().data().toString(), QStringLiteral("mira-patel/sketch-diffusion"));
        QVERIFY(view()->selectionModel()->isSelected(view()->currentIndex()));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<RepoSummary>().id, QStringLiteral("mira-patel/sketch-diffusion"));
        QCOMPARE(count()->text(), QStringLiteral("8 repositories"));

        QVERIFY(!browser->selectKey(QStringLiteral("models/no/such-repo")));
        QVERIFY(!browser->selectKey(QStringLiteral("datasets/mira-patel/sketch-diffusion"))); // other kind
        QCOMPARE(browser->currentKey(), QStringLiteral("models/mira-patel/sketch-diffusion"));
    }

    void gatingDotsAndPrivateRepos()
    {
        QList<RepoSummary> repos = sample();
        repos[1].isPrivate = true; // nimbus-7b-instruct
        browser->setRepos(repos);
        const QAbstractItemModel *model = view()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QIcon dot = model->index(row, RepoListModel::Gating).data(Qt::DecorationRole).value<QIcon>();
            QVERIFY(!dot.isNull());
        }
        QVERIFY(browser->selectKey(QStringLiteral("models/nimbus-ai/nimbus-7b-instruct")));
        const QModelIndex current = view()->currentIndex().siblingAtColumn(RepoListModel::Name);
        QVERIFY2(current.data(Qt::ToolTipRole).toString().contains(QLatin1String("private")),
                 qPrintable(current.data(Qt::ToolTipRole).toString()));
        QVERIFY(browser->selectKey(QStringLiteral("models/nimbus-ai/nimbus-7b")));
        QVERIFY(!view()->currentIndex().siblingAtColumn(RepoListModel::Name).data(Qt::ToolTipRole).toString()
                     .contains(QLatin1String("(private)")));
    }

    void currentRepoStaysWhenItsGatingIsTurnedOff()
    {
        browser->setRepos(sample());
        QVERIFY(gatedOnly()->isChecked());
        QVERIFY(browser->selectKey(QStringLiteral("models/nimbus-ai/nimbus-7b")));
        const QStringList before = visible();
        QSignalSpy changed(browser.get(), &RepoBrowser::currentRepoChanged);
        RepoSummary off = sample().at(0);
        off.gating = GatingMode::Off;
        QVERIFY(browser->model()->updateRepo(off));
        // Still listed where it was, still current; no other repo chosen.
        QCOMPARE(visible(), before);
        QCOMPARE(browser->currentKey(), QStringLiteral("models/nimbus-ai/nimbus-7b"));
        QCOMPARE(changed.size(), 0);
        QVERIFY(gatedOnly()->isChecked());

        // Choosing another repo does not pull the row away under the pointer...
        QTest::keyClick(view(), Qt::Key_Down);
        QCOMPARE(browser->currentKey(), QStringLiteral("models/nimbus-ai/nimbus-7b-instruct"));
        QCOMPARE(visible(), before);
        // ...the next filter change does.
        typeFilter(QStringLiteral("nimbus"));
        QCOMPARE(visible(), QStringList({QStringLiteral("nimbus-ai/clean-web-2t"), QStringLiteral("nimbus-ai/nimbus-7b-instruct")}));
        QCOMPARE(browser->currentKey(), QStringLiteral("models/nimbus-ai/nimbus-7b-instruct"));
    }

    void selectionSurvivesANewList()
    {
        browser->setRepos(sample());
        QVERIFY(browser->selectKey(QStringLiteral("datasets/open-ocean-lab/reef-sounds")));
        QList<RepoSummary> more = sample();
        more.prepend(repo(RepoKind::Model, QStringLiteral("aaa/first"), GatingMode::Manual));
        browser->setRepos(more);
        QCOMPARE(browser->currentKey(), QStringLiteral("datasets/open-ocean-lab/reef-sounds"));
        QCOMPARE(count()->text(), QStringLiteral("7 of 9 repositories"));
    }
};

QTEST_MAIN(TestUiRepoBrowser)
#include "tst_ui_repobrowser.moc"
