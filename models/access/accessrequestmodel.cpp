#include "accessrequestmodel.h"

#include <QLocale>

#include <algorithm>

namespace hubgate {

namespace {

constexpr QChar separator = QChar(0);

// The packed text uses '\0' between slots: a '\0' inside a value must not split it.
void appendSlot(QString &text, const QString &value)
{
    if (value.contains(separator)) {
        QString clean = value;
        text += clean.replace(separator, QChar::ReplacementCharacter);
    } else {
        text += value;
    }
}

QDateTime utcOf(qint64 ms)
{
    return ms == AccessRequestModel::NoTime ? QDateTime() : QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

qint64 msOf(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : AccessRequestModel::NoTime;
}

QString localText(qint64 ms)
{
    if (ms == AccessRequestModel::NoTime)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms, Qt::LocalTime), QLocale::ShortFormat);
}

// QString::toLower() runs the full Unicode case mapping on every character: ten times slower
// than needed for the ASCII text most rows hold, which is lowered in place.
QString lowerCased(QString &&text)
{
    char16_t *data = reinterpret_cast<char16_t *>(text.data());
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t c = data[i];
        if (c >= 0x80)
            return std::move(text).toLower();
        if (c >= u'A' && c <= u'Z')
            data[i] = char16_t(c + (u'a' - u'A'));
    }
    return std::move(text);
}

} // namespace

AccessRequestModel::AccessRequestModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    clear();
}

QString AccessRequestModel::statusDisplayName(const QString &status)
{
    if (status == QLatin1String("pending"))
        return tr("Pending");
    if (status == QLatin1String("accepted"))
        return tr("Accepted");
    if (status == QLatin1String("rejected"))
        return tr("Rejected");
    return status;
}

void AccessRequestModel::setGateFields(const QList<GateField> &fields)
{
    beginResetModel();
    m_fields = fields;
    m_fieldKey.clear();
    for (const GateField &field : fields)
        m_fieldKey.append(answerKeyIndex(field.name));
    endResetModel();
}

void AccessRequestModel::clear()
{
    const bool hadRows = !m_rows.isEmpty();
    beginResetModel();
    m_rows.clear();
    m_search.clear();
    m_searchGarbage = 0;
    m_rowByUser.clear();
    m_statusNames.clear();
    m_statusIndex.clear();
    m_counts.clear();
    for (const QString &status : knownRequestStatuses())
        statusIndex(status);
    m_people = QStringList{QString()};
    m_personIndex.clear();
    m_answerKeys.clear();
    m_answerKeyIndex.clear();
    m_fieldKey.clear();
    for (const GateField &field : std::as_const(m_fields))
        m_fieldKey.append(answerKeyIndex(field.name));
    endResetModel();
    if (hadRows)
        Q_EMIT countsChanged();
}

int AccessRequestModel::statusIndex(const QString &status)
{
    const auto it = m_statusIndex.constFind(status);
    if (it != m_statusIndex.constEnd())
        return *it;
    m_statusNames.append(status);
    m_counts.append(0);
    return m_statusIndex.insert(status, int(m_statusNames.size()) - 1).value();
}

int AccessRequestModel::personIndex(const QString &name)
{
    if (name.isEmpty())
        return 0;
    const auto it = m_personIndex.constFind(name);
    if (it != m_personIndex.constEnd())
        return *it;
    m_people.append(name);
    return m_personIndex.insert(name, int(m_people.size()) - 1).value();
}

int AccessRequestModel::answerKeyIndex(const QString &key)
{
    const auto it = m_answerKeyIndex.constFind(key);
    if (it != m_answerKeyIndex.constEnd())
        return *it;
    m_answerKeys.append(key);
    return m_answerKeyIndex.insert(key, int(m_answerKeys.size()) - 1).value();
}

bool AccessRequestModel::Row::sameData(const Row &other) const
{
    // The search text derives from name and text: no need to compare it.
    return name == other.name && text == other.text && requestedMs == other.requestedMs &&
           reviewedMs == other.reviewedMs && status == other.status && grantedBy == other.grantedBy &&
           isPro == other.isPro;
}

