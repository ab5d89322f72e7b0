#include "repodecorationproxy.h"

#include "repos/repolistmodel.h"

#include <QIcon>
#include <QPainter>
#include <QPixmap>

namespace hubgate {

namespace {

QIcon dot(const QColor &color, bool hollow)
{
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(color.darker(130), 1.2));
    painter.setBrush(hollow ? QBrush(Qt::transparent) : QBrush(color));
    painter.drawEllipse(QRectF(2.5, 2.5, 9, 9));
    return QIcon(pixmap);
}

QIcon gatingIcon(GatingMode mode)
{
    static const QIcon manual = dot(QColor(0xd9, 0x7b, 0x16), false);
    static const QIcon automatic = dot(QColor(0x2e, 0x9d, 0x55), false);
    static const QIcon off = dot(QColor(0x9a, 0x9a, 0x9a), true);
    static const QIcon unknown = dot(QColor(0x6b, 0x5b, 0xd6), false);
    switch (mode) {
    case GatingMode::Manual: return manual;
    case GatingMode::Auto: return automatic;
    case GatingMode::Off: return off;
    case GatingMode::Unknown: break;
    }
    return unknown;
}

} // namespace

QVariant RepoDecorationProxy::data(const QModelIndex &index, int role) const
{
    if (role == Qt::DecorationRole && index.isValid()) {
        const auto repo = index.data(RepoListModel::RepoRole).value<RepoSummary>();
        if (index.column() == RepoListModel::Gating)
            return gatingIcon(repo.gating);
        if (index.column() == RepoListModel::Name && repo.isPrivate)
            return QIcon::fromTheme(QStringLiteral("object-locked"));
    }
    if (role == Qt::ToolTipRole && index.isValid() && index.column() == RepoListModel::Name) {
        const auto repo = index.data(RepoListModel::RepoRole).value<RepoSummary>();
        if (repo.isPrivate)
            return tr("%1 (private)").arg(QIdentityProxyModel::data(index, role).toString());
    }
    return QIdentityProxyModel::data(index, role);
}

} // namespace hubgate
