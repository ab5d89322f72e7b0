#include "reviewpage.h"

#include "access/accessrequestfilter.h"
#include "access/accessrequestloader.h"
#include "access/accessrequestmodel.h"
#include "decisions/decisionjob.h"
#include "filterbar.h"
#include "hub/hubclient.h"
#include "reasondialog.h"
#include "requestdetails.h"
#include "taskbar.h"

#include <QAction>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QScrollBar>
#include <QSplitter>
#include <QTabBar>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace hubgate {

namespace {
constexpr int undoWindowMs = 15000;

QString statusTitle(const QString &status)
{
    if (status == QLatin1String("pending"))
        return ReviewPage::tr("Pending");
    if (status == QLatin1String("accepted"))
        return ReviewPage::tr("Accepted");
    if (status == QLatin1String("rejected"))
        return ReviewPage::tr("Rejected");
    return status; // a status the Hub added after this version: shown as sent
}
} // namespace

ReviewPage::ReviewPage(HubClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new AccessRequestModel(this))
    , m_filter(new AccessRequestFilter(this))
    , m_tabs(new QTabBar(this))
    , m_filterBar(new FilterBar(m_filter, this))
    , m_taskBar(new TaskBar(this))
    , m_table(new QTableView(this))
    , m_details(new RequestDetails(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_notGated(new QLabel(this))
{
    m_filter->setSourceModel(m_model);
    m_filter->setStatus(QStringLiteral("pending"));
    m_tabs->setObjectName(QStringLiteral("statusTabs"));
    m_tabs->setExpanding(false);
    m_tabs->setDocumentMode(true);
    m_table->setObjectName(QStringLiteral("requestTable"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(AccessRequestModel::RequestedAt, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setDefaultSectionSize(150);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_notGated->setObjectName(QStringLiteral("notGated"));
    m_notGated->setWordWrap(true);
    m_notGated->hide();

    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({700, 280});

    auto *toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    createActions();
    for (DecisionKind kind : {DecisionKind::Accept, DecisionKind::Reject, DecisionKind::Cancel, DecisionKind::Grant})
        toolbar->addAction(m_actions.value(kind));
    toolbar->addSeparator();
    toolbar->addAction(m_undo);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(m_notGated);
    layout->addWidget(m_filterBar);
    auto *tabRow = new QHBoxLayout;
    tabRow->addWidget(m_tabs, 1);
    tabRow->addWidget(toolbar);
    layout->addLayout(tabRow);
    layout->addWidget(m_taskBar);
    layout->addWidget(m_splitter, 1);

    for (const QString &status : knownRequestStatuses()) {
        const int index = m_tabs->addTab(statusTitle(status));
        m_tabs->setTabData(index, status);
    }
    connect(m_tabs, &QTabBar::currentChanged, this, [this](int index) {
        m_filter->setStatus(m_tabs->tabData(index).toString());
        updateActions();
        updateCount();
        onCurrentChanged();
    });
    connect(m_model, &AccessRequestModel::countsChanged, this, &ReviewPage::updateTabs);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_filter, signal, this, &ReviewPage::updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &ReviewPage::updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &ReviewPage::updateCount);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        onCurrentChanged();
    });
    connect(m_taskBar, &TaskBar::cancelClicked, this, [this] {
        if (m_decision)
            m_decision->cancel();
        else if (m_loader)
            m_loader->cancel();
    });
    connect(m_taskBar, &TaskBar::actionClicked, this, [this] {
        if (!m_lastRemaining.isEmpty()) {
            Decision retry = m_lastDecision;
            retry.users = m_lastRemaining;
            run(retry, m_previousStatus);
        } else if (!m_undoStack.isEmpty()) {
            undoLast();
        }
    });
    m_undoExpiry.setSingleShot(true);
    connect(&m_undoExpiry, &QTimer::timeout, this, [this] {
        m_undoStack.clear();
        m_undo->setEnabled(false);
    });
    updateActions();
}

ReviewPage::~ReviewPage()
{
    if (m_loader)
        m_loader->cancel();
    if (m_decision)
        m_decision->cancel();
}

void ReviewPage::createActions()
{
    const auto make = [this](DecisionKind kind, const QString &text, const QKeySequence &key,
                             const QString &tip) {
        auto *action = new QAction(text, this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setToolTip(tr("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        addAction(action);
        m_table->addAction(action);
        m_actions.insert(kind, action);
        connect(action, &QAction::triggered, this, [this, kind] {
            if (kind == DecisionKind::Grant)
                askGrant();
            else
                decide(kind);
        });
    };
    make(DecisionKind::Accept, tr("&Accept"), QKeySequence(Qt::Key_A), tr("Accept the selected requests"));
    make(DecisionKind::Reject, tr("&Reject…"), QKeySequence(Qt::Key_R),
         tr("Reject the selected requests, with an optional reason"));
    make(DecisionKind::Cancel, tr("&Cancel access"), QKeySequence(Qt::Key_C),
         tr("Move accepted requests back to pending"));
    make(DecisionKind::Grant, tr("&Grant…"), QKeySequence(Qt::Key_G), tr("Give a user access without a request"));
    m_undo = new QAction(tr("&Undo"), this);
    m_undo->setShortcut(QKeySequence::Undo);
    m_undo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_undo->setToolTip(tr("Undo the last decision (%1)").arg(QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText)));
    m_undo->setEnabled(false);
    addAction(m_undo);
    connect(m_undo, &QAction::triggered, this, &ReviewPage::undoLast);

    auto *search = new QAction(this);
    search->setShortcut(QKeySequence::Find);
    search->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(search);
    connect(search, &QAction::triggered, m_filterBar, &FilterBar::focusSearch);
    for (int i = 0; i < 3; ++i) {
        auto *tab = new QAction(this);
        tab->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)));
        tab->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(tab);
        connect(tab, &QAction::triggered, this, [this, i] { m_tabs->setCurrentIndex(i); });
    }
}

QAction *ReviewPage::action(DecisionKind kind) const
{
    return m_actions.value(kind);
}

void ReviewPage::showStatus(const QString &status)
{
    for (int i = 0; i < m_tabs->count(); ++i)
        if (m_tabs->tabData(i).toString() == status)
            m_tabs->setCurrentIndex(i);
}

bool ReviewPage::isLoading() const
{
    return m_infoJob || (m_loader && m_loader->isRunning());
}

bool ReviewPage::isDeciding() const
{
    return m_decision != nullptr;
}

void ReviewPage::showRepo(const RepoSummary &repo)
{
    if (m_decision)
        m_decision->cancel();
    m_repo = repo;
    m_undoStack.clear();
    m_lastRemaining.clear();
    m_undo->setEnabled(false);
    m_details->setEndpoint(m_client->endpoint());
    m_filterBar->clearFilters();
    m_notGated->setVisible(repo.gating == GatingMode::Off);
    m_notGated->setText(tr("%1 is not gated: anyone can download its files. Earlier requests are "
                           "listed below; turn gating on in the Settings tab to review new ones.")
                            .arg(repo.id));
    updateActions();
    startLoading(false);
}

void ReviewPage::reload()
{
    if (!m_repo.id.isEmpty())
        startLoading(true);
}

void ReviewPage::startLoading(bool refresh)
{
    if (m_infoJob)
        m_infoJob->cancel();
    if (m_loader)
        m_loader->cancel(); // its pages belong to the previous load
    m_refreshing = refresh;
    m_seenInRefresh.clear();
    if (!refresh) {
        m_model->clear();
        m_details->showSummary(0);
    }
    m_taskBar->showProgress(tr("Loading the gate form of %1…").arg(m_repo.id), 0, 0);
    // The gate form (column per field) comes first; the lists follow.
    m_infoJob = m_client->get(QStringLiteral("/api/%1/%2").arg(repoKindPlural(m_repo.kind), m_repo.id),
                              {}, m_repo.id);
    connect(m_infoJob, &HubJob::finished, this, &ReviewPage::onRepoInfo);
}

void ReviewPage::onRepoInfo(HubJob *job)
{
    if (job != m_infoJob || job->error().kind == HubError::Kind::Cancelled)
        return;
    m_infoJob = nullptr;
    const QList<GateField> fields = job->isOk() ? parseGateFields(job->body()) : QList<GateField>();
    if (!m_refreshing || fields.size() != m_fields.size()) {
        m_fields = fields;
        m_model->setGateFields(fields);
        m_filterBar->setGateFields(fields);
        m_refreshing = false; // columns changed: a full reload
    }
    m_columnsSized = m_refreshing;
    m_loader = new AccessRequestLoader(m_client, m_repo, this);
    connect(m_loader, &AccessRequestLoader::pageLoaded, this,
            [this](const QString &status, const QList<AccessRequest> &requests) {
                if (m_refreshing)
                    for (const AccessRequest &request : requests)
                        m_seenInRefresh[status].insert(request.user.name);
                m_model->addRequests(requests);
                if (!m_columnsSized && m_model->rowCount() > 0) {
                    // Size columns once, from the first page: later pages must not make the table jump.
                    m_columnsSized = true;
                    m_table->resizeColumnsToContents();
                    for (int column = 0; column < m_model->columnCount(); ++column)
                        m_table->setColumnWidth(column, std::min(m_table->columnWidth(column), 260));
                }
            });
    connect(m_loader, &AccessRequestLoader::statusLoaded, this, [this](const QString &status, int) {
        if (m_refreshing)
            m_model->removeStaleOfStatus(status, m_seenInRefresh.value(status));
    });
    connect(m_loader, &AccessRequestLoader::progress, this, [this](int loaded) {
        if (!m_decision)
            m_taskBar->showProgress(tr("Loading access requests of %1: %2 so far…")
                                        .arg(m_repo.id, QLocale().toString(loaded)),
                                    0, 0);
    });
    connect(m_loader, &AccessRequestLoader::finished, this, &ReviewPage::onLoaderFinished);
    m_loader->start();
}

void ReviewPage::onLoaderFinished(bool ok, const QList<HubError> &errors)
{
    if (sender() != m_loader)
        return;
    m_loader->deleteLater();
    m_loader = nullptr;
    if (!m_decision) {
        if (ok) {
            m_taskBar->hideBar();
        } else {
            QStringList messages;
            for (const HubError &error : errors)
                if (error.kind != HubError::Kind::Cancelled)
                    messages.append(error.message());
            m_taskBar->showMessage(messages.isEmpty() ? tr("Loading cancelled: the lists may be incomplete.")
                                                      : messages.join(QLatin1Char(' ')));
        }
    }
    updateTabs();
    Q_EMIT loadingFinished(ok);
}

void ReviewPage::updateTabs()
{
    const QStringList statuses = m_model->statuses();
    for (const QString &status : statuses) {
        bool present = false;
        for (int i = 0; i < m_tabs->count(); ++i)
            present = present || m_tabs->tabData(i).toString() == status;
        if (!present)
            m_tabs->setTabData(m_tabs->addTab(statusTitle(status)), status);
    }
    for (int i = 0; i < m_tabs->count(); ++i) {
        const QString status = m_tabs->tabData(i).toString();
        m_tabs->setTabText(i, tr("%1 (%2)").arg(statusTitle(status), QLocale().toString(m_model->countOf(status))));
    }
    updateCount();
}

void ReviewPage::updateCount()
{
    m_filterBar->setCounts(m_filter->rowCount(), m_model->countOf(m_filter->status()));
}

QStringList ReviewPage::selectedUsers() const
{
    QStringList users;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    users.reserve(rows.size());
    for (const QModelIndex &index : rows)
        users.append(index.data(AccessRequestModel::UserNameRole).toString());
    return users;
}

void ReviewPage::updateActions()
{
    const QString status = m_filter->status();
    const bool any = m_table->selectionModel()->hasSelection() && !m_decision;
    const bool gated = m_repo.gating != GatingMode::Off && !m_repo.id.isEmpty();
    m_actions[DecisionKind::Accept]->setEnabled(any && gated && status != QLatin1String("accepted"));
    m_actions[DecisionKind::Reject]->setEnabled(any && gated && status != QLatin1String("rejected"));
    m_actions[DecisionKind::Cancel]->setEnabled(any && gated && status == QLatin1String("accepted"));
    m_actions[DecisionKind::Grant]->setEnabled(gated && !m_decision);
}

void ReviewPage::onCurrentChanged()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.size() == 1)
        m_details->showRequest(rows.first().data(AccessRequestModel::RequestRole).value<AccessRequest>(), m_fields);
    else
        m_details->showSummary(int(rows.size()));
}

