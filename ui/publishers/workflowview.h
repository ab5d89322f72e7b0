#pragma once
// The ready-to-paste CI configuration for one publisher, read-only, with Copy and Save….

#include "publishers/workflowgenerator.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace hubgate {

class WorkflowView : public QWidget
{
    Q_OBJECT
public:
    explicit WorkflowView(QWidget *parent = nullptr);

    void showWorkflow(const TrustedPublisher &publisher, const PublisherScope &scope, const QUrl &hubUrl);
    void clear(const QString &why);
    QString text() const;
    QString fileName() const { return m_workflow.fileName; }
    void save(const QString &path); // errors shown in the view

private:
    void chooseFile();

    GeneratedWorkflow m_workflow;
    QLabel *m_caption;
    QPlainTextEdit *m_text;
    QPushButton *m_copy;
    QPushButton *m_save;
};

} // namespace hubgate
