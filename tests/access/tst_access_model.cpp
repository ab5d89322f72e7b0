// AccessRequestModel under QAbstractItemModelTester: inserts, in-place refresh, narrow
// dataChanged, upsert, stale removal, column reset, counts and unknown statuses.
#include "access/accessrequestmodel.h"
#include "accesstestutil.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace hubgate;
using accesstest::answers;
using accesstest::request;
using accesstest::utc;

namespace {

QList<AccessRequest> firstPage()
{
    return {request(QStringLiteral("ada-l"), QStringLiteral("pending"), utc("2026-03-10T03:00:00Z"),
                    answers(QStringLiteral("Analytical Engines"), QStringLiteral("GB"), QStringLiteral("other"), true)),
            request(QStringLiteral("bob-k"), QStringLiteral("accepted"), utc("2026-03-11T12:00:00Z"),
                    answers(QStringLiteral("Bell Labs"), QStringLiteral("US"), QStringLiteral("Research"), false)),
            request(QStringLiteral("cy-m"), QStringLiteral("rejected"), utc("2026-03-12T23:30:00Z"),
                    answers(QStringLiteral("CERN"), QStringLiteral("CH"), QStringLiteral("Education"), true))};
}

// Every row is where rowOfUser says it is.
bool indexIsConsistent(const AccessRequestModel &model)
{
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.rowOfUser(model.index(row, 0).data(AccessRequestModel::UserNameRole).toString()) != row)
            return false;
    return true;
}

QStringList names(const AccessRequestModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.index(row, AccessRequestModel::User).data().toString());
    return out;
}

} // namespace

class TestAccessModel : public QObject
{
    Q_OBJECT

public:
    static void initMain() { accesstest::useNewYorkTime(); }

private Q_SLOTS:
    void init();
    void cleanup();
    void pagesAreInsertedInOneBlockEach();
    void headers();
    void displayAndRoles();
    void requestRoundTrip();
    void refreshUpdatesOnlyChangedRows();
    void sameUserTwiceInOnePage();
    void updateStatusChangesOneRow();
    void upsertAddsOrUpdates();
    void removeStaleOfStatus();
    void removeStaleScatteredResets();
    void unknownStatusesAreListed();
    void setGateFieldsResetsColumns();
    void clearDropsRows();
    void searchTextFollowsUpdates();
    void nulCharactersStayInsideTheirAnswer();

private:
    AccessRequestModel *m_model = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void TestAccessModel::init()
{
    m_model = new AccessRequestModel(this);
    m_tester = new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    m_model->setGateFields(accesstest::form());
}

void TestAccessModel::cleanup()
{
    delete m_tester;
    delete m_model;
}

void TestAccessModel::pagesAreInsertedInOneBlockEach()
{
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy counts(m_model, &AccessRequestModel::countsChanged);
    m_model->addRequests(firstPage());
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted[0][1].toInt(), 0);
    QCOMPARE(inserted[0][2].toInt(), 2);
    QCOMPARE(counts.count(), 1);

    m_model->addRequests({request(QStringLiteral("dee"), QStringLiteral("pending"), utc("2026-03-13T00:00:00Z")),
                          request(QStringLiteral("eve"), QStringLiteral("pending"), utc("2026-03-14T00:00:00Z"))});
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted[1][1].toInt(), 3);
    QCOMPARE(inserted[1][2].toInt(), 4);
    QCOMPARE(m_model->rowCount(), 5);
    QCOMPARE(m_model->columnCount(), AccessRequestModel::FirstFieldColumn + 5);
    QCOMPARE(m_model->countOf(QStringLiteral("pending")), 3);
    QCOMPARE(m_model->countOf(QStringLiteral("accepted")), 1);
    QCOMPARE(m_model->countOf(QStringLiteral("rejected")), 1);
    QCOMPARE(m_model->countOf(QStringLiteral("nonsense")), 0);
    QCOMPARE(m_model->rowOfUser(QStringLiteral("eve")), 4);
    QCOMPARE(m_model->rowOfUser(QStringLiteral("nobody")), -1);

    m_model->addRequests({});
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(counts.count(), 2);
}

