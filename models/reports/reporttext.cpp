#include "reporttext.h"

namespace hubgate::reporttext {

namespace {

void appendDigits(QByteArray &out, qint64 value, int width)
{
    char buffer[20];
    int at = int(sizeof buffer);
    do {
        buffer[--at] = char('0' + value % 10);
        value /= 10;
        --width;
    } while (value > 0 || width > 0);
    out.append(buffer + at, qsizetype(sizeof buffer) - at);
}

// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's civil_from_days): much
// cheaper than QDateTime::toString, which dominated the writers' time.
void civilFromDays(qint64 days, qint64 *year, int *month, int *day)
{
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 dayOfEra = days - era * 146097;
    const qint64 yearOfEra =
        (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 mp = (5 * dayOfYear + 2) / 153;
    *day = int(dayOfYear - (153 * mp + 2) / 5 + 1);
    *month = int(mp < 10 ? mp + 3 : mp - 9);
    *year = yearOfEra + era * 400 + (*month <= 2 ? 1 : 0);
}

bool needsJsonEscape(QChar c)
{
    return c.unicode() < 0x20 || c == u'"' || c == u'\\';
}

// UTF-16 to UTF-8 straight into the output: a temporary QByteArray per cell (toUtf8) took most
// of the writers' time. Unpaired surrogates become U+FFFD, as QString::toUtf8 does.
void appendUtf8(QByteArray &out, QStringView text)
{
    const qsizetype start = out.size();
    out.resize(start + text.size() * 3);
    auto *p = reinterpret_cast<unsigned char *>(out.data() + start);
    const char16_t *s = text.utf16();
    const char16_t *end = s + text.size();
    while (s < end) {
        char32_t c = *s++;
        if (c < 0x80) {
            *p++ = static_cast<unsigned char>(c);
            continue;
        }
        if (c < 0x800) {
            *p++ = static_cast<unsigned char>(0xC0 | (c >> 6));
            *p++ = static_cast<unsigned char>(0x80 | (c & 0x3F));
            continue;
        }
        if (QChar::isHighSurrogate(c) && s < end && QChar::isLowSurrogate(*s)) {
            c = QChar::surrogateToUcs4(char16_t(c), *s++);
            *p++ = static_cast<unsigned char>(0xF0 | (c >> 18));
            *p++ = static_cast<unsigned char>(0x80 | ((c >> 12) & 0x3F));
            *p++ = static_cast<unsigned char>(0x80 | ((c >> 6) & 0x3F));
            *p++ = static_cast<unsigned char>(0x80 | (c & 0x3F));
            continue;
        }
        if (QChar::isSurrogate(c))
            c = 0xFFFD;
        *p++ = static_cast<unsigned char>(0xE0 | (c >> 12));
        *p++ = static_cast<unsigned char>(0x80 | ((c >> 6) & 0x3F));
        *p++ = static_cast<unsigned char>(0x80 | (c & 0x3F));
    }
    out.resize(reinterpret_cast<char *>(p) - out.data());
}

} // namespace

void appendJsonString(QByteArray &out, QStringView text)
{
    out.append('"');
    qsizetype plainFrom = 0;
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const QChar c = text.at(i);
        if (!needsJsonEscape(c))
            continue;
        appendUtf8(out, text.sliced(plainFrom, i - plainFrom));
        plainFrom = i + 1;
        switch (c.unicode()) {
        case u'"':
            out.append("\\\"");
            break;
        case u'\\':
            out.append("\\\\");
            break;
        case u'\b':
            out.append("\\b");
            break;
        case u'\f':
            out.append("\\f");
            break;
        case u'\n':
            out.append("\\n");
            break;
        case u'\r':
            out.append("\\r");
            break;
        case u'\t':
            out.append("\\t");
            break;
        default: {
            static const char hex[] = "0123456789abcdef";
            const char escape[] = {
                '\\', 'u', '0', '0', hex[(c.unicode() >> 4) & 0xF], hex[c.unicode() & 0xF]};
            out.append(escape, qsizetype(sizeof escape));
        }
        }
    }
    appendUtf8(out, text.sliced(plainFrom));
    out.append('"');
}

void appendJsonStringOrNull(QByteArray &out, QStringView text)
{
    if (text.isEmpty())
        out.append("null");
    else
        appendJsonString(out, text);
}

void appendIsoTime(QByteArray &out, qint64 ms)
{
    const qint64 days = (ms >= 0 ? ms : ms - 86399999) / 86400000;
    const qint64 msOfDay = ms - days * 86400000;
    qint64 year = 0;
    int month = 0;
    int day = 0;
    civilFromDays(days, &year, &month, &day);
    appendDigits(out, year, 4);
    out.append('-');
    appendDigits(out, month, 2);
    out.append('-');
    appendDigits(out, day, 2);
    out.append('T');
    appendDigits(out, msOfDay / 3600000, 2);
    out.append(':');
    appendDigits(out, msOfDay / 60000 % 60, 2);
    out.append(':');
    appendDigits(out, msOfDay / 1000 % 60, 2);
    out.append('.');
    appendDigits(out, msOfDay % 1000, 3);
    out.append('Z');
}

QString isoTime(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    QByteArray text;
    appendIsoTime(text, time.toMSecsSinceEpoch());
    return QString::fromLatin1(text);
}

void appendCsvField(QByteArray &out, QStringView text)
{
    bool quote = false;
    for (const QChar c : text) {
        if (c == u',' || c == u'"' || c == u'\n' || c == u'\r') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        appendUtf8(out, text);
        return;
    }
    out.append('"');
    qsizetype from = 0;
    for (qsizetype at = text.indexOf(u'"'); at >= 0; at = text.indexOf(u'"', at + 1)) {
        appendUtf8(out, text.sliced(from, at + 1 - from));
        out.append('"'); // a quote inside a quoted field is doubled
        from = at + 1;
    }
    appendUtf8(out, text.sliced(from));
    out.append('"');
}

} // namespace hubgate::reporttext
