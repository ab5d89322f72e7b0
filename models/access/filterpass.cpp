#include "filterpass.h"

#include <QStringView>

#include <algorithm>
#include <numeric>

namespace hubgate {

std::vector<int> sortByKeys(RowKeys keys)
{
    const auto key = [&keys](int i) { return QStringView(keys.text).sliced(keys.at[i], keys.at[i + 1] - keys.at[i]); };
    const auto compareKeys = [&](int a, int b) {
        if (!keys.times.empty())
            return keys.times[a] < keys.times[b] ? -1 : keys.times[a] > keys.times[b] ? 1 : 0;
        if (!keys.at.empty())
            return key(a).compare(key(b), Qt::CaseInsensitive);
        return 0;
    };
    const auto before = [&](int a, int b) {
        const int byKey = compareKeys(a, b);
        if (byKey == 0)
            return keys.rows[a] < keys.rows[b];
        return keys.descending ? byKey > 0 : byKey < 0;
    };
    // Positions in keys.rows, in the order wanted.
    std::vector<int> order(keys.rows.size());
    std::iota(order.begin(), order.end(), 0);
    const auto rowsInOrder = [&keys](const std::vector<int> &positions) {
        std::vector<int> rows(positions.size());
        for (std::size_t i = 0; i < positions.size(); ++i)
            rows[i] = keys.rows[std::size_t(positions[i])];
        return rows;
    };
    // Rows arrive in time order: by date they are mostly in order already, or in the opposite
    // order (newest first), where equal keys still keep their own order. Both are checked in O(n).
    if (std::is_sorted(order.begin(), order.end(), before))
        return std::move(keys.rows);
    std::vector<int> reversed;
    reversed.reserve(order.size());
    for (std::size_t end = order.size(); end > 0;) {
        std::size_t start = end - 1;
        while (start > 0 && compareKeys(order[start - 1], order[end - 1]) == 0)
            --start;
        reversed.insert(reversed.end(), order.begin() + std::ptrdiff_t(start), order.begin() + std::ptrdiff_t(end));
        end = start;
    }
    if (std::is_sorted(reversed.begin(), reversed.end(), before))
        return rowsInOrder(reversed);
    std::sort(order.begin(), order.end(), before);
    return rowsInOrder(order);
}

FilterPass FilterPass::overAllRows(int rows)
{
    FilterPass pass;
    pass.toTest.resize(std::size_t(std::max(0, rows)));
    std::iota(pass.toTest.begin(), pass.toTest.end(), 0);
    return pass;
}

FilterPass FilterPass::carriedOver(bool retestKept) const
{
    FilterPass pass;
    pass.ordered = ordered;
    pass.late = late;
    // kept, then the rest of toTest: in toTest's order, which kept follows.
    if (retestKept) {
        pass.toTest.reserve(candidates());
        pass.toTest.assign(kept.begin(), kept.end());
    } else {
        pass.kept = kept;
    }
    pass.toTest.insert(pass.toTest.end(), toTest.begin() + std::ptrdiff_t(next), toTest.end());
    return pass;
}

} // namespace hubgate