void TestAccessModel::headers()
{
    for (int column = 0; column < AccessRequestModel::FirstFieldColumn; ++column)
        QVERIFY(!m_model->headerData(column, Qt::Horizontal).toString().isEmpty());
    QCOMPARE(m_model->headerData(AccessRequestModel::User, Qt::Horizontal).toString(), QStringLiteral("User"));
    QCOMPARE(m_model->headerData(AccessRequestModel::RequestedAt, Qt::Horizontal).toString(), QStringLiteral("Requested"));
    int column = AccessRequestModel::FirstFieldColumn;
    for (const GateField &field : accesstest::form())
        QCOMPARE(m_model->headerData(column++, Qt::Horizontal).toString(), field.name);
    QVERIFY(!m_model->headerData(column, Qt::Horizontal).isValid());
}

void TestAccessModel::displayAndRoles()
{
    QVERIFY(QDateTime::currentDateTime().offsetFromUtc() != 0); // New York, see initMain()
    QList<AccessRequest> page = firstPage();
    page[1].reviewedAt = utc("2026-03-15T16:45:00Z");
    page[1].grantedBy = QStringLiteral("mira-patel");
    m_model->addRequests(page);
    const auto cell = [this](int row, int column, int role = Qt::DisplayRole) {
        return m_model->index(row, column).data(role);
    };
    QCOMPARE(cell(0, AccessRequestModel::User).toString(), QStringLiteral("ada-l"));
    QCOMPARE(cell(0, AccessRequestModel::FullName).toString(), QStringLiteral("ada Example"));
    QCOMPARE(cell(0, AccessRequestModel::Email).toString(), QStringLiteral("ada-l@example.org"));
    // 03:00 UTC on 10 March is the evening of 9 March in New York.
    const QDateTime requested = utc("2026-03-10T03:00:00Z");
    QCOMPARE(cell(0, AccessRequestModel::RequestedAt).toString(),
             QLocale().toString(requested.toLocalTime(), QLocale::ShortFormat));
    QVERIFY(cell(0, AccessRequestModel::RequestedAt).toString() !=
            QLocale().toString(requested, QLocale::ShortFormat));
    QCOMPARE(cell(0, AccessRequestModel::RequestedAt, AccessRequestModel::SortRole).toDateTime(), requested);
    QCOMPARE(cell(0, AccessRequestModel::RequestedAt, AccessRequestModel::SortRole).metaType(), QMetaType::fromType<QDateTime>());
    QVERIFY(cell(0, AccessRequestModel::ReviewedAt).toString().isEmpty());
    QCOMPARE(cell(1, AccessRequestModel::ReviewedAt).toString(),
             QLocale().toString(utc("2026-03-15T16:45:00Z").toLocalTime(), QLocale::ShortFormat));
    QCOMPARE(cell(1, AccessRequestModel::GrantedBy).toString(), QStringLiteral("mira-patel"));
    QCOMPARE(cell(1, AccessRequestModel::Status).toString(), tr("Accepted"));
    QCOMPARE(cell(1, AccessRequestModel::Status, AccessRequestModel::StatusRole).toString(), QStringLiteral("accepted"));
    QCOMPARE(cell(1, 0, AccessRequestModel::UserNameRole).toString(), QStringLiteral("bob-k"));

    const int affiliation = AccessRequestModel::FirstFieldColumn, country = affiliation + 1, use = affiliation + 3,
              agree = affiliation + 4;
    QCOMPARE(cell(0, affiliation).toString(), QStringLiteral("Analytical Engines"));
    QCOMPARE(cell(0, country).toString(), QStringLiteral("GB"));
    QCOMPARE(cell(0, use).toString(), QStringLiteral("Other")); // the label of the stored "other"
    QCOMPARE(cell(1, use).toString(), QStringLiteral("Research"));
    QCOMPARE(cell(0, agree).toString(), tr("Yes"));
    QCOMPARE(cell(1, agree).toString(), tr("No"));
    QCOMPARE(cell(0, agree, AccessRequestModel::SortRole).toBool(), true);
    QCOMPARE(cell(1, agree, AccessRequestModel::SortRole).toBool(), false);

    const QString search = cell(0, 0, AccessRequestModel::SearchTextRole).toString();
    QCOMPARE(search, search.toLower());
    for (const char *part : {"ada-l", "ada example", "ada-l@example.org", "analytical engines", "gb", "1990-01-02"})
        QVERIFY2(search.contains(QLatin1String(part)), part);
    QVERIFY(!search.contains(QLatin1String("/avatars/")));
    QVERIFY(!search.contains(QLatin1String("pending")));
}

