#include "drawnicons.h"

#include <QGuiApplication>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>

namespace hubgate {

QIcon eyeIcon(bool crossed)
{
    QIcon icon;
    const QColor ink = QGuiApplication::palette().color(QPalette::WindowText);
    for (int size : {16, 22, 32, 48}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        const qreal s = size;
        QPen pen(ink, std::max(1.0, s / 12));
        p.setPen(pen);
        QPainterPath eye;
        eye.moveTo(s * 0.08, s * 0.5);
        eye.quadTo(s * 0.5, s * 0.1, s * 0.92, s * 0.5);
        eye.quadTo(s * 0.5, s * 0.9, s * 0.08, s * 0.5);
        p.drawPath(eye);
        p.setBrush(ink);
        p.drawEllipse(QPointF(s * 0.5, s * 0.5), s * 0.13, s * 0.13);
        if (crossed)
            p.drawLine(QPointF(s * 0.15, s * 0.85), QPointF(s * 0.85, s * 0.15));
        p.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace hubgate
