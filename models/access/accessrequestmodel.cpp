#include "accessrequestmodel.h"

#include <QLocale>

#include <algorithm>

namespace hubgate {

namespace {

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
    m_searchChunks = {QByteArray()};
    m_searchSize = 0;
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

// Replaced texts go where the old one was if they fit, else to the end of the first chunk.
void AccessRequestModel::storeSearch(Row &row, QByteArrayView search)
{
    if (row.searchSize >= search.size()) { // fits where the old one was
        QByteArray &chunk = m_searchChunks[row.searchChunk];
        std::copy(search.begin(), search.end(), chunk.begin() + row.searchAt);
        m_searchGarbage += row.searchSize - search.size();
    } else {
        m_searchGarbage += row.searchSize;
        row.searchChunk = 0;
        row.searchAt = int(m_searchChunks[0].size());
        m_searchChunks[0] += search;
        m_searchSize += search.size();
    }
    row.searchSize = int(search.size());
}

void AccessRequestModel::compactSearch()
{
    if (m_searchGarbage < (1 << 20) || m_searchGarbage < m_searchSize / 2)
        return;
    QByteArray compact;
    compact.reserve(m_searchSize - m_searchGarbage);
    for (Row &row : m_rows) {
        const int at = int(compact.size());
        compact += searchTextOf(row);
        row.searchChunk = 0;
        row.searchAt = at;
    }
    m_searchSize = compact.size();
    m_searchChunks = {std::move(compact)};
    m_searchGarbage = 0;
}

bool AccessRequestModel::replaceRow(int row, Row packed, QByteArrayView search)
{
    Row &old = m_rows[row];
    if (old.sameData(packed))
        return false;
    --m_counts[old.status];
    ++m_counts[packed.status];
    const bool textChanged = old.name != packed.name || old.text != packed.text;
    packed.searchChunk = old.searchChunk;
    packed.searchAt = old.searchAt;
    packed.searchSize = old.searchSize;
    if (textChanged)
        storeSearch(packed, search);
    old = std::move(packed);
    return true;
}

// The page's search texts become a chunk of the model's as they are (shared, not copied): no
// buffer of every row's text is copied as it grows.
void AccessRequestModel::appendRows(QList<Row> rows, const RequestPage &page)
{
    if (rows.isEmpty())
        return;
    const int chunk = int(m_searchChunks.size());
    m_searchChunks.append(page.search);
    m_searchSize += page.search.size();
    m_searchGarbage += page.search.size();
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(rows.size()) - 1);
    for (Row &row : rows) {
        row.searchChunk = chunk;
        m_searchGarbage -= row.searchSize;
        m_rowByUser.insert(row.name, int(m_rows.size()));
        ++m_counts[row.status];
        m_rows.append(std::move(row));
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
    addPage(RequestPage::fromRequests(requests, m_answerKeys));
}

QByteArray AccessRequestModel::reslotted(const Row &row, const QList<int> &keyMap)
{
    QList<std::pair<int, QByteArrayView>> answers;
    for (int key = 0; key < keyMap.size(); ++key)
        if (const QByteArrayView answer = row.slotBytes(PackedRequest::FirstAnswerSlot + key); !answer.isEmpty())
            answers.append({keyMap[key], answer});
    std::sort(answers.begin(), answers.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    QByteArray text;
    for (int slot = PackedRequest::IdSlot; slot < PackedRequest::FirstAnswerSlot; ++slot) {
        text += row.slotBytes(slot);
        text += char(0);
    }
    int key = 0;
    for (const auto &[index, answer] : std::as_const(answers)) {
        for (; key < index; ++key)
            text += char(0);
        text += answer;
    }
    return text;
}

void AccessRequestModel::addPage(const RequestPage &page)
{
    const QList<int> countsBefore = m_counts;
    // The page's tables in the model's terms; rows packed in another answer order are re-slotted.
    QList<int> statusMap, personMap, keyMap;
    for (const QString &status : page.statuses)
        statusMap.append(statusIndex(status));
    for (const QString &person : page.people)
        personMap.append(personIndex(person));
    bool sameKeys = true;
    for (int key = 0; key < page.answerKeys.size(); ++key) {
        keyMap.append(answerKeyIndex(page.answerKeys[key]));
        sameKeys = sameKeys && keyMap.constLast() == key;
    }
    QList<Row> added;
    QHash<QString, int> addedIndex; // the same user twice in one page: the last one wins
    QList<int> changed;
    for (Row row : page.rows) {
        if (row.name.isEmpty())
            continue;
        row.status = statusMap.value(row.status);
        row.grantedBy = personMap.value(row.grantedBy);
        if (!sameKeys)
            row.text = reslotted(row, keyMap);
        if (const int at = rowOfUser(row.name); at >= 0) {
            const QByteArrayView search = page.searchTextOf(row);
            if (replaceRow(at, std::move(row), search))
                changed.append(at);
        } else if (const auto again = addedIndex.constFind(row.name); again != addedIndex.constEnd()) {
            added[*again] = std::move(row);
        } else {
            addedIndex.insert(row.name, int(added.size()));
            added.append(std::move(row));
        }
    }
    compactSearch();
    emitRowsChanged(std::move(changed));
    appendRows(std::move(added), page);
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
    Row updated = m_rows[row];
    updated.status = statusIndex(status);
    updated.reviewedMs = msOf(reviewedAt);
    updated.grantedBy = personIndex(grantedBy);
    const bool statusChanged = updated.status != m_rows[row].status;
    if (replaceRow(row, std::move(updated), {})) {
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
        --m_counts[m_rows[i].status];
        m_searchGarbage += m_rows[i].searchSize;
    }
    m_rows.remove(first, last - first + 1);
    reindexUsers();
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
        reindexUsers();
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
    return m_rowByUser.find(userName, [this](int row) { return QStringView(m_rows[row].name); });
}

// Rows after a removal move up: the index starts over.
void AccessRequestModel::reindexUsers()
{
    m_rowByUser.rebuild(int(m_rows.size()), [this](int row) { return QStringView(m_rows[row].name); });
}

AccessRequest AccessRequestModel::requestAt(int row) const
{
    return unpackRequest(m_rows[row], m_statusNames, m_people, m_answerKeys);
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

QString AccessRequestModel::answerAt(int row, const QString &field) const
{
    const auto it = m_answerKeyIndex.constFind(field);
    return it == m_answerKeyIndex.constEnd() ? QString() : m_rows[row].slot(PackedRequest::FirstAnswerSlot + *it);
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
    case FullName: return row.slot(PackedRequest::FullNameSlot);
    case Email: return row.slot(PackedRequest::EmailSlot);
    case RequestedAt: return localText(row.requestedMs);
    case ReviewedAt: return localText(row.reviewedMs);
    case GrantedBy: return m_people[row.grantedBy];
    case Status: return statusDisplayName(m_statusNames[row.status]);
    }
    const int field = column - FirstFieldColumn;
    const GateField &spec = m_fields[field];
    const QString answer = row.slot(PackedRequest::FirstAnswerSlot + m_fieldKey[field]);
    if (spec.type == GateField::Type::Checkbox)
        return isTicked(answer) ? tr("Yes") : tr("No");
    if (spec.type == GateField::Type::Select) {
        const qsizetype option = spec.optionValues.indexOf(answer);
        if (option >= 0 && option < spec.optionLabels.size())
            return spec.optionLabels[option];
    }
    return answer;
}

QVariant AccessRequestModel::sortData(const Row &row, int column) const
{
    if (column == RequestedAt)
        return utcOf(row.requestedMs);
    if (column == ReviewedAt)
        return utcOf(row.reviewedMs);
    if (column >= FirstFieldColumn && m_fields[column - FirstFieldColumn].type == GateField::Type::Checkbox)
        return isTicked(row.slot(PackedRequest::FirstAnswerSlot + m_fieldKey[column - FirstFieldColumn]));
    return displayData(row, column);
}

QString AccessRequestModel::sortText(const Row &row, int column) const
{
    switch (column) {
    case User: return row.name;
    case FullName: return row.slot(PackedRequest::FullNameSlot);
    case Email: return row.slot(PackedRequest::EmailSlot);
    case GrantedBy: return m_people[row.grantedBy];
    case Status: return m_statusNames[row.status];
    }
    const GateField &spec = m_fields[column - FirstFieldColumn];
    const QString answer = row.slot(PackedRequest::FirstAnswerSlot + m_fieldKey[column - FirstFieldColumn]);
    if (spec.type == GateField::Type::Select) {
        const qsizetype option = spec.optionValues.indexOf(answer);
        if (option >= 0 && option < spec.optionLabels.size())
            return spec.optionLabels[option];
    }
    return answer;
}

QString AccessRequestModel::sortTextAt(int row, int column) const
{
    if (column == RequestedAt || column == ReviewedAt)
        return {};
    if (column >= FirstFieldColumn && m_fields[column - FirstFieldColumn].type == GateField::Type::Checkbox)
        return isTicked(sortText(m_rows[row], column)) ? QStringLiteral("1") : QStringLiteral("0");
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
            return row.slot(PackedRequest::FirstAnswerSlot + m_fieldKey[index.column() - FirstFieldColumn]);
        return {};
    case RequestRole: return QVariant::fromValue(requestAt(index.row()));
    case StatusRole: return m_statusNames[row.status];
    case UserNameRole: return row.name;
    case SearchTextRole: return QString::fromUtf8(searchTextAt(index.row()));
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