void ReviewPage::decide(DecisionKind kind)
{
    const QStringList users = selectedUsers();
    if (users.isEmpty() || m_decision)
        return;
    Decision decision;
    decision.kind = kind;
    decision.users = users;
    QHash<QString, QString> previous;
    for (const QString &user : users) {
        const int row = m_model->rowOfUser(user);
        previous.insert(user, row >= 0 ? m_model->requestAt(row).status : QString());
    }
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    m_nextRowHint = rows.isEmpty() ? -1 : rows.first().row();
    for (const QModelIndex &index : rows)
        m_nextRowHint = std::min(m_nextRowHint, index.row());
    if (kind != DecisionKind::Reject) {
        run(decision, previous);
        return;
    }
    auto *dialog = new ReasonDialog(int(users.size()), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, decision, previous]() mutable {
        decision.reason = dialog->reason();
        run(decision, previous);
    });
    dialog->open();
}

void ReviewPage::askGrant()
{
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Grant access"));
    dialog->setLabelText(tr("Give this Hub user access to %1 without a request:").arg(m_repo.id));
    dialog->setTextValue(QString());
    dialog->setOkButtonText(tr("&Grant"));
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &text) {
        const QString user = text.trimmed();
        if (user.isEmpty())
            return;
        Decision decision;
        decision.kind = DecisionKind::Grant;
        decision.users = {user};
        const int row = m_model->rowOfUser(user);
        run(decision, {{user, row >= 0 ? m_model->requestAt(row).status : QString()}});
    });
    dialog->open();
}

