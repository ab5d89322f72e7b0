#pragma once
// One status tab's view of the requests: status, search across user, name, e-mail and answers,
// per-field filters and a request date range, sorted by any column.
//
// Not a QSortFilterProxyModel: that one inserts a page of new rows one row at a time, moving the
// whole mapping each time (seconds per page at a million rows). Here a page is filtered, sorted
// and merged in one pass, announced as one insertion when it lands in one place (pages arrive in
// time order) or as an insertion at the end plus one layout change otherwise.
//
// A change of the filter or the order that has to test many rows (from sliceThreshold() on) runs
// as a pass in time slices of the event loop, on this thread (the model is read on this thread
// only): the view keeps the rows it shows until the pass is complete, then gets the new ones in
// one layout change. filteringChanged() tells when a pass starts and ends; a new change replaces
// a running pass. Rows that arrive or change meanwhile are tested at its end; rows removed make
// it start over. Putting a large result in order (unless typing on kept the order) happens on a
// worker thread, from a copy of the sort keys. Below the threshold, and on a model reset, the
// rows are filtered at once, as the calls return.

#include <QDate>
#include <QElapsedTimer>
#include <QHash>
#include <QAbstractProxyModel>
#include <QStringList>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <vector>

namespace hubgate {

class AccessRequestModel;
struct FilterPass;

class AccessRequestFilter : public QAbstractProxyModel
{
    Q_OBJECT
public:
    explicit AccessRequestFilter(QObject *parent = nullptr);
    ~AccessRequestFilter() override;

    void setStatus(const QString &status); // empty: every status
    QString status() const { return m_status; }
    // Every word must appear (case-insensitive) in the user, name, e-mail or an answer.
    void setSearchText(const QString &text);
    // Exact match on a field's answer; for checkboxes use "checked" / "unchecked"; an empty value
    // removes the filter.
    void setFieldFilter(const QString &field, const QString &value);
    void clearFieldFilters();
    void setDateRange(const QDate &from, const QDate &to); // invalid dates: open-ended

    void setSourceModel(QAbstractItemModel *source) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; } // -1: the source's order
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    // Rows to test from which a change runs in slices (20,000 by default: a search tests about
    // two rows a microsecond, so 20,000 at once take some 10 ms).
    void setSliceThreshold(int rows) { m_sliceThreshold = std::max(1, rows); }
    int sliceThreshold() const { return m_sliceThreshold; }
    // How long a pass tests rows per turn of the event loop (8 ms); 0 (for tests): 128 rows a turn.
    void setSliceMs(int ms) { m_sliceMs = std::max(0, ms); }
    bool isFiltering() const { return m_pass != nullptr; } // a pass is running

    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &idx) const override;

Q_SIGNALS:
    // A pass starts (busy) or its rows are shown, or it was dropped (not busy).
    void filteringChanged(bool busy);

protected:
    bool filterAcceptsRow(int sourceRow) const;
    // Sort order of two source rows by the sort column (ties: source order).
    bool lessThan(int leftSourceRow, int rightSourceRow) const;

private:
    void refilter();
    void rebuild(); // filters and sorts everything, as a layout change that keeps the selection
    template<typename Accepts>
    void keepShownRowsIf(Accepts accepts); // the same, for a filter that only narrows
    void showRows(std::vector<int> rows);
    std::vector<int> acceptedRows(int first, int last) const;
    void sortRows(std::vector<int> &rows) const;
    void insertSourceRows(std::vector<int> rows); // accepted, not yet in the view
    void removeProxyRows(std::vector<int> proxyRows);
    void onSourceRowsInserted(int first, int last);
    void onSourceRowsAboutToBeRemoved(int first, int last);
    void onSourceRowsRemoved(int first, int last);
    void onSourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles);
    const std::vector<int> &sourceToProxy() const;
    int compareByRoles(int leftSourceRow, int rightSourceRow) const;
    // The source when it is an AccessRequestModel (read directly, without QVariants).
    const AccessRequestModel *fastModel() const;
    bool isCheckbox(const QString &field) const;
    bool dateAccepts(qint64 requestedMs) const;
    bool answerAccepts(const QString &field, const QString &wanted, QStringView answer) const;
    bool searchAccepts(QByteArrayView searchText) const; // lower-case UTF-8
    bool acceptsByRoles(const QModelIndex &sourceIndex) const;
    void prepareRanks(int column);
    // ---- passes in slices ----
    bool slicedFor(std::size_t candidates) const;
    FilterPass continuedPass(bool retest) const;
    void startPass(FilterPass pass);
    bool dropPass(); // true if one was running: the caller says filteringChanged(false)
    void markPassStale();
    void noteLateRows(int first, int last);
    void continuePass();
    bool testSome(const QElapsedTimer &clock);
    bool orderKept(const QElapsedTimer &clock);
    bool gatherKeys(const QElapsedTimer &clock);
    void sortOnWorker();
    void finishPass();
    std::vector<int> withLateRows(std::vector<int> rows, std::vector<int> late) const;
    std::vector<int> mergedRows(const std::vector<int> &into, const std::vector<int> &sortedNew) const;
    bool inOrderAlready(std::vector<int> &rows) const;
    int sortKeyColumn() const;

    const AccessRequestModel *m_model = nullptr;
    QString m_status;
    QString m_search; // lower-case
    QStringList m_terms; // words of m_search
    QList<QByteArray> m_termBytes; // the same in UTF-8, as the search texts are
    QHash<QString, QString> m_fieldFilters;
    QDate m_from;
    QDate m_to;
    qint64 m_fromMs = 0; // local start of m_from, UTC milliseconds
    qint64 m_toMs = 0;   // local start of the day after m_to (exclusive)
    // Place of every source row in the order of a text column, so that the full re-sort after
    // each keystroke compares integers instead of strings. Dropped when the source changes.
    QList<int> m_ranks;
    int m_rankColumn = -1;
    QList<QMetaObject::Connection> m_sourceConnections;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    std::vector<int> m_rows;                   // source row of each proxy row
    mutable std::vector<int> m_sourceToProxy;  // -1 when filtered out; rebuilt when needed
    mutable bool m_sourceToProxyValid = false;
    bool m_resetting = false;
    int m_sliceThreshold = 20000;
    int m_sliceMs = 8;
    std::unique_ptr<FilterPass> m_pass;
    quint64 m_passGeneration = 0; // a worker's sort of an older pass is dropped
    QTimer m_nextSlice;
};

} // namespace hubgate
