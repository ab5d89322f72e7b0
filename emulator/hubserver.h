#pragma once
// The Hub emulator's HTTP server on loopback: parses requests, applies injected faults and the
// rate limit, lets HubApi answer, and writes the reply itself so it can delay or cut it short.

#include "hubapi.h"

#include <QAbstractHttpServer>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <random>

class QTcpSocket;

namespace emu {

class HubServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    explicit HubServer(HubState state, QObject *parent = nullptr);

    // Listens on 127.0.0.1; port 0 picks a free one. Returns false if the port is taken.
    bool listenLocal(quint16 port = 0);
    QUrl baseUrl() const;
    HubApi &api() { return m_api; }

    // Saves the state to this file after every change (batched) and on destruction.
    void setPersistPath(const QString &path);
    bool saveState(QString *error = nullptr);

    // Prints one line per request (method, path, status, milliseconds) on stderr.
    void setLogRequests(bool on) { m_log = on; }

    // The JSON object written to --ready-file: base URL, tokens with roles, repos.
    Json readyInfo() const;

    ~HubServer() override;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    void answer(const HttpRequest &request, QPointer<QTcpSocket> socket, bool drop);
    // Replies to HEAD, and 1xx, 204 and 304 replies, go out without a body (RFC 9110).
    void write(QTcpSocket *socket, HttpResponse response, bool drop, bool head);
    std::string newRequestId();

    HubApi m_api;
    quint16 m_port = 0;
    QString m_persistPath;
    QTimer m_saveTimer;
    bool m_log = false;
    std::mt19937_64 m_random{std::random_device{}()};
};

} // namespace emu