void TestAccessModel::requestRoundTrip()
{
    QList<AccessRequest> page = firstPage();
    page[1].reviewedAt = utc("2026-03-15T16:45:00.123Z");
    page[1].grantedBy = QStringLiteral("mira-patel");
    page[1].user.isPro = true;
    page[2].user.email.clear();
    page[2].fields.insert(QStringLiteral("Not in the form"), QStringLiteral("kept"));
    m_model->addRequests(page);
    for (int row = 0; row < page.size(); ++row) {
        const AccessRequest expected = page[row];
        for (const AccessRequest &got : {m_model->requestAt(row),
                                         m_model->index(row, 3).data(AccessRequestModel::RequestRole).value<AccessRequest>()}) {
            QCOMPARE(got.user.name, expected.user.name);
            QCOMPARE(got.user.id, expected.user.id);
            QCOMPARE(got.user.fullname, expected.user.fullname);
            QCOMPARE(got.user.email, expected.user.email);
            QCOMPARE(got.user.avatarUrl, expected.user.avatarUrl);
            QCOMPARE(got.user.isPro, expected.user.isPro);
            QCOMPARE(got.status, expected.status);
            QCOMPARE(got.requestedAt, expected.requestedAt);
            QCOMPARE(got.reviewedAt, expected.reviewedAt);
            QCOMPARE(got.grantedBy, expected.grantedBy);
            QCOMPARE(got.fields, expected.fields);
        }
    }
    QCOMPARE(m_model->answerAt(2, QStringLiteral("Not in the form")), QStringView(u"kept"));
    QVERIFY(m_model->answerAt(1, QStringLiteral("I agree")).isEmpty());
    QVERIFY(m_model->answerAt(1, QStringLiteral("No such field")).isEmpty());
}

void TestAccessModel::refreshUpdatesOnlyChangedRows()
{
    QList<AccessRequest> page = firstPage();
    page.append(request(QStringLiteral("dee"), QStringLiteral("pending"), utc("2026-03-13T00:00:00Z")));
    m_model->addRequests(page);

    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy counts(m_model, &AccessRequestModel::countsChanged);
    m_model->addRequests(page); // nothing new
    QCOMPARE(changed.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(counts.count(), 0);

    page[1].fields[QStringLiteral("Affiliation")] = QStringLiteral("Bell Labs Research"); // row 1
    page[3].status = QStringLiteral("accepted");                                      // row 3
    m_model->addRequests(page);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(changed.count(), 2);
    for (int i = 0; i < 2; ++i) {
        const auto topLeft = changed[i][0].value<QModelIndex>();
        const auto bottomRight = changed[i][1].value<QModelIndex>();
        QCOMPARE(topLeft.row(), i == 0 ? 1 : 3);
        QCOMPARE(bottomRight.row(), topLeft.row());
        QCOMPARE(topLeft.column(), 0);
        QCOMPARE(bottomRight.column(), m_model->columnCount() - 1);
    }
    QCOMPARE(m_model->index(1, AccessRequestModel::FirstFieldColumn).data().toString(), QStringLiteral("Bell Labs Research"));
    QCOMPARE(counts.count(), 1);
    QCOMPARE(m_model->countOf(QStringLiteral("pending")), 1);
    QCOMPARE(m_model->countOf(QStringLiteral("accepted")), 2);
}

void TestAccessModel::sameUserTwiceInOnePage()
{
    AccessRequest later = request(QStringLiteral("ada-l"), QStringLiteral("accepted"), utc("2026-03-11T00:00:00Z"));
    m_model->addRequests({request(QStringLiteral("ada-l"), QStringLiteral("pending"), utc("2026-03-10T00:00:00Z")),
                          request(QStringLiteral("bob-k"), QStringLiteral("pending"), utc("2026-03-10T00:00:00Z")), later});
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->requestAt(0).status, QStringLiteral("accepted"));
    QCOMPARE(m_model->countOf(QStringLiteral("pending")), 1);
    QVERIFY(indexIsConsistent(*m_model));
}

