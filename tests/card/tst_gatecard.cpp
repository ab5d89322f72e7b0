// The gate keys of real-shaped cards: read, written back unchanged byte for byte, each key
// edited, added and removed with every other byte kept, JSON in and out, bad YAML located, and
// the editor's checks.
#include "cardtestutil.h"
#include "testcards.h"

#include "card/gatecard.h"
#include "card/gatejson.h"
#include "card/gaterewrite.h"
#include "card/gatevalidation.h"

#include <QTest>

using namespace hubgate;
using namespace cardtest;

namespace {

GateFieldSpec field(const QString &name, GateFieldSpec::Type type, GateFieldSpec::Form form = GateFieldSpec::Form::Short,
                    QList<GateOption> options = {})
{
    GateFieldSpec spec;
    spec.name = name;
    spec.type = type;
    spec.form = form;
    spec.options = options;
    return spec;
}

// A new value for one key, different from any test card's.
void setNewValue(GateSettings &s, const QString &key)
{
    if (key == gatekeys::Prompt)
        s.prompt = QStringLiteral("New terms:\n\n- item: with a colon\n- \"quoted\" # not a comment\n");
    else if (key == gatekeys::Heading)
        s.heading = QStringLiteral("Quoted: \"yes\" # not a comment");
    else if (key == gatekeys::Description)
        s.description = QStringLiteral("plain text");
    else if (key == gatekeys::ButtonContent)
        s.buttonContent = QStringLiteral("yes"); // a string that looks like nothing else in YAML 1.2
    else if (key == gatekeys::EuDisallowed)
        s.euDisallowed = !s.euDisallowed.value_or(true);
    else {
        QList<GateFieldSpec> fields = s.fields.value_or(QList<GateFieldSpec>());
        fields << field(QStringLiteral("Purpose: why?"), GateFieldSpec::Type::Select, GateFieldSpec::Form::Mapping,
                        {{QStringLiteral("Research"), QStringLiteral("Research"), false},
                         {QStringLiteral("Other: say"), QStringLiteral("other"), true}});
        s.fields = fields;
    }
    s.keepAsIs.remove(key);
}

void addCards()
{
    QTest::addColumn<QByteArray>("readme");
    for (const TestCard &card : testCards())
        QTest::newRow(card.name) << card.readme;
}

} // namespace

class GateCardTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void unchangedIsByteIdentical_data() { addCards(); }
    void unchangedIsByteIdentical();
    void jsonRoundTripIsByteIdentical_data() { addCards(); }
    void jsonRoundTripIsByteIdentical();
    void eachKeyEditedAlone_data() { addCards(); }
    void eachKeyEditedAlone();
    void keysRemoved_data() { addCards(); }
    void keysRemoved();
    void seedCardReads();
    void fieldFormsAndUnknownTypesKept();
    void newKeysPlacement();
    void readmeWithoutFrontMatterGetsOne();
    void crlfStaysCrlf();
    void multiLinePromptIsABlockScalar();
    void jsonNullRemovesAndUnknownKeyRefused();
    void jsonOutput();
    void malformedYamlIsLocated_data();
    void malformedYamlIsLocated();
    void validation();
};

void GateCardTest::unchangedIsByteIdentical()
{
    QFETCH(QByteArray, readme);
    CardError error;
    const std::optional<GateCard> card = readGateCard(readme, &error);
    QVERIFY2(card, qPrintable(error.message()));
    GateSettings all = card->settings;
    all.keepAsIs.clear();
    all.keepAsIs = QSet<QString>(card->foreignKeys.cbegin(), card->foreignKeys.cend());
    const CardRewrite rewrite = rewriteGateCard(readme, all);
    QVERIFY2(rewrite.ok(), qPrintable(rewrite.error.message()));
    QVERIFY(!rewrite.changed);
    QCOMPARE(rewrite.readme, readme);
}

void GateCardTest::jsonRoundTripIsByteIdentical()
{
    QFETCH(QByteArray, readme);
    CardError error;
    const std::optional<GateCard> card = readGateCard(readme, &error);
    QVERIFY2(card, qPrintable(error.message()));
    QString problem;
    const std::optional<GateSettings> settings = gateSettingsFromJson(card->json, *card, &problem);
    QVERIFY2(settings, qPrintable(problem));
    const CardRewrite rewrite = rewriteGateCard(readme, *settings);
    QVERIFY2(rewrite.ok(), qPrintable(rewrite.error.message()));
    QCOMPARE(rewrite.readme, readme);
}

