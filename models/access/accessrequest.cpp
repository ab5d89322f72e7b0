#include "accessrequest.h"
#include "requestpage.h"

#include <QCoreApplication>

#include <simdjson.h>

#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hubgate {

namespace {

// A hostile or broken reply must not blow up memory nor the table: texts are cut there.
constexpr qsizetype maxTextLength = 10000;

QString textOf(std::string_view utf8)
{
    // More than 3 bytes per UTF-16 unit is impossible: converting that much is enough to cut.
    const qsizetype bytes = qsizetype(utf8.size());
    if (bytes <= maxTextLength)
        return QString::fromUtf8(utf8.data(), bytes);
    QString text = QString::fromUtf8(utf8.data(), std::min(bytes, 3 * maxTextLength));
    if (text.size() > maxTextLength || bytes > 3 * maxTextLength) {
        text.truncate(maxTextLength);
        text.append(QChar(0x2026)); // …
    }
    return text;
}

// The same cut, for a text kept in UTF-8: up to 10,000 bytes are at most as many characters.
QByteArray utf8Of(std::string_view utf8)
{
    if (qsizetype(utf8.size()) <= maxTextLength)
        return QByteArray(utf8.data(), qsizetype(utf8.size()));
    return textOf(utf8).toUtf8();
}

bool digits(std::string_view s, std::size_t from, std::size_t count, int *value)
{
    int v = 0;
    for (std::size_t i = from; i < from + count; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *value = v;
    return true;
}

// ISO 8601 in UTC; the Hub's own "2026-03-28T06:23:27.677Z" without the slower general parser.
QDateTime timeOf(std::string_view s)
{
    int y, mo, d, h, mi, sec, ms = 0;
    if (s.size() >= 20 && s.size() <= 30 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' &&
        s[16] == ':' && s.back() == 'Z' && digits(s, 0, 4, &y) && digits(s, 5, 2, &mo) &&
        digits(s, 8, 2, &d) && digits(s, 11, 2, &h) && digits(s, 14, 2, &mi) && digits(s, 17, 2, &sec)) {
        bool ok = s.size() == 20;
        if (!ok && s[19] == '.' && s.size() > 21) {
            int fraction = 0;
            const std::size_t count = s.size() - 21;
            ok = count <= 9 && digits(s, 20, count, &fraction);
            for (std::size_t i = count; i < 3; ++i)
                fraction *= 10;
            for (std::size_t i = 3; i < count; ++i)
                fraction /= 10;
            ms = fraction;
        }
        const QDate date(y, mo, d);
        const QTime time(h, mi, sec, ms);
        if (ok && date.isValid() && time.isValid())
            return QDateTime(date, time, Qt::UTC);
    }
    const QDateTime time = QDateTime::fromString(textOf(s), Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC() : QDateTime();
}

qint64 msOf(std::string_view text)
{
    const QDateTime time = timeOf(text);
    return time.isValid() ? time.toMSecsSinceEpoch() : PackedRequest::NoTime;
}

// simdjson parses the page (with the fastest code this processor runs) into its compact tape,
// which is then read once into packed rows. Anything unexpected is skipped, never trusted.
class PageReader
{
public:
    explicit PageReader(RequestPageBuilder *builder)
        : m_builder(builder)
    {
    }

    void read(simdjson::dom::array items)
    {
        for (simdjson::dom::element element : items) {
            simdjson::dom::object object;
            if (element.get_object().get(object) != simdjson::SUCCESS) {
                m_builder->skip(); // not an object where an item should be
                continue;
            }
            m_parts = RequestPageBuilder::Parts();
            readItem(object);
            m_builder->add(m_parts);
        }
    }

private:
    static std::optional<std::string_view> stringOf(simdjson::dom::element value)
    {
        std::string_view text;
        if (value.get_string().get(text) != simdjson::SUCCESS)
            return std::nullopt;
        return text;
    }

    void readItem(simdjson::dom::object item)
    {
        for (const simdjson::dom::key_value_pair member : item) {
            const std::string_view key = member.key;
            simdjson::dom::object object;
            const bool isObject = member.value.get_object().get(object) == simdjson::SUCCESS;
            if (key == "user") {
                if (isObject)
                    readUser(object);
            } else if (key == "fields") {
                if (isObject)
                    for (const simdjson::dom::key_value_pair answer : object)
                        readAnswer(answer.key, answer.value);
            } else if (key == "grantedBy") { // a user object, {} or absent: only a user name counts
                std::string_view name;
                if (isObject && object["user"].get_string().get(name) == simdjson::SUCCESS)
                    m_parts.grantedBy = indexOf(m_people, name, &RequestPageBuilder::personIndex);
            } else if (key == "status") { // kept as sent, known or not
                if (const auto text = stringOf(member.value); text && !text->empty())
                    m_parts.status = indexOf(m_statuses, *text, &RequestPageBuilder::statusIndex);
            } else if (key == "timestamp") {
                if (const auto text = stringOf(member.value))
                    m_parts.requestedMs = msOf(*text);
            } else if (key == "reviewedAt") {
                if (const auto text = stringOf(member.value))
                    m_parts.reviewedMs = msOf(*text);
            }
        }
    }

    void readUser(simdjson::dom::object object)
    {
        for (const simdjson::dom::key_value_pair member : object) {
            const std::string_view key = member.key;
            if (key == "isPro") {
                bool pro = false;
                m_parts.isPro = member.value.get_bool().get(pro) == simdjson::SUCCESS && pro;
                continue;
            }
            if (key == "user") {
                if (const auto text = stringOf(member.value))
                    m_parts.name = textOf(*text);
                continue;
            }
            QByteArray *target = key == "_id"       ? &m_parts.id
                               : key == "fullname"  ? &m_parts.fullname
                               : key == "email"     ? &m_parts.email
                               : key == "avatarUrl" ? &m_parts.avatarUrl
                                                    : nullptr;
            if (target)
                if (const auto text = stringOf(member.value))
                    *target = utf8Of(*text);
        }
    }

    // A string map; other scalars are answers as written, null, lists and maps are not answers.
    void readAnswer(std::string_view key, simdjson::dom::element value)
    {
        switch (value.type()) {
        case simdjson::dom::element_type::STRING:
            m_parts.answers.append({indexOf(m_keys, key, &RequestPageBuilder::answerKeyIndex),
                                    utf8Of(value.get_string().value_unsafe())});
            break;
        case simdjson::dom::element_type::INT64:
        case simdjson::dom::element_type::UINT64:
        case simdjson::dom::element_type::DOUBLE:
        case simdjson::dom::element_type::BOOL:
            m_parts.answers.append({indexOf(m_keys, key, &RequestPageBuilder::answerKeyIndex),
                                    utf8Of(simdjson::minify(value))});
            break;
        default: break;
        }
    }

    struct Hash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
    };
    using IndexCache = std::unordered_map<std::string, int, Hash, std::equal_to<>>;

    // Field names, statuses and granters repeat on every item: converted and looked up once each.
    int indexOf(IndexCache &cache, std::string_view utf8, int (RequestPageBuilder::*index)(const QString &))
    {
        const auto it = cache.find(utf8);
        if (it != cache.end())
            return it->second;
        return cache.emplace(std::string(utf8), (m_builder->*index)(textOf(utf8))).first->second;
    }

    RequestPageBuilder *m_builder;
    RequestPageBuilder::Parts m_parts;
    IndexCache m_keys;
    IndexCache m_statuses;
    IndexCache m_people;
};

} // namespace

RequestPage parseRequestPage(const QByteArray &json, const QStringList &answerKeyOrder, const QString &defaultStatus)
{
    RequestPageBuilder builder(answerKeyOrder, defaultStatus);
    // One parser per thread, kept: its buffers grow to the largest page once. Nesting is only
    // limited by the page's size, so a deep but valid item is skipped rather than refused.
    thread_local simdjson::dom::parser parser;
    const std::size_t size = std::size_t(json.size());
    const std::size_t depth = std::max<std::size_t>(1024, size / 2 + 2);
    if ((parser.capacity() < size || parser.max_depth() < depth) &&
        parser.allocate(std::max<std::size_t>(size, 4096), depth) != simdjson::SUCCESS) {
        builder.setError(QCoreApplication::translate("AccessRequest", "the request list is too large to read"));
        return builder.take();
    }
    const simdjson::padded_string padded(json.constData(), size);
    simdjson::dom::element root;
    const simdjson::error_code error = parser.parse(padded).get(root);
    simdjson::dom::array items;
    if (error != simdjson::SUCCESS)
        builder.setError(QCoreApplication::translate("AccessRequest", "the request list is not valid JSON (%1)")
                             .arg(QString::fromUtf8(simdjson::error_message(error))));
    else if (root.get_array().get(items) != simdjson::SUCCESS)
        builder.setError(QCoreApplication::translate("AccessRequest", "the request list is not a JSON array"));
    else
        PageReader(&builder).read(items);
    return builder.take();
}

ParsedRequestPage parseAccessRequestPage(const QByteArray &json)
{
    const RequestPage packed = parseRequestPage(json);
    ParsedRequestPage page;
    page.requests = packed.requests();
    page.skipped = packed.skipped;
    page.error = packed.error;
    return page;
}

QStringList knownRequestStatuses()
{
    return {QStringLiteral("pending"), QStringLiteral("accepted"), QStringLiteral("rejected")};
}

} // namespace hubgate
