#include "wheelguard.h"

#include <QAbstractScrollArea>
#include <QCoreApplication>
#include <QEvent>
#include <QScrollBar>
#include <QWidget>

namespace hubgate {

WheelGuard::WheelGuard(QAbstractScrollArea *pane)
    : QObject(pane), m_pane(pane)
{
}

void WheelGuard::guard(QWidget *control)
{
    control->setFocusPolicy(Qt::StrongFocus); // the wheel alone does not focus it
    control->installEventFilter(this);
}

bool WheelGuard::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::Wheel || static_cast<QWidget *>(watched)->hasFocus())
        return false;
    QCoreApplication::sendEvent(m_pane->verticalScrollBar(), event);
    return true;
}

} // namespace hubgate
