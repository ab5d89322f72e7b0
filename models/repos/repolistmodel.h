#pragma once
// The repos the account administers, one row each.

#include "hub/repo.h"

#include <QAbstractTableModel>

namespace hubgate {

class RepoListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Kind, Gating, Visibility, LastModified, ColumnCount };
    enum Role { RepoRole = Qt::UserRole + 1, KeyRole, GatingRole, NamespaceRole };

    explicit RepoListModel(QObject *parent = nullptr);

    void setRepos(QList<RepoSummary> repos);
    // Replaces one repo's data (e.g. after a settings change) with a narrow dataChanged.
    bool updateRepo(const RepoSummary &repo);
    const QList<RepoSummary> &repos() const { return m_repos; }
    QModelIndex indexOfKey(const QString &key, int column = Name) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<RepoSummary> m_repos;
};

} // namespace hubgate
