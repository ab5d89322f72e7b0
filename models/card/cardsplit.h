#pragma once
// README.md as the Hub reads it: an optional byte-order mark, an optional front matter block
// between two "---" lines, then the Markdown body. Offsets are in bytes, so edits keep every
// other byte as it was.

#include <QByteArray>

namespace hubgate {

struct CardParts
{
    bool hasBom = false;          // the file starts with the UTF-8 byte-order mark
    bool hasFrontMatter = false;  // an opening and a closing "---" line were found
    bool unclosed = false;        // an opening "---" line without a closing one
    qsizetype openingBegin = 0;   // the opening "---" line (after the byte-order mark)
    qsizetype yamlBegin = 0;      // the first byte of the YAML text
    qsizetype yamlEnd = 0;        // one past it: where the closing "---" line starts
    qsizetype bodyBegin = 0;      // the first byte after the closing line and its line break
    QByteArray lineBreak = "\n";  // "\r\n" when the front matter (or the body) uses CRLF

    QByteArray yaml(const QByteArray &readme) const { return readme.mid(yamlBegin, yamlEnd - yamlBegin); }
};

CardParts splitCard(const QByteArray &readme);

// The line breaks a file mostly uses: "\r\n" when its first line break is one.
QByteArray dominantLineBreak(const QByteArray &text);

} // namespace hubgate
