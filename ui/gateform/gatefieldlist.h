#pragma once
// extra_gated_fields in form order: a list to add, remove, rename and reorder fields (buttons,
// Insert, Delete, Alt+Up/Down), the selected field's name and type, and a select's options as
// plain strings or label/value pairs. A field of a type the editor does not know is shown
// read-only and kept as the card wrote it.

#include "card/gatevalidation.h"

#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace hubgate {

class GateFieldList : public QWidget
{
    Q_OBJECT
public:
    explicit GateFieldList(QWidget *parent = nullptr);

    void setFields(const QList<GateFieldSpec> &fields);
    const QList<GateFieldSpec> &fields() const { return m_fields; }
    // The field problems of the whole form; those of the selected field show next to its controls.
    void setProblems(const QList<GateProblem> &problems);

    void addField();
    void removeCurrent();
    void moveCurrent(int delta);

    QListWidget *list() const { return m_list; }
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *typeChooser() const { return m_type; }
    QTableWidget *optionsTable() const { return m_options; }

Q_SIGNALS:
    void edited();

private:
    void showCurrent();
    void refreshItem(int row);
    void onNameEdited(const QString &name);
    void onTypeChosen(int index);
    void onOptionsEdited();
    void addOption();
    void removeOption();
    QString problemFor(int row, bool optionsProblem) const;

    QList<GateFieldSpec> m_fields;
    QList<GateProblem> m_problems;
    QListWidget *m_list;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_up;
    QPushButton *m_down;
    QWidget *m_details;
    QFormLayout *m_detailsLayout = nullptr;
    QLineEdit *m_name;
    QLabel *m_nameProblem;
    QComboBox *m_type;
    QLabel *m_unknownNote;
    QWidget *m_optionsBox;
    QTableWidget *m_options;
    QLabel *m_optionsProblem;
};

} // namespace hubgate
