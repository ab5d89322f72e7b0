#include "taskbar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace hubgate {

TaskBar::TaskBar(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_action(new QPushButton(this))
{
    setObjectName(QStringLiteral("taskBar"));
    setFrameShape(QFrame::StyledPanel);
    m_text->setObjectName(QStringLiteral("taskText"));
    m_progress->setObjectName(QStringLiteral("taskProgress"));
    m_progress->setMaximumWidth(220);
    m_cancel->setObjectName(QStringLiteral("taskCancel"));
    m_action->setObjectName(QStringLiteral("taskAction"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_action);
    layout->addWidget(m_cancel);
    m_hide.setSingleShot(true);
    connect(&m_hide, &QTimer::timeout, this, &TaskBar::hideBar);
    connect(m_cancel, &QPushButton::clicked, this, &TaskBar::cancelClicked);
    connect(m_action, &QPushButton::clicked, this, &TaskBar::actionClicked);
    hideBar();
}

void TaskBar::showProgress(const QString &text, int value, int maximum)
{
    m_hide.stop();
    m_busy = true;
    m_text->setText(text);
    m_progress->setRange(0, maximum);
    m_progress->setValue(value);
    m_progress->show();
    m_cancel->show();
    m_action->hide();
    show();
}

void TaskBar::showMessage(const QString &text, const QString &actionText, int timeoutMs)
{
    m_busy = false;
    m_text->setText(text);
    m_progress->hide();
    m_cancel->hide();
    m_action->setText(actionText);
    m_action->setVisible(!actionText.isEmpty());
    show();
    if (timeoutMs > 0)
        m_hide.start(timeoutMs);
    else
        m_hide.stop();
}

void TaskBar::hideBar()
{
    m_busy = false;
    hide();
}

QString TaskBar::text() const
{
    return m_text->text();
}

} // namespace hubgate
