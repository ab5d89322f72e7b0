#pragma once
// The selected repo at a glance: type, visibility, gating mode, gate form, head commit,
// with a link to its page on the Hub. Loads the repo info itself; stale answers are dropped.

#include "hub/hubjob.h"
#include "hub/repo.h"

#include <QPointer>
#include <QWidget>

class QFormLayout;
class QLabel;

namespace hubgate {

class HubClient;
class HubJob;

class RepoOverviewPage : public QWidget
{
    Q_OBJECT
public:
    explicit RepoOverviewPage(HubClient *client, QWidget *parent = nullptr);

    void showRepo(const RepoSummary &repo);
    bool isLoading() const { return m_job != nullptr; }

Q_SIGNALS:
    void loaded(bool ok);

private:
    void onInfo(HubJob *job);
    QLabel *addRow(const QString &label, const QString &objectName);

    HubClient *m_client;
    RepoSummary m_repo;
    QPointer<HubJob> m_job;
    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_gating;
    QLabel *m_form;
    QLabel *m_commit;
    QLabel *m_stats;
    QLabel *m_link;
    QLabel *m_status;
    QFormLayout *m_formLayout;
};

} // namespace hubgate
