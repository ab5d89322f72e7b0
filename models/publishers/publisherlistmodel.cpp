#include "publisherlistmodel.h"

#include <QLocale>

namespace hubgate {

PublisherListModel::PublisherListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void PublisherListModel::setPublishers(const QList<TrustedPublisher> &publishers)
{
    beginResetModel();
    m_publishers = publishers;
    endResetModel();
}

void PublisherListModel::upsert(const TrustedPublisher &publisher)
{
    const int row = publisher.id.isEmpty() ? -1 : rowOfId(publisher.id);
    if (row >= 0) {
        m_publishers[row] = publisher;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    const int end = int(m_publishers.size());
    beginInsertRows({}, end, end);
    m_publishers.append(publisher);
    endInsertRows();
}

bool PublisherListModel::removeById(const QString &id)
{
    const int row = rowOfId(id);
    if (row < 0)
        return false;
    beginRemoveRows({}, row, row);
    m_publishers.removeAt(row);
    endRemoveRows();
    return true;
}

int PublisherListModel::rowOfId(const QString &id) const
{
    for (int row = 0; row < m_publishers.size(); ++row)
        if (m_publishers.at(row).id == id)
            return row;
    return -1;
}

int PublisherListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_publishers.size());
}

int PublisherListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PublisherListModel::display(const TrustedPublisher &publisher, int column) const
{
    const QLocale locale;
    switch (column) {
    case Provider:
        return publisher.provider == PublisherProvider::Custom && !publisher.providerText.isEmpty() &&
                       publisher.providerText != providerKey(PublisherProvider::Custom)
                   ? publisher.providerText
                   : providerDisplayName(publisher.provider);
    case Issuer: return publisher.issuer;
    case Claims: return publisher.claimsText();
    case Created:
        return publisher.createdAt.isValid() ? locale.toString(publisher.createdAt.toLocalTime(), QLocale::ShortFormat)
                                             : QString();
    case LastUsed:
        return publisher.lastUsedAt && publisher.lastUsedAt->isValid()
                   ? locale.toString(publisher.lastUsedAt->toLocalTime(), QLocale::ShortFormat)
                   : tr("Never");
    default: return {};
    }
}

QVariant PublisherListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TrustedPublisher &publisher = m_publishers.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(publisher, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Created && !publisher.createdBy.isEmpty())
            return tr("Added by %1").arg(publisher.createdBy);
        return index.column() == Claims ? publisher.claimsText() : QVariant();
    case PublisherRole:
        return QVariant::fromValue(publisher);
    case IdRole:
        return publisher.id;
    case SortRole:
        if (index.column() == Created)
            return publisher.createdAt;
        if (index.column() == LastUsed)
            return publisher.lastUsedAt.value_or(QDateTime());
        return display(publisher, index.column());
    default:
        return {};
    }
}

QVariant PublisherListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Provider: return tr("Provider");
    case Issuer: return tr("Issuer");
    case Claims: return tr("Claims");
    case Created: return tr("Created");
    case LastUsed: return tr("Last used");
    default: return {};
    }
}

} // namespace hubgate