void GateCardTest::eachKeyEditedAlone()
{
    QFETCH(QByteArray, readme);
    CardError error;
    const std::optional<GateCard> card = readGateCard(readme, &error);
    QVERIFY2(card, qPrintable(error.message()));
    for (const QString &key : gatekeys::all()) {
        GateSettings wanted = card->settings;
        setNewValue(wanted, key);
        const CardRewrite rewrite = rewriteGateCard(readme, wanted);
        QVERIFY2(rewrite.ok(), qPrintable(key + QStringLiteral(": ") + rewrite.error.message()));
        QVERIFY2(rewrite.changed, qPrintable(key));
        const auto [begin, end] = keyRegion(readme, key);
        if (splitCard(readme).hasFrontMatter)
            QVERIFY2(changedOnlyWithin(readme, rewrite.readme, begin, end), qPrintable(key + QString::fromUtf8(rewrite.readme)));
        const std::optional<GateCard> back = readGateCard(rewrite.readme, &error);
        QVERIFY2(back, qPrintable(error.message()));
        GateSettings expected = wanted;
        expected.keepAsIs = back->settings.keepAsIs;
        QVERIFY2(back->settings == expected, qPrintable(key));
        QString why;
        QVERIFY2(otherKeysEqual(readme, rewrite.readme, {key}, &why), qPrintable(key + QStringLiteral(": ") + why));
        // Written once, it is stable: the same settings again change nothing.
        const CardRewrite again = rewriteGateCard(rewrite.readme, wanted);
        QVERIFY(again.ok());
        QCOMPARE(again.readme, rewrite.readme);
    }
}

void GateCardTest::keysRemoved()
{
    QFETCH(QByteArray, readme);
    CardError error;
    const std::optional<GateCard> card = readGateCard(readme, &error);
    QVERIFY2(card, qPrintable(error.message()));
    for (const QString &key : card->keys) {
        if (!gatekeys::all().contains(key))
            continue;
        GateSettings wanted = card->settings;
        wanted.keepAsIs.remove(key);
        wanted.remove(key);
        const CardRewrite rewrite = rewriteGateCard(readme, wanted);
        QVERIFY2(rewrite.ok(), qPrintable(rewrite.error.message()));
        const auto [begin, end] = keyRegion(readme, key);
        QVERIFY(changedOnlyWithin(readme, rewrite.readme, begin, end));
        const std::optional<GateCard> back = readGateCard(rewrite.readme, &error);
        QVERIFY(back);
        QVERIFY(!back->keys.contains(key));
        QString why;
        QVERIFY2(otherKeysEqual(readme, rewrite.readme, {key}, &why), qPrintable(why));
    }
}

void GateCardTest::seedCardReads()
{
    CardError error;
    const std::optional<GateCard> card = readGateCard(seedCard(), &error);
    QVERIFY(card);
    const GateSettings &s = card->settings;
    QCOMPARE(s.prompt, QStringLiteral("You agree to not use the model to conduct experiments that cause harm to human subjects."));
    QCOMPARE(s.heading, QStringLiteral("Acknowledge license to accept the repository"));
    QCOMPARE(s.buttonContent, QStringLiteral("Acknowledge license"));
    QVERIFY(!s.euDisallowed.has_value());
    QVERIFY(s.fields);
    QCOMPARE(s.fields->size(), 5);
    QCOMPARE(s.fields->at(2), field(QStringLiteral("Specific date"), GateFieldSpec::Type::DatePicker));
    QCOMPARE(s.fields->at(3),
             field(QStringLiteral("I want to use this model for"), GateFieldSpec::Type::Select, GateFieldSpec::Form::Mapping,
                   {{QStringLiteral("Research"), QStringLiteral("Research"), false},
                    {QStringLiteral("Education"), QStringLiteral("Education"), false},
                    {QStringLiteral("Other"), QStringLiteral("other"), true}}));
    QCOMPARE(card->keys, (QStringList{gatekeys::Prompt, gatekeys::Fields, gatekeys::Heading, gatekeys::Description,
                                      gatekeys::ButtonContent}));
}

