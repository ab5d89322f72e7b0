#include "reviewpage.h"

#include "access/accessrequestfilter.h"
#include "access/accessrequestmodel.h"
#include "common/wrappingrow.h"
#include "failuresdialog.h"
#include "filterbar.h"
#include "hub/hubclient.h"
#include "reasondialog.h"
#include "requestdetails.h"
#include "requesttable.h"
#include "review/reviewsession.h"
#include "taskbar.h"

#include <QAction>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QTabBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace hubgate {

namespace {
constexpr int messageMs = 15000;
constexpr int minInitialColumnWidth = 80;
constexpr int maxInitialColumnWidth = 260;
} // namespace

ReviewPage::ReviewPage(HubClient *client, QWidget *parent)
    : RepoPage(parent)
    , m_client(client)
    , m_session(new ReviewSession(client, this))
    , m_filter(new AccessRequestFilter(this))
    , m_tabs(new QTabBar(this))
    , m_filterBar(new FilterBar(m_filter, this))
    , m_taskBar(new TaskBar(this))
    , m_table(new RequestTable(this))
    , m_details(new RequestDetails(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_notGated(new QLabel(this))
{
    m_confirmAbove = QSettings().value(QStringLiteral("review/confirmAbove"), 50).toInt();
    m_filter->setSourceModel(m_session->model());
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
    m_table->horizontalHeader()->setMinimumSectionSize(40);
    m_table->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->horizontalHeader()->setToolTip(tr("Right-click to choose the columns of this tab"));
    connect(m_table->horizontalHeader(), &QWidget::customContextMenuRequested, this,
            &ReviewPage::showColumnMenu);
    m_table->frozenView()->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table->frozenView()->horizontalHeader(), &QWidget::customContextMenuRequested, this,
            &ReviewPage::showColumnMenu);
    for (QTableView *view : {static_cast<QTableView *>(m_table), m_table->frozenView()})
        view->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_table->horizontalHeader(), &QHeaderView::sectionResized, this, [this](int column, int, int size) {
        const QString key = ReviewColumns::keyOf(*model(), column);
        if (!key.isEmpty() && size > 0)
            m_widths.insert(key, size);
    });
    m_notGated->setObjectName(QStringLiteral("notGated"));
    m_notGated->setWordWrap(true);
    m_notGated->hide();

    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({700, 280});
    m_splitter->setChildrenCollapsible(false);

    auto *toolbar = new QToolBar(this);
    toolbar->setObjectName(QStringLiteral("reviewToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    createActions();
    // The bar is right-aligned: what changes width (Undo names what it undoes, Cancel access shows
    // on the Accepted tab only) is on its left end, so Accept, Reject and Grant never move.
    toolbar->addAction(m_undo);
    toolbar->addAction(m_actions.value(DecisionKind::Cancel));
    toolbar->addSeparator();
    for (DecisionKind kind : {DecisionKind::Accept, DecisionKind::Reject, DecisionKind::Grant})
        toolbar->addAction(m_actions.value(kind));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(m_notGated);
    layout->addWidget(m_filterBar);
    auto *tabRow = new WrappingRow(this); // the actions go under the tabs when narrow
    tabRow->setObjectName(QStringLiteral("tabRow"));
    tabRow->addGroup(m_tabs, 1);
    tabRow->addGroup(toolbar);
    layout->addWidget(tabRow);
    layout->addWidget(m_taskBar);
    layout->addWidget(m_splitter, 1);

    for (const QString &status : knownRequestStatuses())
        m_tabs->setTabData(m_tabs->addTab(AccessRequestModel::statusDisplayName(status)), status);
    connect(m_tabs, &QTabBar::currentChanged, this, [this](int index) {
        m_filter->setStatus(m_tabs->tabData(index).toString());
        applyColumns();
        updateActions();
        updateCount();
        updateDetails();
    });
    connect(m_filterBar, &FilterBar::searchLeft, this, [this] { m_table->setFocus(); });
    connect(m_taskBar, &TaskBar::cancelClicked, m_session, &ReviewSession::cancel);
    connect(m_taskBar, &TaskBar::actionClicked, this, [this] {
        if (!m_lastReport.isClean())
            showReport(m_lastReport);
        else
            m_session->undo();
    });

    // The pane, and so the actions, follow the selection exactly, also when a search or a
    // reload takes selected rows away.
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ReviewPage::updateDetails);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this] {
        updateCount();
        sizeNewColumns();
    });
    // While a run moves thousands of rows out of the tab one by one, the pane is brought up to
    // date once at its end (the actions are disabled meanwhile).
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, [this] {
        updateCount();
        if (!m_session->isDeciding())
            updateDetails();
    });
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, [this] {
        updateCount();
        if (!m_session->isDeciding())
            updateDetails();
    });
    connect(m_filter, &QAbstractItemModel::dataChanged, this, [this] {
        if (m_shownUsers.size() == 1)
            updateDetails();
    });
    // A reset (new gate form, many rows gone) drops the view's selection and column sizes:
    // keep them by user and by column name.
    connect(m_filter, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        m_keepSelection = selectedUsers();
        m_keepScroll = m_table->verticalScrollBar()->value();
    });
    connect(m_filter, &QAbstractItemModel::modelReset, this, [this] {
        applyColumns();
        restoreSelection();
        updateCount();
        updateDetails();
    });
    connectSession();
    updateActions();
}