void TestAccessModel::updateStatusChangesOneRow()
{
    m_model->addRequests(firstPage());
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    QSignalSpy counts(m_model, &AccessRequestModel::countsChanged);
    const QDateTime now = utc("2026-04-01T10:00:00Z");
    QVERIFY(m_model->updateStatus(QStringLiteral("ada-l"), QStringLiteral("accepted"), now, QStringLiteral("mira-patel")));
    QCOMPARE(changed.count(), 1);
    const auto topLeft = changed[0][0].value<QModelIndex>();
    const auto bottomRight = changed[0][1].value<QModelIndex>();
    QCOMPARE(topLeft.row(), 0);
    QCOMPARE(bottomRight.row(), 0);
    QCOMPARE(bottomRight.column(), m_model->columnCount() - 1);
    QCOMPARE(counts.count(), 1);
    QCOMPARE(m_model->countOf(QStringLiteral("pending")), 0);
    QCOMPARE(m_model->countOf(QStringLiteral("accepted")), 2);
    const AccessRequest ada = m_model->requestAt(0);
    QCOMPARE(ada.status, QStringLiteral("accepted"));
    QCOMPARE(ada.reviewedAt, now);
    QCOMPARE(ada.grantedBy, QStringLiteral("mira-patel"));
    QCOMPARE(ada.fields, firstPage()[0].fields); // the rest untouched

    // The same decision again changes nothing; an unknown user is refused.
    QVERIFY(m_model->updateStatus(QStringLiteral("ada-l"), QStringLiteral("accepted"), now, QStringLiteral("mira-patel")));
    QVERIFY(!m_model->updateStatus(QStringLiteral("nobody"), QStringLiteral("accepted"), now, {}));
    QCOMPARE(changed.count(), 1);

    // Cancel: back to pending, no review time, no granter; the counts move back.
    QVERIFY(m_model->updateStatus(QStringLiteral("ada-l"), QStringLiteral("pending"), {}, {}));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed[1][0].value<QModelIndex>().row(), 0);
    QCOMPARE(changed[1][1].value<QModelIndex>().row(), 0);
    QVERIFY(!m_model->requestAt(0).reviewedAt.isValid());
    QVERIFY(m_model->requestAt(0).grantedBy.isEmpty());
    QCOMPARE(m_model->countOf(QStringLiteral("pending")), 1);
    QCOMPARE(counts.count(), 2);
}

void TestAccessModel::upsertAddsOrUpdates()
{
    m_model->addRequests(firstPage());
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    AccessRequest granted = request(QStringLiteral("zoe"), QStringLiteral("accepted"), utc("2026-04-01T00:00:00Z"));
    granted.grantedBy = QStringLiteral("mira-patel");
    m_model->upsert(granted);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted[0][1].toInt(), 3);
    QCOMPARE(inserted[0][2].toInt(), 3);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(m_model->rowOfUser(QStringLiteral("zoe")), 3);

    AccessRequest bob = firstPage()[1];
    bob.status = QStringLiteral("rejected");
    m_model->upsert(bob);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed[0][0].value<QModelIndex>().row(), 1);
    QCOMPARE(changed[0][1].value<QModelIndex>().row(), 1);
    QCOMPARE(m_model->countOf(QStringLiteral("rejected")), 2);
}

