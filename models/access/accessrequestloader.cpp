#include "accessrequestloader.h"

#include "statuslistload.h"

#include <QTimer>

namespace hubgate {

AccessRequestLoader::AccessRequestLoader(HubClient *client, RepoSummary repo, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_repo(std::move(repo))
{
}

AccessRequestLoader::~AccessRequestLoader()
{
    stopLists();
}

bool AccessRequestLoader::isRunning() const
{
    return !m_done;
}

int AccessRequestLoader::requestsMade() const
{
    int made = m_requestsBefore;
    for (const StatusListLoad *list : m_lists)
        made += list->requestsMade();
    return made;
}

void AccessRequestLoader::start(const QStringList &statuses)
{
    cancel();
    stopLists();
    m_done = false;
    m_loaded = 0;
    m_skipped = 0;
    m_requestsBefore = 0;
    m_finishedLists = 0;
    m_errors.clear();
    QStringList unique = statuses;
    unique.removeDuplicates();
    for (const QString &status : std::as_const(unique)) {
        auto *list = new StatusListLoad(m_client, m_repo, status, &m_budget, this);
        list->setSlicing(m_slicing);
        list->setAnswerKeyOrder(m_answerKeyOrder);
        m_lists.append(list);
        m_totals.insert(list, 0);
        connect(list, &StatusListLoad::pageReady, this,
                [this, list](const RequestPage &page) { onPage(list, page); });
        connect(list, &StatusListLoad::finished, this,
                [this, list](const HubError &error) { onListFinished(list, error); });
        connect(list, &StatusListLoad::notice, this, &AccessRequestLoader::notice);
    }
    for (StatusListLoad *list : std::as_const(m_lists))
        list->start();
    if (m_lists.isEmpty()) { // nothing to load: still finish, after the caller has connected
        const quint64 generation = m_generation;
        QTimer::singleShot(0, this, [this, generation] {
            if (generation != m_generation)
                return;
            m_done = true;
            ++m_generation;
            Q_EMIT finished(true, m_errors);
        });
    }
}

void AccessRequestLoader::cancel()
{
    if (m_done)
        return;
    stopLists();
    m_done = true;
    HubError cancelled;
    cancelled.kind = HubError::Kind::Cancelled;
    cancelled.subject = m_repo.id;
    m_errors.append(cancelled);
    Q_EMIT finished(false, m_errors);
}

void AccessRequestLoader::stopLists()
{
    ++m_generation;
    for (StatusListLoad *list : std::as_const(m_lists)) {
        m_requestsBefore += list->requestsMade();
        list->disconnect(this);
        list->cancel();
        list->deleteLater();
    }
    m_lists.clear();
    m_totals.clear();
}

// A receiver's model learns answer names in the order pages reach it; every list parses its next
// pages in that order, so their rows go into the model's answer slots as they are.
void AccessRequestLoader::learnAnswerKeys(const QStringList &keys)
{
    bool learned = false;
    for (const QString &key : keys) {
        if (!m_answerKeyOrder.contains(key)) {
            m_answerKeyOrder.append(key);
            learned = true;
        }
    }
    if (learned)
        for (StatusListLoad *list : std::as_const(m_lists))
            list->setAnswerKeyOrder(m_answerKeyOrder);
}

void AccessRequestLoader::onPage(StatusListLoad *list, const RequestPage &page)
{
    const quint64 generation = m_generation;
    m_totals[list] += int(page.size());
    m_loaded += int(page.size());
    learnAnswerKeys(page.answerKeys);
    Q_EMIT pageLoaded(list->status(), page);
    if (generation == m_generation) // a receiver may cancel or restart
        Q_EMIT progress(m_loaded);
}

void AccessRequestLoader::onListFinished(StatusListLoad *list, const HubError &error)
{
    m_skipped += list->skippedCount();
    const quint64 generation = m_generation;
    if (error.isError())
        m_errors.append(error);
    else
        Q_EMIT statusLoaded(list->status(), m_totals.value(list));
    if (generation != m_generation || m_done)
        return;
    if (++m_finishedLists < m_lists.size())
        return;
    m_done = true;
    ++m_generation;
    Q_EMIT finished(m_errors.isEmpty(), m_errors);
}

} // namespace hubgate
