// AccessRequestFilter's passes over many rows, in time slices of the event loop (see the class).
#include "accessrequestfilter.h"

#include "accessrequestmodel.h"
#include "filterpass.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace hubgate {

namespace {

// Rows tested between two looks at the clock (a row takes well under a microsecond).
constexpr std::size_t RowsPerLook = 128;
// Fewer rows than this are sorted on the spot at the end of a pass (a few milliseconds).
constexpr std::size_t RowsSortedAtOnce = 10000;

} // namespace

bool AccessRequestFilter::slicedFor(std::size_t candidates) const
{
    // A running pass is always followed by another: the rows shown are not this filter's yet.
    return m_pass || candidates >= std::size_t(m_sliceThreshold);
}

// The running pass, or the rows shown, for a stricter filter (retest) or for another order.
FilterPass AccessRequestFilter::continuedPass(bool retest) const
{
    if (m_pass && m_pass->stale)
        return FilterPass::overAllRows(sourceModel()->rowCount());
    if (m_pass)
        return m_pass->carriedOver(retest);
    FilterPass shown; // everything shown is accepted, in the shown order
    (retest ? shown.toTest : shown.kept) = m_rows;
    shown.ordered = true;
    return shown;
}

void AccessRequestFilter::startPass(FilterPass pass)
{
    if (m_resetting || !sourceModel())
        return;
    const bool wasFiltering = m_pass != nullptr;
    m_pass = std::make_unique<FilterPass>(std::move(pass));
    ++m_passGeneration;
    m_nextSlice.start();
    if (!wasFiltering)
        Q_EMIT filteringChanged(true);
}

bool AccessRequestFilter::dropPass()
{
    if (!m_pass)
        return false;
    m_pass.reset();
    ++m_passGeneration;
    m_nextSlice.stop();
    return true;
}

void AccessRequestFilter::markPassStale()
{
    m_pass->stale = true;
    m_pass->sorting = false;
    ++m_passGeneration; // a sort under way is of rows that have other numbers now
    m_nextSlice.start();
}

// Rows appended or changed during a pass are tested (again) at its end, unless there are so many
// that testing every row again in slices is better.
void AccessRequestFilter::noteLateRows(int first, int last)
{
    if (m_pass->stale)
        return;
    std::vector<int> &late = m_pass->late;
    if (late.size() + std::size_t(last - first + 1) > RowsSortedAtOnce) {
        markPassStale();
        return;
    }
    for (int row = first; row <= last; ++row)
        late.push_back(row);
}

void AccessRequestFilter::continuePass()
{
    if (!m_pass || m_pass->sorting || m_resetting || !sourceModel())
        return;
    QElapsedTimer clock;
    clock.start();
    if (m_pass->stale)
        *m_pass = FilterPass::overAllRows(sourceModel()->rowCount());
    if (testSome(clock) && orderKept(clock))
        finishPass();
}

// True when every row is tested; otherwise the next slice is scheduled. Ordering the rows starts
// in a slice of its own.
bool AccessRequestFilter::testSome(const QElapsedTimer &clock)
{
    FilterPass &pass = *m_pass;
    if (pass.next == pass.toTest.size())
        return true;
    if (pass.next == 0) // untouched pages cost nothing; growing step by step copies and faults
        pass.kept.reserve(pass.kept.size() + pass.toTest.size());
    while (pass.next < pass.toTest.size()) {
        const std::size_t end = std::min(pass.toTest.size(), pass.next + RowsPerLook);
        for (; pass.next < end; ++pass.next)
            if (filterAcceptsRow(pass.toTest[pass.next]))
                pass.kept.push_back(pass.toTest[pass.next]);
        if (clock.elapsed() >= m_sliceMs)
            break;
    }
    m_nextSlice.start();
    return false;
}

// True when kept is in the shown order; otherwise a slice or the worker comes next.
bool AccessRequestFilter::orderKept(const QElapsedTimer &clock)
{
    FilterPass &pass = *m_pass;
    if (pass.ordered)
        return true;
    // A few rows, or a source read through roles (never large): sorted right here. Otherwise
    // even checking the order of a million rows takes tens of milliseconds: the worker does it.
    if (pass.gathered == 0 &&
        (!fastModel() || pass.kept.size() < std::min(std::size_t(m_sliceThreshold), RowsSortedAtOnce))) {
        sortRows(pass.kept);
        pass.ordered = true;
        return true;
    }
    if (gatherKeys(clock))
        sortOnWorker();
    return false;
}