void TestAccessModel::removeStaleOfStatus()
{
    QList<AccessRequest> page;
    for (int i = 0; i < 12; ++i)
        page.append(request(QStringLiteral("user%1").arg(i), i % 3 == 0 ? QStringLiteral("accepted") : QStringLiteral("pending"),
                            utc("2026-03-10T00:00:00Z").addSecs(i)));
    m_model->addRequests(page);
    // Pending: 1 2 4 5 7 8 10 11. Keep 2, 7, 8 and one that is not there.
    const QSet<QString> keep{QStringLiteral("user2"), QStringLiteral("user7"), QStringLiteral("user8"), QStringLiteral("ghost")};
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy counts(m_model, &AccessRequestModel::countsChanged);
    m_model->removeStaleOfStatus(QStringLiteral("pending"), keep);
    QCOMPARE(names(*m_model), QStringList({QStringLiteral("user0"), QStringLiteral("user2"), QStringLiteral("user3"),
                                           QStringLiteral("user6"), QStringLiteral("user7"), QStringLiteral("user8"),
                                           QStringLiteral("user9")}));
    QCOMPARE(removed.count(), 3); // 1, 4-5 and 10-11: one signal per range
    QCOMPARE(counts.count(), 1);
    QCOMPARE(m_model->countOf(QStringLiteral("pending")), 3);
    QCOMPARE(m_model->countOf(QStringLiteral("accepted")), 4);
    QVERIFY(indexIsConsistent(*m_model));
    QCOMPARE(m_model->rowOfUser(QStringLiteral("user1")), -1);

    // Nothing stale, or a status never seen: no signal at all.
    m_model->removeStaleOfStatus(QStringLiteral("pending"), keep);
    m_model->removeStaleOfStatus(QStringLiteral("reset"), {});
    QCOMPARE(removed.count(), 3);
    QCOMPARE(counts.count(), 1);
}

void TestAccessModel::removeStaleScatteredResets()
{
    QList<AccessRequest> page;
    for (int i = 0; i < 400; ++i)
        page.append(request(QStringLiteral("user%1").arg(i), i % 2 ? QStringLiteral("pending") : QStringLiteral("rejected"),
                            utc("2026-03-10T00:00:00Z").addSecs(i)));
    m_model->addRequests(page);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    m_model->removeStaleOfStatus(QStringLiteral("pending"), {QStringLiteral("user399")});
    QCOMPARE(reset.count(), 1); // 199 scattered ranges: one reset instead
    QCOMPARE(m_model->rowCount(), 201);
    QCOMPARE(m_model->countOf(QStringLiteral("pending")), 1);
    QCOMPARE(m_model->countOf(QStringLiteral("rejected")), 200);
    QVERIFY(indexIsConsistent(*m_model));
    QCOMPARE(m_model->index(200, 0).data().toString(), QStringLiteral("user399"));
    QVERIFY(m_model->index(200, 0).data(AccessRequestModel::SearchTextRole).toString().startsWith(QLatin1String("user399\n")));
}

void TestAccessModel::unknownStatusesAreListed()
{
    QSignalSpy counts(m_model, &AccessRequestModel::countsChanged);
    m_model->addRequests({request(QStringLiteral("ada"), QStringLiteral("reset"), utc("2026-03-10T00:00:00Z")),
                          request(QStringLiteral("bob"), QStringLiteral("pending"), utc("2026-03-10T00:00:01Z")),
                          request(QStringLiteral("cy"), QStringLiteral("zzz-later"), utc("2026-03-10T00:00:02Z")),
                          request(QStringLiteral("dee"), QStringLiteral("reset"), utc("2026-03-10T00:00:03Z"))});
    QCOMPARE(m_model->rowCount(), 4); // nothing dropped
    QCOMPARE(m_model->statuses(), QStringList({QStringLiteral("pending"), QStringLiteral("accepted"), QStringLiteral("rejected"),
                                               QStringLiteral("reset"), QStringLiteral("zzz-later")}));
    QCOMPARE(m_model->countOf(QStringLiteral("reset")), 2);
    QCOMPARE(m_model->index(0, AccessRequestModel::Status).data().toString(), QStringLiteral("reset"));
    QCOMPARE(AccessRequestModel::statusDisplayName(QStringLiteral("reset")), QStringLiteral("reset"));

    m_model->updateStatus(QStringLiteral("cy"), QStringLiteral("pending"), {}, {});
    QCOMPARE(m_model->statuses(), QStringList({QStringLiteral("pending"), QStringLiteral("accepted"), QStringLiteral("rejected"),
                                               QStringLiteral("reset")}));
    QCOMPARE(counts.count(), 2);
}

