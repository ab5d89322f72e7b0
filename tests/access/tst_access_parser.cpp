// parseAccessRequestPage on real emulator pages and on hostile JSON; parseGateFields; isTicked.
#include "access/accessrequest.h"
#include "access/gateform.h"
#include "emulatorfixture.h"
#include "hub/hubjob.h"

#include <QTest>

using namespace hubgate;
using testing::EmulatorFixture;

namespace {

const QString nimbus = QStringLiteral("/api/models/nimbus-ai/nimbus-7b");

QByteArray page(const QByteArray &items)
{
    return "[" + items + "]";
}

// A well-formed item, to be spoiled by the tests.
QByteArray item(const QByteArray &name, const QByteArray &extra = {})
{
    return R"({"user":{"_id":"64a000000000000000000001","avatarUrl":"/a.svg","fullname":"Full )" + name +
           R"(","isPro":true,"user":")" + name + R"(","type":"user","email":")" + name +
           R"(@example.org","verifiedOrgNames":[]},"status":"pending","timestamp":"2026-03-28T06:23:27.677Z")" +
           extra + "}";
}

} // namespace

class TestAccessParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emulatorPagesMatchTheirJson_data();
    void emulatorPagesMatchTheirJson();
    void notAnArray_data();
    void notAnArray();
    void itemsWithoutUsableUserAreSkipped();
    void wrongTypesAreIgnored();
    void hugeStringsAreCut();
    void unknownStatusIsKept();
    void grantedBy_data();
    void grantedBy();
    void timestamps_data();
    void timestamps();
    void deepNestingInsideAnItem();
    void knownStatuses();

    void gateFieldsOfTheEmulatorKeepFormOrder();
    void gateFieldsOptionsAndTypes();
    void gateFieldsAbsentOrBroken_data();
    void gateFieldsAbsentOrBroken();
    void ticked_data();
    void ticked();
};

void TestAccessParser::emulatorPagesMatchTheirJson_data()
{
    QTest::addColumn<QString>("status");
    for (const QString &status : knownRequestStatuses())
        QTest::newRow(qPrintable(status)) << status;
}

// Every item of a real first page, compared field by field with the JSON text itself.
void TestAccessParser::emulatorPagesMatchTheirJson()
{
    QFETCH(QString, status);
    EmulatorFixture hub;
    QNetworkAccessManager nam;
    const testing::Reply reply = testing::send(
        nam, "GET", hub.url(nimbus + QStringLiteral("/user-access-request/") + status + QStringLiteral("?limit=1000")),
        EmulatorFixture::writeToken());
    QCOMPARE(reply.status, 200);
    const emu::Json json = reply.json();
    QVERIFY(json.is_array() && json.size() > 100);

    const ParsedRequestPage parsed = parseAccessRequestPage(reply.body);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.skipped, 0);
    QCOMPARE(parsed.requests.size(), qsizetype(json.size()));
    int withFields = 0, granted = 0, reviewed = 0;
    for (qsizetype i = 0; i < parsed.requests.size(); ++i) {
        const AccessRequest &r = parsed.requests[i];
        const emu::Json &j = json[std::size_t(i)];
        const auto text = [](const emu::Json &v) { return QString::fromStdString(v.get<std::string>()); };
        QCOMPARE(r.user.name, text(j["user"]["user"]));
        QCOMPARE(r.user.id, text(j["user"]["_id"]));
        QCOMPARE(r.user.fullname, text(j["user"]["fullname"]));
        QCOMPARE(r.user.email, j["user"].contains("email") ? text(j["user"]["email"]) : QString());
        QCOMPARE(r.user.avatarUrl, text(j["user"]["avatarUrl"]));
        QCOMPARE(r.user.isPro, j["user"]["isPro"].get<bool>());
        QCOMPARE(r.status, status);
        QCOMPARE(r.requestedAt, QDateTime::fromString(text(j["timestamp"]), Qt::ISODateWithMs));
        QCOMPARE(r.requestedAt.timeSpec(), Qt::UTC);
        if (j.contains("reviewedAt")) {
            ++reviewed;
            QCOMPARE(r.reviewedAt, QDateTime::fromString(text(j["reviewedAt"]), Qt::ISODateWithMs));
        } else {
            QVERIFY(!r.reviewedAt.isValid());
        }
        if (j.contains("grantedBy") && j["grantedBy"].contains("user")) {
            ++granted;
            QCOMPARE(r.grantedBy, text(j["grantedBy"]["user"]));
        } else {
            QVERIFY(r.grantedBy.isEmpty());
        }
        QHash<QString, QString> fields;
        if (j.contains("fields"))
            for (const auto &[key, value] : j["fields"].items())
                fields.insert(QString::fromStdString(key), text(value));
        withFields += !fields.isEmpty();
        QCOMPARE(r.fields, fields);
    }
    QVERIFY(withFields > 0);
    if (status != QLatin1String("pending"))
        QVERIFY(reviewed > 0);
    if (status == QLatin1String("accepted"))
        QVERIFY(granted > 0);
}