ReviewPage::~ReviewPage()
{
    // The session and its models go after this page's members: when the models reset on their
    // way out, nothing may reach the page any more.
    for (QObject *sender : {static_cast<QObject *>(m_filter), static_cast<QObject *>(m_session),
                            static_cast<QObject *>(m_session->model()),
                            static_cast<QObject *>(m_table->selectionModel())})
        sender->disconnect(this);
}

AccessRequestModel *ReviewPage::model() const
{
    return m_session->model();
}

QTableView *ReviewPage::table() const
{
    return m_table;
}

void ReviewPage::connectSession()
{
    connect(m_session, &ReviewSession::gateFieldsChanged, this, [this](const QList<GateField> &fields) {
        m_filterBar->setGateFields(fields);
        m_sizeNewColumns = true;
    });
    connect(m_session, &ReviewSession::loadStarted, this, [this](bool refresh) {
        if (!m_session->isDeciding())
            m_taskBar->showProgress(refresh ? tr("Reloading the access requests of %1…").arg(m_context.repo.id)
                                            : tr("Loading the access requests of %1…").arg(m_context.repo.id),
                                    0, 0);
    });
    connect(m_session, &ReviewSession::loadProgress, this, [this](int loaded) {
        if (!m_session->isDeciding())
            m_taskBar->showProgress(tr("Loading the access requests of %1: %Ln so far…", nullptr, loaded)
                                        .arg(m_context.repo.id),
                                    0, 0);
        restoreSelection();
    });
    connect(m_session, &ReviewSession::loadFinished, this, [this](bool ok, const QString &message) {
        if (!m_session->isDeciding()) {
            if (ok)
                m_taskBar->hideBar();
            else
                m_taskBar->showMessage(message);
        }
        m_keepSelection.clear();
        updateTabs();
        Q_EMIT loadingFinished(ok);
        Q_EMIT loaded(ok);
    });
    connect(m_session->model(), &AccessRequestModel::countsChanged, this, &ReviewPage::updateTabs);
    connect(m_session, &ReviewSession::decisionStarted, this, [this](const QString &title, int total) {
        m_lastReport = DecisionReport();
        if (total > 1)
            m_taskBar->showProgress(tr("%1: 0 of %Ln requests…", nullptr, total).arg(title), 0, total);
        else
            m_taskBar->showProgress(tr("%1…").arg(title), 0, 0);
        updateActions();
    });
    connect(m_session, &ReviewSession::decisionProgress, this, [this](int done, int total) {
        if (total > 1)
            m_taskBar->showProgress(tr("%1 of %Ln requests done…", nullptr, total).arg(QLocale().toString(done)),
                                    done, total);
    });
    connect(m_session, &ReviewSession::decisionWaiting, this, [this](int seconds, const QString &why) {
        m_taskBar->showProgress(tr("Waiting %Ln s: %1", nullptr, seconds).arg(why), 0, 0);
    });
    connect(m_session, &ReviewSession::decisionFinished, this, &ReviewPage::onDecisionFinished);
    connect(m_session, &ReviewSession::historyChanged, this, &ReviewPage::updateActions);
}

