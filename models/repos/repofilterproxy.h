#pragma once
// Filters the repo list by text, gating and kind.

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

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    bool m_gatedOnly = false;
    KindFilter m_kind = KindFilter::All;
};

} // namespace hubgate
