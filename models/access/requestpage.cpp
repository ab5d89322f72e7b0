#include "requestpage.h"

#include <algorithm>

namespace hubgate {

namespace {

constexpr char separator = 0;

// The packed text uses '\0' between slots: a '\0' inside a value must not split it.
void appendSlot(QByteArray &text, QByteArrayView value)
{
    if (!value.contains(separator)) {
        text += value;
        return;
    }
    for (const char c : value) {
        if (c == separator)
            text += "\xEF\xBF\xBD"; // U+FFFD
        else
            text += c;
    }
}

QDateTime utcOf(qint64 ms)
{
    return ms == PackedRequest::NoTime ? QDateTime() : QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

qint64 msOf(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : PackedRequest::NoTime;
}

int indexIn(QHash<QString, int> &index, QStringList &table, const QString &value)
{
    const auto it = index.constFind(value);
    if (it != index.constEnd())
        return *it;
    table.append(value);
    return index.insert(value, int(table.size()) - 1).value();
}

} // namespace

QByteArrayView PackedRequest::slotBytes(int which) const
{
    qsizetype start = 0;
    for (int i = 0; i < which; ++i) {
        start = text.indexOf(separator, start);
        if (start < 0)
            return {};
        ++start;
    }
    qsizetype end = text.indexOf(separator, start);
    if (end < 0)
        end = text.size();
    return QByteArrayView(text).sliced(start, end - start);
}

bool PackedRequest::sameData(const PackedRequest &other) const
{
    return name == other.name && text == other.text && requestedMs == other.requestedMs &&
           reviewedMs == other.reviewedMs && status == other.status && grantedBy == other.grantedBy &&
           isPro == other.isPro;
}

void readRequest(const PackedRequest &row, const QStringList &statuses, const QStringList &people,
                 qsizetype answerKeyCount, RequestView *view)
{
    view->user = row.name;
    view->isPro = row.isPro;
    view->status = statuses[row.status];
    view->requestedMs = row.requestedMs;
    view->reviewedMs = row.reviewedMs;
    view->grantedBy = people[row.grantedBy];
    view->userId = view->fullname = view->email = view->avatarUrl = QStringView();
    view->answers.fill(std::nullopt, answerKeyCount);
    // One decoding for the whole row ('\0' stays '\0'), then slot by slot: the user's four texts,
    // then the answers by key index (a row packed before a key was first seen has fewer slots).
    view->storage = QString::fromUtf8(row.text);
    const QStringView text(view->storage);
    constexpr QChar separator(0);
    int slot = 0;
    for (qsizetype start = 0; start <= text.size(); ++slot) {
        qsizetype end = text.indexOf(separator, start);
        if (end < 0)
            end = text.size();
        const QStringView value = text.sliced(start, end - start);
        start = end + 1;
        switch (slot) {
        case PackedRequest::IdSlot: view->userId = value; break;
        case PackedRequest::FullNameSlot: view->fullname = value; break;
        case PackedRequest::EmailSlot: view->email = value; break;
        case PackedRequest::AvatarSlot: view->avatarUrl = value; break;
        default:
            if (!value.isEmpty() && slot - PackedRequest::FirstAnswerSlot < answerKeyCount)
                view->answers[slot - PackedRequest::FirstAnswerSlot] = value;
        }
    }
}

AccessRequest unpackRequest(const PackedRequest &row, const QStringList &statuses, const QStringList &people,
                            const QStringList &answerKeys)
{
    RequestView view;
    readRequest(row, statuses, people, answerKeys.size(), &view);
    AccessRequest request;
    request.user.name = row.name;
    request.user.id = view.userId.toString();
    request.user.fullname = view.fullname.toString();
    request.user.email = view.email.toString();
    request.user.avatarUrl = view.avatarUrl.toString();
    request.user.isPro = row.isPro;
    request.status = view.status.toString();
    request.requestedAt = utcOf(row.requestedMs);
    request.reviewedAt = utcOf(row.reviewedMs);
    request.grantedBy = view.grantedBy.toString();
    for (qsizetype key = 0; key < answerKeys.size(); ++key)
        if (view.answers[key])
            request.fields.insert(answerKeys[key], view.answers[key]->toString());
    return request;
}

QList<AccessRequest> RequestPage::requests() const
{
    QList<AccessRequest> out;
    out.reserve(rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i)
        out.append(request(i));
    return out;
}

RequestPage RequestPage::fromRequests(const QList<AccessRequest> &requests, const QStringList &answerKeyOrder)
{
    RequestPageBuilder builder(answerKeyOrder);
    for (const AccessRequest &request : requests) {
        RequestPageBuilder::Parts parts;
        parts.name = request.user.name;
        parts.id = request.user.id.toUtf8();
        parts.fullname = request.user.fullname.toUtf8();
        parts.email = request.user.email.toUtf8();
        parts.avatarUrl = request.user.avatarUrl.toUtf8();
        parts.isPro = request.user.isPro;
        parts.status = builder.statusIndex(request.status);
        parts.requestedMs = msOf(request.requestedAt);
        parts.reviewedMs = msOf(request.reviewedAt);
        parts.grantedBy = builder.personIndex(request.grantedBy);
        parts.answers.reserve(request.fields.size());
        for (auto it = request.fields.cbegin(); it != request.fields.cend(); ++it)
            parts.answers.append({builder.answerKeyIndex(it.key()), it.value().toUtf8()});
        builder.add(parts);
    }
    return builder.take();
}

RequestPageBuilder::RequestPageBuilder(const QStringList &answerKeyOrder, const QString &defaultStatus)
    : m_defaultStatus(defaultStatus)
{
    for (const QString &key : answerKeyOrder)
        answerKeyIndex(key);
}

int RequestPageBuilder::statusIndex(const QString &status)
{
    return indexIn(m_statusIndex, m_page.statuses, status);
}

int RequestPageBuilder::personIndex(const QString &name)
{
    return name.isEmpty() ? 0 : indexIn(m_personIndex, m_page.people, name);
}

int RequestPageBuilder::answerKeyIndex(const QString &key)
{
    return indexIn(m_keyIndex, m_page.answerKeys, key);
}

void RequestPageBuilder::add(Parts &parts)
{
    if (parts.name.isEmpty()) { // nothing to act on without a user name
        ++m_page.skipped;
        return;
    }
    PackedRequest row;
    row.name = std::move(parts.name);
    row.isPro = parts.isPro;
    row.status = parts.status >= 0 ? parts.status : statusIndex(m_defaultStatus);
    row.requestedMs = parts.requestedMs;
    row.reviewedMs = parts.reviewedMs;
    row.grantedBy = parts.grantedBy;

    // Empty answers take no slot of their own; the last of a repeated name wins.
    auto &answers = parts.answers;
    answers.removeIf([](const auto &answer) { return answer.second.isEmpty(); });
    std::stable_sort(answers.begin(), answers.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    qsizetype length = parts.id.size() + parts.fullname.size() + parts.email.size() + parts.avatarUrl.size() + 4;
    for (const auto &answer : std::as_const(answers))
        length += answer.second.size() + 1;
    row.text.reserve(length + (answers.isEmpty() ? 0 : answers.constLast().first));
    for (const QByteArray *value : {&parts.id, &parts.fullname, &parts.email, &parts.avatarUrl}) {
        appendSlot(row.text, *value);
        row.text += separator;
    }
    int key = 0;
    for (qsizetype i = 0; i < answers.size(); ++i) {
        if (i + 1 < answers.size() && answers[i + 1].first == answers[i].first)
            continue;
        for (; key < answers[i].first; ++key)
            row.text += separator;
        appendSlot(row.text, answers[i].second);
    }
    appendSearch(row, parts);
    m_page.rows.append(std::move(row));
}

// What a search looks in: user, name, e-mail and answers, lower case (UTF-8), one per line.
// ASCII text is lowered in place: QString::toLower() runs the full Unicode mapping, ten times
// slower. A lower-case word is found in it exactly where it is found in the UTF-16 text.
void RequestPageBuilder::appendSearch(PackedRequest &row, const Parts &parts)
{
    QByteArray &text = m_scratch;
    text.clear();
    text += row.name.toUtf8();
    text += '\n';
    text += parts.fullname;
    text += '\n';
    text += parts.email;
    for (const auto &[key, answer] : parts.answers) {
        text += '\n';
        text += answer;
    }
    row.searchAt = int(m_page.search.size());
    char *data = text.data();
    bool ascii = true;
    for (qsizetype i = 0; i < text.size() && ascii; ++i) {
        const char c = data[i];
        if (c & 0x80)
            ascii = false;
        else if (c >= 'A' && c <= 'Z')
            data[i] = char(c + ('a' - 'A'));
    }
    if (ascii) {
        m_page.search += text;
        row.searchSize = int(text.size());
    } else {
        const QByteArray lowered = QString::fromUtf8(text).toLower().toUtf8();
        m_page.search += lowered;
        row.searchSize = int(lowered.size());
    }
}

RequestPage RequestPageBuilder::take()
{
    m_statusIndex.clear();
    m_personIndex.clear();
    m_keyIndex.clear();
    return std::move(m_page);
}

} // namespace hubgate
