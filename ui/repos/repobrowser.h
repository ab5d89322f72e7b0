#pragma once
// The left pane: the repos the user administers, with a filter box, "gated only" and type.

#include "hub/repo.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTreeView;

namespace hubgate {

class RepoFilterProxy;
class RepoListModel;

class RepoBrowser : public QWidget
{
    Q_OBJECT
public:
    explicit RepoBrowser(QWidget *parent = nullptr);

    void setRepos(const QList<RepoSummary> &repos);
    void setLoading(bool loading);
    // Selects the repo with this key (RepoSummary::key()); false when it is not listed.
    bool selectKey(const QString &key);
    QString currentKey() const;
    void focusFilter();
    RepoListModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    bool gatedOnly() const;
    void setGatedOnly(bool on);

Q_SIGNALS:
    void currentRepoChanged(const hubgate::RepoSummary &repo);

private:
    void updateCount();

    RepoListModel *m_model;
    RepoFilterProxy *m_proxy;
    QLineEdit *m_filter;
    QCheckBox *m_gatedOnly;
    QComboBox *m_kind;
    QTreeView *m_view;
    QLabel *m_count;
    bool m_loading = false;
};

} // namespace hubgate
