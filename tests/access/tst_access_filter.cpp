// AccessRequestFilter: status tabs, search, field filters, local date range, sorting, refiltering
// only on change, and QAbstractItemModelTester on every tab while the model changes.
#include "access/accessrequestfilter.h"
#include "access/accessrequestmodel.h"
#include "accesstestutil.h"

#include <QAbstractItemModelTester>
#include <QIdentityProxyModel>
#include <QItemSelectionModel>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

#include <climits>
#include <functional>
#include <memory>

using namespace hubgate;
using accesstest::answers;
using accesstest::request;
using accesstest::utc;

namespace {

const QString pending = QStringLiteral("pending");
const QString accepted = QStringLiteral("accepted");
const QString rejected = QStringLiteral("rejected");

QList<AccessRequest> people()
{
    QList<AccessRequest> out{
        request(QStringLiteral("ada-l"), pending, utc("2026-03-10T03:00:00Z"), // 9 March in New York
                answers(QStringLiteral("Analytical Engines"), QStringLiteral("GB"), QStringLiteral("other"), true)),
        request(QStringLiteral("bob-k"), pending, utc("2026-03-11T12:00:00Z"),
                answers(QStringLiteral("Bell Labs"), QStringLiteral("US"), QStringLiteral("Research"), false)),
        request(QStringLiteral("cy-m"), accepted, utc("2026-03-12T23:30:00Z"),
                answers(QStringLiteral("CERN"), QStringLiteral("CH"), QStringLiteral("Education"), true)),
        request(QStringLiteral("dee-n"), pending, utc("2026-03-13T03:59:59Z"), // 12 March, 23:59:59 local
                answers(QStringLiteral("Deutsche Bahn"), QStringLiteral("DE"), QStringLiteral("Research"), true)),
        request(QStringLiteral("eve-o"), rejected, utc("2026-03-13T04:00:00Z"), // 13 March, 00:00 local
                answers(QStringLiteral("Evil Corp"), QStringLiteral("US"), QStringLiteral("other"), false)),
        request(QStringLiteral("fay-p"), pending, utc("2026-03-14T15:00:00Z"), {}), // no answers at all
    };
    out[1].fields.insert(QStringLiteral("I agree"), QStringLiteral("off")); // answered, but not ticked
    out[2].user.email.clear();
    out[5].user.fullname = QStringLiteral("Fay Ünïcode");
    return out;
}

QStringList usersOf(const QAbstractItemModel &proxy)
{
    QStringList out;
    for (int row = 0; row < proxy.rowCount(); ++row)
        out.append(proxy.index(row, AccessRequestModel::User).data().toString());
    return out;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

} // namespace

class TestAccessFilter : public QObject
{
    Q_OBJECT

public:
    static void initMain() { accesstest::useNewYorkTime(); }

private Q_SLOTS:
    void init();
    void cleanup();
    void statusTabs();
    void decisionMovesRowBetweenTabs();
    void search_data();
    void search();
    void fieldFilters();
    void dateRangeUsesLocalDays();
    void sorting();
    void sortingMatchesTheRoles();
    void sortedByTextWhileTheModelChanges();
    void refiltersOnlyOnChange();
    void testersWhileTheModelChanges();
    void sourceReadThroughRoles();
    void matchesBruteForce();
    void typingOnSearchesTheShownRows();
    void pageInTimeOrderIsOneInsertion();
    void scatteredPageKeepsTheSelection();
    void removalsAndMovesKeepOrder();
    void slicedPassesShowWhatAFilterAtOnceShows();
    void changesDuringAPassEndUpShown_data();
    void changesDuringAPassEndUpShown();
    void aNewChangeReplacesTheRunningPass();
    void aSortThatComesBackLateIsDropped();
    void removalsAndResetsDuringAPass();
    void randomChangesDuringPasses();

private:
    AccessRequestFilter *tab(const QString &status);
    void fillWithACrowd(int count);

    AccessRequestModel *m_model = nullptr;
    QList<AccessRequestFilter *> m_tabs; // pending, accepted, rejected, all
    QList<QAbstractItemModelTester *> m_testers;
};

void TestAccessFilter::init()
{
    m_model = new AccessRequestModel(this);
    m_testers.append(new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, this));
    m_model->setGateFields(accesstest::form());
    for (const QString &status : {pending, accepted, rejected, QString()}) {
        auto *filter = new AccessRequestFilter(this);
        filter->setSourceModel(m_model);
        filter->setStatus(status);
        filter->sort(AccessRequestModel::RequestedAt, Qt::DescendingOrder);
        m_tabs.append(filter);
        m_testers.append(new QAbstractItemModelTester(filter, QAbstractItemModelTester::FailureReportingMode::QtTest, this));
    }
    m_model->addRequests(people());
}

void TestAccessFilter::cleanup()
{
    qDeleteAll(m_testers);
    m_testers.clear();
    qDeleteAll(m_tabs);
    m_tabs.clear();
    delete m_model;
}

AccessRequestFilter *TestAccessFilter::tab(const QString &status)
{
    for (AccessRequestFilter *filter : std::as_const(m_tabs))
        if (filter->status() == status)
            return filter;
    return nullptr;
}

void TestAccessFilter::statusTabs()
{
    QCOMPARE(usersOf(*tab(pending)), QStringList({QStringLiteral("fay-p"), QStringLiteral("dee-n"),
                                                   QStringLiteral("bob-k"), QStringLiteral("ada-l")}));
    QCOMPARE(usersOf(*tab(accepted)), QStringList({QStringLiteral("cy-m")}));
    QCOMPARE(usersOf(*tab(rejected)), QStringList({QStringLiteral("eve-o")}));
    QCOMPARE(tab(QString())->rowCount(), 6);
    for (const QString &status : {pending, accepted, rejected})
        QCOMPARE(tab(status)->rowCount(), m_model->countOf(status));
    QCOMPARE(tab(pending)->status(), pending);
}

void TestAccessFilter::decisionMovesRowBetweenTabs()
{
    QSignalSpy pendingReset(tab(pending), &QAbstractItemModel::modelReset);
    QSignalSpy acceptedInserted(tab(accepted), &QAbstractItemModel::rowsInserted);
    QVERIFY(m_model->updateStatus(QStringLiteral("dee-n"), accepted, utc("2026-04-01T00:00:00Z"), QStringLiteral("mira")));
    QCOMPARE(usersOf(*tab(pending)), QStringList({QStringLiteral("fay-p"), QStringLiteral("bob-k"), QStringLiteral("ada-l")}));
    // Newest first in its new tab too.
    QCOMPARE(usersOf(*tab(accepted)), QStringList({QStringLiteral("dee-n"), QStringLiteral("cy-m")}));
    QCOMPARE(pendingReset.count(), 0);
    QCOMPARE(acceptedInserted.count(), 1);
    QCOMPARE(tab(QString())->rowCount(), 6);

    // And back (cancel), then to an unknown status that no known tab shows.
    QVERIFY(m_model->updateStatus(QStringLiteral("dee-n"), pending, {}, {}));
    QCOMPARE(tab(pending)->rowCount(), 4);
    QVERIFY(m_model->updateStatus(QStringLiteral("dee-n"), QStringLiteral("reset"), {}, {}));
    QCOMPARE(tab(pending)->rowCount(), 3);
    QCOMPARE(tab(accepted)->rowCount(), 1);
    QCOMPARE(tab(QString())->rowCount(), 6);
}

