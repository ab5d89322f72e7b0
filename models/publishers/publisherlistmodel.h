#pragma once
// The trusted publishers of one repo or of the user, one row each, for the Publishers and
// "CI/CD access" pages.

#include "trustedpublisher.h"

#include <QAbstractTableModel>

namespace hubgate {

class PublisherListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Provider, Issuer, Claims, Created, LastUsed, ColumnCount };
    enum Role {
        PublisherRole = Qt::UserRole + 1, // QVariant<TrustedPublisher>
        IdRole,                           // QString
        SortRole,                         // typed value: QDateTime for the dates (invalid: never used)
    };

    explicit PublisherListModel(QObject *parent = nullptr);

    void setPublishers(const QList<TrustedPublisher> &publishers);
    const QList<TrustedPublisher> &publishers() const { return m_publishers; }
    // A publisher the Hub confirmed: appended, or updated in place when its id is known.
    void upsert(const TrustedPublisher &publisher);
    bool removeById(const QString &id);
    int rowOfId(const QString &id) const;
    TrustedPublisher publisherAt(int row) const { return m_publishers.value(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const TrustedPublisher &publisher, int column) const;
    QList<TrustedPublisher> m_publishers;
};

} // namespace hubgate
