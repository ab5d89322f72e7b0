#pragma once
// Status bar: who is signed in, which Hub, and what is going on right now.

#include <QWidget>

class QProgressBar;

namespace hubgate {

class ElidedLabel;

class StatusBarWidgets : public QObject
{
    Q_OBJECT
public:
    explicit StatusBarWidgets(QWidget *parent);

    // Long texts are elided: the status bar must never widen the window or squeeze the repo list.
    ElidedLabel *user() const { return m_user; }
    ElidedLabel *endpoint() const { return m_endpoint; }
    QWidget *activity() const { return m_activity; }

    void setUser(const QString &text, const QString &tooltip);
    void setEndpoint(const QString &text, const QString &tooltip);
    void setActiveJobs(int count);
    void setNote(const QString &text); // e.g. "waiting 5 s (rate limited)"

private:
    ElidedLabel *m_user;
    ElidedLabel *m_endpoint;
    QWidget *m_activity;
    ElidedLabel *m_activityText;
    QProgressBar *m_busy;
    QString m_note;
    int m_active = 0;
};

} // namespace hubgate
