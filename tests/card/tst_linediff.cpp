// Line diffs: minimal edit scripts, unified hunks with context, line endings, no final newline.
#include "card/linediff.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTest>

using namespace hubgate;

namespace {

// Applies a diff's lines: the kept and added ones make the new text, kept and removed the old.
QByteArray side(const QList<DiffLine> &lines, DiffLine::Kind skipped)
{
    QByteArray text;
    for (const DiffLine &line : lines) {
        if (line.kind != skipped)
            text += line.text;
    }
    return text;
}

} // namespace

class LineDiffTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void equalTextsHaveNoDiff();
    void oneChangedLine();
    void hunksAreSeparatedByContext();
    void noFinalNewline();
    void lineEndingChangeShows();
    void insertionIntoEmpty();
    void randomEditsAreMinimalEnough();
};

void LineDiffTest::equalTextsHaveNoDiff()
{
    QCOMPARE(unifiedDiff("a\nb\n", "a\nb\n", "README.md"), QByteArray());
}

void LineDiffTest::oneChangedLine()
{
    QCOMPARE(unifiedDiff("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n", "README.md"),
             QByteArray("--- a/README.md\n+++ b/README.md\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"));
}

void LineDiffTest::hunksAreSeparatedByContext()
{
    QByteArray before, after;
    for (int i = 1; i <= 20; ++i) {
        before += QByteArray::number(i) + '\n';
        after += (i == 2 || i == 18 ? QByteArray("x") : QByteArray::number(i)) + '\n';
    }
    const QByteArray diff = unifiedDiff(before, after, "f", 2);
    QCOMPARE(diff.count("@@ -"), 2);
    QVERIFY(diff.contains("@@ -1,4 +1,4 @@\n 1\n-2\n+x\n 3\n 4\n"));
    QVERIFY(diff.contains("@@ -16,5 +16,5 @@\n 16\n 17\n-18\n+x\n 19\n 20\n"));
    // Close changes share a hunk.
    QCOMPARE(unifiedDiff("1\n2\n3\n4\n5\n", "x\n2\n3\n4\ny\n", "f", 2).count("@@ -"), 1);
}

void LineDiffTest::noFinalNewline()
{
    QCOMPARE(unifiedDiff("a\nb", "a\nc", "f"),
             QByteArray("--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"));
}

void LineDiffTest::lineEndingChangeShows()
{
    const QList<DiffLine> lines = diffLines("a\r\nb\r\n", "a\r\nb\n");
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines.at(1).kind, DiffLine::Kind::Removed);
    QCOMPARE(lines.at(2).kind, DiffLine::Kind::Added);
}

void LineDiffTest::insertionIntoEmpty()
{
    QCOMPARE(unifiedDiff("", "a\n", "f"), QByteArray("--- a/f\n+++ b/f\n@@ -0,0 +1,1 @@\n+a\n"));
    QCOMPARE(unifiedDiff("a\n", "", "f"), QByteArray("--- a/f\n+++ b/f\n@@ -1,1 +0,0 @@\n-a\n"));
}

// Random edits of random texts: both sides come back from the diff, and a diff never has more
// changed lines than the edits made.
void LineDiffTest::randomEditsAreMinimalEnough()
{
    const quint32 seed = quint32(QDateTime::currentMSecsSinceEpoch());
    QRandomGenerator random(seed);
    for (int round = 0; round < 500; ++round) {
        QList<QByteArray> lines;
        for (int i = random.bounded(30); i > 0; --i)
            lines << QByteArray::number(random.bounded(6)) + '\n';
        QList<QByteArray> edited = lines;
        const int edits = random.bounded(5);
        for (int e = 0; e < edits; ++e) {
            const int at = edited.isEmpty() ? 0 : random.bounded(int(edited.size()));
            if (random.bounded(2) && !edited.isEmpty())
                edited.removeAt(at);
            else
                edited.insert(at, "new" + QByteArray::number(e) + '\n');
        }
        const QByteArray before = lines.join(), after = edited.join();
        const QList<DiffLine> diff = diffLines(before, after);
        const QByteArray why = "seed " + QByteArray::number(seed) + ", round " + QByteArray::number(round);
        QVERIFY2(side(diff, DiffLine::Kind::Added) == before, why.constData());
        QVERIFY2(side(diff, DiffLine::Kind::Removed) == after, why.constData());
        const auto changed = std::count_if(diff.cbegin(), diff.cend(), [](const DiffLine &l) { return l.kind != DiffLine::Kind::Same; });
        QVERIFY2(changed <= edits, why.constData());
    }
}

QTEST_GUILESS_MAIN(LineDiffTest)
#include "tst_linediff.moc"
