#include "gaterewrite.h"

#include "cardparse.h"
#include "gatefieldsyaml.h"

#include <QCoreApplication>

#include <algorithm>

namespace hubgate {

using namespace cardyaml;

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(hubgate::CardRewrite)
};

struct Edit
{
    qsizetype begin = 0;
    qsizetype end = 0;
    QByteArray text;
};

std::string stringValue(const GateSettings &s, const QString &key)
{
    const std::optional<QString> &text = key == gatekeys::Prompt        ? s.prompt
                                         : key == gatekeys::Heading     ? s.heading
                                         : key == gatekeys::Description ? s.description
                                                                        : s.buttonContent;
    return ss(text.value_or(QString()));
}

// "key: value\n" with the file's line breaks.
QByteArray entryText(const GateSettings &s, const QString &key, int fieldsIndent, const QByteArray &lineBreak)
{
    std::string text = ss(key) + ":";
    if (key == gatekeys::EuDisallowed)
        text += *s.euDisallowed ? " true" : " false";
    else if (key == gatekeys::Fields)
        text += fieldsYaml(*s.fields, fieldsIndent);
    else
        text += " " + scalarText(stringValue(s, key), 0);
    QByteArray bytes = QByteArray::fromStdString(text + "\n");
    if (lineBreak != "\n")
        bytes.replace("\n", lineBreak);
    return bytes;
}

QByteArray applyEdits(QByteArray text, std::vector<Edit> edits)
{
    // From the end, so earlier offsets stay valid; an insertion at a removal's end goes first.
    std::stable_sort(edits.begin(), edits.end(), [](const Edit &a, const Edit &b) { return a.begin > b.begin; });
    for (const Edit &edit : edits)
        text.replace(edit.begin, edit.end - edit.begin, edit.text);
    return text;
}

QByteArray bodyOf(const QByteArray &readme, const CardParts &parts)
{
    return readme.mid(parts.hasFrontMatter ? parts.bodyBegin : parts.openingBegin);
}

// Everything but the touched keys reads back the same, and the touched ones as meant.
QString verify(const QByteArray &before, const QByteArray &after, const GateSettings &desired,
               const QSet<QString> &touched)
{
    CardError error;
    const std::optional<ParsedCard> oldCard = parseCard(before, &error);
    const std::optional<ParsedCard> newCard = parseCard(after, &error);
    const std::optional<GateCard> newGate = readGateCard(after, &error);
    if (!oldCard || !newCard || !newGate)
        return Text::tr("the new card cannot be read back (%1)").arg(error.message());
    if (bodyOf(before, oldCard->parts) != bodyOf(after, newCard->parts))
        return Text::tr("the text after the front matter would change");
    std::vector<const TopEntry *> oldOthers, newOthers;
    for (const TopEntry &e : oldCard->entries)
        if (!touched.contains(qs(e.key)))
            oldOthers.push_back(&e);
    for (const TopEntry &e : newCard->entries)
        if (!touched.contains(qs(e.key)))
            newOthers.push_back(&e);
    if (oldOthers.size() != newOthers.size())
        return Text::tr("other keys of the front matter would change");
    for (std::size_t i = 0; i < oldOthers.size(); ++i) {
        if (!sameData(oldOthers[i]->keyNode, newOthers[i]->keyNode) || !sameData(oldOthers[i]->value, newOthers[i]->value))
            return Text::tr("the key “%1” would change").arg(qs(oldOthers[i]->key));
    }
    for (const QString &key : touched) {
        if (desired.has(key) != newGate->keys.contains(key) || !desired.sameKey(newGate->settings, key))
            return Text::tr("“%1” would not read back as written").arg(key);
    }
    return {};
}

} // namespace

CardRewrite rewriteGateCard(const QByteArray &readme, const GateSettings &desired)
{
    CardRewrite result;
    result.readme = readme;
    const std::optional<ParsedCard> card = parseCard(readme, &result.error);
    const std::optional<GateCard> current = card ? readGateCard(readme, &result.error) : std::nullopt;
    if (!current)
        return result;
    const QByteArray lineBreak =
        card->parts.yamlEnd > card->parts.yamlBegin ? dominantLineBreak(card->parts.yaml(readme)) : card->parts.lineBreak;

    std::vector<Edit> edits;
    QByteArray inserted;
    QSet<QString> touched;
    qsizetype lastGateEnd = -1;
    for (const TopEntry &e : card->entries) {
        if (current->keys.contains(qs(e.key)))
            lastGateEnd = std::max(lastGateEnd, e.end);
    }
    for (const QString &key : gatekeys::all()) {
        const TopEntry *entry = card->entry(key);
        if (desired.keepAsIs.contains(key))
            continue;
        const bool foreign = current->foreignKeys.contains(key);
        if (!desired.has(key)) {
            if (entry) {
                edits.push_back({entry->begin, entry->end, {}});
                touched.insert(key);
            }
            continue;
        }
        if (entry && !foreign && current->settings.sameKey(desired, key))
            continue; // unchanged: its text stays as it is
        touched.insert(key);
        const QByteArray text = entryText(desired, key, fieldIndent(entry), lineBreak);
        if (entry)
            edits.push_back({entry->begin, entry->end, text});
        else
            inserted += text;
    }
    if (edits.empty() && inserted.isEmpty())
        return result;

    if (card->parts.hasFrontMatter) {
        if (!inserted.isEmpty())
            edits.push_back({lastGateEnd >= 0 ? lastGateEnd : card->parts.yamlEnd,
                             lastGateEnd >= 0 ? lastGateEnd : card->parts.yamlEnd, inserted});
        result.readme = applyEdits(readme, edits);
    } else {
        const QByteArray opening = "---" + lineBreak;
        result.readme = readme.left(card->parts.openingBegin) + opening + inserted + opening +
                        readme.mid(card->parts.openingBegin);
    }
    const QString problem = verify(readme, result.readme, desired, touched);
    if (!problem.isEmpty()) {
        result.error = {0, 0, Text::tr("the gate keys were not written, because %1").arg(problem)};
        result.readme = readme;
        return result;
    }
    result.changed = result.readme != readme;
    return result;
}

} // namespace hubgate
