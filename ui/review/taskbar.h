#pragma once
// A slim bar above the requests for what is going on: loading or bulk progress with Cancel, or a
// message with one action (Undo, Show failures) that hides itself after a while.

#include <QFrame>
#include <QTimer>

class QLabel;
class QProgressBar;
class QPushButton;

namespace hubgate {

class TaskBar : public QFrame
{
    Q_OBJECT
public:
    explicit TaskBar(QWidget *parent = nullptr);

    // maximum 0 shows a busy indicator.
    void showProgress(const QString &text, int value, int maximum);
    void showMessage(const QString &text, const QString &actionText = {}, int timeoutMs = 0);
    void hideBar();
    bool isBusy() const { return m_busy; }
    QString text() const;

Q_SIGNALS:
    void cancelClicked();
    void actionClicked();

private:
    QLabel *m_text;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    QPushButton *m_action;
    QTimer m_hide;
    bool m_busy = false;
};

} // namespace hubgate