QString AccessRequestModel::searchTextOf(const AccessRequest &request)
{
    // Answers in any order: every word of a search must appear, wherever.
    qsizetype length = request.user.name.size() + request.user.fullname.size() + request.user.email.size() + 2;
    for (const QString &answer : request.fields)
        length += answer.size() + 1;
    QString search;
    search.reserve(length);
    search += request.user.name + QLatin1Char('\n') + request.user.fullname + QLatin1Char('\n') + request.user.email;
    for (const QString &answer : request.fields)
        if (!answer.isEmpty())
            search += QLatin1Char('\n') + answer;
    return lowerCased(std::move(search));
}

ParsedRequestPage AccessRequestModel::parsePage(const QByteArray &json)
{
    ParsedRequestPage page = parseAccessRequestPage(json);
    for (AccessRequest &request : page.requests)
        request.searchText = searchTextOf(request);
    return page;
}

AccessRequestModel::Packed AccessRequestModel::pack(const AccessRequest &request)
{
    Packed packed;
    Row &row = packed.row;
    row.name = request.user.name;
    row.requestedMs = msOf(request.requestedAt);
    row.reviewedMs = msOf(request.reviewedAt);
    row.status = statusIndex(request.status);
    row.grantedBy = personIndex(request.grantedBy);
    row.isPro = request.user.isPro;

    QList<std::pair<int, const QString *>> answers;
    answers.reserve(request.fields.size());
    for (auto it = request.fields.cbegin(); it != request.fields.cend(); ++it)
        if (!it.value().isEmpty())
            answers.append({answerKeyIndex(it.key()), &it.value()});
    std::sort(answers.begin(), answers.end());

    qsizetype length = request.user.id.size() + request.user.fullname.size() +
                       request.user.email.size() + request.user.avatarUrl.size() + 4;
    for (const auto &answer : std::as_const(answers))
        length += answer.second->size() + 1;
    row.text.reserve(length + (answers.isEmpty() ? 0 : answers.constLast().first));
    for (const QString *value : {&request.user.id, &request.user.fullname, &request.user.email,
                                 &request.user.avatarUrl}) {
        appendSlot(row.text, *value);
        row.text += separator;
    }
    int key = 0;
    for (const auto &[index, value] : std::as_const(answers)) {
        for (; key < index; ++key)
            row.text += separator;
        appendSlot(row.text, *value);
    }
    row.text.squeeze();

    packed.search = request.searchText.isEmpty() ? searchTextOf(request) : request.searchText;
    return packed;
}

void AccessRequestModel::storeSearch(Row &row, const QString &search)
{
    if (row.searchSize >= search.size()) { // fits where the old one was
        std::copy(search.cbegin(), search.cend(), m_search.begin() + row.searchAt);
        m_searchGarbage += row.searchSize - search.size();
    } else {
        m_searchGarbage += row.searchSize;
        row.searchAt = m_search.size();
        m_search += search;
    }
    row.searchSize = int(search.size());
}

void AccessRequestModel::compactSearch()
{
    if (m_searchGarbage < (1 << 20) || m_searchGarbage < m_search.size() / 2)
        return;
    QString compact;
    compact.reserve(m_search.size() - m_searchGarbage);
    for (Row &row : m_rows) {
        const qsizetype at = compact.size();
        compact += QStringView(m_search).sliced(row.searchAt, row.searchSize);
        row.searchAt = at;
    }
    m_search = std::move(compact);
    m_searchGarbage = 0;
}

QStringView AccessRequestModel::slot(const Row &row, int which)
{
    qsizetype start = 0;
    for (int i = 0; i < which; ++i) {
        start = row.text.indexOf(separator, start);
        if (start < 0)
            return {};
        ++start;
    }
    qsizetype end = row.text.indexOf(separator, start);
    if (end < 0)
        end = row.text.size();
    return QStringView(row.text).sliced(start, end - start);
}

bool AccessRequestModel::replaceRow(int row, Packed packed)
{
    Row &old = m_rows[row];
    if (old.sameData(packed.row))
        return false;
    --m_counts[old.status];
    ++m_counts[packed.row.status];
    packed.row.searchAt = old.searchAt;
    packed.row.searchSize = old.searchSize;
    if (old.name != packed.row.name || old.text != packed.row.text)
        storeSearch(packed.row, packed.search);
    old = std::move(packed.row);
    return true;
}

void AccessRequestModel::appendRows(QList<Packed> rows)
{
    if (rows.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(rows.size()) - 1);
    for (Packed &packed : rows) {
        storeSearch(packed.row, packed.search);
        m_rowByUser.insert(packed.row.name, int(m_rows.size()));
        ++m_counts[packed.row.status];
        m_rows.append(std::move(packed.row));
    }
    endInsertRows();
}

