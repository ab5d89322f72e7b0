#include "accessrequestfilter.h"

#include "accessrequestmodel.h"
#include "filterpass.h"


#include <algorithm>
#include <cstring>
#include <numeric>

namespace hubgate {

namespace {

// Search texts are UTF-8: jumping between occurrences of the term's first byte (memchr, a
// vectorised scan) and comparing there is several times faster than a general substring search
// on short texts. Matching lower-case UTF-8 bytes finds exactly what matching the characters would.
bool containsTerm(QByteArrayView text, QByteArrayView term)
{
    const qsizetype starts = text.size() - term.size() + 1; // places where term can start
    for (qsizetype at = 0; at < starts; ++at) {
        const void *found = std::memchr(text.data() + at, term.front(), std::size_t(starts - at));
        if (!found)
            return false;
        at = static_cast<const char *>(found) - text.data();
        if (std::memcmp(text.data() + at, term.data(), std::size_t(term.size())) == 0)
            return true;
    }
    return false;
}

} // namespace

AccessRequestFilter::AccessRequestFilter(QObject *parent)
    : QAbstractProxyModel(parent)
{
    m_nextSlice.setSingleShot(true);
    m_nextSlice.setInterval(0);
    connect(&m_nextSlice, &QTimer::timeout, this, &AccessRequestFilter::continuePass);
}

AccessRequestFilter::~AccessRequestFilter() = default;

void AccessRequestFilter::setSourceModel(QAbstractItemModel *source)
{
    const bool wasFiltering = dropPass();
    beginResetModel();
    m_resetting = true;
    for (const QMetaObject::Connection &connection : std::as_const(m_sourceConnections))
        disconnect(connection);
    m_sourceConnections.clear();
    m_model = qobject_cast<const AccessRequestModel *>(source);
    m_ranks.clear();
    m_rows.clear();
    m_sourceToProxyValid = false;
    QAbstractProxyModel::setSourceModel(source);
    // The ranks go first: the handlers below compare rows right away.
    const auto dropRanks = [this] { m_ranks.clear(); };
    // Rows renumbered under a running pass: the view's rows are made right at once.
    const auto rebuildNow = [this] {
        const bool wasFiltering = dropPass();
        rebuild();
        if (wasFiltering)
            Q_EMIT filteringChanged(false);
    };
    // The sort keys a pass may be copying are of another column now.
    const auto columnsChanged = [this] {
        if (m_pass)
            markPassStale();
        endResetModel();
    };
    if (source) {
        m_sourceConnections = {
            connect(source, &QAbstractItemModel::dataChanged, this, dropRanks),
            connect(source, &QAbstractItemModel::rowsInserted, this, dropRanks),
            connect(source, &QAbstractItemModel::rowsRemoved, this, dropRanks),
            connect(source, &QAbstractItemModel::modelReset, this, dropRanks),
            connect(source, &QAbstractItemModel::layoutChanged, this, dropRanks),
            connect(source, &QAbstractItemModel::rowsInserted, this,
                    [this](const QModelIndex &, int first, int last) { onSourceRowsInserted(first, last); }),
            connect(source, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                    [this](const QModelIndex &, int first, int last) { onSourceRowsAboutToBeRemoved(first, last); }),
            connect(source, &QAbstractItemModel::rowsRemoved, this,
                    [this](const QModelIndex &, int first, int last) { onSourceRowsRemoved(first, last); }),
            connect(source, &QAbstractItemModel::dataChanged, this, &AccessRequestFilter::onSourceDataChanged),
            connect(source, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
                beginResetModel();
                m_resetting = true;
            }),
            connect(source, &QAbstractItemModel::modelReset, this, [this] {
                const bool wasFiltering = dropPass(); // these rows are the current filter's
                m_rows = acceptedRows(0, sourceModel()->rowCount() - 1);
                sortRows(m_rows);
                m_sourceToProxyValid = false;
                m_resetting = false;
                endResetModel();
                if (wasFiltering)
                    Q_EMIT filteringChanged(false);
            }),
            // Moves and column changes are rare (the request model resets instead): start over.
            connect(source, &QAbstractItemModel::layoutChanged, this, rebuildNow),
            connect(source, &QAbstractItemModel::rowsMoved, this, rebuildNow),
            connect(source, &QAbstractItemModel::columnsAboutToBeInserted, this, [this] { beginResetModel(); }),
            connect(source, &QAbstractItemModel::columnsInserted, this, columnsChanged),
            connect(source, &QAbstractItemModel::columnsAboutToBeRemoved, this, [this] { beginResetModel(); }),
            connect(source, &QAbstractItemModel::columnsRemoved, this, columnsChanged),
            connect(source, &QAbstractItemModel::headerDataChanged, this, &QAbstractItemModel::headerDataChanged),
            // QAbstractProxyModel then switches to an empty model of its own.
            connect(source, &QObject::destroyed, this, [this] {
                const bool wasFiltering = dropPass();
                beginResetModel();
                m_model = nullptr;
                m_rows.clear();
                m_sourceToProxyValid = false;
                endResetModel();
                if (wasFiltering)
                    Q_EMIT filteringChanged(false);
            }),
        };
        m_rows = acceptedRows(0, source->rowCount() - 1);
        prepareRanks(m_sortColumn);
        sortRows(m_rows);
    }
    m_resetting = false;
    endResetModel();
    if (wasFiltering)
        Q_EMIT filteringChanged(false);
}

