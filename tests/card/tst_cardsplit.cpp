// Splitting README.md into front matter and body: delimiters, CRLF, a byte-order mark, a
// missing final newline, and random files whose parts are known.
#include "card/cardsplit.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTest>

using namespace hubgate;

class CardSplitTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void split_data();
    void split();
    void randomFiles();
};

void CardSplitTest::split_data()
{
    QTest::addColumn<QByteArray>("readme");
    QTest::addColumn<bool>("hasFrontMatter");
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("unclosed");
    QTest::newRow("lf") << QByteArray("---\na: 1\n---\nBody\n") << true << QByteArray("a: 1\n") << QByteArray("Body\n") << false;
    QTest::newRow("crlf") << QByteArray("---\r\na: 1\r\n---\r\nBody\r\n") << true << QByteArray("a: 1\r\n")
                          << QByteArray("Body\r\n") << false;
    QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF---\na: 1\n---\n") << true << QByteArray("a: 1\n") << QByteArray()
                         << false;
    QTest::newRow("closing at end of file") << QByteArray("---\na: 1\n---") << true << QByteArray("a: 1\n")
                                            << QByteArray() << false;
    QTest::newRow("trailing blanks on delimiters") << QByteArray("--- \na: 1\n---\t\nB") << true << QByteArray("a: 1\n")
                                                   << QByteArray("B") << false;
    QTest::newRow("empty") << QByteArray("---\n---\nB\n") << true << QByteArray() << QByteArray("B\n") << false;
    QTest::newRow("none") << QByteArray("# Title\n---\n") << false << QByteArray() << QByteArray("# Title\n---\n") << false;
    QTest::newRow("not a delimiter") << QByteArray("----\na: 1\n---\n") << false << QByteArray()
                                     << QByteArray("----\na: 1\n---\n") << false;
    QTest::newRow("unclosed") << QByteArray("---\na: 1\n") << false << QByteArray() << QByteArray("---\na: 1\n") << true;
    QTest::newRow("dashes inside a value") << QByteArray("---\na: ---x\n---\n--- body\n") << true << QByteArray("a: ---x\n")
                                           << QByteArray("--- body\n") << false;
    QTest::newRow("only dashes") << QByteArray("---") << false << QByteArray() << QByteArray("---") << false;
}

void CardSplitTest::split()
{
    QFETCH(QByteArray, readme);
    QFETCH(bool, hasFrontMatter);
    QFETCH(QByteArray, yaml);
    QFETCH(QByteArray, body);
    QFETCH(bool, unclosed);
    const CardParts parts = splitCard(readme);
    QCOMPARE(parts.hasFrontMatter, hasFrontMatter);
    QCOMPARE(parts.unclosed, unclosed);
    QCOMPARE(parts.yaml(readme), yaml);
    QCOMPARE(readme.mid(hasFrontMatter ? parts.bodyBegin : parts.openingBegin), body);
}

// Random YAML-ish lines and bodies with random line breaks, a byte-order mark or not, and a
// final newline or not: the parts come back exactly.
void CardSplitTest::randomFiles()
{
    const quint32 seed = qEnvironmentVariableIsSet("CARD_SEED") ? quint32(qEnvironmentVariableIntValue("CARD_SEED"))
                                                                : quint32(QDateTime::currentMSecsSinceEpoch());
    QRandomGenerator random(seed);
    const QList<QByteArray> pieces{"a: 1", "- item", "  nested: x", "# comment", "", "  ", "key: '---'", "x: |",
                                   "  text ---", "----", "--- not alone", "é: ü", "\t", "...", "b: \"q\""};
    for (int round = 0; round < 2000; ++round) {
        const QByteArray nl = random.bounded(2) ? "\r\n" : "\n";
        QByteArray yaml, body;
        for (int i = random.bounded(8); i > 0; --i)
            yaml += pieces.at(random.bounded(pieces.size())) + nl;
        for (int i = random.bounded(6); i > 0; --i)
            body += pieces.at(random.bounded(pieces.size())) + (random.bounded(4) ? QByteArray("---") : QByteArray()) + nl;
        if (!body.isEmpty() && random.bounded(2))
            body.chop(nl.size());
        const bool bom = random.bounded(4) == 0;
        const QByteArray closing = body.isEmpty() && random.bounded(2) ? QByteArray("---") : "---" + nl;
        const QByteArray readme = (bom ? QByteArray("\xEF\xBB\xBF") : QByteArray()) + "---" + nl + yaml + closing + body;
        const CardParts parts = splitCard(readme);
        const QByteArray why = "seed " + QByteArray::number(seed) + ", round " + QByteArray::number(round);
        QVERIFY2(parts.hasFrontMatter && parts.hasBom == bom, why.constData());
        QVERIFY2(parts.yaml(readme) == yaml, why.constData());
        QVERIFY2(readme.mid(parts.bodyBegin) == body, why.constData());
    }
}

QTEST_GUILESS_MAIN(CardSplitTest)
#include "tst_cardsplit.moc"
