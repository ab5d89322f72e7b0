#pragma once
// An in-process Hub emulator on a free loopback port, for tests. Requests go over real TCP.

#include "hubserver.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrl>

#include <memory>

namespace testing {

class EmulatorFixture
{
public:
    // Starts the emulator on the built-in demo seed (or the given seed JSON).
    explicit EmulatorFixture(const emu::Json &seed = {});
    ~EmulatorFixture();

    QUrl baseUrl() const { return m_server->baseUrl(); }
    QUrl url(const QString &pathAndQuery) const;
    emu::HubServer &server() { return *m_server; }
    emu::HubApi &api() { return m_server->api(); }

    // Demo tokens (see resources/demo-hub.json).
    static QByteArray writeToken() { return QByteArrayLiteral("hf_DemoMiraWrite000000000000000000001"); }
    static QByteArray readToken() { return QByteArrayLiteral("hf_DemoMiraRead0000000000000000000001"); }
    static QByteArray fineGrainedToken() { return QByteArrayLiteral("hf_DemoMiraFineGrained000000000000001"); }
    static QByteArray contributorToken() { return QByteArrayLiteral("hf_DemoSamWrite0000000000000000000001"); }
    static QByteArray requesterToken() { return QByteArrayLiteral("hf_DemoGraceWrite00000000000000000001"); }

    static emu::Json demoSeed();

private:
    std::unique_ptr<emu::HubServer> m_server;
};

// A finished HTTP exchange, for assertions.
struct Reply
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QByteArray header(const QByteArray &name) const;
    emu::Json json() const;
};

// Sends one request and waits for it (QTest::qWaitFor, no nested event loop of our own).
Reply send(QNetworkAccessManager &nam, const QByteArray &method, const QUrl &url,
           const QByteArray &token = {}, const QByteArray &body = {},
           const QByteArray &contentType = "application/json");

} // namespace testing
