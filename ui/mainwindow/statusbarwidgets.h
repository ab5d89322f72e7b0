#pragma once
// Status bar: who is signed in, which Hub, and what is going on right now.

#include <QWidget>

class QLabel;
class QProgressBar;

namespace hubgate {

class StatusBarWidgets : public QObject
{
    Q_OBJECT
public:
    explicit StatusBarWidgets(QWidget *parent);

    QLabel *user() const { return m_user; }
    QLabel *endpoint() const { return m_endpoint; }
    QWidget *activity() const { return m_activity; }

    void setUser(const QString &text, const QString &tooltip);
    void setEndpoint(const QString &text, const QString &tooltip);
    void setActiveJobs(int count);
    void setNote(const QString &text); // e.g. "waiting 5 s (rate limited)"

private:
    QLabel *m_user;
    QLabel *m_endpoint;
    QWidget *m_activity;
    QLabel *m_activityText;
    QProgressBar *m_busy;
    QString m_note;
    int m_active = 0;
};

} // namespace hubgate
