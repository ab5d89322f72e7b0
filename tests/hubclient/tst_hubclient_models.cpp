// RepoListModel and RepoFilterProxy under QAbstractItemModelTester: resets, one-row updates,
// filtering by text, gating and kind.
#include "repos/repofilterproxy.h"
#include "repos/repolistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using hubgate::GatingMode;
using hubgate::RepoFilterProxy;
using hubgate::RepoKind;
using hubgate::RepoListModel;
using hubgate::RepoSummary;

namespace {

RepoSummary repo(RepoKind kind, const QString &id, GatingMode gating, bool isPrivate = false)
{
    RepoSummary r;
    r.kind = kind;
    r.id = id;
    r.gating = gating;
    r.isPrivate = isPrivate;
    r.lastModified = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC);
    return r;
}

QList<RepoSummary> sample()
{
    return {repo(RepoKind::Model, QStringLiteral("nimbus-ai/nimbus-7b"), GatingMode::Manual),
            repo(RepoKind::Model, QStringLiteral("nimbus-ai/nimbus-7b-instruct"), GatingMode::Manual, true),
            repo(RepoKind::Dataset, QStringLiteral("nimbus-ai/clean-web-2t"), GatingMode::Auto),
            repo(RepoKind::Model, QStringLiteral("mira-patel/tiny-poet"), GatingMode::Auto),
            repo(RepoKind::Dataset, QStringLiteral("mira-patel/poetry-corpus"), GatingMode::Manual),
            repo(RepoKind::Model, QStringLiteral("mira-patel/sketch-diffusion"), GatingMode::Off),
            repo(RepoKind::Dataset, QStringLiteral("open-ocean-lab/reef-sounds"), GatingMode::Manual),
            repo(RepoKind::Model, QStringLiteral("open-ocean-lab/whale-call-detector"), GatingMode::Off)};
}

QStringList ids(const QAbstractItemModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.index(row, RepoListModel::Name).data().toString());
    out.sort();
    return out;
}

} // namespace

class TestHubClientModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listModel()
    {
        RepoListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setRepos(sample());
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowCount(), 8);
        QCOMPARE(model.columnCount(), int(RepoListModel::ColumnCount));
        QCOMPARE(model.headerData(RepoListModel::Name, Qt::Horizontal).toString(), QStringLiteral("Repository"));

        const QModelIndex dataset = model.indexOfKey(QStringLiteral("datasets/nimbus-ai/clean-web-2t"));
        QVERIFY(dataset.isValid());
        QCOMPARE(dataset.data().toString(), QStringLiteral("nimbus-ai/clean-web-2t"));
        QCOMPARE(dataset.siblingAtColumn(RepoListModel::Kind).data().toString(), QStringLiteral("Dataset"));
        QCOMPARE(dataset.siblingAtColumn(RepoListModel::Gating).data().toString(), QStringLiteral("Automatic"));
        QCOMPARE(dataset.data(RepoListModel::KeyRole).toString(), QStringLiteral("datasets/nimbus-ai/clean-web-2t"));
        QCOMPARE(dataset.data(RepoListModel::NamespaceRole).toString(), QStringLiteral("nimbus-ai"));
        QCOMPARE(dataset.data(RepoListModel::GatingRole).toInt(), int(GatingMode::Auto));
        QCOMPARE(dataset.data(RepoListModel::RepoRole).value<RepoSummary>().id, QStringLiteral("nimbus-ai/clean-web-2t"));
        const QModelIndex priv = model.indexOfKey(QStringLiteral("models/nimbus-ai/nimbus-7b-instruct"), RepoListModel::Visibility);
        QCOMPARE(priv.column(), int(RepoListModel::Visibility));
        QCOMPARE(priv.data().toString(), QStringLiteral("Private"));
        QCOMPARE(priv.siblingAtColumn(RepoListModel::LastModified).data(Qt::UserRole).toDateTime(),
                 QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC));
        // A key of the other kind is another repo.
        QVERIFY(!model.indexOfKey(QStringLiteral("models/nimbus-ai/clean-web-2t")).isValid());

        model.setRepos({});
        QCOMPARE(model.rowCount(), 0);
        model.setRepos(sample());
        QCOMPARE(model.rowCount(), 8);
    }

    void updateRepoIsOneRow()
    {
        RepoListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRepos(sample());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);

        RepoSummary updated = sample().at(5); // sketch-diffusion, row 5
        updated.gating = GatingMode::Manual;
        updated.isPrivate = true;
        QVERIFY(model.updateRepo(updated));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(layout.size(), 0);
        const auto topLeft = changed.at(0).at(0).value<QModelIndex>();
        const auto bottomRight = changed.at(0).at(1).value<QModelIndex>();
        QCOMPARE(topLeft.row(), 5);
        QCOMPARE(bottomRight.row(), 5); // one row only
        QCOMPARE(topLeft.column(), 0);
        QCOMPARE(bottomRight.column(), model.columnCount() - 1);
        QCOMPARE(model.index(5, RepoListModel::Gating).data().toString(), QStringLiteral("Manual"));
        QCOMPARE(model.index(5, RepoListModel::Visibility).data().toString(), QStringLiteral("Private"));
        QCOMPARE(model.index(4, RepoListModel::Gating).data().toString(), QStringLiteral("Manual")); // untouched neighbour

        // An unknown repo changes nothing.
        QVERIFY(!model.updateRepo(repo(RepoKind::Model, QStringLiteral("x/unknown"), GatingMode::Auto)));
        QCOMPARE(changed.size(), 1);
    }

    void unknownGatingShowsTheRawValue()
    {
        RepoListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        RepoSummary odd = repo(RepoKind::Model, QStringLiteral("a/b"), GatingMode::Unknown);
        odd.gatingText = QStringLiteral("someday");
        model.setRepos({odd});
        QCOMPARE(model.index(0, RepoListModel::Gating).data().toString(), QStringLiteral("someday"));
    }

    void proxyFilters()
    {
        RepoListModel model;
        RepoFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester sourceTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRepos(sample());
        QCOMPARE(proxy.rowCount(), 8);

        proxy.setText(QStringLiteral("  NIMBUS "));  // trimmed, case-insensitive
        QCOMPARE(ids(proxy), QStringList({QStringLiteral("nimbus-ai/clean-web-2t"), QStringLiteral("nimbus-ai/nimbus-7b"),
                                          QStringLiteral("nimbus-ai/nimbus-7b-instruct")}));
        proxy.setText(QStringLiteral("poet"));
        QCOMPARE(ids(proxy), QStringList({QStringLiteral("mira-patel/poetry-corpus"), QStringLiteral("mira-patel/tiny-poet")}));
        proxy.setText(QStringLiteral("nothing matches"));
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setText({});
        QCOMPARE(proxy.rowCount(), 8);

        proxy.setGatedOnly(true);
        QVERIFY(proxy.gatedOnly());
        QCOMPARE(proxy.rowCount(), 6);
        QVERIFY(!ids(proxy).contains(QStringLiteral("mira-patel/sketch-diffusion")));

        proxy.setKindFilter(RepoFilterProxy::KindFilter::Datasets);
        QCOMPARE(ids(proxy), QStringList({QStringLiteral("mira-patel/poetry-corpus"), QStringLiteral("nimbus-ai/clean-web-2t"),
                                          QStringLiteral("open-ocean-lab/reef-sounds")}));
        proxy.setKindFilter(RepoFilterProxy::KindFilter::Models);
        QCOMPARE(proxy.rowCount(), 3); // gated models
        proxy.setGatedOnly(false);
        QCOMPARE(proxy.rowCount(), 5);
        proxy.setText(QStringLiteral("ocean"));
        QCOMPARE(ids(proxy), QStringList{QStringLiteral("open-ocean-lab/whale-call-detector")});
        proxy.setKindFilter(RepoFilterProxy::KindFilter::All);
        proxy.setText({});
        QCOMPARE(proxy.rowCount(), 8);
    }

    void proxyFollowsUpdates()
    {
        RepoListModel model;
        RepoFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRepos(sample());
        proxy.setGatedOnly(true);
        QCOMPARE(proxy.rowCount(), 6);

        // Gating turned off: the repo leaves the gated-only view...
        RepoSummary off = sample().at(0);
        off.gating = GatingMode::Off;
        QSignalSpy removed(&proxy, &QAbstractItemModel::rowsRemoved);
        QVERIFY(model.updateRepo(off));
        QCOMPARE(proxy.rowCount(), 5);
        QCOMPARE(removed.size(), 1);
        QVERIFY(!ids(proxy).contains(QStringLiteral("nimbus-ai/nimbus-7b")));
        // ...and comes back when turned on again.
        QSignalSpy inserted(&proxy, &QAbstractItemModel::rowsInserted);
        QVERIFY(model.updateRepo(sample().at(0)));
        QCOMPARE(proxy.rowCount(), 6);
        QCOMPARE(inserted.size(), 1);

        // A change that keeps the row visible reaches the proxy as one row.
        QSignalSpy changed(&proxy, &QAbstractItemModel::dataChanged);
        RepoSummary priv = sample().at(2);
        priv.isPrivate = true;
        QVERIFY(model.updateRepo(priv));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), changed.at(0).at(1).value<QModelIndex>().row());
        const QModelIndex shown = proxy.mapFromSource(model.indexOfKey(priv.key(), RepoListModel::Visibility));
        QCOMPARE(shown.data().toString(), QStringLiteral("Private"));
    }

    void proxySorts()
    {
        RepoListModel model;
        RepoFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<RepoSummary> repos = sample();
        repos[0].lastModified = QDateTime(QDate(2027, 1, 1), QTime(0, 0), Qt::UTC);
        model.setRepos(repos);
        proxy.sort(RepoListModel::LastModified, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, RepoListModel::Name).data().toString(), QStringLiteral("nimbus-ai/nimbus-7b"));
        proxy.sort(RepoListModel::Name, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, RepoListModel::Name).data().toString(), QStringLiteral("mira-patel/poetry-corpus"));
    }
};

QTEST_GUILESS_MAIN(TestHubClientModels)
#include "tst_hubclient_models.moc"
