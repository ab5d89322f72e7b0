#pragma once
// Internal to the card library: the front matter parsed with yaml-cpp, with the byte span of
// every top-level entry, found from the keys' positions (yaml-cpp marks) and the lines.

#include "cardsplit.h"
#include "gatecard.h"
#include "yamlvalues.h"

#include <optional>
#include <vector>

namespace hubgate::cardyaml {

struct TopEntry
{
    std::string key;
    YAML::Node keyNode;
    YAML::Node value;
    qsizetype begin = 0; // in the README: the start of the entry's first line
    qsizetype end = 0;   // one past its last line that is not blank or a comment at column 0
};

struct ParsedCard
{
    CardParts parts;
    YAML::Node root;               // a mapping, or null for an empty or missing front matter
    std::vector<TopEntry> entries; // in card order
    std::vector<qsizetype> lineStarts; // of the YAML text, in README offsets

    const TopEntry *entry(const QString &key) const;
    // The span of a line range [firstLine, endLine) of the YAML text, in README offsets.
    qsizetype lineOffset(int line) const;
};

std::optional<ParsedCard> parseCard(const QByteArray &readme, CardError *error);

// Shortens [begin, end) by its trailing blank lines and comment lines indented at most
// `indent`, which belong to what follows.
qsizetype trimmedEnd(const QByteArray &text, qsizetype begin, qsizetype end, int indent);

} // namespace hubgate::cardyaml
