#include "taskbar.h"

#include "common/elidedlabel.h"

#include <QHBoxLayout>
#include <QProgressBar>
#include <QPushButton>

namespace hubgate {

TaskBar::TaskBar(QWidget *parent)
    : QFrame(parent)
    , m_text(new ElidedLabel(this))
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
    // As tall as with its buttons, busy or idle: showing a message must not push the table down.
    setFixedHeight(sizeHint().height());
    for (QWidget *child : {static_cast<QWidget *>(m_progress), static_cast<QWidget *>(m_cancel),
                           static_cast<QWidget *>(m_action)}) {
        QSizePolicy policy = child->sizePolicy();
        policy.setRetainSizeWhenHidden(false);
        child->setSizePolicy(policy);
    }
    hideBar();
}

void TaskBar::showProgress(const QString &text, int value, int maximum)
{
    m_hide.stop();
    m_busy = true;
    setFrameShape(QFrame::StyledPanel);
    m_text->setText(text);
    m_progress->setRange(0, maximum);
    m_progress->setValue(value);
    m_progress->show();
    m_cancel->show();
    m_action->hide();
}

void TaskBar::showMessage(const QString &text, const QString &actionText, int timeoutMs)
{
    m_busy = false;
    setFrameShape(text.isEmpty() ? QFrame::NoFrame : QFrame::StyledPanel);
    m_text->setText(text);
    m_progress->hide();
    m_cancel->hide();
    m_action->setText(actionText);
    m_action->setVisible(!actionText.isEmpty());
    if (timeoutMs > 0)
        m_hide.start(timeoutMs);
    else
        m_hide.stop();
}

void TaskBar::hideBar()
{
    m_busy = false;
    m_hide.stop();
    setFrameShape(QFrame::NoFrame); // same size, nothing drawn: the space stays
    m_text->setText(QString());
    m_progress->hide();
    m_cancel->hide();
    m_action->hide();
}

QString TaskBar::text() const
{
    return m_text->text();
}

QString TaskBar::actionText() const
{
    return m_action->isHidden() ? QString() : m_action->text();
}

} // namespace hubgate
