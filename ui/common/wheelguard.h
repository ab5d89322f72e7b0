#pragma once
// In a pane that scrolls, turning the wheel over a list or spin box scrolls the pane, unless the
// control has the keyboard focus: scrolling past a control never changes its value by accident.

#include <QObject>

class QAbstractScrollArea;
class QWidget;

namespace hubgate {

class WheelGuard : public QObject
{
    Q_OBJECT
public:
    explicit WheelGuard(QAbstractScrollArea *pane); // owned by the pane
    void guard(QWidget *control);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QAbstractScrollArea *m_pane;
};

} // namespace hubgate
