#include "demohub.h"

#include "hubserver.h"
#include "seedfile.h"

namespace hubgate {

DemoHub::DemoHub(QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("demo-hub"));
}

DemoHub::~DemoHub()
{
    m_thread.quit();
    m_thread.wait();
}

QString DemoHub::demoToken()
{
    // The demo user's write token in resources/demo-hub.json.
    return QStringLiteral("hf_DemoMiraWrite000000000000000000001");
}

void DemoHub::start()
{
    m_thread.start();
    // Built and run inside the demo thread; deleted there when the thread ends.
    auto *starter = new QObject;
    starter->moveToThread(&m_thread);
    QMetaObject::invokeMethod(starter, [this, starter] {
        emu::HubState state;
        QString error;
        if (!emu::loadSeedFile(emu::demoSeedPath(), &state, &error)) {
            Q_EMIT failed(error);
            starter->deleteLater();
            return;
        }
        auto *server = new emu::HubServer(std::move(state));
        connect(&m_thread, &QThread::finished, server, &QObject::deleteLater);
        if (!server->listenLocal(0)) {
            Q_EMIT failed(tr("The demo Hub cannot listen on 127.0.0.1."));
            starter->deleteLater();
            return;
        }
        Q_EMIT ready(server->baseUrl());
        starter->deleteLater();
    });
}

} // namespace hubgate
