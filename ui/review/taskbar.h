#pragma once
// A slim bar above the requests for what is going on: loading or bulk progress with Cancel, or a
// message with one action (Undo, Details, Retry) that clears itself after a while. It keeps its
// height when idle, so the table below never moves.

#include <QFrame>
#include <QTimer>

class QProgressBar;
class QPushButton;

namespace hubgate {

class ElidedLabel;

class TaskBar : public QFrame
{
    Q_OBJECT
public:
    explicit TaskBar(QWidget *parent = nullptr);

    // maximum 0 shows a busy indicator.
    void showProgress(const QString &text, int value, int maximum);
    void showMessage(const QString &text, const QString &actionText = {}, int timeoutMs = 0);
    void hideBar(); // clears it; the space stays
    bool isBusy() const { return m_busy; }
    bool isIdle() const { return !m_busy && text().isEmpty(); }
    QString text() const;
    QString actionText() const;

Q_SIGNALS:
    void cancelClicked();
    void actionClicked();

private:
    ElidedLabel *m_text;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    QPushButton *m_action;
    QTimer m_hide;
    bool m_busy = false;
};

} // namespace hubgate
