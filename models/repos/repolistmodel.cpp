#include "repolistmodel.h"

#include <QLocale>

namespace hubgate {

RepoListModel::RepoListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void RepoListModel::setRepos(QList<RepoSummary> repos)
{
    beginResetModel();
    m_repos = std::move(repos);
    endResetModel();
}

bool RepoListModel::updateRepo(const RepoSummary &repo)
{
    const QModelIndex first = indexOfKey(repo.key());
    if (!first.isValid())
        return false;
    m_repos[first.row()] = repo;
    Q_EMIT dataChanged(first, index(first.row(), ColumnCount - 1));
    return true;
}

QModelIndex RepoListModel::indexOfKey(const QString &key, int column) const
{
    for (int row = 0; row < m_repos.size(); ++row)
        if (m_repos[row].key() == key)
            return index(row, column);
    return {};
}

int RepoListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_repos.size());
}

int RepoListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RepoListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RepoSummary &repo = m_repos[index.row()];
    switch (role) {
    case RepoRole: return QVariant::fromValue(repo);
    case KeyRole: return repo.key();
    case GatingRole: return int(repo.gating);
    case NamespaceRole: return repo.ns();
    case Qt::ToolTipRole:
        return tr("%1 (%2), gating: %3").arg(repo.id, repo.kind == RepoKind::Model ? tr("model") : tr("dataset"),
                                             gatingModeName(repo.gating));
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name: return repo.id;
        case Kind: return repo.kind == RepoKind::Model ? tr("Model") : tr("Dataset");
        case Gating:
            return repo.gating == GatingMode::Unknown && !repo.gatingText.isEmpty()
                       ? repo.gatingText
                       : gatingModeName(repo.gating);
        case Visibility: return repo.isPrivate ? tr("Private") : tr("Public");
        case LastModified: return QLocale().toString(repo.lastModified.toLocalTime(), QLocale::ShortFormat);
        }
        break;
    case Qt::UserRole: // sort key
        if (index.column() == LastModified)
            return repo.lastModified;
        return data(index, Qt::DisplayRole);
    }
    return {};
}

QVariant RepoListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Repository");
    case Kind: return tr("Type");
    case Gating: return tr("Gating");
    case Visibility: return tr("Visibility");
    case LastModified: return tr("Last modified");
    }
    return {};
}

} // namespace hubgate