void TestAccessFilter::search_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("users");
    const auto list = [](std::initializer_list<const char *> names) {
        QStringList out;
        for (const char *name : names)
            out.append(QString::fromLatin1(name));
        return out;
    };
    QTest::newRow("user name") << QStringLiteral("bob-") << list({"bob-k"});
    QTest::newRow("full name") << QStringLiteral("cy example") << list({"cy-m"});
    QTest::newRow("e-mail") << QStringLiteral("ada-l@example.org") << list({"ada-l"});
    QTest::newRow("e-mail domain") << QStringLiteral("@example.org") << list({"ada-l", "bob-k", "dee-n", "eve-o", "fay-p"});
    QTest::newRow("answer") << QStringLiteral("deutsche") << list({"dee-n"});
    QTest::newRow("answer, other case") << QStringLiteral("CeRn") << list({"cy-m"});
    QTest::newRow("select answer") << QStringLiteral("educ") << list({"cy-m"});
    QTest::newRow("two words, two fields") << QStringLiteral("  bell   us ") << list({"bob-k"});
    QTest::newRow("words in any order") << QStringLiteral("engines ada") << list({"ada-l"});
    QTest::newRow("one word missing") << QStringLiteral("bell de") << list({});
    QTest::newRow("non-ASCII") << QStringLiteral("ÜNÏ") << list({"fay-p"});
    QTest::newRow("nothing") << QStringLiteral("zzz") << list({});
    QTest::newRow("empty") << QString() << list({"ada-l", "bob-k", "cy-m", "dee-n", "eve-o", "fay-p"});
    QTest::newRow("not the status") << QStringLiteral("rejected") << list({});
}

void TestAccessFilter::search()
{
    QFETCH(QString, text);
    QFETCH(QStringList, users);
    AccessRequestFilter *all = tab(QString());
    all->setSearchText(text);
    QCOMPARE(sorted(usersOf(*all)), users);
    // The tabs search within their status.
    tab(pending)->setSearchText(text);
    for (const QString &user : usersOf(*tab(pending)))
        QVERIFY(users.contains(user));
}

void TestAccessFilter::fieldFilters()
{
    AccessRequestFilter *all = tab(QString());
    all->setFieldFilter(QStringLiteral("Country"), QStringLiteral("US"));
    QCOMPARE(sorted(usersOf(*all)), QStringList({QStringLiteral("bob-k"), QStringLiteral("eve-o")}));
    all->setFieldFilter(QStringLiteral("Country"), QStringLiteral("us")); // exact answers
    QCOMPARE(all->rowCount(), 0);
    all->setFieldFilter(QStringLiteral("Country"), QString());
    QCOMPARE(all->rowCount(), 6);

    // A select filters on the stored value, not on the label.
    all->setFieldFilter(QStringLiteral("Intended use"), QStringLiteral("other"));
    QCOMPARE(sorted(usersOf(*all)), QStringList({QStringLiteral("ada-l"), QStringLiteral("eve-o")}));
    all->setFieldFilter(QStringLiteral("Intended use"), QStringLiteral("Other"));
    QCOMPARE(all->rowCount(), 0);
    all->clearFieldFilters();

    // Checkboxes: absent and "off" are unticked.
    all->setFieldFilter(QStringLiteral("I agree"), QStringLiteral("unchecked"));
    QCOMPARE(sorted(usersOf(*all)), QStringList({QStringLiteral("bob-k"), QStringLiteral("eve-o"), QStringLiteral("fay-p")}));
    all->setFieldFilter(QStringLiteral("I agree"), QStringLiteral("checked"));
    QCOMPARE(sorted(usersOf(*all)), QStringList({QStringLiteral("ada-l"), QStringLiteral("cy-m"), QStringLiteral("dee-n")}));

    // Filters add up, and with the status of the tab.
    all->setFieldFilter(QStringLiteral("Intended use"), QStringLiteral("Research"));
    QCOMPARE(usersOf(*all), QStringList({QStringLiteral("dee-n")}));
    AccessRequestFilter *open = tab(pending);
    open->setFieldFilter(QStringLiteral("I agree"), QStringLiteral("checked"));
    QCOMPARE(sorted(usersOf(*open)), QStringList({QStringLiteral("ada-l"), QStringLiteral("dee-n")}));

    // "checked" is only a word of checkboxes: on a text field it is an answer like any other.
    all->clearFieldFilters();
    all->setFieldFilter(QStringLiteral("Affiliation"), QStringLiteral("checked"));
    QCOMPARE(all->rowCount(), 0);
    all->setFieldFilter(QStringLiteral("Affiliation"), QStringLiteral("Bell Labs"));
    QCOMPARE(usersOf(*all), QStringList({QStringLiteral("bob-k")}));
}

void TestAccessFilter::dateRangeUsesLocalDays()
{
    // The boundaries of the data, in New York time (see people()).
    QCOMPARE(utc("2026-03-10T03:00:00Z").toLocalTime().date(), QDate(2026, 3, 9));
    QCOMPARE(utc("2026-03-13T03:59:59Z").toLocalTime().date(), QDate(2026, 3, 12));
    QCOMPARE(utc("2026-03-13T04:00:00Z").toLocalTime().date(), QDate(2026, 3, 13));

    AccessRequestFilter *all = tab(QString());
    all->setDateRange(QDate(2026, 3, 10), QDate(2026, 3, 12));
    QCOMPARE(sorted(usersOf(*all)), QStringList({QStringLiteral("bob-k"), QStringLiteral("cy-m"), QStringLiteral("dee-n")}));
    all->setDateRange(QDate(2026, 3, 9), QDate(2026, 3, 9));
    QCOMPARE(usersOf(*all), QStringList({QStringLiteral("ada-l")}));
    all->setDateRange(QDate(2026, 3, 13), QDate());
    QCOMPARE(sorted(usersOf(*all)), QStringList({QStringLiteral("eve-o"), QStringLiteral("fay-p")}));
    all->setDateRange(QDate(), QDate(2026, 3, 11));
    QCOMPARE(sorted(usersOf(*all)), QStringList({QStringLiteral("ada-l"), QStringLiteral("bob-k")}));
    all->setDateRange(QDate(2026, 3, 20), QDate(2026, 3, 10)); // backwards: nothing
    QCOMPARE(all->rowCount(), 0);
    all->setDateRange(QDate(), QDate());
    QCOMPARE(all->rowCount(), 6);

    // A request without a time shows while no range is set, and is outside any range.
    AccessRequest timeless = request(QStringLiteral("gus"), pending, QDateTime());
    m_model->addRequests({timeless});
    QCOMPARE(all->rowCount(), 7);
    all->setDateRange(QDate(2000, 1, 1), QDate());
    QCOMPARE(all->rowCount(), 6);
}

