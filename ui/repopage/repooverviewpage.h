#pragma once
// The selected repo at a glance: type, visibility, gating mode, gate form, head commit,
// with a link to its page on the Hub. Loads the repo info itself; stale answers are dropped.

#include "hub/hubjob.h"
#include "hub/repo.h"
#include "repopage.h"

#include <QPointer>

class QFormLayout;
class QLabel;

namespace hubgate {

class HubClient;
class HubJob;

class RepoOverviewPage : public RepoPage
{
    Q_OBJECT
public:
    explicit RepoOverviewPage(HubClient *client, QWidget *parent = nullptr);

    QString title() const override { return tr("O&verview"); }
    void showRepo(const RepoContext &context) override;
    void reload() override;
    bool isLoading() const override { return m_job != nullptr; }

private:
    void load();
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
