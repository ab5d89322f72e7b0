#pragma once
// Who a bulk decision or a grant could not be carried out for, and why, in words: a list the
// reviewer can read, copy, and retry from when some users were never confirmed.

#include "review/decisionreport.h"

#include <QDialog>

class QPushButton;
class QTreeWidget;

namespace hubgate {

class FailuresDialog : public QDialog
{
    Q_OBJECT
public:
    explicit FailuresDialog(const DecisionReport &report, QWidget *parent = nullptr);
    QTreeWidget *list() const { return m_list; }

Q_SIGNALS:
    void retryRequested();

private:
    void copy();
    QTreeWidget *m_list;
};

} // namespace hubgate
