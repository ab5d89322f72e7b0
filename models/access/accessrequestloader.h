#pragma once
// Loads a repo's access request lists in the background: every status in parallel, each list
// split into time slices loaded in parallel (StatusListLoad) within one bounded budget of
// requests in flight, pages parsed off the UI thread and handed over in time order, so the first
// rows show after the first page. cancel() stops everything; finished() is emitted once.

#include "accessrequest.h"
#include "requestpage.h"
#include "hub/huberror.h"
#include "hub/repo.h"

#include "requestbudget.h"

#include <QHash>
#include <QObject>

namespace hubgate {

class HubClient;
class StatusListLoad;

class AccessRequestLoader : public QObject
{
    Q_OBJECT
public:
    AccessRequestLoader(HubClient *client, RepoSummary repo, QObject *parent = nullptr);
    ~AccessRequestLoader() override; // stops silently: no finished() from the destructor

    // Starting again while running cancels the running load first (which emits its finished()).
    void start(const QStringList &statuses = knownRequestStatuses());
    // Emits finished(false, ...) at once if running; nothing of the old load arrives after it.
    void cancel();
    bool isRunning() const;
    int loadedCount() const { return m_loaded; }
    int skippedCount() const { return m_skipped; } // items without a usable user, left out
    // Requests in flight at once (default 8); slicing off walks each list page after page.
    void setMaxParallel(int requests) { m_budget.setLimit(requests); }
    void setSlicing(bool enabled) { m_slicing = enabled; }
    int requestsMade() const; // HTTP calls of the current or last load
    // The answer slots of the pages in this order (AccessRequestModel::answerKeys()), so the model
    // takes their rows as they are.
    void setAnswerKeyOrder(const QStringList &keys) { m_answerKeyOrder = keys; }

Q_SIGNALS:
    // Requests packed off the UI thread (RequestPage::requests() unpacks them).
    void pageLoaded(const QString &status, const hubgate::RequestPage &page);
    // One status list is complete (all of its pages delivered).
    void statusLoaded(const QString &status, int total);
    void progress(int loadedSoFar);
    // Something a user may want to know, such as a fallback to page-after-page loading.
    void notice(const QString &message);
    void finished(bool ok, const QList<hubgate::HubError> &errors);

private:
    void learnAnswerKeys(const QStringList &keys);
    void onPage(StatusListLoad *list, const RequestPage &page);
    void onListFinished(StatusListLoad *list, const HubError &error);
    void stopLists();

    HubClient *m_client;
    RepoSummary m_repo;
    RequestBudget m_budget;
    QList<StatusListLoad *> m_lists;
    QHash<StatusListLoad *, int> m_totals;
    int m_finishedLists = 0;
    int m_loaded = 0;
    int m_skipped = 0;
    int m_requestsBefore = 0; // of lists already deleted
    quint64 m_generation = 0; // bumped by start() and cancel()
    bool m_slicing = true;
    QStringList m_answerKeyOrder;
    bool m_done = true;
    QList<HubError> m_errors;
};

} // namespace hubgate
