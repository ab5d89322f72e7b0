#include "failuresdialog.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hubgate {

FailuresDialog::FailuresDialog(const DecisionReport &report, QWidget *parent)
    : QDialog(parent)
    , m_list(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("failuresDialog"));
    setWindowTitle(tr("%1: what could not be done").arg(report.title));
    auto *summary = new QLabel(report.summary(), this);
    summary->setWordWrap(true);
    summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_list->setObjectName(QStringLiteral("failuresList"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("User"), tr("Why")});
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    for (const RefusedUser &refused : report.refused)
        new QTreeWidgetItem(m_list, {refused.user, refused.reason});
    m_list->setVisible(!report.refused.isEmpty());

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copyButton = buttons->addButton(tr("&Copy list"), QDialogButtonBox::ActionRole);
    copyButton->setEnabled(!report.refused.isEmpty());
    connect(copyButton, &QPushButton::clicked, this, &FailuresDialog::copy);
    if (report.remaining > 0) {
        QPushButton *retry = buttons->addButton(tr("&Retry %Ln not done", nullptr, report.remaining),
                                                QDialogButtonBox::AcceptRole);
        retry->setObjectName(QStringLiteral("retryButton"));
        connect(retry, &QPushButton::clicked, this, [this] {
            Q_EMIT retryRequested();
            accept();
        });
    }
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(summary);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(560, report.refused.isEmpty() ? 140 : 380);
}

void FailuresDialog::copy()
{
    QStringList lines;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        lines.append(m_list->topLevelItem(i)->text(0) + QLatin1Char('\t') + m_list->topLevelItem(i)->text(1));
    QGuiApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
}

} // namespace hubgate