void ReviewPage::run(const Decision &decision, const QHash<QString, QString> &previousStatus)
{
    if (m_decision)
        return;
    m_lastDecision = decision;
    m_lastRemaining.clear();
    m_previousStatus = previousStatus;
    m_undoStack.clear();
    m_undoExpiry.stop();
    m_undo->setEnabled(false);
    m_taskBar->setToolTip(QString());
    auto *job = new DecisionJob(m_client, m_repo, decision, this);
    m_decision = job;
    const int total = int(decision.users.size());
    const QString verb = decisionVerb(decision.kind);
    connect(job, &DecisionJob::userDecided, this, [this, job](const QString &user, bool ok, const QString &) {
        if (!ok)
            return;
        const QString status = targetStatus(job->decision().kind);
        const bool accepted = status == QLatin1String("accepted");
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (m_model->rowOfUser(user) >= 0) {
            m_model->updateStatus(user, status, status == QLatin1String("pending") ? QDateTime() : now,
                                  accepted ? m_reviewer : QString());
        } else {
            AccessRequest granted;
            granted.user.name = user;
            granted.status = status;
            granted.requestedAt = now;
            granted.reviewedAt = now;
            granted.grantedBy = m_reviewer;
            m_model->upsert(granted);
        }
    });
    connect(job, &DecisionJob::progress, this, [this, verb](int done, int all) {
        if (all > 1)
            m_taskBar->showProgress(tr("%1: %2 of %3 requests…").arg(verb, QLocale().toString(done),
                                                                    QLocale().toString(all)),
                                    done, all);
    });
    connect(job, &DecisionJob::waiting, this, [this](int seconds, const QString &why) {
        m_taskBar->showProgress(tr("Waiting %n s: %1", nullptr, seconds).arg(why), 0, 0);
    });
    connect(job, &DecisionJob::finished, this, &ReviewPage::onDecisionFinished);
    updateActions();
    if (total > 1)
        m_taskBar->showProgress(tr("%1: 0 of %2 requests…").arg(verb, QLocale().toString(total)), 0, total);
    job->start();
}