void AccessRequestFilter::sort(int column, Qt::SortOrder order)
{
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    if (!sourceModel() || !slicedFor(std::size_t(sourceModel()->rowCount()))) {
        refilter();
        return;
    }
    // The same rows in another order: those shown (or the running pass's) are sorted again.
    FilterPass pass = continuedPass(false);
    pass.ordered = false;
    startPass(std::move(pass));
}

// ---- the view: one flat table ----

QModelIndex AccessRequestFilter::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || !sourceModel() || proxyIndex.model() != this)
        return {};
    const int row = proxyIndex.row();
    if (row < 0 || std::size_t(row) >= m_rows.size())
        return {};
    return sourceModel()->index(m_rows[std::size_t(row)], proxyIndex.column());
}

QModelIndex AccessRequestFilter::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || !sourceModel() || sourceIndex.model() != sourceModel())
        return {};
    const std::vector<int> &map = sourceToProxy();
    const int row = sourceIndex.row();
    if (row < 0 || std::size_t(row) >= map.size() || map[std::size_t(row)] < 0)
        return {};
    return createIndex(map[std::size_t(row)], sourceIndex.column());
}

QModelIndex AccessRequestFilter::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || column < 0 || std::size_t(row) >= m_rows.size() || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex AccessRequestFilter::parent(const QModelIndex &) const
{
    return {};
}

QModelIndex AccessRequestFilter::sibling(int row, int column, const QModelIndex &) const
{
    return index(row, column);
}

int AccessRequestFilter::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AccessRequestFilter::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !sourceModel() ? 0 : sourceModel()->columnCount();
}

bool AccessRequestFilter::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_rows.empty();
}

const std::vector<int> &AccessRequestFilter::sourceToProxy() const
{
    if (!m_sourceToProxyValid) {
        m_sourceToProxy.assign(std::size_t(sourceModel() ? sourceModel()->rowCount() : 0), -1);
        for (std::size_t i = 0; i < m_rows.size(); ++i)
            if (std::size_t(m_rows[i]) < m_sourceToProxy.size())
                m_sourceToProxy[std::size_t(m_rows[i])] = int(i);
        m_sourceToProxyValid = true;
    }
    return m_sourceToProxy;
}

// ---- filtering and sorting ----

std::vector<int> AccessRequestFilter::acceptedRows(int first, int last) const
{
    std::vector<int> rows;
    rows.reserve(std::size_t(std::max(0, last - first + 1)));
    for (int row = first; row <= last; ++row)
        if (filterAcceptsRow(row))
            rows.push_back(row);
    return rows;
}

int AccessRequestFilter::sortKeyColumn() const
{
    return m_sortColumn >= 0 && sourceModel() && m_sortColumn < sourceModel()->columnCount() ? m_sortColumn : -1;
}

void AccessRequestFilter::sortRows(std::vector<int> &rows) const
{
    if (inOrderAlready(rows))
        return;
    if (sortKeyColumn() < 0)
        std::sort(rows.begin(), rows.end());
    else
        std::sort(rows.begin(), rows.end(), [this](int a, int b) { return lessThan(a, b); });
}

