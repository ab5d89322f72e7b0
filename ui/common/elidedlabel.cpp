#include "elidedlabel.h"

#include <QPainter>

namespace hubgate {

ElidedLabel::ElidedLabel(QWidget *parent)
    : QFrame(parent)
{
    // Any width down to nothing: the layout decides, the text adapts.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void ElidedLabel::setText(const QString &text, const QString &toolTip)
{
    m_toolTip = toolTip;
    if (text == m_text) {
        updateToolTip();
        return;
    }
    m_text = text;
    updateToolTip();
    updateGeometry();
    update();
}

QSize ElidedLabel::sizeHint() const
{
    const int width = fontMetrics().horizontalAdvance(m_text) + 2 * frameWidth() + 2;
    return {std::min(width, maximumWidth()), fontMetrics().height() + 2 * frameWidth()};
}

QSize ElidedLabel::minimumSizeHint() const
{
    return {0, fontMetrics().height() + 2 * frameWidth()};
}

void ElidedLabel::paintEvent(QPaintEvent *event)
{
    QFrame::paintEvent(event);
    QPainter painter(this);
    const QRect area = contentsRect();
    const QString shown = fontMetrics().elidedText(m_text, Qt::ElideRight, area.width());
    painter.drawText(area, Qt::AlignVCenter | Qt::AlignLeft | Qt::TextSingleLine, shown);
}

void ElidedLabel::resizeEvent(QResizeEvent *event)
{
    QFrame::resizeEvent(event);
    updateToolTip();
}

void ElidedLabel::updateToolTip()
{
    if (!m_toolTip.isEmpty())
        setToolTip(m_toolTip);
    else
        setToolTip(fontMetrics().horizontalAdvance(m_text) > contentsRect().width() ? m_text : QString());
}

} // namespace hubgate
