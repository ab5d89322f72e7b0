#include "publisherspanel.h"

#include "hub/hubclient.h"
#include "publisherdialog.h"
#include "publishers/publisherlistmodel.h"
#include "tokendebuggerview.h"
#include "workflowview.h"

#include <QDesktopServices>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace hubgate {

PublishersPanel::PublishersPanel(HubClient *client, const QString &intro, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new PublisherListModel(this))
    , m_tabs(new QTabWidget(this))
    , m_table(new QTableView(this))
    , m_notice(new QLabel(this))
    , m_openSettings(new QPushButton(tr("Open the &Settings Page in the Browser"), this))
    , m_status(new QLabel(this))
    , m_add(new QPushButton(tr("&Add…"), this))
    , m_remove(new QPushButton(tr("&Remove…"), this))
    , m_workflow(new WorkflowView(this))
    , m_debugger(new TokenDebuggerView(client, this))
{
    m_tabs->setObjectName(QStringLiteral("publisherTabs"));
    m_table->setObjectName(QStringLiteral("publisherTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    // The claims say most about a publisher: they get the room the dates and provider leave.
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(PublisherListModel::Provider, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(PublisherListModel::Issuer, QHeaderView::Stretch);
    header->setSectionResizeMode(PublisherListModel::Claims, QHeaderView::Stretch);
    m_table->setWordWrap(true); // claims wrap after their commas in a narrow window
    m_table->setWordWrap(false);
    m_notice->setObjectName(QStringLiteral("managementNotice"));
    m_notice->setWordWrap(true);
    m_notice->setVisible(false);
    m_openSettings->setObjectName(QStringLiteral("openSettingsPage"));
    m_openSettings->setVisible(false);
    m_status->setObjectName(QStringLiteral("publishersStatus"));
    m_status->setWordWrap(true);
    m_add->setObjectName(QStringLiteral("addPublisher"));
    m_remove->setObjectName(QStringLiteral("removePublisher"));

    auto *introLabel = new QLabel(intro, this);
    introLabel->setWordWrap(true);
    auto *noticeRow = new QHBoxLayout;
    noticeRow->addWidget(m_notice, 1);
    noticeRow->addWidget(m_openSettings, 0, Qt::AlignTop);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    auto *listPane = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->addWidget(introLabel);
    listLayout->addLayout(noticeRow);
    listLayout->addWidget(m_table, 1);
    listLayout->addLayout(buttons);
    m_tabs->addTab(listPane, tr("&List"));
    m_tabs->addTab(m_workflow, tr("&Workflow"));
    m_tabs->addTab(m_debugger, tr("Token &Debugger"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(m_tabs);

    connect(m_add, &QPushButton::clicked, this, &PublishersPanel::openAddDialog);
    connect(m_remove, &QPushButton::clicked, this, &PublishersPanel::removeSelected);
    connect(m_openSettings, &QPushButton::clicked, this, [this] {
        QDesktopServices::openUrl(m_client->endpoint().resolved(QUrl(m_scope.settingsPagePath())));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &PublishersPanel::selectionChanged);
    connect(m_table, &QTableView::doubleClicked, this, [this] { m_tabs->setCurrentWidget(m_workflow); });
    connect(m_model, &QAbstractItemModel::modelReset, this, &PublishersPanel::publishersChanged);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &PublishersPanel::publishersChanged);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &PublishersPanel::publishersChanged);
    selectionChanged();
}

PublisherDialog *PublishersPanel::addDialog() const
{
    return m_dialog;
}

QMessageBox *PublishersPanel::confirmation() const
{
    return m_confirm;
}

QString PublishersPanel::statusText() const
{
    return m_status->text();
}

QString PublishersPanel::noticeText() const
{
    return m_notice->isVisible() ? m_notice->text() : QString();
}

void PublishersPanel::setStatus(const QString &text)
{
    m_status->setText(text);
}

void PublishersPanel::setScope(const PublisherScope &scope)
{
    if (m_listJob)
        m_listJob->cancel();
    if (m_confirm)
        m_confirm->close(); // it was about the previous scope
    if (m_dialog)
        m_dialog->close();
    m_scope = scope;
    m_offered = true;
    m_notice->hide();
    m_openSettings->hide();
    m_model->setPublishers({});
    m_debugger->setResource(scope.resource(), scope.displayName());
    setStatus({});
}

void PublishersPanel::load()
{
    if (m_listJob)
        return;
    setStatus(tr("Loading the trusted publishers of %1…").arg(m_scope.displayName()));
    m_listJob = PublisherJob::list(m_client, m_scope, this);
    connect(m_listJob, &PublisherJob::finished, this, &PublishersPanel::onListed);
    m_listJob->start();
}

void PublishersPanel::onListed(PublisherJob *job)
{
    job->deleteLater();
    m_listJob = nullptr;
    if (job->outcome() == PublisherOutcome::NotOffered) {
        showNotOffered();
        Q_EMIT loaded(true);
        return;
    }
    if (!job->isOk()) {
        setStatus(job->errorMessage());
        Q_EMIT loaded(false);
        return;
    }
    m_offered = true;
    m_notice->hide();
    m_openSettings->hide();
    m_model->setPublishers(job->publishers());
    setStatus(job->publishers().isEmpty()
                  ? tr("No trusted publisher yet: add one so CI jobs can get a token without a stored secret.")
                  : tr("%n trusted publisher(s).", nullptr, int(job->publishers().size())));
    Q_EMIT loaded(true);
}

void PublishersPanel::showNotOffered()
{
    m_offered = false;
    m_notice->setText(tr("This Hub answers “not found” for the trusted-publisher API, so publishers of %1 cannot be "
                         "listed or changed here. Manage them on the Hub's settings page. The workflow generator "
                         "and the token debugger still work: publishers you add here are kept on this computer "
                         "only.")
                          .arg(m_scope.displayName()));
    m_notice->show();
    m_openSettings->show();
    setStatus({});
}

void PublishersPanel::openAddDialog()
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    m_dialog = new PublisherDialog(m_scope.displayName(), m_offered ? tr("&Add") : tr("&Keep Locally"), this);
    m_dialog->setWindowFlag(Qt::Window);
    connect(m_dialog, &PublisherDialog::submitted, this, [this](const PublisherDraft &draft) {
        if (!m_offered) {
            addLocally(draft);
            return;
        }
        m_dialog->setBusy(true);
        m_changeJob = PublisherJob::create(m_client, m_scope, draft, this);
        connect(m_changeJob, &PublisherJob::finished, this, &PublishersPanel::onCreated);
        m_changeJob->start();
    });
    m_dialog->show();
}

void PublishersPanel::addLocally(const PublisherDraft &draft)
{
    TrustedPublisher publisher;
    publisher.provider = draft.provider;
    publisher.providerText = providerKey(draft.provider);
    publisher.issuer = draft.issuer;
    publisher.claims = draft.claims;
    m_model->upsert(publisher);
    m_dialog->close();
    setStatus(tr("Kept on this computer only, for the workflow generator and the token debugger."));
    Q_EMIT changed(true);
}

void PublishersPanel::onCreated(PublisherJob *job)
{
    job->deleteLater();
    if (!job->isOk()) {
        if (job->outcome() == PublisherOutcome::NotOffered)
            showNotOffered();
        if (m_dialog)
            m_dialog->showHubError(job->errorMessage());
        Q_EMIT changed(false);
        return;
    }
    if (job->created())
        m_model->upsert(*job->created());
    if (m_dialog)
        m_dialog->close();
    setStatus(tr("Publisher added."));
    load(); // the Hub's list is the truth (ids, dates)
    Q_EMIT changed(true);
}

void PublishersPanel::removeSelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty() || m_confirm)
        return;
    const TrustedPublisher publisher = m_model->publisherAt(rows.first().row());
    m_confirm = new QMessageBox(QMessageBox::Question, tr("Remove Trusted Publisher"),
                                tr("Remove the %1 publisher %2 from %3? CI jobs that use it will no longer get a "
                                   "token.")
                                    .arg(providerDisplayName(publisher.provider), publisher.claimsText(),
                                         m_scope.displayName()),
                                QMessageBox::Cancel, this);
    QPushButton *remove = m_confirm->addButton(tr("&Remove"), QMessageBox::DestructiveRole);
    m_confirm->setDefaultButton(QMessageBox::Cancel);
    m_confirm->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_confirm, &QMessageBox::buttonClicked, this, [this, remove, publisher](QAbstractButton *button) {
        if (button != remove)
            return;
        if (publisher.id.isEmpty() || !m_offered) {
            m_model->removeById(publisher.id);
            return;
        }
        m_changeJob = PublisherJob::remove(m_client, m_scope, publisher.id, this);
        connect(m_changeJob, &PublisherJob::finished, this, &PublishersPanel::onRemoved);
        m_changeJob->start();
        setStatus(tr("Removing…"));
    });
    m_confirm->open();
}