void TestAccessFilter::sorting()
{
    AccessRequestFilter *all = tab(QString());
    QCOMPARE(usersOf(*all).first(), QStringLiteral("fay-p"));
    all->sort(AccessRequestModel::RequestedAt, Qt::AscendingOrder);
    QCOMPARE(usersOf(*all), QStringList({QStringLiteral("ada-l"), QStringLiteral("bob-k"), QStringLiteral("cy-m"),
                                         QStringLiteral("dee-n"), QStringLiteral("eve-o"), QStringLiteral("fay-p")}));
    all->sort(AccessRequestModel::Email, Qt::AscendingOrder);
    QCOMPARE(usersOf(*all).first(), QStringLiteral("cy-m")); // no e-mail sorts first
    all->sort(AccessRequestModel::FirstFieldColumn, Qt::DescendingOrder); // Affiliation
    QCOMPARE(usersOf(*all).mid(0, 2), QStringList({QStringLiteral("eve-o"), QStringLiteral("dee-n")}));
    QCOMPARE(all->sortColumn(), int(AccessRequestModel::FirstFieldColumn));
    QCOMPARE(all->sortOrder(), Qt::DescendingOrder);

    m_model->updateStatus(QStringLiteral("bob-k"), accepted, utc("2026-03-20T00:00:00Z"), {});
    m_model->updateStatus(QStringLiteral("ada-l"), rejected, utc("2026-03-18T00:00:00Z"), {});
    all->sort(AccessRequestModel::ReviewedAt, Qt::DescendingOrder);
    QCOMPARE(usersOf(*all).mid(0, 2), QStringList({QStringLiteral("bob-k"), QStringLiteral("ada-l")}));
}

// The direct comparison orders every column as the QVariants of SortRole would.
void TestAccessFilter::sortingMatchesTheRoles()
{
    m_model->updateStatus(QStringLiteral("bob-k"), accepted, utc("2026-03-20T00:00:00Z"), QStringLiteral("zed"));
    m_model->updateStatus(QStringLiteral("eve-o"), rejected, utc("2026-03-18T00:00:00Z"), QStringLiteral("Amy"));
    QIdentityProxyModel identity;
    identity.setSourceModel(m_model);
    AccessRequestFilter viaRoles;
    viaRoles.setSourceModel(&identity);
    AccessRequestFilter *direct = tab(QString());
    for (int column = 0; column < m_model->columnCount(); ++column) {
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            direct->sort(column, order);
            viaRoles.sort(column, order);
            QStringList directKeys, roleKeys;
            for (int row = 0; row < direct->rowCount(); ++row) {
                directKeys.append(direct->index(row, column).data(AccessRequestModel::SortRole).toString());
                roleKeys.append(viaRoles.index(row, column).data(AccessRequestModel::SortRole).toString());
            }
            QVERIFY2(directKeys == roleKeys, qPrintable(QStringLiteral("column %1: %2 / %3")
                                                            .arg(column)
                                                            .arg(directKeys.join(QLatin1Char('|')), roleKeys.join(QLatin1Char('|')))));
        }
    }
    direct->sort(AccessRequestModel::FirstFieldColumn + 3); // Intended use, by label
    QCOMPARE(usersOf(*direct).mid(0, 3),
             QStringList({QStringLiteral("fay-p"), QStringLiteral("cy-m"), QStringLiteral("ada-l")}));
}

// Text sorts use ranks computed once; rows added or changed afterwards still land in order.
void TestAccessFilter::sortedByTextWhileTheModelChanges()
{
    AccessRequestFilter *all = tab(QString());
    all->sort(AccessRequestModel::User, Qt::AscendingOrder);
    const auto inOrder = [all] {
        const QStringList users = usersOf(*all);
        for (qsizetype i = 1; i < users.size(); ++i)
            if (users[i - 1].compare(users[i], Qt::CaseInsensitive) > 0)
                return false;
        return true;
    };
    QVERIFY(inOrder());
    m_model->addRequests({request(QStringLiteral("Zack"), pending, utc("2026-03-01T00:00:00Z")),
                          request(QStringLiteral("aaron"), accepted, utc("2026-03-02T00:00:00Z")),
                          request(QStringLiteral("Carl"), pending, utc("2026-03-03T00:00:00Z"))});
    QVERIFY(inOrder());
    QCOMPARE(usersOf(*all).first(), QStringLiteral("aaron"));
    all->setSearchText(QStringLiteral("example"));
    QVERIFY(inOrder());
    QCOMPARE(all->rowCount(), 9);
    AccessRequest renamed = request(QStringLiteral("bob-k"), pending, utc("2026-03-11T12:00:00Z"));
    m_model->upsert(renamed);
    m_model->addRequests({request(QStringLiteral("Abe"), pending, utc("2026-03-04T00:00:00Z"))});
    m_model->removeStaleOfStatus(accepted, {});
    QVERIFY(inOrder());
    all->setSearchText(QString());
    QVERIFY(inOrder());
    QCOMPARE(usersOf(*all).mid(0, 3), QStringList({QStringLiteral("Abe"), QStringLiteral("ada-l"), QStringLiteral("bob-k")}));
}

void TestAccessFilter::refiltersOnlyOnChange()
{
    AccessRequestFilter *all = tab(QString());
    QSignalSpy layout(all, &QAbstractItemModel::layoutChanged);
    QSignalSpy reset(all, &QAbstractItemModel::modelReset);
    QSignalSpy removed(all, &QAbstractItemModel::rowsRemoved);
    all->setSearchText(QStringLiteral("Bell"));
    QVERIFY(!all->isFiltering()); // a few rows: done at once
    QCOMPARE(layout.count(), 1);
    all->setSearchText(QStringLiteral("  bell "));
    all->setStatus(QString());
    all->setFieldFilter(QStringLiteral("Country"), QString());
    all->clearFieldFilters();
    all->setDateRange(QDate(), QDate());
    QCOMPARE(layout.count(), 1);
    all->setFieldFilter(QStringLiteral("Country"), QStringLiteral("US"));
    all->setFieldFilter(QStringLiteral("Country"), QStringLiteral("US"));
    QCOMPARE(layout.count(), 2);
    all->setDateRange(QDate(2026, 3, 1), QDate(2026, 3, 31));
    all->setDateRange(QDate(2026, 3, 1), QDate(2026, 3, 31));
    QCOMPARE(layout.count(), 3);
    all->clearFieldFilters();
    all->clearFieldFilters();
    QCOMPARE(layout.count(), 4);
    all->setStatus(pending);
    all->setStatus(pending);
    QCOMPARE(layout.count(), 5);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 0); // one layout change per filter change, not row by row
}

