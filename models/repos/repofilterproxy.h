#pragma once
// Filters the repo list by text, gating and kind. "Gated only" keeps the pinned repo (the one
// being worked on), so turning its gating off does not make it vanish from under the user.

#include "hub/repo.h"

#include <QSortFilterProxyModel>

namespace hubgate {

class RepoFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class KindFilter { All, Models, Datasets };

    explicit RepoFilterProxy(QObject *parent = nullptr);

    void setText(const QString &text);
    void setGatedOnly(bool gatedOnly);
    void setKindFilter(KindFilter kind);
    bool gatedOnly() const { return m_gatedOnly; }
    // Does not filter again by itself: a repo that was pinned and no longer matches leaves the
    // list at the next filter change, not while the user is clicking elsewhere in it.
    void setPinnedKey(const QString &key) { m_pinnedKey = key; }
    QString pinnedKey() const { return m_pinnedKey; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    QString m_pinnedKey;
    bool m_gatedOnly = false;
    KindFilter m_kind = KindFilter::All;
};

} // namespace hubgate
