#include "statuslistload.h"

#include "accessrequestmodel.h"
#include "hub/hubclient.h"
#include "requestbudget.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QSet>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <map>

Q_LOGGING_CATEGORY(lcListLoad, "hubgate.access.load", QtInfoMsg)

namespace hubgate {

namespace {

constexpr int pageLimit = 1000;

bool allTimed(const QList<PackedRequest> &rows)
{
    return std::all_of(rows.cbegin(), rows.cend(),
                       [](const PackedRequest &r) { return r.requestedMs != PackedRequest::NoTime; });
}

} // namespace

struct StatusListLoad::Parsed
{
    RequestPage page;
    QUrl next;
    qint64 firstMs = 0;
    qint64 lastMs = 0;
};

struct StatusListLoad::Slice
{
    std::optional<TimeSlice> range; // empty: a plain walk along the Hub's own Link pages
    std::map<int, Parsed> ready;    // parsed pages not yet handed on, by page index
    QSet<QUrl> visited;             // a Link pointing back would loop forever
    QPointer<HubJob> job;
    int issued = 0;
    int delivered = 0;
    int pending = 0;       // pages being fetched or parsed
    // A slot is held from the request until its page is parsed: pages that arrive faster than
    // they are parsed wait as requests not sent, not as bodies piling up in memory.
    int slotsHeld = 0;
    bool complete = false; // no further page will be asked for
};

StatusListLoad::StatusListLoad(HubClient *client, RepoSummary repo, QString status, RequestBudget *budget,
                               QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_repo(std::move(repo))
    , m_status(std::move(status))
    , m_budget(budget)
    , m_basePath(m_repo.apiPath(QStringLiteral("user-access-request/")) + m_status)
{
}

StatusListLoad::~StatusListLoad()
{
    cancel();
}

void StatusListLoad::start()
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(pageLimit));
    const auto probe = addSlice(std::nullopt, nullptr);
    fetch(probe, m_client->url(m_basePath, query));
}

void StatusListLoad::cancel()
{
    m_done = true;
    ++m_generation;
    dropSlices();
}

// Every slice's request cancelled and its slot given back.
void StatusListLoad::dropSlices()
{
    for (const auto &slice : m_slices) {
        if (slice->job) {
            slice->job->disconnect(this);
            slice->job->cancel();
        }
        for (; slice->slotsHeld > 0; --slice->slotsHeld)
            m_budget->release();
    }
    m_slices.clear();
}

std::shared_ptr<StatusListLoad::Slice> StatusListLoad::addSlice(std::optional<TimeSlice> range, const Slice *after)
{
    auto slice = std::make_shared<Slice>();
    slice->range = range;
    auto at = m_slices.end();
    if (after) {
        at = std::find_if(m_slices.begin(), m_slices.end(), [after](const auto &s) { return s.get() == after; });
        if (at != m_slices.end())
            ++at;
    }
    m_slices.insert(at, slice);
    return slice;
}

QUrl StatusListLoad::sliceUrl(const TimeSlice &range) const
{
    return m_client->url(m_basePath, range.query(pageLimit));
}

void StatusListLoad::fetch(const std::shared_ptr<Slice> &slice, const QUrl &url)
{
    ++slice->pending;
    slice->visited.insert(url);
    const int pageIndex = slice->issued++;
    const std::weak_ptr<Slice> weak = slice;
    m_budget->acquire(this, [this, weak, url, pageIndex] {
        const auto slice = weak.lock();
        if (!slice || m_done) { // dropped while waiting for a slot
            m_budget->release();
            return;
        }
        ++slice->slotsHeld;
        ++m_requests;
        HubRequest request;
        request.url = url;
        request.subject = m_repo.id;
        slice->job = m_client->start(request);
        connect(slice->job, &HubJob::finished, this,
                [this, weak, pageIndex](HubJob *job) {
                    if (const auto slice = weak.lock())
                        onReply(slice, pageIndex, job);
                });
    });
}