void TestAccessParser::notAnArray_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("object") << QByteArray(R"({"error":"Repo not found"})");
    QTest::newRow("string") << QByteArray(R"("pending")");
    QTest::newRow("number") << QByteArray("42");
    QTest::newRow("null") << QByteArray("null");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("html") << QByteArray("<html><body>502 Bad Gateway</body></html>");
    QTest::newRow("truncated") << page(item("ada")).chopped(10);
    QTest::newRow("trailing garbage") << page(item("ada")) + "]";
    QTest::newRow("two arrays") << QByteArray("[] []");
}

void TestAccessParser::notAnArray()
{
    QFETCH(QByteArray, json);
    const ParsedRequestPage parsed = parseAccessRequestPage(json);
    QVERIFY(!parsed.error.isEmpty());
    QVERIFY(parsed.requests.isEmpty());
}

void TestAccessParser::itemsWithoutUsableUserAreSkipped()
{
    const QByteArray json = page(item("ada") + ","                               // kept
                                 + R"({"status":"pending"},)"                      // no user
                                 + R"({"user":"bob","status":"pending"},)"         // user is a string
                                 + R"({"user":{"_id":"x","fullname":"No Name"}},)" // no user name
                                 + R"({"user":{"user":42}},)"                      // name of the wrong type
                                 + R"({"user":{"user":""}},)"                      // empty name
                                 + R"(17, null, "text", true, [1, 2], [],)"        // not objects
                                 + item("cy"));
    const ParsedRequestPage parsed = parseAccessRequestPage(json);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.requests.size(), 2);
    QCOMPARE(parsed.requests[0].user.name, QStringLiteral("ada"));
    QCOMPARE(parsed.requests[1].user.name, QStringLiteral("cy"));
    QCOMPARE(parsed.skipped, 11);
}

void TestAccessParser::wrongTypesAreIgnored()
{
    const QByteArray json = page(
        R"({"user":{"user":"ada","_id":7,"fullname":["A"],"email":null,"avatarUrl":{},"isPro":"yes"},)"
        R"("status":3,"timestamp":1700000000,"reviewedAt":"yesterday","grantedBy":"mira",)"
        R"("fields":{"Text":"x","Number":42,"Float":1.5,"Bool":true,"Null":null,"List":["a"],"Map":{"k":"v"}}},)"
        R"({"user":{"user":"bob"},"status":"pending","fields":["not","a","map"]})");
    const ParsedRequestPage parsed = parseAccessRequestPage(json);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.requests.size(), 2);
    const AccessRequest &ada = parsed.requests[0];
    QCOMPARE(ada.user.name, QStringLiteral("ada"));
    QVERIFY(ada.user.id.isEmpty());
    QVERIFY(ada.user.fullname.isEmpty());
    QVERIFY(ada.user.email.isEmpty());
    QVERIFY(ada.user.avatarUrl.isEmpty());
    QVERIFY(!ada.user.isPro);
    QVERIFY(ada.status.isEmpty()); // the loader puts the status of the list it asked for
    QVERIFY(!ada.requestedAt.isValid());
    QVERIFY(!ada.reviewedAt.isValid());
    QVERIFY(ada.grantedBy.isEmpty());
    // Scalars are answers as written; null, lists and maps are not answers.
    const QHash<QString, QString> expected{{QStringLiteral("Text"), QStringLiteral("x")},
                                           {QStringLiteral("Number"), QStringLiteral("42")},
                                           {QStringLiteral("Float"), QStringLiteral("1.5")},
                                           {QStringLiteral("Bool"), QStringLiteral("true")}};
    QCOMPARE(ada.fields, expected);
    QVERIFY(parsed.requests[1].fields.isEmpty());
}

