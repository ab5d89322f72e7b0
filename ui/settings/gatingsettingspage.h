#pragma once
// A repo's gating settings: off / automatic / manual, notification frequency and e-mail (checked
// as the Hub checks it), and gating of org members for org repos. Only what changed is sent, and
// the page then shows the values as the Hub confirmed them.

#include "hub/repo.h"
#include "settings/gatingsettings.h"

#include <QPointer>
#include <QWidget>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace hubgate {

class HubClient;

class GatingSettingsPage : public QWidget
{
    Q_OBJECT
public:
    explicit GatingSettingsPage(HubClient *client, QWidget *parent = nullptr);

    void showRepo(const RepoSummary &repo, bool orgRepo);
    GatingSettings pendingChange() const;
    bool isSaving() const { return m_job != nullptr; }
    QPushButton *applyButton() const { return m_apply; }

Q_SIGNALS:
    void repoChanged(const hubgate::RepoSummary &repo); // gating confirmed by the Hub
    void saved(bool ok);

private:
    void showConfirmed(const GatingSettings &settings);
    void updateState();
    void apply();
    void revert();

    HubClient *m_client;
    RepoSummary m_repo;
    bool m_orgRepo = false;
    GatingSettings m_known; // what the Hub last told us
    QButtonGroup *m_mode;
    QRadioButton *m_off;
    QRadioButton *m_auto;
    QRadioButton *m_manual;
    QComboBox *m_frequency;
    QLineEdit *m_email;
    QLabel *m_emailProblem;
    QCheckBox *m_orgMembers;
    QLabel *m_orgMembersHelp;
    QLabel *m_status;
    QPushButton *m_apply;
    QPushButton *m_revert;
    QPointer<SettingsUpdateJob> m_job;
};

} // namespace hubgate