// One dataChanged per run of consecutive rows, over all columns of those rows only.
void AccessRequestModel::emitRowsChanged(QList<int> rows)
{
    std::sort(rows.begin(), rows.end());
    const int lastColumn = columnCount() - 1;
    for (qsizetype i = 0; i < rows.size();) {
        qsizetype j = i;
        while (j + 1 < rows.size() && rows[j + 1] <= rows[j] + 1)
            ++j;
        Q_EMIT dataChanged(index(rows[i], 0), index(rows[j], lastColumn));
        i = j + 1;
    }
}

void AccessRequestModel::addRequests(const QList<AccessRequest> &requests)
{
    const QList<int> countsBefore = m_counts;
    QList<Packed> added;
    QHash<QString, int> addedIndex; // the same user twice in one page: the last one wins
    QList<int> changed;
    for (const AccessRequest &request : requests) {
        if (request.user.name.isEmpty())
            continue;
        Packed packed = pack(request);
        const QString name = packed.row.name;
        if (const auto it = m_rowByUser.constFind(name); it != m_rowByUser.constEnd()) {
            if (replaceRow(*it, std::move(packed)))
                changed.append(*it);
        } else if (const auto at = addedIndex.constFind(name); at != addedIndex.constEnd()) {
            added[*at] = std::move(packed);
        } else {
            addedIndex.insert(name, int(added.size()));
            added.append(std::move(packed));
        }
    }
    compactSearch();
    emitRowsChanged(std::move(changed));
    appendRows(std::move(added));
    if (m_counts != countsBefore)
        Q_EMIT countsChanged();
}

void AccessRequestModel::upsert(const AccessRequest &request)
{
    addRequests({request});
}

bool AccessRequestModel::updateStatus(const QString &userName, const QString &status,
                                      const QDateTime &reviewedAt, const QString &grantedBy)
{
    const int row = rowOfUser(userName);
    if (row < 0)
        return false;
    Packed updated{m_rows[row], {}};
    updated.row.status = statusIndex(status);
    updated.row.reviewedMs = msOf(reviewedAt);
    updated.row.grantedBy = personIndex(grantedBy);
    const bool statusChanged = updated.row.status != m_rows[row].status;
    if (replaceRow(row, std::move(updated))) {
        Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
        if (statusChanged)
            Q_EMIT countsChanged();
    }
    return true;
}

void AccessRequestModel::removeRowRange(int first, int last)
{
    beginRemoveRows({}, first, last);
    for (int i = first; i <= last; ++i) {
        m_rowByUser.remove(m_rows[i].name);
        --m_counts[m_rows[i].status];
        m_searchGarbage += m_rows[i].searchSize;
    }
    m_rows.remove(first, last - first + 1);
    for (int i = first; i < m_rows.size(); ++i)
        m_rowByUser[m_rows[i].name] = i;
    endRemoveRows();
}

void AccessRequestModel::removeStaleOfStatus(const QString &status, const QSet<QString> &keep)
{
    const auto found = m_statusIndex.constFind(status);
    if (found == m_statusIndex.constEnd())
        return;
    QList<int> stale;
    int ranges = 0;
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].status == *found && !keep.contains(m_rows[row].name)) {
            ranges += stale.isEmpty() || stale.constLast() != row - 1;
            stale.append(row);
        }
    }
    if (stale.isEmpty())
        return;
    // Each removed range renumbers the rows after it: past a few dozen, one reset is cheaper.
    if (ranges > 32) {
        beginResetModel();
        QList<Row> kept;
        kept.reserve(m_rows.size() - stale.size());
        qsizetype next = 0;
        for (int row = 0; row < m_rows.size(); ++row) {
            if (next < stale.size() && stale[next] == row) {
                ++next;
                --m_counts[m_rows[row].status];
                m_searchGarbage += m_rows[row].searchSize;
                continue;
            }
            kept.append(std::move(m_rows[row]));
        }
        m_rows = std::move(kept);
        compactSearch();
        m_rowByUser.clear();
        for (int row = 0; row < m_rows.size(); ++row)
            m_rowByUser.insert(m_rows[row].name, row);
        endResetModel();
    } else {
        for (qsizetype i = stale.size() - 1; i >= 0;) {
            qsizetype j = i;
            while (j > 0 && stale[j - 1] == stale[j] - 1)
                --j;
            removeRowRange(stale[j], stale[i]);
            i = j - 1;
        }
        compactSearch();
    }
    Q_EMIT countsChanged();
}

