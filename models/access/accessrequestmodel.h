#pragma once
// All access requests of one repo, every status in one model so a decision moves a row between
// the status tabs (filter proxies) without reloading. Fixed columns, then one per gate field.

#include "accessrequest.h"
#include "gateform.h"

#include <QAbstractTableModel>
#include <QHash>

namespace hubgate {

class AccessRequestModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { User, FullName, Email, RequestedAt, ReviewedAt, GrantedBy, Status, FirstFieldColumn };
    enum Role {
        RequestRole = Qt::UserRole + 1, // QVariant<AccessRequest>
        StatusRole,                     // QString
        UserNameRole,                   // QString
        SearchTextRole,                 // lower-case text of user, name, e-mail and answers
        SortRole,                       // typed value for sorting (QDateTime for dates)
    };

    explicit AccessRequestModel(QObject *parent = nullptr);

    // Resets the model: new repo, new columns.
    void setGateFields(const QList<GateField> &fields);
    const QList<GateField> &gateFields() const { return m_fields; }
    void clear();

    // Adds a page of requests; a user already present is updated in place (refresh).
    void addRequests(const QList<AccessRequest> &requests);
    // Removes rows of this status whose user is not in keep (end of a refresh of that status).
    void removeStaleOfStatus(const QString &status, const QSet<QString> &keep);

    // A decision the server confirmed: narrow dataChanged on that row. False if the user is unknown.
    bool updateStatus(const QString &userName, const QString &status, const QDateTime &reviewedAt,
                      const QString &grantedBy);
    // Adds or updates one request (grant to a user who never asked).
    void upsert(const AccessRequest &request);

    int countOf(const QString &status) const;
    QStringList statuses() const; // known ones first, then any unknown status seen
    int rowOfUser(const QString &userName) const;
    const AccessRequest &requestAt(int row) const { return m_rows[row]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void countsChanged();

private:
    QList<AccessRequest> m_rows;
    QList<QString> m_searchText; // per row, lower-case, precomputed for fast search
    QHash<QString, int> m_rowByUser;
    QHash<QString, int> m_counts;
    QList<GateField> m_fields;
};

} // namespace hubgate