void GateCardTest::fieldFormsAndUnknownTypesKept()
{
    const QByteArray readme = testCards().at(19).readme; // unknown_field_type
    CardError error;
    const std::optional<GateCard> card = readGateCard(readme, &error);
    QVERIFY(card && card->settings.fields);
    const QList<GateFieldSpec> fields = *card->settings.fields;
    QCOMPARE(fields.size(), 5);
    QVERIFY(!fields.at(1).isEditable());
    QVERIFY(!fields.at(2).isEditable());
    QCOMPARE(fields.at(3).type, GateFieldSpec::Type::IpLocation);
    QCOMPARE(fields.at(4).form, GateFieldSpec::Form::Mapping);
    // Renaming the first field writes the list again; the unknown ones keep their own text.
    GateSettings wanted = card->settings;
    (*wanted.fields)[0].name = QStringLiteral("Full name");
    const CardRewrite rewrite = rewriteGateCard(readme, wanted);
    QVERIFY2(rewrite.ok(), qPrintable(rewrite.error.message()));
    QVERIFY(rewrite.readme.contains("  Rating:   slider   # not a Hub type\n  Budget:\n    type: number\n    min: 0\n"));
    QVERIFY(rewrite.readme.contains("  Full name: text\n"));
    QVERIFY(rewrite.readme.contains("  Flow:\n    type: select\n    options:\n      - A\n      - B\n"));
}

void GateCardTest::newKeysPlacement()
{
    const QByteArray readme("---\nlicense: mit\nextra_gated_prompt: P\ntags:\n- x\n---\nB\n");
    CardError error;
    GateSettings wanted = readGateCard(readme, &error)->settings;
    wanted.heading = QStringLiteral("H");
    QCOMPARE(rewriteGateCard(readme, wanted).readme,
             QByteArray("---\nlicense: mit\nextra_gated_prompt: P\nextra_gated_heading: H\ntags:\n- x\n---\nB\n"));
    const QByteArray noGate("---\nlicense: mit\n# end\n---\nB\n");
    GateSettings fresh;
    fresh.euDisallowed = true;
    QCOMPARE(rewriteGateCard(noGate, fresh).readme, QByteArray("---\nlicense: mit\n# end\nextra_gated_eu_disallowed: true\n---\nB\n"));
}

void GateCardTest::readmeWithoutFrontMatterGetsOne()
{
    GateSettings wanted;
    wanted.heading = QStringLiteral("Hello: world");
    QCOMPARE(rewriteGateCard("\xEF\xBB\xBF# T\r\n", wanted).readme,
             QByteArray("\xEF\xBB\xBF---\r\nextra_gated_heading: 'Hello: world'\r\n---\r\n# T\r\n"));
    QCOMPARE(rewriteGateCard("", wanted).readme, QByteArray("---\nextra_gated_heading: 'Hello: world'\n---\n"));
}

void GateCardTest::crlfStaysCrlf()
{
    const QByteArray readme = testCards().at(12).readme; // crlf
    CardError error;
    GateSettings wanted = readGateCard(readme, &error)->settings;
    wanted.prompt = QStringLiteral("One\nTwo\n");
    (*wanted.fields)[0].name = QStringLiteral("Your name");
    const CardRewrite rewrite = rewriteGateCard(readme, wanted);
    QVERIFY2(rewrite.ok(), qPrintable(rewrite.error.message()));
    QVERIFY(!QByteArray(rewrite.readme).replace("\r\n", "").contains('\n'));
}

void GateCardTest::multiLinePromptIsABlockScalar()
{
    GateSettings wanted;
    wanted.prompt = QStringLiteral("Line one\n  indented\nlast");
    QCOMPARE(rewriteGateCard("---\n---\n", wanted).readme,
             QByteArray("---\nextra_gated_prompt: |-\n  Line one\n    indented\n  last\n---\n"));
    wanted.prompt = QStringLiteral("  starts with spaces\nand ends with a newline\n");
    QCOMPARE(rewriteGateCard("---\n---\n", wanted).readme,
             QByteArray("---\nextra_gated_prompt: |2\n    starts with spaces\n  and ends with a newline\n---\n"));
    wanted.prompt = QStringLiteral("trailing blank lines\n\n\n");
    const CardRewrite keep = rewriteGateCard("---\n---\n", wanted);
    QVERIFY2(keep.ok(), qPrintable(keep.error.message()));
    wanted.prompt = QStringLiteral("#1: not a comment");
    QCOMPARE(rewriteGateCard("---\n---\n", wanted).readme, QByteArray("---\nextra_gated_prompt: '#1: not a comment'\n---\n"));
    wanted.prompt = QStringLiteral("true");
    QCOMPARE(rewriteGateCard("---\n---\n", wanted).readme, QByteArray("---\nextra_gated_prompt: 'true'\n---\n"));
}

