#include "insightsengine.h"

#include "access/accessrequestmodel.h"

#include <QFutureWatcher>
#include <QtConcurrent>

namespace hubgate {

InsightsEngine::InsightsEngine(QObject *parent)
    : QObject(parent)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, this, &InsightsEngine::update);
}

InsightsEngine::~InsightsEngine() = default;

void InsightsEngine::setModel(AccessRequestModel *model, const QString &repoKey)
{
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    m_model = model;
    if (repoKey != m_repoKey)
        ++m_generation; // results of the previous repo are stale
    m_repoKey = repoKey;
    if (model) {
        const auto changed = [this] { scheduleUpdate(); };
        m_connections = {
            connect(model, &QAbstractItemModel::modelReset, this, changed),
            connect(model, &QAbstractItemModel::rowsInserted, this, changed),
            connect(model, &QAbstractItemModel::rowsRemoved, this, changed),
            connect(model, &QAbstractItemModel::dataChanged, this, changed),
        };
    }
    scheduleUpdate();
}

void InsightsEngine::setPeriod(InsightPeriod period)
{
    if (period == m_period)
        return;
    m_period = period;
    m_debounce.stop();
    m_dirty = true;
    if (m_active)
        update(); // the user asked: no need to wait
}

void InsightsEngine::setActive(bool active)
{
    m_active = active;
    if (active && m_dirty)
        scheduleUpdate();
}

void InsightsEngine::scheduleUpdate()
{
    m_dirty = true;
    if (m_active)
        m_debounce.start(); // restarted by every change: computed once they settle
}

void InsightsEngine::update()
{
    if (!m_active)
        return;
    m_dirty = false;
    if (!m_model)
        return;
    compute(takeSnapshot(*m_model, m_repoKey));
}

void InsightsEngine::compute(const InsightSnapshot &snapshot)
{
    const quint64 generation = ++m_generation;
    const InsightPeriod period = m_period;
    ++m_running;
    Q_EMIT computing();
    auto *watcher = new QFutureWatcher<Insights>(this);
    connect(watcher, &QFutureWatcher<Insights>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        --m_running;
        if (generation == m_generation)
            Q_EMIT computed(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([snapshot, period] {
        InsightSnapshot read = snapshot;
        readSnapshotRows(read);
        return InsightCharts::compute(read, period);
    }));
}

} // namespace hubgate