// In order, or in reverse order (then reversed): O(n). False if the rows need a real sort.
bool AccessRequestFilter::inOrderAlready(std::vector<int> &rows) const
{
    if (sortKeyColumn() < 0)
        return std::is_sorted(rows.begin(), rows.end());
    const auto less = [this](int a, int b) { return lessThan(a, b); };
    if (std::is_sorted(rows.begin(), rows.end(), less))
        return true;
    // Rows arrive in time order: sorted by date, newest first, is the source order reversed.
    std::vector<int> reversed(rows.rbegin(), rows.rend());
    if (std::is_sorted(reversed.begin(), reversed.end(), less)) {
        rows = std::move(reversed);
        return true;
    }
    return false;
}

bool AccessRequestFilter::lessThan(int left, int right) const
{
    int order = 0;
    if (m_model && fastModel()) {
        if (m_sortColumn == m_rankColumn && !m_ranks.isEmpty())
            order = m_ranks[left] < m_ranks[right] ? -1 : m_ranks[left] > m_ranks[right] ? 1 : 0;
        else
            order = m_model->compareRows(left, right, m_sortColumn);
    } else {
        order = compareByRoles(left, right);
    }
    if (order == 0)
        return left < right; // stable: equal keys keep the source order, in both directions
    return m_sortOrder == Qt::AscendingOrder ? order < 0 : order > 0;
}

// Another source model (a proxy in between, a test double) is compared through SortRole.
int AccessRequestFilter::compareByRoles(int left, int right) const
{
    const QVariant a = sourceModel()->index(left, m_sortColumn).data(AccessRequestModel::SortRole);
    const QVariant b = sourceModel()->index(right, m_sortColumn).data(AccessRequestModel::SortRole);
    if (a.userType() == QMetaType::QString && b.userType() == QMetaType::QString)
        return a.toString().compare(b.toString(), Qt::CaseInsensitive);
    if (!a.isValid() || !b.isValid())
        return a.isValid() ? 1 : b.isValid() ? -1 : 0;
    const QPartialOrdering order = QVariant::compare(a, b);
    return order == QPartialOrdering::Less ? -1 : order == QPartialOrdering::Greater ? 1 : 0;
}

void AccessRequestFilter::rebuild()
{
    if (m_resetting || !sourceModel())
        return;
    prepareRanks(m_sortColumn);
    std::vector<int> rows = acceptedRows(0, sourceModel()->rowCount() - 1);
    sortRows(rows);
    showRows(std::move(rows));
}

// A layout change to these rows; each persistent index follows its source row, or goes.
void AccessRequestFilter::showRows(std::vector<int> rows)
{
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<int> sourceRows;
    sourceRows.reserve(before.size());
    for (const QModelIndex &index : before)
        sourceRows.append(std::size_t(index.row()) < m_rows.size() ? m_rows[std::size_t(index.row())] : -1);
    m_rows = std::move(rows);
    m_sourceToProxyValid = false;
    QModelIndexList after;
    after.reserve(before.size());
    const std::vector<int> &map = sourceToProxy();
    for (qsizetype i = 0; i < before.size(); ++i) {
        const int source = sourceRows[i];
        const int row = source >= 0 && std::size_t(source) < map.size() ? map[std::size_t(source)] : -1;
        after.append(row < 0 ? QModelIndex() : createIndex(row, before[i].column()));
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

// ---- following the source ----

void AccessRequestFilter::insertSourceRows(std::vector<int> rows)
{
    if (rows.empty())
        return;
    sortRows(rows);
    const auto less = [this](int a, int b) { return lessThan(a, b); };
    // Where each new row goes in the current order: runs of rows going to the same place.
    std::vector<std::size_t> places(rows.size());
    std::size_t runs = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        places[i] = std::size_t(std::upper_bound(m_rows.begin(), m_rows.end(), rows[i], less) - m_rows.begin());
        runs += i == 0 || places[i] != places[i - 1];
    }
    if (runs <= 8) {
        std::size_t offset = 0;
        for (std::size_t i = 0; i < rows.size();) {
            std::size_t j = i;
            while (j + 1 < rows.size() && places[j + 1] == places[i])
                ++j;
            const int at = int(places[i] + offset);
            beginInsertRows({}, at, at + int(j - i));
            m_rows.insert(m_rows.begin() + at, rows.begin() + std::ptrdiff_t(i), rows.begin() + std::ptrdiff_t(j + 1));
            m_sourceToProxyValid = false;
            endInsertRows();
            offset += j - i + 1;
            i = j + 1;
        }
        return;
    }
    // Scattered: one insertion at the end, then one layout change puts the rows in place.
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(rows.size()) - 1);
    m_rows.insert(m_rows.end(), rows.begin(), rows.end());
    m_sourceToProxyValid = false;
    endInsertRows();
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<int> sourceRows;
    sourceRows.reserve(before.size());
    for (const QModelIndex &index : before)
        sourceRows.append(m_rows[std::size_t(index.row())]);
    std::vector<int> merged;
    merged.reserve(m_rows.size());
    std::merge(m_rows.begin(), m_rows.begin() + first, rows.begin(), rows.end(), std::back_inserter(merged), less);
    m_rows = std::move(merged);
    m_sourceToProxyValid = false;
    const std::vector<int> &map = sourceToProxy();
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype i = 0; i < before.size(); ++i)
        after.append(createIndex(map[std::size_t(sourceRows[i])], before[i].column()));
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void AccessRequestFilter::removeProxyRows(std::vector<int> proxyRows)
{
    if (proxyRows.empty())
        return;
    std::sort(proxyRows.begin(), proxyRows.end());
    // From the last run to the first, so the earlier positions stay right.
    for (std::size_t j = proxyRows.size(); j > 0;) {
        std::size_t i = j - 1;
        while (i > 0 && proxyRows[i - 1] == proxyRows[i] - 1)
            --i;
        const int first = proxyRows[i];
        const int last = proxyRows[j - 1];
        beginRemoveRows({}, first, last);
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
        m_sourceToProxyValid = false;
        endRemoveRows();
        j = i;
    }
}