void TestAccessParser::hugeStringsAreCut()
{
    const QByteArray huge(3'000'000, 'x');
    QByteArray wide; // 200,000 four-byte characters (two UTF-16 units each)
    for (int i = 0; i < 200'000; ++i)
        wide += "\xF0\x9F\x98\x80";
    const QByteArray json = page(R"({"user":{"user":"ada","fullname":")" + huge + R"("},"status":"pending",)"
                                 R"("fields":{"Essay":")" + wide + R"(","Short":"ok"}})");
    const ParsedRequestPage parsed = parseAccessRequestPage(json);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.requests.size(), 1);
    const AccessRequest &ada = parsed.requests[0];
    QCOMPARE(ada.user.fullname.size(), 10001);
    QVERIFY(ada.user.fullname.startsWith(QStringLiteral("xxxxxxxx")));
    QCOMPARE(ada.user.fullname.back(), QChar(0x2026));
    const QString essay = ada.fields.value(QStringLiteral("Essay"));
    QVERIFY(essay.size() <= 10001);
    QVERIFY(essay.size() > 9000);
    QCOMPARE(essay.back(), QChar(0x2026));
    QCOMPARE(ada.fields.value(QStringLiteral("Short")), QStringLiteral("ok"));
}

void TestAccessParser::unknownStatusIsKept()
{
    const QByteArray json = page(item("ada") + "," + QByteArray(item("bob")).replace("\"pending\"", "\"reset\"") +
                                 "," + QByteArray(item("cy")).replace("\"pending\"", "\"Some-Future_Status\""));
    const ParsedRequestPage parsed = parseAccessRequestPage(json);
    QCOMPARE(parsed.requests.size(), 3);
    QCOMPARE(parsed.requests[0].status, QStringLiteral("pending"));
    QCOMPARE(parsed.requests[1].status, QStringLiteral("reset"));
    QCOMPARE(parsed.requests[2].status, QStringLiteral("Some-Future_Status"));
}

void TestAccessParser::grantedBy_data()
{
    QTest::addColumn<QByteArray>("grantedBy");
    QTest::addColumn<QString>("expected");
    QTest::newRow("user object") << QByteArray(R"(,"grantedBy":{"_id":"64a000000000000000000002","user":"mira-patel","fullname":"Mira"})")
                                 << QStringLiteral("mira-patel");
    QTest::newRow("empty object") << QByteArray(R"(,"grantedBy":{})") << QString();
    QTest::newRow("absent") << QByteArray() << QString();
    QTest::newRow("null") << QByteArray(R"(,"grantedBy":null)") << QString();
    QTest::newRow("string") << QByteArray(R"(,"grantedBy":"mira-patel")") << QString();
    QTest::newRow("name of wrong type") << QByteArray(R"(,"grantedBy":{"user":5})") << QString();
}

void TestAccessParser::grantedBy()
{
    QFETCH(QByteArray, grantedBy);
    QFETCH(QString, expected);
    const ParsedRequestPage parsed = parseAccessRequestPage(page(item("ada", grantedBy)));
    QCOMPARE(parsed.requests.size(), 1);
    QCOMPARE(parsed.requests[0].grantedBy, expected);
}