int AccessRequestModel::countOf(const QString &status) const
{
    const auto it = m_statusIndex.constFind(status);
    return it == m_statusIndex.constEnd() ? 0 : m_counts[*it];
}

QStringList AccessRequestModel::statuses() const
{
    QStringList out = knownRequestStatuses();
    for (qsizetype i = out.size(); i < m_statusNames.size(); ++i)
        if (m_counts[i] > 0)
            out.append(m_statusNames[i]);
    return out;
}

int AccessRequestModel::rowOfUser(const QString &userName) const
{
    return m_rowByUser.value(userName, -1);
}

AccessRequest AccessRequestModel::requestAt(int row) const
{
    return unpack(m_rows[row], m_statusNames, m_people, m_answerKeys);
}

AccessRequestModel::Snapshot AccessRequestModel::snapshot() const
{
    Snapshot out;
    out.m_rows = m_rows;
    out.m_statusNames = m_statusNames;
    out.m_people = m_people;
    out.m_answerKeys = m_answerKeys;
    return out;
}

void AccessRequestModel::read(const Row &row, const QStringList &statusNames,
                              const QStringList &people, qsizetype answerKeyCount, RequestView *view)
{
    view->user = row.name;
    view->isPro = row.isPro;
    view->status = statusNames[row.status];
    view->requestedMs = row.requestedMs;
    view->reviewedMs = row.reviewedMs;
    view->grantedBy = people[row.grantedBy];
    view->userId = view->fullname = view->email = view->avatarUrl = QStringView();
    view->answers.fill(std::nullopt, answerKeyCount);
    // Slot by slot: the user's four texts, then the answers by key index (a row packed before a
    // key was first seen has fewer slots).
    const QStringView text(row.text);
    int slot = 0;
    for (qsizetype start = 0; start <= text.size(); ++slot) {
        qsizetype end = text.indexOf(separator, start);
        if (end < 0)
            end = text.size();
        const QStringView value = text.sliced(start, end - start);
        start = end + 1;
        switch (slot) {
        case IdSlot: view->userId = value; break;
        case FullNameSlot: view->fullname = value; break;
        case EmailSlot: view->email = value; break;
        case AvatarSlot: view->avatarUrl = value; break;
        default:
            if (!value.isEmpty() && slot - FirstAnswerSlot < answerKeyCount)
                view->answers[slot - FirstAnswerSlot] = value;
        }
    }
}

AccessRequest AccessRequestModel::unpack(const Row &packed, const QStringList &statusNames,
                                         const QStringList &people, const QStringList &answerKeys)
{
    RequestView view;
    read(packed, statusNames, people, answerKeys.size(), &view);
    AccessRequest request;
    request.user.name = packed.name;
    request.user.id = view.userId.toString();
    request.user.fullname = view.fullname.toString();
    request.user.email = view.email.toString();
    request.user.avatarUrl = view.avatarUrl.toString();
    request.user.isPro = packed.isPro;
    request.status = statusNames[packed.status];
    request.requestedAt = utcOf(packed.requestedMs);
    request.reviewedAt = utcOf(packed.reviewedMs);
    request.grantedBy = people[packed.grantedBy];
    for (qsizetype key = 0; key < answerKeys.size(); ++key) {
        if (view.answers[key])
            request.fields.insert(answerKeys[key], view.answers[key]->toString());
    }
    return request;
}

QStringView AccessRequestModel::answerAt(int row, const QString &field) const
{
    const auto it = m_answerKeyIndex.constFind(field);
    return it == m_answerKeyIndex.constEnd() ? QStringView() : slot(m_rows[row], FirstAnswerSlot + *it);
}

QModelIndex AccessRequestModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || row >= m_rows.size() || column < 0 ||
        column >= FirstFieldColumn + m_fields.size())
        return {};
    return createIndex(row, column);
}

int AccessRequestModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AccessRequestModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FirstFieldColumn + int(m_fields.size());
}

