#include "statusbarwidgets.h"

#include "common/elidedlabel.h"

#include <QHBoxLayout>
#include <QProgressBar>

namespace hubgate {

StatusBarWidgets::StatusBarWidgets(QWidget *parent)
    : QObject(parent)
    , m_user(new ElidedLabel(parent))
    , m_endpoint(new ElidedLabel(parent))
    , m_activity(new QWidget(parent))
    , m_activityText(new ElidedLabel(m_activity))
    , m_busy(new QProgressBar(m_activity))
{
    m_user->setObjectName(QStringLiteral("statusUser"));
    m_endpoint->setObjectName(QStringLiteral("statusEndpoint"));
    m_activityText->setObjectName(QStringLiteral("statusActivity"));
    m_busy->setRange(0, 0); // indeterminate while calls are in flight
    m_busy->setMaximumWidth(90);
    m_busy->setMaximumHeight(14);
    m_busy->setTextVisible(false);
    m_busy->setVisible(false);
    m_user->setMaximumWidth(320);
    m_endpoint->setMaximumWidth(320);
    m_activityText->setMaximumWidth(420);
    auto *layout = new QHBoxLayout(m_activity);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_busy);
    layout->addWidget(m_activityText);
    setActiveJobs(0);
}

void StatusBarWidgets::setUser(const QString &text, const QString &tooltip)
{
    m_user->setText(text, tooltip);
}

void StatusBarWidgets::setEndpoint(const QString &text, const QString &tooltip)
{
    m_endpoint->setText(text, tooltip);
}

void StatusBarWidgets::setActiveJobs(int count)
{
    m_active = count;
    if (count == 0)
        m_note.clear();
    m_busy->setVisible(count > 0);
    if (!m_note.isEmpty())
        m_activityText->setText(m_note);
    else
        m_activityText->setText(count > 0 ? tr("%Ln call(s) to the Hub in progress", nullptr, count) : tr("Ready"));
}

void StatusBarWidgets::setNote(const QString &text)
{
    m_note = text;
    setActiveJobs(m_active);
}

} // namespace hubgate
