#pragma once
// The state of one filter pass over many rows, which AccessRequestFilter runs in time slices of
// the UI thread's event loop, and the sort of its result on a worker thread from a plain copy of
// the sort keys: the model itself is only read on the UI thread (it changes while pages load).

#include <QString>
#include <QtGlobal>

#include <cstddef>
#include <vector>

namespace hubgate {

// Rows and their sort keys, copied out of the model: a date column's times, or a text column's
// keys back to back (row i's key is text[at[i], at[i + 1]) ), or neither (the source order).
struct RowKeys
{
    std::vector<int> rows;
    std::vector<qint64> times;
    QString text;
    std::vector<qsizetype> at;
    bool descending = false;
};

// The rows ordered as AccessRequestFilter::lessThan orders them: by key (text case-insensitively),
// equal keys in source order in both directions. Plain data only, for a worker thread.
std::vector<int> sortByKeys(RowKeys keys);

struct FilterPass
{
    std::vector<int> toTest; // source rows to test, from next on
    std::size_t next = 0;
    std::vector<int> kept; // accepted so far, in the order of toTest
    // toTest is in the shown order (it narrows the rows shown), so kept needs no sort.
    bool ordered = false;
    // Rows appended or changed while the pass runs: tested again at its end.
    std::vector<int> late;
    // Source rows were renumbered (removed, moved): the next slice starts over from every row.
    bool stale = false;
    // Ordering kept: the keys copied so far, then the worker's turn.
    RowKeys keys;
    std::size_t gathered = 0;
    bool sorting = false;

    // Every source row 0..rows-1, in source order.
    static FilterPass overAllRows(int rows);
    // The same pass for a stricter filter (retest) or a new order: what is kept and what is left.
    FilterPass carriedOver(bool retestKept) const;
    std::size_t candidates() const { return kept.size() + toTest.size() - next; }
};

} // namespace hubgate