void PublishersPanel::onRemoved(PublisherJob *job)
{
    job->deleteLater();
    if (!job->isOk()) {
        setStatus(job->errorMessage());
        Q_EMIT changed(false);
        return;
    }
    m_model->removeById(job->publisherId());
    setStatus(tr("Publisher removed."));
    Q_EMIT changed(true);
}

void PublishersPanel::selectionChanged()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    m_remove->setEnabled(!rows.isEmpty());
    if (rows.isEmpty()) {
        m_workflow->clear(tr("Select a publisher in the list to see its CI configuration."));
        return;
    }
    m_workflow->showWorkflow(m_model->publisherAt(rows.first().row()), m_scope, m_client->endpoint());
}

void PublishersPanel::publishersChanged()
{
    // The dates fit, but never at the claims' expense.
    for (int column : {PublisherListModel::Created, PublisherListModel::LastUsed}) {
        m_table->resizeColumnToContents(column);
        m_table->setColumnWidth(column, qMin(m_table->columnWidth(column), 100));
    }
    m_table->resizeRowsToContents();
    m_debugger->setPublishers(m_model->publishers());
    if (m_model->rowCount() > 0 && m_table->selectionModel()->selectedRows().isEmpty())
        m_table->selectRow(0);
    selectionChanged();
}

} // namespace hubgate
