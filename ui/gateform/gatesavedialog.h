#pragma once
// Shows exactly what a save changes in README.md (the line diff, removed lines red, added lines
// green) before anything is sent, with the commit message and the choice of committing to main
// or opening a pull request. Not modal: the page stays usable behind it.

#include <QDialog>

class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace hubgate {

class GateSaveDialog : public QDialog
{
    Q_OBJECT
public:
    GateSaveDialog(const QByteArray &before, const QByteArray &after, const QString &branch, QWidget *parent);

    QPlainTextEdit *diffView() const { return m_diff; }
    QPushButton *commitButton() const { return m_commit; }
    QPushButton *pullRequestButton() const { return m_pullRequest; }
    QString summary() const;

Q_SIGNALS:
    void saveRequested(bool pullRequest, const QString &summary);

private:
    QPlainTextEdit *m_diff;
    QLineEdit *m_summary;
    QPushButton *m_commit;
    QPushButton *m_pullRequest;
};

} // namespace hubgate
