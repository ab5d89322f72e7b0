#pragma once
// A line-based diff of two texts (Myers' algorithm), as a list of lines and as a unified diff,
// for showing exactly what a save will change. Lines keep their line breaks, so a changed line
// ending shows too.

#include <QByteArray>
#include <QList>

namespace hubgate {

struct DiffLine
{
    enum class Kind { Same, Removed, Added };
    Kind kind = Kind::Same;
    QByteArray text;  // with its line break, if it has one
    int oldLine = 0;  // 1-based; 0 for added lines
    int newLine = 0;  // 1-based; 0 for removed lines

    friend bool operator==(const DiffLine &, const DiffLine &) = default;
};

// Splits after each "\n"; a last line without one is kept as it is.
QList<QByteArray> splitLines(const QByteArray &text);

// Every line of both texts, in order; removals before additions within a change.
QList<DiffLine> diffLines(const QByteArray &before, const QByteArray &after);

// "--- a/NAME", "+++ b/NAME", then "@@ -l,n +l,n @@" hunks with `context` lines around changes;
// empty when the texts are equal.
QByteArray unifiedDiff(const QByteArray &before, const QByteArray &after, const QByteArray &name,
                       int context = 3);

} // namespace hubgate
