#include "wrappingrow.h"

#include <QBoxLayout>
#include <QResizeEvent>

namespace hubgate {

WrappingRow::WrappingRow(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QBoxLayout(QBoxLayout::LeftToRight, this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
}

void WrappingRow::addGroup(QLayout *group, int stretch)
{
    m_layout->addLayout(group, stretch);
}

void WrappingRow::addGroup(QWidget *group, int stretch)
{
    m_layout->addWidget(group, stretch);
}

bool WrappingRow::isStacked() const
{
    return m_layout->direction() == QBoxLayout::TopToBottom;
}

int WrappingRow::sideBySideWidth() const
{
    int width = m_layout->spacing() * std::max(0, m_layout->count() - 1);
    for (int i = 0; i < m_layout->count(); ++i)
        width += m_layout->itemAt(i)->sizeHint().width();
    return width;
}

QSize WrappingRow::minimumSizeHint() const
{
    // As narrow as the widest group: below the side-by-side width the groups stack.
    int width = 0;
    int height = 0;
    for (int i = 0; i < m_layout->count(); ++i) {
        const QSize size = m_layout->itemAt(i)->minimumSize();
        width = std::max(width, size.width());
        height += size.height();
    }
    return {width, isStacked() ? height : QWidget::minimumSizeHint().height()};
}

void WrappingRow::resizeEvent(QResizeEvent *event)
{
    updateDirection(event->size().width());
    QWidget::resizeEvent(event);
}

void WrappingRow::updateDirection(int width)
{
    const auto direction = width >= sideBySideWidth() ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom;
    if (direction != m_layout->direction()) {
        m_layout->setDirection(direction);
        updateGeometry();
    }
}

} // namespace hubgate
