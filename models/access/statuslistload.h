#pragma once
// Loads one status list of a repo (pending, accepted, ...). The first page, fetched plainly, tells
// whether there is more and how dense the list is; the rest is then split into time slices
// (`after`/`before`) that load in parallel within the shared RequestBudget, each following its
// own pages, and slices are split again whenever a slot falls idle. Pages are handed on in time
// order, without duplicates. A Hub that answers outside the asked range (or ignores the
// parameters) gets one plain walk instead, and the log says so.

#include "requestpage.h"
#include "hub/huberror.h"
#include "hub/repo.h"
#include "timeslice.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <list>
#include <memory>

namespace hubgate {

class HubClient;
class HubJob;
class RequestBudget;

class StatusListLoad : public QObject
{
    Q_OBJECT
public:
    StatusListLoad(HubClient *client, RepoSummary repo, QString status, RequestBudget *budget,
                   QObject *parent = nullptr);
    ~StatusListLoad() override;

    void setSlicing(bool enabled) { m_slicing = enabled; }
    void setAnswerKeyOrder(const QStringList &keys) { m_answerKeyOrder = keys; }
    void start();
    void cancel(); // silent: no finished()

    const QString &status() const { return m_status; }
    int skippedCount() const { return m_skipped; }
    bool usedSlices() const { return m_sliced; }
    bool fellBack() const { return m_fellBack; }
    int requestsMade() const { return m_requests; }

Q_SIGNALS:
    void pageReady(const hubgate::RequestPage &page); // in time order, status set
    void notice(const QString &message);
    void finished(const hubgate::HubError &error); // once; no error when the whole list arrived

private:
    struct Slice;
    struct Parsed;
    void fetch(const std::shared_ptr<Slice> &slice, const QUrl &url);
    void onReply(const std::shared_ptr<Slice> &slice, int pageIndex, HubJob *job);
    void onParsed(const std::shared_ptr<Slice> &slice, int pageIndex, const QUrl &next, bool nextFetched,
                  RequestPage page);
    void continueSlice(const std::shared_ptr<Slice> &slice, const Parsed &page);
    void beginSlicing(const std::shared_ptr<Slice> &probe, const Parsed &firstPage);
    void fallBack(const QString &why);
    void dropSlices();
    void deliver();
    void scheduleDelivery();
    void fail(const HubError &error);
    void finish();
    std::shared_ptr<Slice> addSlice(std::optional<TimeSlice> range, const Slice *after);
    QUrl sliceUrl(const TimeSlice &range) const;

    HubClient *m_client;
    RepoSummary m_repo;
    QString m_status;
    RequestBudget *m_budget;
    QString m_basePath;
    QStringList m_answerKeyOrder;
    bool m_slicing = true;
    bool m_sliced = false;
    bool m_fellBack = false;
    bool m_done = false;
    bool m_deliveryPending = false;
    int m_skipped = 0;
    int m_requests = 0;
    quint64 m_generation = 0;
    QUrl m_probeNext; // the first page's Link: where a plain walk goes on
    DeliveryFrontier m_frontier;
    bool m_filterUntilPast = false; // a plain walk after a fallback skips what was handed on
    std::list<std::shared_ptr<Slice>> m_slices; // in time order; the front one is being delivered
};

} // namespace hubgate
