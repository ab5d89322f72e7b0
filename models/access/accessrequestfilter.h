#pragma once
// One status tab's view of the requests: status, search across user, name, e-mail and answers,
// per-field filters and a request date range.

#include <QDate>
#include <QHash>
#include <QSortFilterProxyModel>

namespace hubgate {

class AccessRequestFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit AccessRequestFilter(QObject *parent = nullptr);

    void setStatus(const QString &status); // empty: every status
    QString status() const { return m_status; }
    void setSearchText(const QString &text);
    // Exact match on a field's answer; for checkboxes use "checked" / "unchecked"; an empty value
    // removes the filter.
    void setFieldFilter(const QString &field, const QString &value);
    void clearFieldFilters();
    void setDateRange(const QDate &from, const QDate &to); // invalid dates: open-ended

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_status;
    QString m_search; // lower-case
    QHash<QString, QString> m_fieldFilters;
    QDate m_from;
    QDate m_to;
};

} // namespace hubgate