void StatusListLoad::onReply(const std::shared_ptr<Slice> &slice, int pageIndex, HubJob *job)
{
    slice->job = nullptr;
    m_budget->noteRateLimit(job->responseHeader("RateLimit"));
    if (!job->isOk()) {
        fail(job->error());
        return;
    }
    const QUrl next = nextPageUrl(job->responseHeader("Link"), job->request().url);
    if (next.isValid() && slice->visited.contains(next)) {
        HubError error;
        error.kind = HubError::Kind::BadReply;
        error.subject = m_repo.id;
        error.detail = tr("its page links go round in a circle");
        fail(error);
        return;
    }
    // With no slot to spare for a split, the next page is asked for at once, before this one is
    // parsed: the connection never waits for the parser. (The first page decides on slicing.)
    const bool firstPage = !slice->range && pageIndex == 0 && !m_fellBack;
    const bool nextFetched = next.isValid() && !firstPage && m_budget->idle() == 0;
    if (nextFetched)
        fetch(slice, next);
    // Parsing a page takes milliseconds: off the UI thread. The body is dropped once parsed.
    auto *watcher = new QFutureWatcher<RequestPage>(this);
    const quint64 generation = m_generation;
    const std::weak_ptr<Slice> weak = slice;
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, weak, pageIndex, next, nextFetched, generation] {
                watcher->deleteLater();
                const auto slice = weak.lock();
                if (slice && generation == m_generation)
                    onParsed(slice, pageIndex, next, nextFetched, watcher->result());
            });
    watcher->setFuture(QtConcurrent::run(
        [body = job->body(), keys = m_answerKeyOrder, status = m_status] { return parseRequestPage(body, keys, status); }));
}

void StatusListLoad::onParsed(const std::shared_ptr<Slice> &slice, int pageIndex, const QUrl &next,
                              bool nextFetched, RequestPage page)
{
    --slice->pending;
    if (slice->slotsHeld > 0) {
        --slice->slotsHeld;
        m_budget->release();
    }
    if (!page.error.isEmpty()) {
        HubError error;
        error.kind = HubError::Kind::BadReply;
        error.subject = m_repo.id;
        error.detail = page.error;
        fail(error);
        return;
    }
    m_skipped += page.skipped;
    // Later pages put their answers in the slots this one found, until the loader tells the order
    // in which its receiver has met them (setAnswerKeyOrder).
    if (page.answerKeys.size() > m_answerKeyOrder.size())
        m_answerKeyOrder = page.answerKeys;
    Parsed parsed;
    parsed.page = std::move(page); // items without a status have the list's (parseRequestPage)
    parsed.next = next;
    const QList<PackedRequest> &rows = parsed.page.rows;
    if (!rows.isEmpty()) {
        parsed.firstMs = rows.constFirst().requestedMs;
        parsed.lastMs = rows.constLast().requestedMs;
    }
    if (slice->range) {
        const TimeSlice range = *slice->range;
        const bool inRange = isOldestFirst(rows) && allTimed(rows) &&
                             std::all_of(rows.cbegin(), rows.cend(),
                                         [&](const PackedRequest &r) { return range.contains(r.requestedMs); });
        if (!inRange) {
            fallBack(tr("the Hub answered a time slice of %1 with requests outside it").arg(m_status));
            return;
        }
    }
    const bool probe = !slice->range && pageIndex == 0 && !m_fellBack;
    const bool canSlice = probe && m_slicing && next.isValid() && rows.size() >= 2 && isOldestFirst(rows) &&
                          allTimed(rows);
    // The Parsed moves into the map; what decides on the next fetch is read from it there.
    Parsed &stored = slice->ready.emplace(pageIndex, std::move(parsed)).first->second;
    if (nextFetched) {
        // on its way already
    } else if (canSlice) {
        beginSlicing(slice, stored);
    } else if (slice->range) {
        continueSlice(slice, stored);
    } else if (next.isValid()) {
        fetch(slice, next);
    } else {
        slice->complete = true;
    }
    deliver();
}

void StatusListLoad::beginSlicing(const std::shared_ptr<Slice> &probe, const Parsed &firstPage)
{
    m_sliced = true;
    m_probeNext = firstPage.next;
    probe->complete = true;
    const qint64 horizon = std::max(QDateTime::currentMSecsSinceEpoch(), firstPage.lastMs + 1);
    const int pages = estimatePagesLeft(firstPage.lastMs - firstPage.firstMs, horizon - firstPage.lastMs);
    // From the first page's last time on: the rows at that very millisecond come again and are
    // dropped by the frontier, so requests sharing it across the page edge are never lost.
    const TimeSlice rest{firstPage.lastMs - 1, std::nullopt};
    const Slice *previous = probe.get();
    // A slice per slot: lists grow over time, so the first page's density says little about the
    // rest, and slices of equal time hold unequal numbers of requests; slots that fall idle split
    // the slices still running. A rest that looks like a page or two is not split that far (each
    // slice's last page is a partial one, an extra call).
    const int parts = pages <= 2 ? pages : m_budget->limit();
    for (const TimeSlice &range : splitSlice(rest, firstPage.lastMs, parts, horizon)) {
        const auto slice = addSlice(range, previous);
        previous = slice.get();
        fetch(slice, sliceUrl(range));
    }
}

