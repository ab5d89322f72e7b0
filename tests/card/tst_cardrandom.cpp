// Random gate settings written into every test card: each is accepted, reads back as meant,
// leaves the other keys and the body alone, and is stable when written again. The seed is
// printed on failure; CARD_SEED repeats a run.
#include "cardtestutil.h"
#include "testcards.h"

#include "card/gatecard.h"
#include "card/gaterewrite.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTest>

using namespace hubgate;
using namespace cardtest;

namespace {

QString randomText(QRandomGenerator &random, bool multiLine)
{
    static const QStringList pieces{
        QStringLiteral("a"), QStringLiteral("Word"), QStringLiteral(" "), QStringLiteral(": "), QStringLiteral(":"),
        QStringLiteral("#"), QStringLiteral(" #"), QStringLiteral("\""), QStringLiteral("'"), QStringLiteral("\\"),
        QStringLiteral("- "), QStringLiteral("?"), QStringLiteral("{"), QStringLiteral("}"), QStringLiteral("["),
        QStringLiteral("|"), QStringLiteral(">"), QStringLiteral("!"), QStringLiteral("&x"), QStringLiteral("*"),
        QStringLiteral("%"), QStringLiteral("@"), QStringLiteral("`"), QStringLiteral(","), QStringLiteral("é"),
        QStringLiteral("“”"), QStringLiteral("\t"), QStringLiteral("true"), QStringLiteral("1.5"), QStringLiteral("~"),
        QStringLiteral("null"), QStringLiteral("---"), QStringLiteral("..."), QStringLiteral("0x1F")};
    QString text;
    for (int i = random.bounded(8); i > 0; --i) {
        text += pieces.at(random.bounded(pieces.size()));
        if (multiLine && random.bounded(4) == 0)
            text += random.bounded(3) ? QStringLiteral("\n") : QStringLiteral("\n\n  ");
    }
    return text;
}

GateSettings randomSettings(QRandomGenerator &random)
{
    GateSettings s;
    if (random.bounded(3))
        s.prompt = randomText(random, true);
    if (random.bounded(2))
        s.heading = randomText(random, false);
    if (random.bounded(2))
        s.description = randomText(random, random.bounded(2));
    if (random.bounded(2))
        s.buttonContent = randomText(random, false);
    if (random.bounded(2))
        s.euDisallowed = random.bounded(2) == 1;
    if (random.bounded(3)) {
        QList<GateFieldSpec> fields;
        for (int i = random.bounded(5); i > 0; --i) {
            GateFieldSpec field;
            field.name = QString::number(fields.size()) + randomText(random, false);
            field.type = GateFieldSpec::Type(random.bounded(6));
            field.form = random.bounded(2) ? GateFieldSpec::Form::Short : GateFieldSpec::Form::Mapping;
            if (field.type == GateFieldSpec::Type::Select) {
                field.form = GateFieldSpec::Form::Mapping;
                for (int k = random.bounded(1, 4); k > 0; --k) {
                    const bool labelled = random.bounded(2);
                    const QString value = randomText(random, false);
                    field.options << GateOption{labelled ? randomText(random, false) : value, value, labelled};
                }
            }
            fields << field;
        }
        s.fields = fields;
    }
    return s;
}

} // namespace

class CardRandomTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void randomSettingsReadBack();
};

void CardRandomTest::randomSettingsReadBack()
{
    const quint32 seed = qEnvironmentVariableIsSet("CARD_SEED") ? quint32(qEnvironmentVariableIntValue("CARD_SEED"))
                                                                : quint32(QDateTime::currentMSecsSinceEpoch());
    QRandomGenerator random(seed);
    const QList<TestCard> cards = testCards();
    for (int round = 0; round < 600; ++round) {
        const TestCard &card = cards.at(random.bounded(cards.size()));
        const QString where = QStringLiteral("seed %1, round %2, card %3").arg(seed).arg(round).arg(QLatin1String(card.name));
        CardError error;
        const std::optional<GateCard> before = readGateCard(card.readme, &error);
        QVERIFY2(before, qPrintable(where));
        GateSettings wanted = randomSettings(random);
        wanted.keepAsIs = before->settings.keepAsIs;
        for (const QString &key : gatekeys::all()) {
            if (random.bounded(2))
                wanted.keepAsIs.remove(key);
        }
        const CardRewrite rewrite = rewriteGateCard(card.readme, wanted);
        QVERIFY2(rewrite.ok(), qPrintable(where + QStringLiteral(": ") + rewrite.error.message()));
        const std::optional<GateCard> after = readGateCard(rewrite.readme, &error);
        QVERIFY2(after, qPrintable(where));
        QSet<QString> edited;
        for (const QString &key : gatekeys::all()) {
            if (!wanted.keepAsIs.contains(key))
                edited.insert(key);
        }
        QString why;
        QVERIFY2(otherKeysEqual(card.readme, rewrite.readme, edited, &why), qPrintable(where + QStringLiteral(": ") + why));
        GateSettings readBack = after->settings;
        GateSettings expected = wanted;
        for (const QString &key : std::as_const(wanted.keepAsIs))
            expected.copyKey(before->settings, key); // kept keys read as they were before
        expected.keepAsIs = readBack.keepAsIs;
        QVERIFY2(readBack == expected, qPrintable(where + QStringLiteral("\n") + QString::fromUtf8(rewrite.readme)));
        const CardRewrite again = rewriteGateCard(rewrite.readme, wanted);
        QVERIFY2(again.ok() && again.readme == rewrite.readme, qPrintable(where));
    }
}

QTEST_GUILESS_MAIN(CardRandomTest)
#include "tst_cardrandom.moc"