void TestAccessModel::setGateFieldsResetsColumns()
{
    m_model->addRequests(firstPage());
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    const QList<GateField> two{{QStringLiteral("Country"), GateField::Type::Country, {}, {}},
                               {QStringLiteral("New question"), GateField::Type::Text, {}, {}}};
    m_model->setGateFields(two);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->columnCount(), AccessRequestModel::FirstFieldColumn + 2);
    QCOMPARE(m_model->headerData(AccessRequestModel::FirstFieldColumn, Qt::Horizontal).toString(), QStringLiteral("Country"));
    QCOMPARE(m_model->index(2, AccessRequestModel::FirstFieldColumn).data().toString(), QStringLiteral("CH"));
    QVERIFY(m_model->index(2, AccessRequestModel::FirstFieldColumn + 1).data().toString().isEmpty());
    QCOMPARE(m_model->gateFields().size(), 2);

    m_model->setGateFields({});
    QCOMPARE(m_model->columnCount(), int(AccessRequestModel::FirstFieldColumn));
    QCOMPARE(reset.count(), 2);
}

void TestAccessModel::clearDropsRows()
{
    m_model->addRequests(firstPage());
    QSignalSpy counts(m_model, &AccessRequestModel::countsChanged);
    m_model->clear();
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->countOf(QStringLiteral("pending")), 0);
    QCOMPARE(m_model->rowOfUser(QStringLiteral("ada-l")), -1);
    QCOMPARE(counts.count(), 1);
    QCOMPARE(m_model->columnCount(), AccessRequestModel::FirstFieldColumn + 5); // same form
    m_model->addRequests(firstPage());
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->index(0, AccessRequestModel::FirstFieldColumn + 1).data().toString(), QStringLiteral("GB"));
}

// Search texts live in one shared buffer: replaced ones, longer or shorter, and its compaction.
void TestAccessModel::searchTextFollowsUpdates()
{
    QList<AccessRequest> page;
    for (int i = 0; i < 600; ++i) {
        page.append(request(QStringLiteral("user%1").arg(i), QStringLiteral("pending"), utc("2026-03-10T00:00:00Z"),
                            {{QStringLiteral("Affiliation"), QString(1000, QLatin1Char('a' + i % 26))}}));
    }
    m_model->addRequests(page);
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < page.size(); ++i) // longer, then shorter, then longer again
            page[i].fields[QStringLiteral("Affiliation")] =
                QStringLiteral("Round%1 ").arg(round) + QString(round == 1 ? 10 : 3000, QLatin1Char('A' + i % 26));
        m_model->addRequests(page);
        for (int row = 0; row < m_model->rowCount(); row += 37) {
            const QString expected = QStringLiteral("user%1\nuser%1 example\nuser%1@example.org\n").arg(row) +
                                     page[row].fields.value(QStringLiteral("Affiliation")).toLower();
            QCOMPARE(m_model->index(row, 0).data(AccessRequestModel::SearchTextRole).toString(), expected);
            QCOMPARE(m_model->searchTextAt(row), QByteArrayView(expected.toUtf8()));
        }
    }
}

void TestAccessModel::nulCharactersStayInsideTheirAnswer()
{
    const QString withNul = QStringLiteral("before") + QChar(0) + QStringLiteral("after");
    AccessRequest odd = request(QStringLiteral("nul"), QStringLiteral("pending"), utc("2026-03-10T00:00:00Z"),
                                answers(withNul, QStringLiteral("FR"), QStringLiteral("Research"), true));
    odd.user.fullname = withNul;
    m_model->addRequests({odd});
    const AccessRequest got = m_model->requestAt(0);
    const QString replaced = QStringLiteral("before") + QChar(QChar::ReplacementCharacter) + QStringLiteral("after");
    QCOMPARE(got.user.fullname, replaced);
    QCOMPARE(got.user.email, odd.user.email);
    QCOMPARE(got.fields.value(QStringLiteral("Affiliation")), replaced);
    QCOMPARE(got.fields.value(QStringLiteral("Country")), QStringLiteral("FR"));
    QCOMPARE(m_model->index(0, AccessRequestModel::FirstFieldColumn + 1).data().toString(), QStringLiteral("FR"));
}

QTEST_GUILESS_MAIN(TestAccessModel)
#include "tst_access_model.moc"
