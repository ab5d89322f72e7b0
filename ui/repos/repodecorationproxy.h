#pragma once
// Adds the pictures to the repo list: a coloured dot per gating mode and a lock for private repos.
// Kept out of the core model, which has no GUI types.

#include <QIdentityProxyModel>

namespace hubgate {

class RepoDecorationProxy : public QIdentityProxyModel
{
    Q_OBJECT
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
};

} // namespace hubgate
