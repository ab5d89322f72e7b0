#include "accessrequest.h"

#include <QCoreApplication>

#include <nlohmann/json.hpp>

#include <string>
#include <unordered_map>
#include <vector>

namespace hubgate {

namespace {

using Json = nlohmann::json;

// A hostile or broken reply must not blow up memory nor the table: texts are cut there.
constexpr qsizetype maxTextLength = 10000;

QString textOf(const std::string &utf8)
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

bool digits(const std::string &s, std::size_t from, std::size_t count, int *value)
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
QDateTime timeOf(const std::string &s)
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

// Reads a request list straight from the JSON events (no tree): twice as fast as
// QJsonDocument plus lookups. Anything unexpected is skipped, never trusted.
class PageReader
{
public:
    explicit PageReader(ParsedRequestPage *page)
        : m_page(page)
    {
    }

    bool null() { return scalar(Scalar::Other, {}); }
    bool boolean(bool value) { return scalar(value ? Scalar::True : Scalar::False, value ? "true" : "false"); }
    bool number_integer(Json::number_integer_t value) { return scalar(Scalar::Number, std::to_string(value)); }
    bool number_unsigned(Json::number_unsigned_t value) { return scalar(Scalar::Number, std::to_string(value)); }
    bool number_float(Json::number_float_t, const std::string &text) { return scalar(Scalar::Number, text); }
    bool string(std::string &value) { return scalar(Scalar::String, value); }
    bool binary(Json::binary_t &) { return scalar(Scalar::Other, {}); }

    bool start_object(std::size_t) { return open(true); }
    bool start_array(std::size_t) { return open(false); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool key(std::string &key)
    {
        m_key = key;
        return true;
    }
    bool parse_error(std::size_t position, const std::string &, const nlohmann::detail::exception &)
    {
        m_page->error = QCoreApplication::translate("AccessRequest", "the request list is not valid JSON (at byte %1)")
                            .arg(position);
        return false;
    }

private:
    enum class Frame { Root, Item, User, Fields, GrantedBy, Ignored };
    enum class Scalar { String, True, False, Number, Other };

    bool open(bool object)
    {
        if (m_frames.empty()) {
            if (object)
                return notAnArray();
            m_frames.push_back(Frame::Root);
            return true;
        }
        Frame next = Frame::Ignored;
        const Frame top = m_frames.back();
        if (object && top == Frame::Root) {
            next = Frame::Item;
            m_request = AccessRequest();
        } else if (object && top == Frame::Item) {
            next = m_key == "user" ? Frame::User
                 : m_key == "fields" ? Frame::Fields
                 : m_key == "grantedBy" ? Frame::GrantedBy
                                        : Frame::Ignored;
        } else if (top == Frame::Root) {
            ++m_page->skipped; // an array where an item should be
        }
        m_frames.push_back(next);
        return true;
    }

    bool close()
    {
        const Frame top = m_frames.back();
        m_frames.pop_back();
        if (top == Frame::Item) {
            if (m_request.user.name.isEmpty()) // nothing to act on without a user name
                ++m_page->skipped;
            else
                m_page->requests.append(std::move(m_request));
        }
        return true;
    }

    bool scalar(Scalar kind, const std::string &value)
    {
        if (m_frames.empty())
            return notAnArray();
        switch (m_frames.back()) {
        case Frame::Root: ++m_page->skipped; break;
        case Frame::Item:
            if (kind != Scalar::String)
                break;
            if (m_key == "status") // kept as sent, known or not
                m_request.status = interned(value);
            else if (m_key == "timestamp")
                m_request.requestedAt = timeOf(value);
            else if (m_key == "reviewedAt")
                m_request.reviewedAt = timeOf(value);
            break;
        case Frame::User:
            if (kind == Scalar::String) {
                if (m_key == "user")
                    m_request.user.name = textOf(value);
                else if (m_key == "_id")
                    m_request.user.id = textOf(value);
                else if (m_key == "fullname")
                    m_request.user.fullname = textOf(value);
                else if (m_key == "email")
                    m_request.user.email = textOf(value);
                else if (m_key == "avatarUrl")
                    m_request.user.avatarUrl = textOf(value);
            } else if (m_key == "isPro") {
                m_request.user.isPro = kind == Scalar::True;
            }
            break;
        case Frame::GrantedBy: // a user object, {} or absent: only a user name counts
            if (kind == Scalar::String && m_key == "user")
                m_request.grantedBy = interned(value);
            break;
        case Frame::Fields: // a string map; other scalars are shown as written
            if (kind != Scalar::Other)
                m_request.fields.insert(interned(m_key), textOf(value));
            break;
        case Frame::Ignored: break;
        }
        return true;
    }

    bool notAnArray()
    {
        m_page->error = QCoreApplication::translate("AccessRequest", "the request list is not a JSON array");
        return false;
    }

    // Field names, statuses and granters repeat on every item: one QString each per page.
    QString interned(const std::string &utf8)
    {
        const auto it = m_strings.find(utf8);
        if (it != m_strings.end())
            return it->second;
        return m_strings.emplace(utf8, textOf(utf8)).first->second;
    }

    ParsedRequestPage *m_page;
    std::vector<Frame> m_frames;
    std::string m_key;
    AccessRequest m_request;
    std::unordered_map<std::string, QString> m_strings;
};

} // namespace

ParsedRequestPage parseAccessRequestPage(const QByteArray &json)
{
    ParsedRequestPage page;
    PageReader reader(&page);
    const bool ok = Json::sax_parse(json.begin(), json.end(), &reader);
    if (!ok || !page.error.isEmpty()) {
        if (page.error.isEmpty())
            page.error = QCoreApplication::translate("AccessRequest", "the request list is not valid JSON");
        page.requests.clear();
        page.skipped = 0;
    }
    return page;
}

QStringList knownRequestStatuses()
{
    return {QStringLiteral("pending"), QStringLiteral("accepted"), QStringLiteral("rejected")};
}

} // namespace hubgate
