#include "appicon.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace hubgate {

static QPixmap drawIcon(int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal s = size;
    QPainterPath tile;
    tile.addRoundedRect(QRectF(s * 0.04, s * 0.04, s * 0.92, s * 0.92), s * 0.2, s * 0.2);
    QLinearGradient fill(0, 0, 0, s);
    fill.setColorAt(0, QColor(0xff, 0xc8, 0x3d));
    fill.setColorAt(1, QColor(0xf2, 0x8c, 0x18));
    p.fillPath(tile, fill);
    // A gate: two posts and three bars.
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0x3b, 0x2a, 0x12));
    const qreal post = s * 0.1;
    p.drawRoundedRect(QRectF(s * 0.2, s * 0.22, post, s * 0.56), post / 3, post / 3);
    p.drawRoundedRect(QRectF(s * 0.7, s * 0.22, post, s * 0.56), post / 3, post / 3);
    for (qreal y : {0.32, 0.47, 0.62})
        p.drawRect(QRectF(s * 0.28, s * y, s * 0.44, s * 0.06));
    return pixmap;
}

QIcon appIcon()
{
    QIcon icon;
    for (int size : {16, 24, 32, 48, 64, 128, 256})
        icon.addPixmap(drawIcon(size));
    return icon;
}

} // namespace hubgate
