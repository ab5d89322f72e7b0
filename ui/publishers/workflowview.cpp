#include "workflowview.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace hubgate {

WorkflowView::WorkflowView(QWidget *parent)
    : QWidget(parent)
    , m_caption(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
    , m_copy(new QPushButton(tr("&Copy"), this))
    , m_save(new QPushButton(tr("Sa&ve…"), this))
{
    m_caption->setObjectName(QStringLiteral("workflowCaption"));
    m_caption->setWordWrap(true);
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setObjectName(QStringLiteral("workflowText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_copy->setObjectName(QStringLiteral("copyWorkflow"));
    m_save->setObjectName(QStringLiteral("saveWorkflow"));
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_copy);
    buttons->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_caption);
    layout->addWidget(m_text, 1);
    layout->addLayout(buttons);
    connect(m_copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(text()); });
    connect(m_save, &QPushButton::clicked, this, &WorkflowView::chooseFile);
    clear(tr("Select a publisher to see its CI configuration."));
}

void WorkflowView::showWorkflow(const TrustedPublisher &publisher, const PublisherScope &scope, const QUrl &hubUrl)
{
    m_workflow = generateWorkflow(publisher, scope, hubUrl);
    m_caption->setText(tr("For the %1 publisher (%2). Paste it as %3 in the CI repository.")
                           .arg(providerDisplayName(publisher.provider), publisher.claimsText(), m_workflow.fileName));
    m_text->setPlainText(m_workflow.text);
    m_copy->setEnabled(true);
    m_save->setEnabled(true);
}

void WorkflowView::clear(const QString &why)
{
    m_workflow = {};
    m_caption->setText(why);
    m_text->clear();
    m_copy->setEnabled(false);
    m_save->setEnabled(false);
}

QString WorkflowView::text() const
{
    return m_workflow.text;
}

void WorkflowView::chooseFile()
{
    // Non-modal: the answer comes back through fileSelected.
    auto *dialog = new QFileDialog(this, tr("Save the CI Configuration"),
                                   QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->selectFile(QFileInfo(m_workflow.fileName).fileName());
    connect(dialog, &QFileDialog::fileSelected, this, &WorkflowView::save);
    dialog->open();
}

void WorkflowView::save(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(m_workflow.text.toUtf8()) < 0) {
        m_caption->setText(tr("Could not save %1: %2").arg(path, file.errorString()));
        return;
    }
    m_caption->setText(tr("Saved as %1.").arg(path));
}

} // namespace hubgate
