#include "cardparse.h"

#include <QCoreApplication>

namespace hubgate::cardyaml {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(hubgate::CardParser)
};

// 1-based README line of the YAML text's first line.
int firstYamlLine(const QByteArray &readme, const CardParts &parts)
{
    return int(readme.left(parts.yamlBegin).count('\n')) + 1;
}

bool startsEntry(const QByteArray &text, qsizetype at, qsizetype end)
{
    if (at >= end)
        return false;
    const char c = text.at(at);
    return c != ' ' && c != '\t' && c != '#' && c != '\n' && c != '\r';
}

} // namespace

const TopEntry *ParsedCard::entry(const QString &key) const
{
    const std::string wanted = ss(key);
    for (const TopEntry &e : entries) {
        if (e.key == wanted)
            return &e;
    }
    return nullptr;
}

qsizetype ParsedCard::lineOffset(int line) const
{
    if (line < 0)
        return parts.yamlBegin;
    return line < int(lineStarts.size()) ? lineStarts[std::size_t(line)] : parts.yamlEnd;
}

qsizetype trimmedEnd(const QByteArray &text, qsizetype begin, qsizetype end, int indent)
{
    while (end > begin) {
        qsizetype lineStart = end - 1; // the line break of the last line
        while (lineStart > begin && text.at(lineStart - 1) != '\n')
            --lineStart;
        qsizetype first = lineStart;
        while (first < end && (text.at(first) == ' ' || text.at(first) == '\t'))
            ++first;
        const bool blank = first == end || text.at(first) == '\n' || text.at(first) == '\r';
        const bool comment = first < end && text.at(first) == '#' && first - lineStart <= indent;
        if (!blank && !comment)
            break;
        end = lineStart;
    }
    return end;
}

std::optional<ParsedCard> parseCard(const QByteArray &readme, CardError *error)
{
    ParsedCard card;
    card.parts = splitCard(readme);
    if (card.parts.unclosed) {
        *error = {1, 1, Text::tr("the front matter has no closing “---” line")};
        return std::nullopt;
    }
    const QByteArray yaml = card.parts.yaml(readme);
    for (qsizetype at = 0; at < yaml.size();) {
        card.lineStarts.push_back(card.parts.yamlBegin + at);
        const qsizetype lf = yaml.indexOf('\n', at);
        at = lf < 0 ? yaml.size() : lf + 1;
    }
    const int lineBase = firstYamlLine(readme, card.parts);
    try {
        card.root = YAML::Load(yaml.toStdString());
    } catch (const YAML::ParserException &e) {
        *error = {lineBase + e.mark.line, e.mark.column + 1, qs(e.msg)};
        return std::nullopt;
    } catch (const YAML::Exception &e) {
        *error = {lineBase, 1, qs(e.msg)};
        return std::nullopt;
    }
    if (card.root.IsNull() || !card.root.IsDefined()) {
        card.root = YAML::Node(YAML::NodeType::Null);
        return card;
    }
    if (!card.root.IsMap()) {
        const YAML::Mark mark = card.root.Mark();
        *error = {lineBase + std::max(0, mark.line), std::max(0, mark.column) + 1,
                  Text::tr("the front matter is not a mapping of keys to values")};
        return std::nullopt;
    }
    if (card.root.Style() == YAML::EmitterStyle::Flow) {
        *error = {lineBase, 1, Text::tr("the front matter is one flow mapping ({…}); it cannot be edited key by key")};
        return std::nullopt;
    }
    for (auto it = card.root.begin(); it != card.root.end(); ++it) {
        TopEntry entry;
        entry.key = keyText(it->first);
        entry.keyNode = it->first;
        entry.value = it->second;
        // The entry starts on the key's line, or on the "?" line above a key on its own line.
        int line = std::max(0, it->first.Mark().line);
        while (line > 0 && !startsEntry(readme, card.lineOffset(line), card.parts.yamlEnd))
            --line;
        entry.begin = card.lineOffset(line);
        if (!card.entries.empty() && card.entries.back().begin >= entry.begin) {
            *error = {lineBase + line, 1, Text::tr("two keys share one line; the front matter cannot be edited key by key")};
            return std::nullopt;
        }
        card.entries.push_back(entry);
    }
    for (std::size_t i = 0; i < card.entries.size(); ++i) {
        const qsizetype next = i + 1 < card.entries.size() ? card.entries[i + 1].begin : card.parts.yamlEnd;
        card.entries[i].end = trimmedEnd(readme, card.entries[i].begin, next, 0);
    }
    return card;
}

} // namespace hubgate::cardyaml