// Every model change with every tab watched, and filters active on some of them.
void TestAccessFilter::testersWhileTheModelChanges()
{
    tab(pending)->setSearchText(QStringLiteral("example"));
    tab(accepted)->setFieldFilter(QStringLiteral("I agree"), QStringLiteral("checked"));
    tab(QString())->setDateRange(QDate(2026, 3, 10), QDate());

    QList<AccessRequest> page;
    for (int i = 0; i < 300; ++i)
        page.append(request(QStringLiteral("gen%1").arg(i), i % 3 == 0 ? accepted : i % 3 == 1 ? pending : rejected,
                            utc("2026-03-15T00:00:00Z").addSecs(-i * 3600),
                            answers(QStringLiteral("Org %1").arg(i % 7), QStringLiteral("FR"), QStringLiteral("Research"), i % 2)));
    m_model->addRequests(page.mid(0, 150));
    m_model->addRequests(page.mid(150));
    for (int i = 0; i < 300; i += 7)
        m_model->updateStatus(QStringLiteral("gen%1").arg(i), i % 2 ? accepted : rejected, utc("2026-04-01T00:00:00Z"), {});
    page[10].fields[QStringLiteral("Affiliation")] = QStringLiteral("Changed");
    page[11].status = QStringLiteral("reset");
    m_model->addRequests(page.mid(0, 20)); // refresh in place
    m_model->upsert(request(QStringLiteral("newcomer"), accepted, utc("2026-04-02T00:00:00Z"),
                            answers(QStringLiteral("X"), QStringLiteral("FR"), QStringLiteral("other"), true)));
    tab(QString())->setSearchText(QStringLiteral("org 3"));
    QSet<QString> keep;
    for (int i = 0; i < 300; i += 2)
        keep.insert(QStringLiteral("gen%1").arg(i));
    m_model->removeStaleOfStatus(pending, keep);
    m_model->removeStaleOfStatus(rejected, {QStringLiteral("gen2")});
    m_model->setGateFields(accesstest::form().mid(0, 2));
    tab(accepted)->setFieldFilter(QStringLiteral("I agree"), QString());
    tab(QString())->setSearchText({});
    m_model->clear();
    m_model->addRequests(people());
    QCOMPARE(tab(QString())->rowCount(), 5); // all but ada-l, who asked on 9 March
    QCOMPARE(m_model->columnCount(), AccessRequestModel::FirstFieldColumn + 2);
}

// With a proxy in between, the filter reads the same through the roles.
void TestAccessFilter::sourceReadThroughRoles()
{
    QIdentityProxyModel identity;
    identity.setSourceModel(m_model);
    AccessRequestFilter indirect;
    indirect.setSourceModel(&identity);
    QAbstractItemModelTester tester(&indirect, QAbstractItemModelTester::FailureReportingMode::QtTest);
    AccessRequestFilter *direct = tab(QString());
    const auto both = [&](const auto &apply) {
        apply(&indirect);
        apply(direct);
        QCOMPARE(sorted(usersOf(indirect)), sorted(usersOf(*direct)));
    };
    both([](AccessRequestFilter *f) { f->setSearchText(QStringLiteral("example")); });
    both([](AccessRequestFilter *f) { f->setStatus(pending); });
    both([](AccessRequestFilter *f) { f->setFieldFilter(QStringLiteral("Intended use"), QStringLiteral("Research")); });
    both([](AccessRequestFilter *f) { f->setDateRange(QDate(2026, 3, 12), QDate()); });
    QCOMPARE(usersOf(indirect), QStringList({QStringLiteral("dee-n")}));
    both([](AccessRequestFilter *f) { f->setFieldFilter(QStringLiteral("I agree"), QStringLiteral("checked")); });
    QCOMPARE(usersOf(indirect), QStringList({QStringLiteral("dee-n")}));
    both([](AccessRequestFilter *f) { f->setFieldFilter(QStringLiteral("I agree"), QStringLiteral("unchecked")); });
    QCOMPARE(indirect.rowCount(), 0);
}