// Copies the sort keys of kept for the worker; true when all are copied.
bool AccessRequestFilter::gatherKeys(const QElapsedTimer &clock)
{
    FilterPass &pass = *m_pass;
    const AccessRequestModel *model = fastModel();
    const int column = sortKeyColumn();
    const bool requested = column == AccessRequestModel::RequestedAt;
    const bool byTime = requested || column == AccessRequestModel::ReviewedAt;
    const bool byText = column >= 0 && !byTime;
    RowKeys &keys = pass.keys;
    while (pass.gathered < pass.kept.size()) {
        const std::size_t end = std::min(pass.kept.size(), pass.gathered + 8 * RowsPerLook);
        for (; pass.gathered < end; ++pass.gathered) {
            const int row = pass.kept[pass.gathered];
            if (byTime) {
                keys.times.push_back(requested ? model->requestedMsAt(row) : model->reviewedMsAt(row));
            } else if (byText) {
                keys.at.push_back(keys.text.size());
                keys.text += model->sortTextAt(row, column);
            }
        }
        if (pass.gathered < pass.kept.size() && clock.elapsed() >= m_sliceMs) {
            m_nextSlice.start();
            return false;
        }
    }
    if (byText)
        keys.at.push_back(keys.text.size());
    keys.rows = pass.kept;
    keys.descending = m_sortOrder == Qt::DescendingOrder;
    return true;
}

void AccessRequestFilter::sortOnWorker()
{
    m_pass->sorting = true;
    auto *watcher = new QFutureWatcher<std::vector<int>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation = m_passGeneration] {
        watcher->deleteLater();
        if (!m_pass || generation != m_passGeneration) // another pass since, or rows renumbered
            return;
        m_pass->kept = watcher->future().takeResult();
        m_pass->ordered = true;
        m_pass->sorting = false;
        continuePass();
    });
    watcher->setFuture(QtConcurrent::run(&sortByKeys, std::move(m_pass->keys)));
}

void AccessRequestFilter::finishPass()
{
    const std::unique_ptr<FilterPass> pass = std::move(m_pass);
    ++m_passGeneration;
    m_nextSlice.stop();
    std::vector<int> rows = withLateRows(std::move(pass->kept), std::move(pass->late));
    if (rows != m_rows)
        showRows(std::move(rows));
    Q_EMIT filteringChanged(false);
}

// rows (in order) with the late rows taken out, tested again and merged back in where they go.
std::vector<int> AccessRequestFilter::withLateRows(std::vector<int> rows, std::vector<int> late) const
{
    if (late.empty())
        return rows;
    std::vector<char> isLate(std::size_t(sourceModel()->rowCount()), 0);
    for (const int row : late)
        isLate[std::size_t(row)] = 1;
    std::erase_if(rows, [&isLate](int row) { return isLate[std::size_t(row)] != 0; });
    std::vector<int> accepted;
    for (std::size_t row = 0; row < isLate.size(); ++row) // each once, in source order
        if (isLate[row] && filterAcceptsRow(int(row)))
            accepted.push_back(int(row));
    sortRows(accepted);
    return mergedRows(rows, accepted);
}

// Both in order: a binary search per new row, so few comparisons for a few new rows.
std::vector<int> AccessRequestFilter::mergedRows(const std::vector<int> &into, const std::vector<int> &sortedNew) const
{
    const auto less = [this](int a, int b) { return lessThan(a, b); };
    std::vector<int> merged;
    merged.reserve(into.size() + sortedNew.size());
    auto from = into.begin();
    for (const int row : sortedNew) {
        const auto at = std::upper_bound(from, into.end(), row, less);
        merged.insert(merged.end(), from, at);
        merged.push_back(row);
        from = at;
    }
    merged.insert(merged.end(), from, into.end());
    return merged;
}

} // namespace hubgate
