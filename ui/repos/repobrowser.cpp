#include "repobrowser.h"

#include "repodecorationproxy.h"
#include "repos/repofilterproxy.h"
#include "repos/repolistmodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QLineEdit>
#include <QTreeView>
#include <QVBoxLayout>

namespace hubgate {

RepoBrowser::RepoBrowser(QWidget *parent)
    : QWidget(parent)
    , m_model(new RepoListModel(this))
    , m_proxy(new RepoFilterProxy(this))
    , m_filter(new QLineEdit(this))
    , m_gatedOnly(new QCheckBox(tr("&Gated only"), this))
    , m_kind(new QComboBox(this))
    , m_view(new QTreeView(this))
    , m_count(new QLabel(this))
{
    auto *decorated = new RepoDecorationProxy(this);
    decorated->setSourceModel(m_model);
    m_proxy->setSourceModel(decorated);
    m_filter->setObjectName(QStringLiteral("repoFilter"));
    m_filter->setPlaceholderText(tr("Filter repositories (Ctrl+L)"));
    m_filter->setClearButtonEnabled(true);
    m_kind->setObjectName(QStringLiteral("repoKind"));
    m_kind->addItem(tr("Models and datasets"));
    m_kind->addItem(tr("Models"));
    m_kind->addItem(tr("Datasets"));
    m_gatedOnly->setObjectName(QStringLiteral("gatedOnly"));
    m_gatedOnly->setChecked(true);
    m_proxy->setGatedOnly(true);

    m_view->setObjectName(QStringLiteral("repoView"));
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(RepoListModel::Name, Qt::AscendingOrder);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(RepoListModel::Name, QHeaderView::Stretch);
    for (int column : {int(RepoListModel::Kind), int(RepoListModel::Gating)})
        m_view->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_view->setColumnHidden(RepoListModel::Visibility, true);
    m_view->setColumnHidden(RepoListModel::LastModified, true);
    m_count->setObjectName(QStringLiteral("repoCount"));

    auto *options = new QHBoxLayout;
    options->addWidget(m_gatedOnly);
    options->addWidget(m_kind, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 0, 6);
    layout->addWidget(m_filter);
    layout->addLayout(options);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_count);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setText(text);
        updateCount();
    });
    connect(m_gatedOnly, &QCheckBox::toggled, this, [this](bool on) {
        m_proxy->setGatedOnly(on);
        updateCount();
    });
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_proxy->setKindFilter(static_cast<RepoFilterProxy::KindFilter>(index));
        updateCount();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (!current.isValid())
                    return;
                m_proxy->setPinnedKey(current.data(RepoListModel::KeyRole).toString());
                Q_EMIT currentRepoChanged(current.data(RepoListModel::RepoRole).value<RepoSummary>());
            });
    updateCount();
}

void RepoBrowser::setRepos(const QList<RepoSummary> &repos)
{
    const QString selected = currentKey();
    m_model->setRepos(repos);
    m_loading = false;
    if (!selected.isEmpty())
        selectKey(selected);
    updateCount();
}

void RepoBrowser::setLoading(bool loading)
{
    m_loading = loading;
    updateCount();
}

bool RepoBrowser::selectKey(const QString &key)
{
    const QModelIndex modelIndex = m_model->indexOfKey(key);
    if (!modelIndex.isValid())
        return false;
    auto *decorated = static_cast<QAbstractProxyModel *>(m_proxy->sourceModel());
    const QModelIndex source = decorated->mapFromSource(modelIndex);
    QModelIndex index = m_proxy->mapFromSource(source);
    if (!index.isValid() && m_gatedOnly->isChecked()) {
        m_gatedOnly->setChecked(false); // show it rather than pretend it is gone
        index = m_proxy->mapFromSource(source);
    }
    if (!index.isValid())
        return false;
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    return true;
}

QString RepoBrowser::currentKey() const
{
    return m_view->currentIndex().data(RepoListModel::KeyRole).toString();
}

void RepoBrowser::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

bool RepoBrowser::gatedOnly() const
{
    return m_gatedOnly->isChecked();
}

void RepoBrowser::setGatedOnly(bool on)
{
    m_gatedOnly->setChecked(on);
}

void RepoBrowser::updateCount()
{
    if (m_loading) {
        m_count->setText(tr("Loading repositories…"));
        return;
    }
    const int shown = m_proxy->rowCount();
    const int total = m_model->rowCount();
    m_count->setText(shown == total ? tr("%Ln repositories", nullptr, total)
                                    : tr("%1 of %Ln repositories", nullptr, total).arg(QLocale().toString(shown)));
}

} // namespace hubgate