void TestAccessParser::timestamps_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QDateTime>("expected");
    const QDate day(2026, 3, 28);
    QTest::newRow("milliseconds") << QByteArray("2026-03-28T06:23:27.677Z") << QDateTime(day, QTime(6, 23, 27, 677), Qt::UTC);
    QTest::newRow("seconds") << QByteArray("2026-03-28T06:23:27Z") << QDateTime(day, QTime(6, 23, 27), Qt::UTC);
    QTest::newRow("tenths") << QByteArray("2026-03-28T06:23:27.5Z") << QDateTime(day, QTime(6, 23, 27, 500), Qt::UTC);
    QTest::newRow("microseconds") << QByteArray("2026-03-28T06:23:27.123456Z") << QDateTime(day, QTime(6, 23, 27, 123), Qt::UTC);
    QTest::newRow("offset") << QByteArray("2026-03-28T08:23:27.677+02:00") << QDateTime(day, QTime(6, 23, 27, 677), Qt::UTC);
    QTest::newRow("leap day") << QByteArray("2028-02-29T00:00:00.000Z") << QDateTime(QDate(2028, 2, 29), QTime(0, 0), Qt::UTC);
    QTest::newRow("no such day") << QByteArray("2026-02-30T00:00:00.000Z") << QDateTime();
    QTest::newRow("letters") << QByteArray("2026-0a-28T06:23:27.677Z") << QDateTime();
    QTest::newRow("empty") << QByteArray() << QDateTime();
}

void TestAccessParser::timestamps()
{
    QFETCH(QByteArray, text);
    QFETCH(QDateTime, expected);
    const ParsedRequestPage parsed =
        parseAccessRequestPage(page(R"({"user":{"user":"ada"},"timestamp":")" + text + R"("})"));
    QCOMPARE(parsed.requests.size(), 1);
    QCOMPARE(parsed.requests[0].requestedAt, expected);
    if (expected.isValid())
        QCOMPARE(parsed.requests[0].requestedAt.timeSpec(), Qt::UTC);
}

void TestAccessParser::deepNestingInsideAnItem()
{
    const int depth = 100000;
    const QByteArray json = page(item("ada", ",\"orgs\":" + QByteArray(depth, '[') + QByteArray(depth, ']')) +
                                 "," + item("bob"));
    const ParsedRequestPage parsed = parseAccessRequestPage(json);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.requests.size(), 2);
}

void TestAccessParser::knownStatuses()
{
    QCOMPARE(knownRequestStatuses(),
             QStringList({QStringLiteral("pending"), QStringLiteral("accepted"), QStringLiteral("rejected")}));
}

// The README's order (Full name, Affiliation, ...) is not alphabetical: QJsonObject would lose it.
void TestAccessParser::gateFieldsOfTheEmulatorKeepFormOrder()
{
    EmulatorFixture hub;
    QNetworkAccessManager nam;
    const testing::Reply reply = testing::send(nam, "GET", hub.url(nimbus), EmulatorFixture::writeToken());
    QCOMPARE(reply.status, 200);
    const QList<GateField> fields = parseGateFields(reply.body);
    QStringList names;
    for (const GateField &field : fields)
        names.append(field.name);
    QCOMPARE(names, QStringList({QStringLiteral("Full name"), QStringLiteral("Affiliation"), QStringLiteral("Job title"),
                                 QStringLiteral("Country"), QStringLiteral("Date of birth"), QStringLiteral("Intended use"),
                                 QStringLiteral("I agree to the license terms"),
                                 QStringLiteral("I will not use Nimbus-7B to develop weapons")}));
    const QList<GateField::Type> types{GateField::Type::Text,       GateField::Type::Text,    GateField::Type::Text,
                                       GateField::Type::Country,    GateField::Type::DatePicker,
                                       GateField::Type::Select,     GateField::Type::Checkbox, GateField::Type::Checkbox};
    for (qsizetype i = 0; i < fields.size(); ++i)
        QCOMPARE(fields[i].type, types[i]);
    const GateField &use = fields[5];
    QCOMPARE(use.optionValues, QStringList({QStringLiteral("Research"), QStringLiteral("Education"),
                                            QStringLiteral("Commercial product"), QStringLiteral("other")}));
    QCOMPARE(use.optionLabels, QStringList({QStringLiteral("Research"), QStringLiteral("Education"),
                                            QStringLiteral("Commercial product"), QStringLiteral("Other")}));
    QVERIFY(fields[0].optionValues.isEmpty());
}

