#pragma once
// --screenshot FILE: wait until the window shows loaded data, save a PNG of it, quit.

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace hubgate {

class MainWindow;

class ScreenshotTaker : public QObject
{
    Q_OBJECT
public:
    ScreenshotTaker(MainWindow *window, QString path, QObject *parent = nullptr);
    // Call when the data the picture should show has arrived.
    void dataReady();

private:
    void capture();

    QPointer<MainWindow> m_window;
    QString m_path;
    QTimer m_timeout;
    bool m_taken = false;
};

} // namespace hubgate
