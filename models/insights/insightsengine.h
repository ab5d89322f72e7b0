#pragma once
// Keeps a repo's insights up to date without blocking the UI: it watches the request model,
// waits for changes to settle (debounce), copies the rows on the UI thread, computes the charts
// on a worker thread and delivers them with computed(). A result computed for an older snapshot
// (the repo, the period or the rows changed meanwhile) is dropped.

#include "insightcharts.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace hubgate {

class AccessRequestModel;

class InsightsEngine : public QObject
{
    Q_OBJECT
public:
    explicit InsightsEngine(QObject *parent = nullptr);
    ~InsightsEngine() override;

    // Watches this model's rows (nullptr: none). A new repo key drops what is being computed.
    void setModel(AccessRequestModel *model, const QString &repoKey);
    QString repoKey() const { return m_repoKey; }
    void setPeriod(InsightPeriod period);
    InsightPeriod period() const { return m_period; }
    // While inactive (the page is hidden) changes are only noted, and computed on activation.
    void setActive(bool active);
    void setDebounceMs(int ms) { m_debounce.setInterval(ms); }
    // Computes again once changes settle, as a change of the model would.
    void refresh() { scheduleUpdate(); }

    // Computes this snapshot now (on the worker thread); what runs already will be dropped.
    void compute(const InsightSnapshot &snapshot);
    bool isComputing() const { return m_running > 0; }

Q_SIGNALS:
    void computing();
    void computed(const hubgate::Insights &insights);

private:
    void scheduleUpdate();
    void update();

    QPointer<AccessRequestModel> m_model;
    QList<QMetaObject::Connection> m_connections;
    QString m_repoKey;
    InsightPeriod m_period = InsightPeriod::Week;
    QTimer m_debounce;
    bool m_active = true;
    bool m_dirty = false;
    quint64 m_generation = 0; // of the latest compute(); older results are stale
    int m_running = 0;
};

} // namespace hubgate