void AccessRequestFilter::onSourceRowsInserted(int first, int last)
{
    if (m_resetting)
        return;
    const int count = last - first + 1;
    const bool inTheMiddle = first < sourceModel()->rowCount() - count;
    if (inTheMiddle) // later rows move down
        for (int &row : m_rows)
            if (row >= first)
                row += count;
    m_sourceToProxyValid = false;
    if (m_pass) { // shown with the pass's result
        if (inTheMiddle)
            markPassStale();
        else if (!m_pass->ordered && m_pass->next < m_pass->toTest.size()) // tested with the others
            for (int row = first; row <= last; ++row)
                m_pass->toTest.push_back(row);
        else
            noteLateRows(first, last);
        return;
    }
    insertSourceRows(acceptedRows(first, last));
}

void AccessRequestFilter::onSourceRowsAboutToBeRemoved(int first, int last)
{
    if (m_resetting)
        return;
    const std::vector<int> &map = sourceToProxy();
    std::vector<int> gone;
    for (int row = first; row <= last && std::size_t(row) < map.size(); ++row)
        if (map[std::size_t(row)] >= 0)
            gone.push_back(map[std::size_t(row)]);
    removeProxyRows(std::move(gone));
}

void AccessRequestFilter::onSourceRowsRemoved(int first, int last)
{
    if (m_resetting)
        return;
    const int count = last - first + 1;
    for (int &row : m_rows)
        if (row > last)
            row -= count;
    m_sourceToProxyValid = false;
    if (m_pass)
        markPassStale();
}

void AccessRequestFilter::onSourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                              const QList<int> &roles)
{
    if (m_resetting || !topLeft.isValid() || !bottomRight.isValid())
        return;
    // While a pass runs, rows that no longer pass leave at once; the rest waits for its result.
    const bool passRunning = m_pass != nullptr;
    if (passRunning)
        noteLateRows(topLeft.row(), bottomRight.row());
    std::vector<int> gone, added, stay;
    {
        const std::vector<int> &map = sourceToProxy();
        for (int row = topLeft.row(); row <= bottomRight.row() && std::size_t(row) < map.size(); ++row) {
            const int at = map[std::size_t(row)];
            const bool accepted = filterAcceptsRow(row);
            if (at >= 0 && !accepted)
                gone.push_back(at);
            else if (at < 0 && accepted && !passRunning)
                added.push_back(row);
            else if (at >= 0)
                stay.push_back(row);
        }
    }
    // A row whose sort key changed leaves its place and comes back where it now belongs.
    const auto outOfPlace = [this](int at) {
        return (at > 0 && lessThan(m_rows[std::size_t(at)], m_rows[std::size_t(at - 1)])) ||
               (std::size_t(at) + 1 < m_rows.size() && lessThan(m_rows[std::size_t(at + 1)], m_rows[std::size_t(at)]));
    };
    if (!passRunning && m_sortColumn >= 0 && m_sortColumn >= topLeft.column() && m_sortColumn <= bottomRight.column()) {
        const std::vector<int> &map = sourceToProxy();
        std::vector<int> keep;
        for (const int row : stay) {
            if (outOfPlace(map[std::size_t(row)])) {
                gone.push_back(map[std::size_t(row)]);
                added.push_back(row);
            } else {
                keep.push_back(row);
            }
        }
        stay = std::move(keep);
    }
    removeProxyRows(std::move(gone));
    insertSourceRows(std::move(added));
    // One dataChanged per run of neighbouring rows still shown.
    std::vector<int> shown;
    const std::vector<int> &map = sourceToProxy();
    for (const int row : stay)
        shown.push_back(map[std::size_t(row)]);
    std::sort(shown.begin(), shown.end());
    for (std::size_t i = 0; i < shown.size();) {
        std::size_t j = i;
        while (j + 1 < shown.size() && shown[j + 1] == shown[j] + 1)
            ++j;
        Q_EMIT dataChanged(index(shown[i], topLeft.column()), index(shown[j], bottomRight.column()), roles);
        i = j + 1;
    }
}

