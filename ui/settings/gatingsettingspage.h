#pragma once
// A repo's gating settings: off / automatic / manual, notification frequency and e-mail (checked
// as the Hub checks it), and gating of org members for org repos. Only what changed is sent;
// turning gating off and manual → automatic are confirmed first, naming what they do. The page
// then shows the values as the Hub confirmed them, and says plainly what the Hub does not report.

#include "hub/repo.h"
#include "repopage/repopage.h"
#include "settings/gatingsettings.h"

#include <QPointer>
#include <QWidget>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QMessageBox;
class QPushButton;
class QRadioButton;

namespace hubgate {

class HubClient;

class GatingSettingsPage : public RepoPage
{
    Q_OBJECT
public:
    explicit GatingSettingsPage(HubClient *client, QWidget *parent = nullptr);

    QString title() const override { return tr("&Settings"); }
    void showRepo(const RepoContext &context) override;
    GatingSettings pendingChange() const;
    bool isSaving() const { return m_job != nullptr; }
    QPushButton *applyButton() const { return m_apply; }
    // The confirmation waiting for an answer, if any.
    QMessageBox *confirmation() const;

Q_SIGNALS:
    void saved(bool ok);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void showConfirmed(const GatingSettings &settings);
    void updateState();
    void updateNotificationNote();
    void apply();
    void send(const GatingSettings &change);
    void onSaved(SettingsUpdateJob *job);
    void revert();
    QString memoryKey() const;

    HubClient *m_client;
    RepoContext m_context;
    GatingSettings m_known; // what the Hub last told us
    SettingsMemory m_memory;
    QButtonGroup *m_mode;
    QRadioButton *m_off;
    QRadioButton *m_auto;
    QRadioButton *m_manual;
    QComboBox *m_frequency;
    QLineEdit *m_email;
    QLabel *m_emailProblem;
    QLabel *m_notificationNote;
    QCheckBox *m_orgMembers;
    QLabel *m_orgMembersHelp;
    QLabel *m_status;
    QPushButton *m_apply;
    QPushButton *m_revert;
    QPointer<SettingsUpdateJob> m_job;
    QPointer<QMessageBox> m_confirm;
};

} // namespace hubgate
