#pragma once
// Search and filters above the request table: free text, one gate-form field's value, a
// request date range, and "N of M" shown.

#include "access/gateform.h"

#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;

namespace hubgate {

class AccessRequestFilter;

class FilterBar : public QWidget
{
    Q_OBJECT
public:
    FilterBar(AccessRequestFilter *filter, QWidget *parent = nullptr);

    void setGateFields(const QList<GateField> &fields);
    void setCounts(int shown, int total);
    void focusSearch();
    void clearFilters();
    QLineEdit *searchEdit() const { return m_search; }
    // The icon at the start of the search: an hourglass while the table is being filtered.
    QAction *searchState() const { return m_searchState; }

Q_SIGNALS:
    void searchLeft(); // Escape in an empty search: focus goes back to the table

private:
    void onFieldChosen(int index);
    void applyFieldFilter();
    void applyDates();
    void showFiltering(bool busy);

    AccessRequestFilter *m_filter;
    QList<GateField> m_fields; // filterable ones, in combo order
    QLineEdit *m_search;
    QAction *m_searchState;
    QComboBox *m_field;
    QComboBox *m_value;
    QCheckBox *m_useDates;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QLabel *m_count;
    QString m_activeField;
};

} // namespace hubgate
