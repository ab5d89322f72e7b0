#include "repofilterproxy.h"

#include "repolistmodel.h"

namespace hubgate {

RepoFilterProxy::RepoFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(Qt::UserRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void RepoFilterProxy::setText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateFilter();
}

void RepoFilterProxy::setGatedOnly(bool gatedOnly)
{
    if (gatedOnly == m_gatedOnly)
        return;
    m_gatedOnly = gatedOnly;
    invalidateFilter();
}

void RepoFilterProxy::setKindFilter(KindFilter kind)
{
    if (kind == m_kind)
        return;
    m_kind = kind;
    invalidateFilter();
}

bool RepoFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, RepoListModel::Name, sourceParent);
    const auto repo = index.data(RepoListModel::RepoRole).value<RepoSummary>();
    // "Gated only" never hides the pinned repo: its gating may just have been turned off here.
    if (m_gatedOnly && repo.gating == GatingMode::Off && repo.key() != m_pinnedKey)
        return false;
    if ((m_kind == KindFilter::Models && repo.kind != RepoKind::Model) ||
        (m_kind == KindFilter::Datasets && repo.kind != RepoKind::Dataset))
        return false;
    return m_text.isEmpty() || repo.id.contains(m_text, Qt::CaseInsensitive);
}

} // namespace hubgate
