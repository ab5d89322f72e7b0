#include "screenshot.h"

#include "mainwindow/mainwindow.h"

#include <QApplication>
#include <QPixmap>

#include <cstdio>

namespace hubgate {

ScreenshotTaker::ScreenshotTaker(MainWindow *window, QString path, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_path(std::move(path))
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(60000);
    connect(&m_timeout, &QTimer::timeout, this, [] {
        std::fprintf(stderr, "hubgate: no data to show within 60 s; no screenshot taken\n");
        QCoreApplication::exit(3);
    });
    m_timeout.start();
}

void ScreenshotTaker::dataReady()
{
    if (m_taken)
        return;
    m_taken = true;
    // Let layouts settle and pending paints happen before grabbing.
    QTimer::singleShot(300, this, &ScreenshotTaker::capture);
}

void ScreenshotTaker::capture()
{
    m_timeout.stop();
    if (!m_window) {
        QCoreApplication::exit(3);
        return;
    }
    const QPixmap picture = m_window->grab();
    if (!picture.save(m_path, "PNG")) {
        std::fprintf(stderr, "hubgate: cannot write %s\n", qPrintable(m_path));
        QCoreApplication::exit(3);
        return;
    }
    std::fprintf(stderr, "hubgate: screenshot saved to %s\n", qPrintable(m_path));
    QCoreApplication::exit(0);
}

} // namespace hubgate