void StatusListLoad::continueSlice(const std::shared_ptr<Slice> &slice, const Parsed &page)
{
    if (!page.next.isValid()) {
        slice->complete = true;
        return;
    }
    // A slot falls idle: split what is left of this slice so it is loaded in parallel. A page
    // whose rows all share one millisecond cannot be split; its Link goes on instead.
    const int idle = m_budget->idle();
    if (idle > 0 && page.lastMs > page.firstMs) {
        const qint64 horizon = std::max(QDateTime::currentMSecsSinceEpoch(), page.lastMs + 1);
        const qint64 end = slice->range->beforeMs.value_or(horizon);
        const int pages = estimatePagesLeft(page.lastMs - page.firstMs, end - page.lastMs);
        const QList<TimeSlice> pieces = splitSlice(*slice->range, page.lastMs, std::min(idle + 1, pages), horizon);
        if (pieces.size() > 1) {
            slice->range = pieces.constFirst();
            fetch(slice, sliceUrl(pieces.constFirst()));
            const Slice *previous = slice.get();
            for (qsizetype i = 1; i < pieces.size(); ++i) {
                const auto piece = addSlice(pieces.at(i), previous);
                previous = piece.get();
                fetch(piece, sliceUrl(pieces.at(i)));
            }
            return;
        }
    }
    fetch(slice, page.next);
}

void StatusListLoad::fallBack(const QString &why)
{
    if (m_fellBack)
        return;
    m_fellBack = true;
    const QString message = tr("Loading %1 one page after another: %2.").arg(m_status, why);
    qCInfo(lcListLoad).noquote() << m_repo.id << message;
    Q_EMIT notice(message);
    // Everything handed on so far is a time prefix: a plain walk from the first page's Link,
    // skipping what the frontier has seen, brings the rest.
    dropSlices();
    ++m_generation;
    m_filterUntilPast = true;
    const auto walk = addSlice(std::nullopt, nullptr);
    walk->issued = 1; // page 0 was the first page, handed on already
    walk->delivered = 1;
    fetch(walk, m_probeNext);
}

void StatusListLoad::deliver()
{
    const quint64 generation = m_generation;
    while (!m_slices.empty() && !m_done) {
        Slice &head = *m_slices.front();
        const auto it = head.ready.find(head.delivered);
        if (it == head.ready.end()) {
            if (head.complete && head.pending == 0 && head.delivered == head.issued) {
                m_slices.pop_front();
                continue;
            }
            break;
        }
        RequestPage page = std::move(it->second.page);
        head.ready.erase(it);
        ++head.delivered;
        if (m_sliced && (!m_fellBack || m_filterUntilPast)) {
            const qint64 frontier = m_frontier.lastMs();
            m_frontier.filter(page.rows);
            if (m_fellBack && !page.rows.isEmpty() && page.rows.constLast().requestedMs > frontier)
                m_filterUntilPast = false; // past what was handed on: the plain walk is trusted as is
        }
        if (page.rows.isEmpty())
            continue;
        Q_EMIT pageReady(page);
        if (generation != m_generation || m_done) // a receiver cancelled
            return;
        // The next page on a later turn of the event loop: a slice's buffered pages, handed on
        // when the slice before it completes, must not arrive as one long stall.
        scheduleDelivery();
        return;
    }
    if (m_slices.empty() && !m_done)
        finish();
}

void StatusListLoad::scheduleDelivery()
{
    if (m_deliveryPending)
        return;
    m_deliveryPending = true;
    QTimer::singleShot(0, this, [this, generation = m_generation] {
        m_deliveryPending = false;
        if (generation == m_generation)
            deliver();
    });
}

void StatusListLoad::fail(const HubError &error)
{
    if (m_done)
        return;
    cancel();
    Q_EMIT finished(error);
}

void StatusListLoad::finish()
{
    m_done = true;
    ++m_generation;
    Q_EMIT finished(HubError());
}

} // namespace hubgate
