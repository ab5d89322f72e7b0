#include "drawnicons.h"

#include <QGuiApplication>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>

namespace hubgate {

namespace {

// One pixmap per usual size, drawn by draw(painter, size) in the text colour.
template<typename Draw>
QIcon drawnIcon(Draw draw)
{
    QIcon icon;
    const QColor ink = QGuiApplication::palette().color(QPalette::WindowText);
    for (int size : {16, 22, 32, 48}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(ink, std::max(1.0, qreal(size) / 12)));
        draw(p, qreal(size), ink);
        p.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace

QIcon eyeIcon(bool crossed)
{
    return drawnIcon([crossed](QPainter &p, qreal s, const QColor &ink) {
        QPainterPath eye;
        eye.moveTo(s * 0.08, s * 0.5);
        eye.quadTo(s * 0.5, s * 0.1, s * 0.92, s * 0.5);
        eye.quadTo(s * 0.5, s * 0.9, s * 0.08, s * 0.5);
        p.drawPath(eye);
        p.setBrush(ink);
        p.drawEllipse(QPointF(s * 0.5, s * 0.5), s * 0.13, s * 0.13);
        if (crossed)
            p.drawLine(QPointF(s * 0.15, s * 0.85), QPointF(s * 0.85, s * 0.15));
    });
}

QIcon searchIcon(bool busy)
{
    if (!busy)
        return drawnIcon([](QPainter &p, qreal s, const QColor &) {
            p.drawEllipse(QPointF(s * 0.42, s * 0.42), s * 0.26, s * 0.26);
            p.drawLine(QPointF(s * 0.62, s * 0.62), QPointF(s * 0.88, s * 0.88));
        });
    return drawnIcon([](QPainter &p, qreal s, const QColor &ink) {
        QPainterPath glass; // two triangles meeting in the middle, sand in the lower one
        glass.moveTo(s * 0.25, s * 0.12);
        glass.lineTo(s * 0.75, s * 0.12);
        glass.lineTo(s * 0.5, s * 0.5);
        glass.lineTo(s * 0.75, s * 0.88);
        glass.lineTo(s * 0.25, s * 0.88);
        glass.lineTo(s * 0.5, s * 0.5);
        glass.closeSubpath();
        p.drawPath(glass);
        QPainterPath sand;
        sand.moveTo(s * 0.5, s * 0.62);
        sand.lineTo(s * 0.68, s * 0.86);
        sand.lineTo(s * 0.32, s * 0.86);
        sand.closeSubpath();
        p.fillPath(sand, ink);
    });
}

} // namespace hubgate