void GateCardTest::jsonNullRemovesAndUnknownKeyRefused()
{
    const QByteArray readme = seedCard();
    CardError error;
    const std::optional<GateCard> card = readGateCard(readme, &error);
    QString problem;
    const auto settings = gateSettingsFromJson(R"({"extra_gated_heading": null, "extra_gated_eu_disallowed": true})", *card, &problem);
    QVERIFY(settings);
    const CardRewrite rewrite = rewriteGateCard(readme, *settings);
    QVERIFY(rewrite.ok());
    QVERIFY(!rewrite.readme.contains("extra_gated_heading"));
    QVERIFY(rewrite.readme.contains("extra_gated_button_content: \"Acknowledge license\"\nextra_gated_eu_disallowed: true\n---"));
    QVERIFY(!gateSettingsFromJson(R"({"extra_gated_colour": "red"})", *card, &problem));
    QVERIFY(problem.contains(QLatin1String("extra_gated_colour")));
    QVERIFY(!gateSettingsFromJson(R"({"extra_gated_eu_disallowed": "yes"})", *card, &problem));
    QVERIFY(!gateSettingsFromJson(R"([1])", *card, &problem));
}

void GateCardTest::jsonOutput()
{
    CardError error;
    const std::optional<GateCard> card = readGateCard(testCards().at(2).readme, &error); // literal_prompt
    QCOMPARE(card->json, QByteArray("{\n  \"extra_gated_prompt\": \"You agree to all of the following:\\n\\n1. No harm\\n"
                                    "2. Cite us: `@misc{x}`\\n\",\n  \"extra_gated_eu_disallowed\": true\n}"));
}

void GateCardTest::malformedYamlIsLocated_data()
{
    QTest::addColumn<QByteArray>("readme");
    QTest::addColumn<int>("line");
    QTest::newRow("unclosed flow sequence") << QByteArray("---\nlicense: mit\ntags: [a, b\nextra_gated_heading: x\n---\n") << 4;
    QTest::newRow("bad indentation") << QByteArray("# no\n") << 0;
    QTest::newRow("not a mapping") << QByteArray("---\n- a\n- b\n---\nBody\n") << 2;
    QTest::newRow("value after a value") << QByteArray("\xEF\xBB\xBF---\na: 1\nb: c: d\n---\n") << 3;
    QTest::newRow("unclosed front matter") << QByteArray("---\na: 1\n") << 1;
    QTest::newRow("duplicate gate key") << QByteArray("---\nextra_gated_heading: a\nextra_gated_heading: b\n---\n") << 3;
}

void GateCardTest::malformedYamlIsLocated()
{
    QFETCH(QByteArray, readme);
    QFETCH(int, line);
    CardError error;
    const std::optional<GateCard> card = readGateCard(readme, &error);
    if (line == 0) {
        QVERIFY(card);
        return;
    }
    QVERIFY(!card);
    QVERIFY(!error.reason.isEmpty());
    QVERIFY2(error.line >= line && error.line <= line + 1, qPrintable(error.message()));
    QVERIFY(error.column >= 1);
    GateSettings wanted;
    wanted.heading = QStringLiteral("x");
    const CardRewrite rewrite = rewriteGateCard(readme, wanted);
    QVERIFY(!rewrite.ok());
    QCOMPARE(rewrite.readme, readme);
}

void GateCardTest::validation()
{
    GateSettings s;
    QVERIFY(validateGate(s).isEmpty());
    s.prompt = QString(MaxGatePromptLength, u'x');
    QVERIFY(validateGate(s).isEmpty());
    s.prompt->append(u'x');
    s.fields = QList<GateFieldSpec>{field(QStringLiteral("Name"), GateFieldSpec::Type::Text),
                                    field(QStringLiteral(" "), GateFieldSpec::Type::Text),
                                    field(QStringLiteral("Name "), GateFieldSpec::Type::Checkbox),
                                    field(QStringLiteral("Use"), GateFieldSpec::Type::Select, GateFieldSpec::Form::Mapping)};
    const QList<GateProblem> problems = validateGate(s);
    QCOMPARE(problems.size(), 4);
    QCOMPARE(problems.at(0).kind, GateProblem::Kind::PromptTooLong);
    QCOMPARE(problems.at(0).key, gatekeys::Prompt);
    QCOMPARE(problems.at(1).kind, GateProblem::Kind::EmptyFieldName);
    QCOMPARE(problems.at(1).fieldIndex, 1);
    QCOMPARE(problems.at(2).kind, GateProblem::Kind::DuplicateFieldName);
    QCOMPARE(problems.at(2).fieldIndex, 2);
    QCOMPARE(problems.at(3).kind, GateProblem::Kind::SelectWithoutOptions);
    QCOMPARE(problems.at(3).fieldIndex, 3);
    for (const GateProblem &problem : problems)
        QVERIFY(!problem.message.isEmpty());
}

QTEST_GUILESS_MAIN(GateCardTest)
#include "tst_gatecard.moc"