void AccessRequestFilter::prepareRanks(int column)
{
    const AccessRequestModel *model = fastModel();
    if (!model || column < 0 || column >= model->columnCount() || column == AccessRequestModel::RequestedAt ||
        column == AccessRequestModel::ReviewedAt) {
        m_ranks.clear(); // dates compare as fast as ranks
        return;
    }
    const int rows = model->rowCount();
    if (m_rankColumn == column && m_ranks.size() == rows)
        return;
    // The keys side by side: sorting then reads a few MB instead of 100,000 scattered strings.
    QString keys;
    QList<qsizetype> at(rows + 1);
    for (int row = 0; row < rows; ++row) {
        at[row] = keys.size();
        keys += model->sortTextAt(row, column);
    }
    at[rows] = keys.size();
    const auto key = [&](int row) { return QStringView(keys).sliced(at[row], at[row + 1] - at[row]); };
    QList<int> order(rows);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return key(a).compare(key(b), Qt::CaseInsensitive) < 0; });
    m_ranks.resize(rows);
    for (int i = 0; i < rows; ++i) // equal keys share a rank, as they compare equal
        m_ranks[order[i]] = i > 0 && key(order[i]).compare(key(order[i - 1]), Qt::CaseInsensitive) == 0
                                ? m_ranks[order[i - 1]]
                                : i;
    m_rankColumn = column;
}

const AccessRequestModel *AccessRequestFilter::fastModel() const
{
    // Not m_model alone: the proxy switches to an empty model when the source is destroyed.
    return sourceModel() == m_model ? m_model : nullptr;
}

void AccessRequestFilter::refilter()
{
    if (m_resetting || !sourceModel())
        return;
    const int rows = sourceModel()->rowCount();
    if (slicedFor(std::size_t(rows)))
        startPass(FilterPass::overAllRows(rows));
    else
        rebuild();
}

void AccessRequestFilter::setStatus(const QString &status)
{
    if (status == m_status)
        return;
    m_status = status;
    refilter();
}

void AccessRequestFilter::setSearchText(const QString &text)
{
    const QString search = text.simplified().toLower();
    if (search == m_search)
        return;
    QStringList terms = search.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    // Typing on: every row the new words accept is already shown (each old word lies within a new
    // one), so only the shown rows are searched, and they stay in order.
    const bool narrows = std::all_of(m_terms.cbegin(), m_terms.cend(), [&terms](const QString &old) {
        return std::any_of(terms.cbegin(), terms.cend(), [&old](const QString &word) { return word.contains(old); });
    });
    m_search = search;
    m_terms = std::move(terms);
    m_termBytes.clear();
    for (const QString &term : std::as_const(m_terms))
        m_termBytes.append(term.toUtf8());
    if (!narrows)
        refilter();
    else if (slicedFor(m_rows.size()))
        startPass(continuedPass(true));
    else
        keepShownRowsIf([this](int sourceRow) { return filterAcceptsRow(sourceRow); });
}

template<typename Accepts>
void AccessRequestFilter::keepShownRowsIf(Accepts accepts)
{
    if (m_resetting || !sourceModel())
        return;
    std::vector<int> kept;
    kept.reserve(m_rows.size());
    for (const int row : m_rows)
        if (accepts(row))
            kept.push_back(row);
    if (kept.size() != m_rows.size())
        showRows(std::move(kept));
}

