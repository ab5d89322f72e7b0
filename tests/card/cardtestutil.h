#pragma once
// Checks shared by the card tests: what changed between two READMEs, seen from the outside.

#include "card/cardsplit.h"

#include <yaml-cpp/yaml.h>

#include <QByteArray>
#include <QSet>
#include <QString>

namespace cardtest {

// [begin, end) of a top-level key's lines, found by plain text search: from "key:" at column 0
// to the next line that starts at column 0 (the gate keys of the test cards never hold
// column-0 sequences). {-1, -1} when the key is not there.
inline std::pair<qsizetype, qsizetype> keyRegion(const QByteArray &readme, const QString &key)
{
    const hubgate::CardParts parts = hubgate::splitCard(readme);
    const QByteArray head = key.toUtf8() + ':';
    for (qsizetype at = parts.yamlBegin; at < parts.yamlEnd;) {
        qsizetype lf = readme.indexOf('\n', at);
        if (readme.mid(at, head.size()) == head) {
            qsizetype end = lf + 1;
            while (end < parts.yamlEnd && QByteArrayView(" \t\r\n").contains(readme.at(end)))
                end = readme.indexOf('\n', end) + 1;
            return {at, end};
        }
        at = lf + 1;
    }
    return {-1, -1};
}

// True when `after` is `before` with [begin, end) replaced by something, or, when begin < 0,
// with text inserted at one place.
inline bool changedOnlyWithin(const QByteArray &before, const QByteArray &after, qsizetype begin, qsizetype end)
{
    if (begin >= 0)
        return after.size() >= begin + (before.size() - end) && after.startsWith(before.left(begin)) &&
               after.endsWith(before.mid(end));
    qsizetype prefix = 0;
    while (prefix < before.size() && prefix < after.size() && before.at(prefix) == after.at(prefix))
        ++prefix;
    return after.size() >= before.size() && after.endsWith(before.mid(prefix));
}

inline YAML::Node frontMatter(const QByteArray &readme)
{
    const hubgate::CardParts parts = hubgate::splitCard(readme);
    return YAML::Load(parts.yaml(readme).toStdString());
}

// The keys other than `skip` have the same data, in the same order.
inline bool otherKeysEqual(const QByteArray &before, const QByteArray &after, const QSet<QString> &skip,
                           QString *why)
{
    const YAML::Node a = frontMatter(before), b = frontMatter(after);
    std::vector<std::pair<std::string, std::string>> left, right;
    const auto collect = [&skip](const YAML::Node &root, auto &out) {
        if (!root.IsMap())
            return;
        for (auto it = root.begin(); it != root.end(); ++it) {
            const std::string key = YAML::Dump(it->first);
            if (!skip.contains(QString::fromStdString(key)))
                out.emplace_back(key, YAML::Dump(it->second));
        }
    };
    collect(a, left);
    collect(b, right);
    if (left == right)
        return true;
    *why = QStringLiteral("%1 keys before, %2 after").arg(left.size()).arg(right.size());
    return false;
}

} // namespace cardtest
