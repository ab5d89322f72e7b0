#pragma once
// One status tab's view of the requests: status, search across user, name, e-mail and answers,
// per-field filters and a request date range.

#include <QDate>
#include <QHash>
#include <QSortFilterProxyModel>
#include <QStringList>

namespace hubgate {

class AccessRequestModel;

class AccessRequestFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit AccessRequestFilter(QObject *parent = nullptr);

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

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void refilter();
    // The source when it is an AccessRequestModel (read directly, without QVariants).
    const AccessRequestModel *fastModel() const;
    bool isCheckbox(const QString &field) const;
    bool dateAccepts(qint64 requestedMs) const;
    bool answerAccepts(const QString &field, const QString &wanted, QStringView answer) const;
    bool searchAccepts(QStringView searchText) const;
    bool acceptsByRoles(const QModelIndex &sourceIndex) const;
    void prepareRanks(int column);

    const AccessRequestModel *m_model = nullptr;
    QString m_status;
    QString m_search; // lower-case
    QStringList m_terms; // words of m_search
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
};

} // namespace hubgate