void AccessRequestFilter::setFieldFilter(const QString &field, const QString &value)
{
    if (value.isEmpty() ? !m_fieldFilters.contains(field) : m_fieldFilters.value(field) == value)
        return;
    if (value.isEmpty())
        m_fieldFilters.remove(field);
    else
        m_fieldFilters.insert(field, value);
    refilter();
}

void AccessRequestFilter::clearFieldFilters()
{
    if (m_fieldFilters.isEmpty())
        return;
    m_fieldFilters.clear();
    refilter();
}

void AccessRequestFilter::setDateRange(const QDate &from, const QDate &to)
{
    const QDate validFrom = from.isValid() ? from : QDate();
    const QDate validTo = to.isValid() ? to : QDate();
    if (validFrom == m_from && validTo == m_to)
        return;
    m_from = validFrom;
    m_to = validTo;
    // Local calendar days, inclusive at both ends.
    m_fromMs = m_from.isValid() ? m_from.startOfDay().toMSecsSinceEpoch() : 0;
    m_toMs = m_to.isValid() ? m_to.addDays(1).startOfDay().toMSecsSinceEpoch() : 0;
    refilter();
}

bool AccessRequestFilter::isCheckbox(const QString &field) const
{
    // The form is the model's, also when other proxies sit in between.
    const AccessRequestModel *model = fastModel();
    if (!model) {
        const QAbstractItemModel *source = sourceModel();
        while (const auto *proxy = qobject_cast<const QAbstractProxyModel *>(source))
            source = proxy->sourceModel();
        model = qobject_cast<const AccessRequestModel *>(source);
    }
    if (model)
        for (const GateField &spec : model->gateFields())
            if (spec.name == field)
                return spec.type == GateField::Type::Checkbox;
    return false;
}

bool AccessRequestFilter::dateAccepts(qint64 requestedMs) const
{
    if (!m_from.isValid() && !m_to.isValid())
        return true;
    return requestedMs != AccessRequestModel::NoTime && (!m_from.isValid() || requestedMs >= m_fromMs) &&
           (!m_to.isValid() || requestedMs < m_toMs);
}

bool AccessRequestFilter::answerAccepts(const QString &field, const QString &wanted, QStringView answer) const
{
    const bool checked = wanted == QLatin1String("checked");
    if ((checked || wanted == QLatin1String("unchecked")) && isCheckbox(field))
        return isTicked(answer) == checked;
    return answer == wanted;
}

bool AccessRequestFilter::searchAccepts(QByteArrayView searchText) const
{
    for (const QByteArray &term : m_termBytes)
        if (!containsTerm(searchText, term))
            return false;
    return true;
}

bool AccessRequestFilter::filterAcceptsRow(int sourceRow) const
{
    const AccessRequestModel *model = fastModel();
    if (!model)
        return acceptsByRoles(sourceModel()->index(sourceRow, 0));
    if (!m_status.isEmpty() && model->statusAt(sourceRow) != m_status)
        return false;
    if (!dateAccepts(model->requestedMsAt(sourceRow)))
        return false;
    for (auto it = m_fieldFilters.cbegin(); it != m_fieldFilters.cend(); ++it)
        if (!answerAccepts(it.key(), it.value(), model->answerAt(sourceRow, it.key())))
            return false;
    return searchAccepts(model->searchTextAt(sourceRow));
}

// Another source model (a proxy in between, a test double) is read through its roles.
bool AccessRequestFilter::acceptsByRoles(const QModelIndex &sourceIndex) const
{
    const auto request = sourceIndex.data(AccessRequestModel::RequestRole).value<AccessRequest>();
    if (!m_status.isEmpty() && sourceIndex.data(AccessRequestModel::StatusRole).toString() != m_status)
        return false;
    if (!dateAccepts(request.requestedAt.isValid() ? request.requestedAt.toMSecsSinceEpoch()
                                                   : AccessRequestModel::NoTime))
        return false;
    for (auto it = m_fieldFilters.cbegin(); it != m_fieldFilters.cend(); ++it)
        if (!answerAccepts(it.key(), it.value(), request.fields.value(it.key())))
            return false;
    return searchAccepts(sourceIndex.data(AccessRequestModel::SearchTextRole).toString().toUtf8());
}

} // namespace hubgate