void ReviewPage::createActions()
{
    const auto make = [this](DecisionKind kind, const QString &text, const QKeySequence &key,
                             const QString &tip) {
        auto *action = new QAction(text, this);
        action->setObjectName(QStringLiteral("action%1").arg(int(kind)));
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setToolTip(tr("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        addAction(action);
        m_table->addAction(action);
        m_table->frozenView()->addAction(action);
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
         tr("Move the selected accepted requests back to pending"));
    make(DecisionKind::Grant, tr("&Grant…"), QKeySequence(Qt::Key_G), tr("Give a user access without a request"));
    m_undo = new QAction(tr("&Undo"), this);
    m_undo->setObjectName(QStringLiteral("undoDecision"));
    m_undo->setShortcut(QKeySequence::Undo);
    m_undo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_undo->setEnabled(false);
    addAction(m_undo);
    connect(m_undo, &QAction::triggered, m_session, &ReviewSession::undo);

    auto *search = new QAction(tr("Search requests"), this);
    search->setShortcut(QKeySequence::Find);
    search->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(search);
    connect(search, &QAction::triggered, m_filterBar, &FilterBar::focusSearch);
    const QStringList statuses = knownRequestStatuses();
    for (int i = 0; i < int(statuses.size()); ++i) {
        auto *tab = new QAction(tr("Show the %1 tab").arg(AccessRequestModel::statusDisplayName(statuses[i])), this);
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
    return m_session->isLoading();
}

bool ReviewPage::isDeciding() const
{
    return m_session->isDeciding();
}

std::optional<int> ReviewPage::requestCount(const QString &repoKey, const QString &status) const
{
    if (m_stale || !m_session->isLoaded() || m_session->repo().key() != repoKey)
        return std::nullopt;
    return model()->countOf(status);
}

void ReviewPage::showRepo(const RepoContext &context)
{
    const bool sameRepo = !m_stale && context.repo.key() == m_session->repo().key();
    m_context = context;
    m_session->setReviewer(context.userName);
    m_notGated->setVisible(context.repo.gating == GatingMode::Off);
    m_notGated->setText(tr("%1 is not gated: anyone can download its files. Earlier requests are "
                           "listed below; turn gating on in the Settings tab to review new ones.")
                            .arg(context.repo.id));
    if (sameRepo) {
        m_session->updateRepo(context.repo); // gating changed: nothing to reload
    } else {
        // Lists can be large: they load when the page is shown (activate()).
        m_stale = true;
        m_filterBar->clearFilters();
        m_table->horizontalScrollBar()->setValue(0);
        m_taskBar->hideBar();
        m_lastReport = DecisionReport();
        if (isVisible())
            activate();
    }
    updateActions();
}

void ReviewPage::activate()
{
    if (!m_stale || m_context.repo.id.isEmpty())
        return;
    m_stale = false;
    m_details->setEndpoint(m_client->endpoint());
    m_keepSelection.clear();
    m_session->open(m_context.repo);
    m_table->horizontalScrollBar()->setValue(0);
    updateActions();
}

void ReviewPage::reload()
{
    if (m_stale) {
        activate();
        return;
    }
    m_session->reload();
}

void ReviewPage::updateTabs()
{
    for (const QString &status : model()->statuses()) {
        bool present = false;
        for (int i = 0; i < m_tabs->count(); ++i)
            present = present || m_tabs->tabData(i).toString() == status;
        if (!present)
            m_tabs->setTabData(m_tabs->addTab(AccessRequestModel::statusDisplayName(status)), status);
    }
    const QLocale locale;
    for (int i = 0; i < m_tabs->count(); ++i) {
        const QString status = m_tabs->tabData(i).toString();
        m_tabs->setTabText(i, tr("%1 (%2)").arg(AccessRequestModel::statusDisplayName(status),
                                                locale.toString(model()->countOf(status))));
    }
    updateCount();
}

void ReviewPage::updateCount()
{
    m_filterBar->setCounts(m_filter->rowCount(), model()->countOf(m_filter->status()));
}

void ReviewPage::applyColumns()
{
    const QString status = m_filter->status();
    QHeaderView *header = m_table->horizontalHeader();
    for (int column = 0; column < model()->columnCount(); ++column) {
        const QString key = ReviewColumns::keyOf(*model(), column);
        m_table->setColumnHidden(column, m_columns.isHidden(status, key));
        const auto width = m_widths.constFind(key);
        if (width != m_widths.cend() && header->sectionSize(column) != *width)
            header->resizeSection(column, *width);
    }
}

void ReviewPage::sizeNewColumns()
{
    // Sized once, from the first rows the tab shows (not from an empty tab while another status
    // loads): later pages must not make the table jump.
    if (!m_sizeNewColumns || m_filter->rowCount() == 0)
        return;
    m_sizeNewColumns = false;
    for (int column = 0; column < model()->columnCount(); ++column) {
        const QString key = ReviewColumns::keyOf(*model(), column);
        if (m_widths.contains(key))
            continue;
        m_table->resizeColumnToContents(column);
        m_table->setColumnWidth(column, std::clamp(m_table->columnWidth(column), minInitialColumnWidth,
                                                   maxInitialColumnWidth));
    }
}

void ReviewPage::showColumnMenu(const QPoint &pos)
{
    const QString status = m_filter->status();
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addSection(tr("Columns of the %1 tab").arg(AccessRequestModel::statusDisplayName(status)));
    for (int column = 0; column < model()->columnCount(); ++column) {
        const QString key = ReviewColumns::keyOf(*model(), column);
        QAction *toggle = menu->addAction(model()->headerData(column, Qt::Horizontal).toString());
        toggle->setCheckable(true);
        toggle->setChecked(!m_table->isColumnHidden(column));
        toggle->setEnabled(ReviewColumns::canHide(key));
        connect(toggle, &QAction::toggled, this, [this, status, key](bool shown) {
            m_columns.setHidden(status, key, !shown);
            applyColumns();
        });
    }
    menu->addSeparator();
    menu->addAction(tr("Restore the default columns"), this, [this, status] {
        m_columns.resetToDefaults(status);
        applyColumns();
    });
    auto *header = qobject_cast<QWidget *>(sender());
    menu->popup(header ? header->mapToGlobal(pos) : QCursor::pos());
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

QString ReviewPage::personOf(const QString &user) const
{
    const int row = model()->rowOfUser(user);
    const QString fullname = row >= 0 ? model()->requestAt(row).user.fullname : QString();
    return fullname.isEmpty() || fullname == user ? QStringLiteral("@") + user
                                                  : tr("%1 (@%2)").arg(fullname, user);
}

void ReviewPage::restoreSelection()
{
    if (m_keepSelection.isEmpty() || m_table->selectionModel()->hasSelection())
        return;
    QItemSelection selection;
    for (const QString &user : std::as_const(m_keepSelection)) {
        const int sourceRow = model()->rowOfUser(user);
        if (sourceRow < 0)
            continue;
        const QModelIndex index = m_filter->mapFromSource(model()->index(sourceRow, 0));
        if (index.isValid())
            selection.select(index, index.siblingAtColumn(m_filter->columnCount() - 1));
    }
    if (selection.isEmpty())
        return;
    m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    m_table->selectionModel()->setCurrentIndex(selection.first().topLeft(), QItemSelectionModel::NoUpdate);
    if (m_keepScroll >= 0)
        m_table->verticalScrollBar()->setValue(m_keepScroll);
}

void ReviewPage::updateDetails()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    QStringList users;
    for (const QModelIndex &index : rows)
        users.append(index.data(AccessRequestModel::UserNameRole).toString());
    m_shownUsers = users;
    if (rows.size() == 1) {
        const AccessRequest request = rows.first().data(AccessRequestModel::RequestRole).value<AccessRequest>();
        m_details->showRequest(request, m_session->gateFields(), m_session->knownReason(request.user.name));
    } else {
        m_details->showSummary(int(rows.size()));
    }
    updateActions();
}

void ReviewPage::updateActions()
{
    const QString status = m_filter->status();
    const bool idle = !m_session->isDeciding() && !m_stale;
    const bool any = !m_shownUsers.isEmpty() && idle;
    const bool gated = m_context.repo.gating != GatingMode::Off && !m_context.repo.id.isEmpty();
    const bool accepted = status == QLatin1String("accepted");
    m_actions[DecisionKind::Accept]->setEnabled(any && gated && !accepted);
    m_actions[DecisionKind::Reject]->setEnabled(any && gated && status != QLatin1String("rejected"));
    m_actions[DecisionKind::Cancel]->setEnabled(any && gated && accepted);
    m_actions[DecisionKind::Cancel]->setVisible(accepted); // only accepted requests can be cancelled
    m_actions[DecisionKind::Grant]->setEnabled(gated && idle);
    const QString undoText = m_session->undoText();
    m_undo->setEnabled(m_session->canUndo());
    m_undo->setText(undoText.isEmpty() ? tr("&Undo") : undoText);
    m_undo->setIconText(tr("Undo")); // the bar stays narrow; the tooltip and menus name it
    m_undo->setToolTip(tr("%1 (%2)").arg(undoText.isEmpty() ? tr("Nothing to undo") : undoText,
                                         m_undo->shortcut().toString(QKeySequence::NativeText)));
}

void ReviewPage::decide(DecisionKind kind)
{
    const QStringList users = m_shownUsers;
    if (users.isEmpty() || m_session->isDeciding() || !m_actions.value(kind)->isEnabled())
        return;
    Decision decision;
    decision.kind = kind;
    decision.users = users;
    // Keyboard triage: after the decision, the row that takes the first one's place is selected.
    m_nextRowHint = -1;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        m_nextRowHint = m_nextRowHint < 0 ? index.row() : std::min(m_nextRowHint, index.row());
    if (kind != DecisionKind::Reject) {
        confirmThenRun(decision);
        return;
    }
    QStringList people;
    for (const QString &user : users)
        people.append(personOf(user));
    // The reason dialog names the count: it is the confirmation of a large rejection too.
    auto *dialog = new ReasonDialog(people, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, decision]() mutable {
        decision.reason = dialog->reason();
        run(decision);
    });
    dialog->open();
}

void ReviewPage::confirmThenRun(const Decision &decision)
{
    const int count = int(decision.users.size());
    if (count <= m_confirmAbove) {
        run(decision);
        return;
    }
    const QString question = decision.kind == DecisionKind::Accept
                                 ? tr("Accept %Ln access request(s) to %1?", nullptr, count)
                                 : tr("Cancel the access of %Ln user(s) to %1?", nullptr, count);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Confirm"), question.arg(m_context.repo.id),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmBulk"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(decision.kind == DecisionKind::Accept
                                ? tr("They will be able to download the files at once.")
                                : tr("They lose access and return to the pending list."));
    QPushButton *yes = box->addButton(decision.kind == DecisionKind::Accept ? tr("Accept %Ln", nullptr, count)
                                                                            : tr("Cancel access of %Ln", nullptr, count),
                                      QMessageBox::AcceptRole);
    yes->setObjectName(QStringLiteral("confirmButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::buttonClicked, this, [this, yes, decision](QAbstractButton *clicked) {
        if (clicked == yes)
            run(decision);
    });
    box->open();
}

void ReviewPage::run(const Decision &decision)
{
    if (!m_session->decide(decision))
        return;
    updateActions();
}

void ReviewPage::askGrant()
{
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("grantDialog"));
    dialog->setWindowTitle(tr("Grant access"));
    dialog->setLabelText(tr("Give this Hub user access to %1 without a request:").arg(m_context.repo.id));
    dialog->setTextValue(QString());
    dialog->setOkButtonText(tr("&Grant"));
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &text) {
        const QString user = text.trimmed();
        if (user.isEmpty())
            return;
        Decision decision;
        decision.kind = DecisionKind::Grant;
        decision.users = {user};
        m_nextRowHint = -1;
        run(decision);
    });
    dialog->open();
}

void ReviewPage::onDecisionFinished(const DecisionReport &report)
{
    m_lastReport = report;
    if (report.isClean()) {
        const bool undoable = !report.undo && m_session->canUndo();
        m_taskBar->showMessage(report.summary(), undoable ? tr("Undo") : QString(), messageMs);
    } else {
        m_taskBar->showMessage(report.summary(), tr("Details…"));
        if (!report.refused.isEmpty())
            showReport(report); // who and why, in a list: not something to hover for
    }
    if (!m_table->selectionModel()->hasSelection() && m_nextRowHint >= 0 && m_filter->rowCount() > 0) {
        m_table->selectRow(std::min(m_nextRowHint, m_filter->rowCount() - 1));
        m_table->setFocus();
    }
    m_nextRowHint = -1;
    updateDetails();
    Q_EMIT decisionFinished(report);
}

void ReviewPage::showReport(const DecisionReport &report)
{
    auto *dialog = new FailuresDialog(report, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &FailuresDialog::retryRequested, m_session, &ReviewSession::retry);
    dialog->open();
}

} // namespace hubgate
