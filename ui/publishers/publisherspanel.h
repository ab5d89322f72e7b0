#pragma once
// The trusted publishers of one scope (a repo, or the signed-in user) with their three views:
// the list (add, remove), the workflow generator for the selected publisher, and the token
// debugger. When the Hub has no management API, the list says so and offers the Hub's settings
// page; publishers added then are kept locally so the generator and debugger still work.

#include "publishers/publisherjob.h"
#include "publishers/publisherscope.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QMessageBox;
class QPushButton;
class QTabWidget;
class QTableView;

namespace hubgate {

class HubClient;
class PublisherDialog;
class PublisherListModel;
class TokenDebuggerView;
class WorkflowView;

class PublishersPanel : public QWidget
{
    Q_OBJECT
public:
    PublishersPanel(HubClient *client, const QString &intro, QWidget *parent = nullptr);

    void setScope(const PublisherScope &scope); // clears the list; load() fetches it
    const PublisherScope &scope() const { return m_scope; }
    void load();
    bool isLoading() const { return m_listJob != nullptr; }
    bool managementOffered() const { return m_offered; }

    PublisherListModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QTabWidget *tabs() const { return m_tabs; }
    WorkflowView *workflowView() const { return m_workflow; }
    TokenDebuggerView *debuggerView() const { return m_debugger; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *settingsPageButton() const { return m_openSettings; }
    PublisherDialog *addDialog() const;
    QMessageBox *confirmation() const;
    QString statusText() const;
    QString noticeText() const;

    void openAddDialog();
    void removeSelected(); // asks first

Q_SIGNALS:
    void loaded(bool ok);
    void changed(bool ok); // an add or remove finished

private:
    void onListed(PublisherJob *job);
    void onCreated(PublisherJob *job);
    void onRemoved(PublisherJob *job);
    void addLocally(const PublisherDraft &draft);
    void showNotOffered();
    void selectionChanged();
    void publishersChanged();
    void setStatus(const QString &text);

    HubClient *m_client;
    PublisherScope m_scope;
    bool m_offered = true;
    PublisherListModel *m_model;
    QTabWidget *m_tabs;
    QTableView *m_table;
    QLabel *m_notice;
    QPushButton *m_openSettings;
    QLabel *m_status;
    QPushButton *m_add;
    QPushButton *m_remove;
    WorkflowView *m_workflow;
    TokenDebuggerView *m_debugger;
    QPointer<PublisherJob> m_listJob;
    QPointer<PublisherJob> m_changeJob;
    QPointer<PublisherDialog> m_dialog;
    QPointer<QMessageBox> m_confirm;
};

} // namespace hubgate