void TestAccessParser::gateFieldsOptionsAndTypes()
{
    const QByteArray json = R"({"id":"a/b","cardData":{"license":"mit","extra_gated_fields":{
        "Zeta": "text",
        "Alpha": {"type": "select", "options": ["Plain", {"label": "Shown", "value": "stored"},
                  {"label": "Only label"}, {"value": "only-value"}, 2024, true, {"label": 5, "value": 6}, {}, null]},
        "Middle": {"type": "checkbox"},
        "Émoji 🙂": "date_picker",
        "Where": "country",
        "Colour": "color",
        "No type": {"options": ["a"]},
        "Nothing": null,
        "Listed": ["text"]
    }}})";
    const QList<GateField> fields = parseGateFields(json);
    QStringList names;
    for (const GateField &field : fields)
        names.append(field.name);
    QCOMPARE(names, QStringList({QStringLiteral("Zeta"), QStringLiteral("Alpha"), QStringLiteral("Middle"),
                                 QString::fromUtf8("Émoji 🙂"), QStringLiteral("Where"), QStringLiteral("Colour"),
                                 QStringLiteral("No type"), QStringLiteral("Nothing"), QStringLiteral("Listed")}));
    QCOMPARE(fields[0].type, GateField::Type::Text);
    QCOMPARE(fields[1].type, GateField::Type::Select);
    QCOMPARE(fields[1].optionValues, QStringList({QStringLiteral("Plain"), QStringLiteral("stored"), QStringLiteral("Only label"),
                                                  QStringLiteral("only-value"), QStringLiteral("2024"), QStringLiteral("true"),
                                                  QStringLiteral("6")}));
    QCOMPARE(fields[1].optionLabels, QStringList({QStringLiteral("Plain"), QStringLiteral("Shown"), QStringLiteral("Only label"),
                                                  QStringLiteral("only-value"), QStringLiteral("2024"), QStringLiteral("true"),
                                                  QStringLiteral("5")}));
    QCOMPARE(fields[2].type, GateField::Type::Checkbox);
    QCOMPARE(fields[3].type, GateField::Type::DatePicker);
    QCOMPARE(fields[4].type, GateField::Type::Country);
    for (int i : {5, 6, 7, 8}) // kept, so their answers still get a column
        QCOMPARE(fields[i].type, GateField::Type::Unknown);
}

void TestAccessParser::gateFieldsAbsentOrBroken_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("no card") << QByteArray(R"({"id":"a/b"})");
    QTest::newRow("no fields") << QByteArray(R"({"id":"a/b","cardData":{"license":"mit"}})");
    QTest::newRow("fields is a list") << QByteArray(R"({"cardData":{"extra_gated_fields":[{"Company":"text"}]}})");
    QTest::newRow("fields is text") << QByteArray(R"({"cardData":{"extra_gated_fields":"Company: text"}})");
    QTest::newRow("card is text") << QByteArray(R"({"cardData":"---"})");
    QTest::newRow("array") << QByteArray("[]");
    QTest::newRow("invalid") << QByteArray(R"({"cardData":{"extra_gated_fields":{"A":"text")");
    QTest::newRow("empty") << QByteArray();
}

void TestAccessParser::gateFieldsAbsentOrBroken()
{
    QFETCH(QByteArray, json);
    QVERIFY(parseGateFields(json).isEmpty());
}

void TestAccessParser::ticked_data()
{
    QTest::addColumn<QString>("answer");
    QTest::addColumn<bool>("ticked");
    for (const char *yes : {"on", "ON", "true", "True", "yes", "YES", "1", " on "})
        QTest::newRow(yes) << QString::fromLatin1(yes) << true;
    for (const char *no : {"", "off", "false", "no", "0", "checked", "onn", "11"})
        QTest::newRow(*no ? no : "empty") << QString::fromLatin1(no) << false;
}

void TestAccessParser::ticked()
{
    QFETCH(QString, answer);
    QFETCH(bool, ticked);
    QCOMPARE(isTicked(answer), ticked);
    QCOMPARE(isTicked(QStringView(answer)), ticked);
}

QTEST_GUILESS_MAIN(TestAccessParser)
#include "tst_access_parser.moc"