QVariant AccessRequestModel::displayData(const Row &row, int column) const
{
    switch (column) {
    case User: return row.name;
    case FullName: return slot(row, FullNameSlot).toString();
    case Email: return slot(row, EmailSlot).toString();
    case RequestedAt: return localText(row.requestedMs);
    case ReviewedAt: return localText(row.reviewedMs);
    case GrantedBy: return m_people[row.grantedBy];
    case Status: return statusDisplayName(m_statusNames[row.status]);
    }
    const int field = column - FirstFieldColumn;
    const GateField &spec = m_fields[field];
    const QStringView answer = slot(row, FirstAnswerSlot + m_fieldKey[field]);
    if (spec.type == GateField::Type::Checkbox)
        return isTicked(answer.toString()) ? tr("Yes") : tr("No");
    if (spec.type == GateField::Type::Select) {
        const qsizetype option = spec.optionValues.indexOf(answer);
        if (option >= 0 && option < spec.optionLabels.size())
            return spec.optionLabels[option];
    }
    return answer.toString();
}

QVariant AccessRequestModel::sortData(const Row &row, int column) const
{
    if (column == RequestedAt)
        return utcOf(row.requestedMs);
    if (column == ReviewedAt)
        return utcOf(row.reviewedMs);
    if (column >= FirstFieldColumn && m_fields[column - FirstFieldColumn].type == GateField::Type::Checkbox)
        return isTicked(slot(row, FirstAnswerSlot + m_fieldKey[column - FirstFieldColumn]).toString());
    return displayData(row, column);
}

QStringView AccessRequestModel::sortText(const Row &row, int column) const
{
    switch (column) {
    case User: return row.name;
    case FullName: return slot(row, FullNameSlot);
    case Email: return slot(row, EmailSlot);
    case GrantedBy: return m_people[row.grantedBy];
    case Status: return m_statusNames[row.status];
    }
    const GateField &spec = m_fields[column - FirstFieldColumn];
    const QStringView answer = slot(row, FirstAnswerSlot + m_fieldKey[column - FirstFieldColumn]);
    if (spec.type == GateField::Type::Select) {
        const qsizetype option = spec.optionValues.indexOf(answer);
        if (option >= 0 && option < spec.optionLabels.size())
            return spec.optionLabels[option];
    }
    return answer;
}

QStringView AccessRequestModel::sortTextAt(int row, int column) const
{
    if (column == RequestedAt || column == ReviewedAt)
        return {};
    if (column >= FirstFieldColumn && m_fields[column - FirstFieldColumn].type == GateField::Type::Checkbox)
        return isTicked(sortText(m_rows[row], column)) ? u"1" : u"0";
    return sortText(m_rows[row], column);
}

int AccessRequestModel::compareRows(int left, int right, int column) const
{
    const Row &a = m_rows[left];
    const Row &b = m_rows[right];
    const auto order = [](qint64 x, qint64 y) { return x < y ? -1 : x > y ? 1 : 0; };
    if (column == RequestedAt)
        return order(a.requestedMs, b.requestedMs);
    if (column == ReviewedAt)
        return order(a.reviewedMs, b.reviewedMs);
    if (column >= FirstFieldColumn && m_fields[column - FirstFieldColumn].type == GateField::Type::Checkbox)
        return order(isTicked(sortText(a, column)), isTicked(sortText(b, column)));
    return sortText(a, column).compare(sortText(b, column), Qt::CaseInsensitive);
}

QVariant AccessRequestModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole: return displayData(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() >= FirstFieldColumn) // long answers are cut in the cell
            return slot(row, FirstAnswerSlot + m_fieldKey[index.column() - FirstFieldColumn]).toString();
        return {};
    case RequestRole: return QVariant::fromValue(requestAt(index.row()));
    case StatusRole: return m_statusNames[row.status];
    case UserNameRole: return row.name;
    case SearchTextRole: return searchTextAt(index.row()).toString();
    case SortRole: return sortData(row, index.column());
    }
    return {};
}

QVariant AccessRequestModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role != Qt::DisplayRole || section < 0 || section >= columnCount())
        return {};
    switch (section) {
    case User: return tr("User");
    case FullName: return tr("Name");
    case Email: return tr("E-mail");
    case RequestedAt: return tr("Requested");
    case ReviewedAt: return tr("Reviewed");
    case GrantedBy: return tr("Reviewed by");
    case Status: return tr("Status");
    }
    return m_fields[section - FirstFieldColumn].name;
}

} // namespace hubgate
