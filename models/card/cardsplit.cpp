#include "cardsplit.h"

namespace hubgate {

namespace {

const QByteArray Bom("\xEF\xBB\xBF");

// A "---" delimiter line starting at `at`, with optional trailing blanks; returns the offset
// after its line break (or the end), or -1 when the line is something else.
qsizetype delimiterLineEnd(const QByteArray &text, qsizetype at)
{
    if (text.mid(at, 3) != "---")
        return -1;
    qsizetype i = at + 3;
    while (i < text.size() && (text.at(i) == ' ' || text.at(i) == '\t'))
        ++i;
    if (i == text.size())
        return i;
    if (text.at(i) == '\n')
        return i + 1;
    if (text.at(i) == '\r' && i + 1 < text.size() && text.at(i + 1) == '\n')
        return i + 2;
    return -1;
}

} // namespace

QByteArray dominantLineBreak(const QByteArray &text)
{
    const qsizetype lf = text.indexOf('\n');
    return lf > 0 && text.at(lf - 1) == '\r' ? QByteArrayLiteral("\r\n") : QByteArrayLiteral("\n");
}

CardParts splitCard(const QByteArray &readme)
{
    CardParts parts;
    parts.hasBom = readme.startsWith(Bom);
    parts.openingBegin = parts.hasBom ? Bom.size() : 0;
    parts.lineBreak = dominantLineBreak(readme);
    const qsizetype afterOpening = delimiterLineEnd(readme, parts.openingBegin);
    if (afterOpening < 0 || (afterOpening == readme.size() && !readme.endsWith('\n'))) {
        parts.yamlBegin = parts.yamlEnd = parts.bodyBegin = parts.openingBegin;
        return parts;
    }
    parts.yamlBegin = afterOpening;
    for (qsizetype line = afterOpening; line < readme.size();) {
        const qsizetype end = delimiterLineEnd(readme, line);
        if (end >= 0) {
            parts.hasFrontMatter = true;
            parts.yamlEnd = line;
            parts.bodyBegin = end;
            return parts;
        }
        const qsizetype lf = readme.indexOf('\n', line);
        if (lf < 0)
            break;
        line = lf + 1;
    }
    // Opened but never closed: the Hub sees no metadata, and neither do we.
    parts.unclosed = true;
    parts.yamlBegin = parts.yamlEnd = parts.bodyBegin = parts.openingBegin;
    return parts;
}

} // namespace hubgate