// Random data and random queries against a plain re-implementation of the rules.
void TestAccessFilter::matchesBruteForce()
{
    // The testers walk every cell on each change: over 3000 rows that is minutes, and the other
    // tests have them.
    qDeleteAll(m_testers);
    m_testers.clear();
    m_model->clear();
    QRandomGenerator random(20261123);
    const QStringList countries{QStringLiteral("US"), QStringLiteral("DE"), QStringLiteral("FR"), QStringLiteral("JP")};
    const QStringList uses{QStringLiteral("Research"), QStringLiteral("Education"), QStringLiteral("other")};
    const QStringList words{QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma"), QStringLiteral("Delta")};
    QList<AccessRequest> all;
    for (int i = 0; i < 3000; ++i) {
        const QString status = i % 50 == 0 ? QStringLiteral("reset") : QList<QString>{pending, accepted, rejected}[random.bounded(3)];
        AccessRequest r = request(QStringLiteral("u%1-%2").arg(i).arg(words[random.bounded(4)]), status,
                                  utc("2026-01-01T00:00:00Z").addSecs(qint64(random.bounded(90 * 24)) * 3600),
                                  answers(words[random.bounded(4)] + QLatin1Char(' ') + words[random.bounded(4)],
                                          countries[random.bounded(4)], uses[random.bounded(3)], random.bounded(2)));
        if (random.bounded(10) == 0)
            r.fields.clear();
        all.append(r);
    }
    m_model->addRequests(all.mid(0, 1000));
    m_model->addRequests(all.mid(1000));
    AccessRequestFilter *filter = tab(QString());
    for (int query = 0; query < 40; ++query) {
        const QString status = QList<QString>{QString(), pending, accepted, QStringLiteral("reset")}[random.bounded(4)];
        const QString search = random.bounded(3) ? words[random.bounded(4)].left(1 + random.bounded(4)) : QString();
        const QString country = random.bounded(2) ? countries[random.bounded(4)] : QString();
        const QString agreed = QList<QString>{QString(), QStringLiteral("checked"), QStringLiteral("unchecked")}[random.bounded(3)];
        const QDate from = random.bounded(2) ? QDate(2026, 1, 1).addDays(random.bounded(60)) : QDate();
        const QDate to = random.bounded(2) ? QDate(2026, 2, 1).addDays(random.bounded(60)) : QDate();
        filter->setStatus(status);
        filter->setSearchText(search);
        filter->setFieldFilter(QStringLiteral("Country"), country);
        filter->setFieldFilter(QStringLiteral("I agree"), agreed);
        filter->setDateRange(from, to);
        QStringList expected;
        for (const AccessRequest &r : std::as_const(all)) {
            const QDate day = r.requestedAt.toLocalTime().date();
            const QString text = (r.user.name + QLatin1Char(' ') + r.user.fullname + QLatin1Char(' ') + r.user.email +
                                  QLatin1Char(' ') + QStringList(r.fields.values()).join(QLatin1Char(' ')));
            if ((status.isEmpty() || r.status == status) && text.contains(search, Qt::CaseInsensitive) &&
                (country.isEmpty() || r.fields.value(QStringLiteral("Country")) == country) &&
                (agreed.isEmpty() || isTicked(r.fields.value(QStringLiteral("I agree"))) == (agreed == QLatin1String("checked"))) &&
                (!from.isValid() || day >= from) && (!to.isValid() || day <= to))
                expected.append(r.user.name);
        }
        QCOMPARE(sorted(usersOf(*filter)), sorted(expected));
    }
}

// Each key typed narrows what is shown: the same rows, in the same order, as a fresh filter, and
// the current row stays on its person while it is shown.
void TestAccessFilter::typingOnSearchesTheShownRows()
{
    QList<AccessRequest> people;
    const QStringList words{QStringLiteral("gamma ray"), QStringLiteral("gamut"), QStringLiteral("game"),
                            QStringLiteral("beta"), QStringLiteral("Gamma")};
    for (int i = 0; i < 200; ++i)
        people.append(request(QStringLiteral("p-%1").arg(i, 3, 10, QLatin1Char('0')), i % 3 ? pending : accepted,
                              utc("2026-05-01T00:00:00Z").addSecs(i * 7 % 200), answers(words[i % 5], QStringLiteral("FR"),
                                                                                        QStringLiteral("Research"), i % 2)));
    m_model->addRequests(people);
    AccessRequestFilter *typed = tab(pending);
    typed->sort(AccessRequestModel::RequestedAt, Qt::DescendingOrder);
    QItemSelectionModel selection(typed);
    const QString keep = QStringLiteral("p-010"); // 10 % 5 == 0: "gamma ray", pending
    selection.setCurrentIndex(typed->index(usersOf(*typed).indexOf(keep), 0),
                              QItemSelectionModel::SelectCurrent | QItemSelectionModel::Rows);
    for (const QString &text : {QStringLiteral("g"), QStringLiteral("ga"), QStringLiteral("gam"), QStringLiteral("gamm"),
                                QStringLiteral("gamma r"), QStringLiteral("gamma ra")}) {
        QSignalSpy resets(typed, &QAbstractItemModel::modelReset);
        typed->setSearchText(text);
        AccessRequestFilter fresh;
        fresh.setSourceModel(m_model);
        fresh.setStatus(pending);
        fresh.sort(AccessRequestModel::RequestedAt, Qt::DescendingOrder);
        fresh.setSearchText(text);
        QVERIFY(fresh.rowCount() > 0);
        QCOMPARE(usersOf(*typed), usersOf(fresh));
        QCOMPARE(resets.size(), 0);
        QCOMPARE(selection.currentIndex().data().toString(), keep);
    }
    typed->setSearchText(QStringLiteral("gamut")); // not within the words before: all rows again
    QVERIFY(usersOf(*typed).contains(QStringLiteral("p-001")));
    QVERIFY(!selection.currentIndex().isValid());
}

namespace {

// count requests named prefix0000..., one minute apart from start, in time order.
QList<AccessRequest> page(const QString &prefix, int count, const QDateTime &start, const QString &status)
{
    QList<AccessRequest> out;
    for (int i = 0; i < count; ++i)
        out.append(request(QStringLiteral("%1%2").arg(prefix).arg(i, 4, 10, QLatin1Char('0')), status,
                           start.addSecs(60 * i), {}));
    return out;
}

bool inOrder(const AccessRequestFilter &filter)
{
    for (int row = 1; row < filter.rowCount(); ++row) {
        const int a = filter.mapToSource(filter.index(row - 1, 0)).row();
        const int b = filter.mapToSource(filter.index(row, 0)).row();
        const auto *model = static_cast<const AccessRequestModel *>(filter.sourceModel());
        const int order = model->compareRows(a, b, filter.sortColumn());
        if ((filter.sortOrder() == Qt::AscendingOrder ? order : -order) > 0)
            return false;
    }
    return true;
}

} // namespace

// Pages arrive in time order: sorted by date (either way), a page lands in one place.
void TestAccessFilter::pageInTimeOrderIsOneInsertion()
{
    for (Qt::SortOrder order : {Qt::DescendingOrder, Qt::AscendingOrder}) {
        AccessRequestFilter *pendingTab = tab(pending);
        pendingTab->sort(AccessRequestModel::RequestedAt, order);
        QSignalSpy inserted(pendingTab, &QAbstractItemModel::rowsInserted);
        QSignalSpy layouts(pendingTab, &QAbstractItemModel::layoutChanged);
        const int before = pendingTab->rowCount();
        const bool newest = order == Qt::DescendingOrder;
        m_model->addRequests(page(newest ? QStringLiteral("new-d") : QStringLiteral("new-a"), 1000,
                                  utc(newest ? "2026-04-01T00:00:00Z" : "2026-05-01T00:00:00Z"), pending));
        QVERIFY2(inserted.size() == 1, order == Qt::DescendingOrder ? "newest first" : "oldest first");
        QVERIFY2(layouts.isEmpty(), order == Qt::DescendingOrder ? "newest first" : "oldest first");
        QCOMPARE(pendingTab->rowCount(), before + 1000);
        QVERIFY(inOrder(*pendingTab));
        const int firstInserted = inserted.constFirst().at(1).toInt();
        QCOMPARE(firstInserted, order == Qt::DescendingOrder ? 0 : before);
    }
}

// Sorted by name, a page's rows fall all over the table: one insertion, one layout change, and
// the selected and current rows stay on the same people.
void TestAccessFilter::scatteredPageKeepsTheSelection()
{
    QList<AccessRequest> even, odd;
    for (int i = 0; i < 400; ++i)
        (i % 2 ? odd : even).append(request(QStringLiteral("u-%1").arg(i, 4, 10, QLatin1Char('0')), accepted,
                                             utc("2026-04-01T00:00:00Z").addSecs(i), {}));
    m_model->addRequests(even);
    AccessRequestFilter *all = tab(QString());
    all->sort(AccessRequestModel::User, Qt::AscendingOrder);
    QItemSelectionModel selection(all);
    const QModelIndex dee = all->index(usersOf(*all).indexOf(QStringLiteral("dee-n")), 0);
    selection.setCurrentIndex(dee, QItemSelectionModel::SelectCurrent | QItemSelectionModel::Rows);
    const QModelIndex u10 = all->index(usersOf(*all).indexOf(QStringLiteral("u-0010")), 0);
    selection.select(u10, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QSignalSpy inserted(all, &QAbstractItemModel::rowsInserted);
    QSignalSpy layouts(all, &QAbstractItemModel::layoutChanged);
    m_model->addRequests(odd); // each between two rows already shown
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(layouts.size(), 1);
    QCOMPARE(all->rowCount(), 6 + 400);
    QVERIFY(inOrder(*all));
    QCOMPARE(selection.currentIndex().data().toString(), QStringLiteral("dee-n"));
    QStringList selected;
    for (const QModelIndex &row : selection.selectedRows())
        selected.append(row.data().toString());
    QCOMPARE(sorted(selected), QStringList({QStringLiteral("dee-n"), QStringLiteral("u-0010")}));
    QCOMPARE(usersOf(*all).indexOf(QStringLiteral("u-0010")), 6 + 10);
}

// Decisions move rows out of a tab and to new places in another; a row whose key changes moves.
void TestAccessFilter::removalsAndMovesKeepOrder()
{
    m_model->addRequests(page(QStringLiteral("p-"), 2000, utc("2026-04-01T00:00:00Z"), pending));
    AccessRequestFilter *pendingTab = tab(pending);
    AccessRequestFilter *acceptedTab = tab(accepted);
    acceptedTab->sort(AccessRequestModel::ReviewedAt, Qt::DescendingOrder);
    const int pendingBefore = pendingTab->rowCount();
    for (int i = 0; i < 2000; i += 7)
        m_model->updateStatus(QStringLiteral("p-%1").arg(i, 4, 10, QLatin1Char('0')), accepted,
                              utc("2026-05-01T00:00:00Z").addSecs(i), {});
    const int moved = (2000 + 6) / 7;
    QCOMPARE(pendingTab->rowCount(), pendingBefore - moved);
    QCOMPARE(acceptedTab->rowCount(), 1 + moved);
    QVERIFY(inOrder(*pendingTab));
    QVERIFY(inOrder(*acceptedTab));
    QCOMPARE(acceptedTab->index(0, 0).data().toString(), QStringLiteral("p-1995"));
    // Reviewed again later: the row moves to the top of the accepted tab.
    m_model->updateStatus(QStringLiteral("p-0007"), accepted, utc("2026-06-01T00:00:00Z"), {});
    QCOMPARE(acceptedTab->index(0, 0).data().toString(), QStringLiteral("p-0007"));
    QVERIFY(inOrder(*acceptedTab));
    QCOMPARE(usersOf(*pendingTab).size(), pendingTab->rowCount());
}

namespace {

// count requests in time order (two at a time share a time), statuses at random, with names,
// affiliations and answers from a few words so that sort keys repeat.
QList<AccessRequest> crowd(const QString &prefix, int count, const QDateTime &start, QRandomGenerator &random)
{
    const QStringList words{QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("Gamma"),
                            QStringLiteral("delta"), QStringLiteral("alphabet")};
    const QStringList countries{QStringLiteral("US"), QStringLiteral("DE"), QStringLiteral("FR")};
    const QStringList uses{QStringLiteral("Research"), QStringLiteral("Education"), QStringLiteral("other")};
    const QStringList statuses{pending, accepted, rejected, pending};
    QList<AccessRequest> out;
    for (int i = 0; i < count; ++i) {
        AccessRequest r = request(QStringLiteral("%1%2-%3%4").arg(words[random.bounded(5)]).arg(random.bounded(3)).arg(prefix).arg(i),
                                  i % 40 == 7 ? QStringLiteral("reset") : statuses[random.bounded(4)],
                                  start.addSecs(qint64(i / 2) * 600),
                                  answers(words[random.bounded(5)] + QLatin1Char(' ') + words[random.bounded(5)],
                                          countries[random.bounded(3)], uses[random.bounded(3)], random.bounded(2)));
        if (r.status != pending && random.bounded(3))
            r.reviewedAt = start.addSecs(random.bounded(2000000));
        if (random.bounded(10) == 0)
            r.fields.clear();
        out.append(r);
    }
    return out;
}

// One filter that runs every change in slices (from 10 rows on, 128 rows a slice) and one that
// never does, over the same model: after each pass both must show the same rows in the same order.
struct SlicedAndAtOnce
{
    explicit SlicedAndAtOnce(AccessRequestModel *model)
    {
        for (AccessRequestFilter *filter : {&sliced, &atOnce}) {
            filter->setSourceModel(model);
            filter->sort(AccessRequestModel::RequestedAt, Qt::DescendingOrder);
        }
        sliced.setSliceThreshold(10);
        sliced.setSliceMs(0);
        atOnce.setSliceThreshold(INT_MAX);
    }
    void apply(const std::function<void(AccessRequestFilter *)> &change)
    {
        change(&sliced);
        change(&atOnce);
    }

    AccessRequestFilter sliced;
    AccessRequestFilter atOnce;
    QAbstractItemModelTester tester{&sliced, QAbstractItemModelTester::FailureReportingMode::QtTest};
};

bool passEnds(AccessRequestFilter *filter)
{
    QSignalSpy done(filter, &AccessRequestFilter::filteringChanged);
    while (filter->isFiltering())
        if (!done.wait(20000))
            return false;
    return true;
}

using Change = std::function<void(AccessRequestFilter *)>;

Change searchFor(const char *text)
{
    return [text](AccessRequestFilter *f) { f->setSearchText(QString::fromLatin1(text)); };
}

Change sortBy(int column, Qt::SortOrder order)
{
    return [column, order](AccessRequestFilter *f) { f->sort(column, order); };
}

} // namespace

// A thousand rows or so: the tabs' testers walk every cell on every change, so they go (each
// test below watches its sliced filter with a tester of its own).
void TestAccessFilter::fillWithACrowd(int count)
{
    qDeleteAll(m_testers);
    m_testers.clear();
    qDeleteAll(m_tabs);
    m_tabs.clear();
    m_model->clear();
    QRandomGenerator random(20260601);
    const QList<AccessRequest> rows = crowd(QStringLiteral("c"), count, utc("2026-01-01T00:00:00Z"), random);
    m_model->addRequests(rows.mid(0, count / 2));
    m_model->addRequests(rows.mid(count / 2));
}

void TestAccessFilter::slicedPassesShowWhatAFilterAtOnceShows()
{
    fillWithACrowd(1200);
    SlicedAndAtOnce filters(m_model);
    QSignalSpy layouts(&filters.sliced, &QAbstractItemModel::layoutChanged);
    QSignalSpy busy(&filters.sliced, &AccessRequestFilter::filteringChanged);
    const QList<std::pair<const char *, Change>> steps{
        {"first letter", searchFor("b")},
        {"typing on", searchFor("bet")},
        {"typing on again", searchFor("beta")},
        {"clearing", searchFor("")},
        {"status", [](AccessRequestFilter *f) { f->setStatus(pending); }},
        {"word in another case", searchFor("GAMMA")},
        {"field filter", [](AccessRequestFilter *f) { f->setFieldFilter(QStringLiteral("Country"), QStringLiteral("DE")); }},
        {"checkbox filter", [](AccessRequestFilter *f) { f->setFieldFilter(QStringLiteral("I agree"), QStringLiteral("checked")); }},
        {"clear field filters", [](AccessRequestFilter *f) { f->clearFieldFilters(); }},
        {"date range", [](AccessRequestFilter *f) { f->setDateRange(QDate(2026, 1, 2), QDate(2026, 1, 4)); }},
        {"every status and date", [](AccessRequestFilter *f) {
             f->setStatus(QString());
             f->setDateRange({}, {});
         }},
        {"text sort", sortBy(AccessRequestModel::FullName, Qt::AscendingOrder)},
        {"text sort, descending", sortBy(AccessRequestModel::FullName, Qt::DescendingOrder)},
        {"typing on, sorted by text", searchFor("gamma d")},
        {"clearing, sorted by text", searchFor("")},
        {"answer column", sortBy(AccessRequestModel::FirstFieldColumn, Qt::AscendingOrder)},
        {"select column", sortBy(AccessRequestModel::FirstFieldColumn + 3, Qt::DescendingOrder)},
        {"checkbox column", sortBy(AccessRequestModel::FirstFieldColumn + 4, Qt::AscendingOrder)},
        {"reviewed", sortBy(AccessRequestModel::ReviewedAt, Qt::DescendingOrder)},
        {"search, sorted by review", searchFor("beta")},
        {"requested, oldest first", sortBy(AccessRequestModel::RequestedAt, Qt::AscendingOrder)},
        {"source order", sortBy(-1, Qt::AscendingOrder)},
        {"two words", searchFor("delta alpha")},
    };
    for (const auto &[what, change] : steps) {
        const QStringList before = usersOf(filters.sliced);
        layouts.clear();
        busy.clear();
        filters.apply(change);
        QVERIFY2(filters.sliced.isFiltering(), what);
        QVERIFY2(usersOf(filters.sliced) == before, what); // until the pass ends
        QVERIFY2(passEnds(&filters.sliced), what);
        QVERIFY2(filters.atOnce.rowCount() > 10, what);
        QVERIFY2(usersOf(filters.sliced) == usersOf(filters.atOnce), what);
        QVERIFY2(layouts.size() == (before == usersOf(filters.atOnce) ? 0 : 1), what);
        QCOMPARE(busy.size(), 2);
        QCOMPARE(busy[0][0].toBool(), true);
        QCOMPARE(busy[1][0].toBool(), false);
    }
}

void TestAccessFilter::changesDuringAPassEndUpShown_data()
{
    QTest::addColumn<Change>("before");
    QTest::addColumn<Change>("change");
    const Change nothing = [](AccessRequestFilter *) {};
    QTest::newRow("first letter") << nothing << searchFor("a");
    QTest::newRow("typing on") << searchFor("al") << searchFor("alpha");
    QTest::newRow("clearing") << searchFor("beta") << searchFor("");
    QTest::newRow("status") << nothing << Change([](AccessRequestFilter *f) { f->setStatus(pending); });
    QTest::newRow("text sort") << nothing << sortBy(AccessRequestModel::FirstFieldColumn, Qt::AscendingOrder);
    QTest::newRow("search, sorted by text") << Change([](AccessRequestFilter *f) {
        f->sort(AccessRequestModel::User, Qt::DescendingOrder);
        f->setSearchText(QStringLiteral("alpha"));
    }) << searchFor("");
    QTest::newRow("review sort") << nothing << sortBy(AccessRequestModel::ReviewedAt, Qt::AscendingOrder);
}

// Pages keep arriving and decisions keep landing while a pass runs; its result takes them in.
void TestAccessFilter::changesDuringAPassEndUpShown()
{
    QFETCH(Change, before);
    QFETCH(Change, change);
    fillWithACrowd(900);
    SlicedAndAtOnce filters(m_model);
    filters.apply(before);
    QVERIFY(passEnds(&filters.sliced));
    QRandomGenerator random(7);
    filters.apply(change);
    // Before the first slice, then between slices (some rows tested, others not yet).
    for (int round = 0; round < 3 && filters.sliced.isFiltering(); ++round) {
        m_model->addRequests(crowd(QStringLiteral("late%1-").arg(round), 150,
                                   utc("2026-03-01T00:00:00Z").addDays(round), random));
        // Decisions on rows tested already and on rows still to test; answers edited in place.
        for (int row = round; row < m_model->rowCount(); row += 29) {
            const QString status = m_model->statusAt(row) == pending ? accepted : pending;
            m_model->updateStatus(m_model->index(row, 0).data().toString(), status,
                                  utc("2026-04-01T00:00:00Z").addSecs(row), QStringLiteral("mira"));
        }
        AccessRequest edited = m_model->requestAt(round * 11);
        edited.fields[QStringLiteral("Affiliation")] = QStringLiteral("alpha zulu");
        edited.user.fullname = QStringLiteral("Aardvark");
        m_model->addRequests({edited});
        QCoreApplication::processEvents();
    }
    QVERIFY(passEnds(&filters.sliced));
    QVERIFY(filters.atOnce.rowCount() > 10);
    QCOMPARE(usersOf(filters.sliced), usersOf(filters.atOnce));
}

// A change while a pass runs drops it: its rows are never shown, and one pass follows.
void TestAccessFilter::aNewChangeReplacesTheRunningPass()
{
    fillWithACrowd(1200);
    SlicedAndAtOnce filters(m_model);
    QSignalSpy layouts(&filters.sliced, &QAbstractItemModel::layoutChanged);
    QSignalSpy busy(&filters.sliced, &AccessRequestFilter::filteringChanged);
    for (const char *typed : {"alpha", "b", "be", "bet"}) { // not within "alpha", then typing on
        filters.apply(searchFor(typed));
        QCoreApplication::processEvents();
        QVERIFY(filters.sliced.isFiltering());
    }
    // The order changes while the rows are sorted, then the filter while they are sorted again.
    filters.apply(sortBy(AccessRequestModel::FullName, Qt::AscendingOrder));
    for (int turn = 0; turn < 3; ++turn)
        QCoreApplication::processEvents();
    filters.apply(sortBy(AccessRequestModel::Email, Qt::DescendingOrder));
    QCoreApplication::processEvents();
    filters.apply(searchFor("beta"));
    QVERIFY(passEnds(&filters.sliced));
    QCOMPARE(layouts.size(), 1);
    QCOMPARE(busy.size(), 2);
    QVERIFY(filters.atOnce.rowCount() > 10);
    QCOMPARE(usersOf(filters.sliced), usersOf(filters.atOnce));
}

// A sort on the worker that another change made useless is not shown when it comes back; what
// changed while it ran is.
void TestAccessFilter::aSortThatComesBackLateIsDropped()
{
    fillWithACrowd(1200);
    SlicedAndAtOnce filters(m_model);
    // The worker threads are kept busy until the gate opens: the sorts wait their turn.
    QThreadPool *pool = QThreadPool::globalInstance();
    const int threads = pool->maxThreadCount();
    QSemaphore gate;
    const auto openGate = qScopeGuard([&] {
        gate.release();
        pool->setMaxThreadCount(threads);
    });
    pool->setMaxThreadCount(1);
    pool->start([&gate] { gate.acquire(); });
    filters.apply(sortBy(AccessRequestModel::FullName, Qt::AscendingOrder));
    for (int turn = 0; turn < 10; ++turn)
        QCoreApplication::processEvents();
    QVERIFY(filters.sliced.isFiltering()); // its rows are waiting for the worker
    QRandomGenerator random(99);
    m_model->addRequests(crowd(QStringLiteral("late"), 100, utc("2026-03-01T00:00:00Z"), random));
    for (int row = 3; row < m_model->rowCount(); row += 31)
        m_model->updateStatus(m_model->index(row, 0).data().toString(), rejected, utc("2026-04-01T00:00:00Z"), {});
    filters.apply(sortBy(AccessRequestModel::FullName, Qt::DescendingOrder));
    for (int turn = 0; turn < 10; ++turn)
        QCoreApplication::processEvents();
    QVERIFY(filters.sliced.isFiltering());
    gate.release(); // the first sort comes back first
    QVERIFY(passEnds(&filters.sliced));
    QCOMPARE(usersOf(filters.sliced), usersOf(filters.atOnce));
}

// Rows removed renumber the rest: the pass starts over. A reset shows the right rows at once.
void TestAccessFilter::removalsAndResetsDuringAPass()
{
    fillWithACrowd(1200);
    SlicedAndAtOnce filters(m_model);
    filters.apply(sortBy(AccessRequestModel::User, Qt::AscendingOrder));
    QVERIFY(passEnds(&filters.sliced));
    filters.apply(searchFor("gamma"));
    QCoreApplication::processEvents();
    QSet<QString> keep;
    for (int row = 0; row < m_model->rowCount(); row += 3)
        keep.insert(m_model->index(row, 0).data().toString());
    m_model->removeStaleOfStatus(rejected, keep); // many ranges: a model reset
    QVERIFY(!filters.sliced.isFiltering());
    QCOMPARE(usersOf(filters.sliced), usersOf(filters.atOnce));

    filters.apply(searchFor(""));
    QCoreApplication::processEvents();
    for (int round = 0; round < 3; ++round) { // a few rows at a time: removed one range each
        QSet<QString> kept;
        for (int row = 0; row < m_model->rowCount(); ++row)
            if (m_model->statusAt(row) == accepted && row != 40 * round + 5)
                kept.insert(m_model->index(row, 0).data().toString());
        m_model->removeStaleOfStatus(accepted, kept);
        QVERIFY(filters.sliced.isFiltering());
        QCoreApplication::processEvents();
    }
    QVERIFY(passEnds(&filters.sliced));
    QCOMPARE(usersOf(filters.sliced), usersOf(filters.atOnce));

    QSignalSpy busy(&filters.sliced, &AccessRequestFilter::filteringChanged);
    filters.apply(searchFor("delta"));
    m_model->setGateFields(accesstest::form()); // a reset
    QCOMPARE(busy.size(), 2);
    QVERIFY(!filters.sliced.isFiltering());
    QCOMPARE(usersOf(filters.sliced), usersOf(filters.atOnce));
}

// Filter changes, pages, decisions and removals in random order and at random moments of passes.
void TestAccessFilter::randomChangesDuringPasses()
{
    fillWithACrowd(800);
    SlicedAndAtOnce filters(m_model);
    QRandomGenerator random(424242);
    const QList<Change> changes{
        searchFor("a"), searchFor("al"), searchFor("alpha"), searchFor("bet"), searchFor(""), searchFor("gamma 1"),
        [](AccessRequestFilter *f) { f->setStatus(pending); }, [](AccessRequestFilter *f) { f->setStatus(QString()); },
        [](AccessRequestFilter *f) { f->setFieldFilter(QStringLiteral("Country"), QStringLiteral("US")); },
        [](AccessRequestFilter *f) { f->clearFieldFilters(); },
        [](AccessRequestFilter *f) { f->setDateRange(QDate(2026, 1, 2), {}); },
        [](AccessRequestFilter *f) { f->setDateRange({}, {}); },
        sortBy(AccessRequestModel::FullName, Qt::AscendingOrder), sortBy(AccessRequestModel::RequestedAt, Qt::DescendingOrder),
        sortBy(AccessRequestModel::ReviewedAt, Qt::AscendingOrder), sortBy(AccessRequestModel::FirstFieldColumn, Qt::DescendingOrder),
    };
    for (int round = 0; round < 60; ++round) {
        filters.apply(changes[random.bounded(int(changes.size()))]);
        for (int turns = random.bounded(4); turns > 0; --turns)
            QCoreApplication::processEvents();
        switch (random.bounded(4)) {
        case 0:
            m_model->addRequests(crowd(QStringLiteral("r%1-").arg(round), 20 + random.bounded(60),
                                       utc("2026-02-01T00:00:00Z").addDays(round), random));
            break;
        case 1:
            for (int row = random.bounded(13); row < m_model->rowCount(); row += 13)
                m_model->updateStatus(m_model->index(row, 0).data().toString(), random.bounded(2) ? accepted : pending,
                                      utc("2026-05-01T00:00:00Z").addSecs(random.bounded(100000)), {});
            break;
        case 2: {
            QSet<QString> keep;
            for (int row = 0; row < m_model->rowCount(); ++row)
                if (random.bounded(50))
                    keep.insert(m_model->index(row, 0).data().toString());
            m_model->removeStaleOfStatus(rejected, keep);
            break;
        }
        default:
            break;
        }
        if (random.bounded(3) == 0) {
            QVERIFY(passEnds(&filters.sliced));
            QCOMPARE(usersOf(filters.sliced), usersOf(filters.atOnce));
        }
    }
    QVERIFY(passEnds(&filters.sliced));
    QCOMPARE(usersOf(filters.sliced), usersOf(filters.atOnce));
}

QTEST_GUILESS_MAIN(TestAccessFilter)
#include "tst_access_filter.moc"