void ReviewPage::onDecisionFinished(DecisionJob *job)
{
    if (job != m_decision)
        return;
    m_decision = nullptr;
    job->deleteLater();
    const QString verb = decisionVerb(job->decision().kind);
    const QStringList done = job->succeeded();
    m_lastRemaining = job->remaining();
    const QStringList failed = job->failed();

    // Undo: the inverse decision per previous status of the users that changed.
    QHash<QString, QStringList> byPrevious;
    for (const QString &user : done)
        byPrevious[m_previousStatus.value(user)].append(user);
    for (auto it = byPrevious.cbegin(); it != byPrevious.cend(); ++it) {
        Decision applied = job->decision();
        applied.users = it.value();
        const Decision inverse = undoOf(applied, it.key());
        if (!inverse.users.isEmpty())
            m_undoStack.append(inverse);
    }
    m_undo->setEnabled(!m_undoStack.isEmpty());

    if (!m_lastRemaining.isEmpty() || !failed.isEmpty()) {
        QString summary = tr("%1: %2 done").arg(verb, QLocale().toString(done.size()));
        if (!failed.isEmpty())
            summary += tr(", %n refused by the Hub", nullptr, int(failed.size()));
        if (!m_lastRemaining.isEmpty())
            summary += tr(", %n not done yet", nullptr, int(m_lastRemaining.size()));
        if (job->lastError().isError() && job->lastError().kind != HubError::Kind::Cancelled)
            summary += QStringLiteral(". ") + job->lastError().message();
        showFailures(summary, job->outcomes());
    } else if (!done.isEmpty()) {
        m_taskBar->showMessage(tr("%1: %n request(s) done.", nullptr, int(done.size())).arg(verb),
                               m_undoStack.isEmpty() ? QString() : tr("Undo"), undoWindowMs);
        m_undoExpiry.start(undoWindowMs);
    }
    // Keyboard triage: the decided rows left this tab; select the row that took their place.
    if (!m_table->selectionModel()->hasSelection() && m_nextRowHint >= 0 && m_filter->rowCount() > 0) {
        const int row = std::min(m_nextRowHint, m_filter->rowCount() - 1);
        m_table->selectRow(row);
        m_table->setFocus();
    }
    updateActions();
    Q_EMIT decisionFinished();
}

void ReviewPage::showFailures(const QString &summary, const QList<DecisionOutcome> &outcomes)
{
    QStringList refused;
    for (const DecisionOutcome &outcome : outcomes)
        if (!outcome.ok && refused.size() < 50)
            refused.append(tr("%1: %2").arg(outcome.user, outcome.error));
    m_taskBar->setToolTip(refused.join(QLatin1Char('\n')));
    // Retrying sends only the users never confirmed: nothing is decided twice.
    m_taskBar->showMessage(summary, m_lastRemaining.isEmpty()
                                        ? QString()
                                        : tr("Retry %n", nullptr, int(m_lastRemaining.size())));
}

void ReviewPage::undoLast()
{
    if (m_undoStack.isEmpty() || m_decision)
        return;
    // One tab holds one status, so a decision has one inverse in practice.
    const Decision inverse = m_undoStack.constFirst();
    QHash<QString, QString> previous;
    for (const QString &user : inverse.users)
        previous.insert(user, targetStatus(m_lastDecision.kind));
    run(inverse, previous);
}

} // namespace hubgate
