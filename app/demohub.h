#pragma once
// The embedded demo Hub: the emulator with the demo data, in its own thread on a free
// loopback port, so the app talks to it over real HTTP exactly as to the real Hub.

#include <QObject>
#include <QThread>
#include <QUrl>

namespace hubgate {

class DemoHub : public QObject
{
    Q_OBJECT
public:
    explicit DemoHub(QObject *parent = nullptr);
    ~DemoHub() override;

    void start();
    static QString demoToken();

Q_SIGNALS:
    void ready(const QUrl &baseUrl);
    void failed(const QString &message);

private:
    QThread m_thread;
};

} // namespace hubgate
