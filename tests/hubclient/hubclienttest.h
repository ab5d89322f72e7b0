#pragma once
// Shared helpers of the Hub client tests: a job watcher that records the outcome before the job
// deletes itself, a scripted HTTP server for replies the emulator never sends, a network access
// manager that records every request it is asked to make, and emulator control helpers.

#include "emulatorfixture.h"

#include "hub/hubclient.h"
#include "hub/hubjob.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QUrl>

#include <functional>

namespace hubtest {

// A retry policy that keeps tests fast: three attempts, 10 ms backoff, server waits up to 5 s.
hubgate::RetryPolicy fastPolicy(int maxAttempts = 3);

// Watches one HubJob from start to destruction and keeps what it reported.
class JobWatch
{
public:
    explicit JobWatch(hubgate::HubJob *job);

    // Waits until finished() was emitted and the job deleted itself. False on timeout, or when
    // finished() came more than once.
    bool wait(int timeoutMs = 20000);

    QPointer<hubgate::HubJob> job;
    QSignalSpy finished;
    QSignalSpy retrying; // (attempt, waitMs, reason)
    QSignalSpy pageReceived;
    QSignalSpy destroyed;
    QElapsedTimer clock; // started at construction

    // Captured when finished() is emitted.
    bool ok = false;
    hubgate::HubError error;
    QList<QByteArray> pages;
    int attempts = 0;
    int httpStatus = 0;
    qint64 elapsedMs = -1;
};

// One request as a ScriptedServer received it.
struct RecordedRequest
{
    QByteArray method;
    QByteArray target; // path and query as sent
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
};

struct ScriptedReply
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body = "{}";
    bool hang = false; // accept the request and never answer

    static ScriptedReply json(int status, const QByteArray &body);
    static ScriptedReply redirect(int status, const QByteArray &location);
    ScriptedReply &with(const QByteArray &name, const QByteArray &value);
};

// A tiny HTTP/1.1 server on a loopback address that answers each request with what the handler
// returns (one request per connection, "Connection: close"), and records what it received.
class ScriptedServer : public QObject
{
    Q_OBJECT
public:
    explicit ScriptedServer(QObject *parent = nullptr);
    bool listen(const QHostAddress &address = QHostAddress::LocalHost);
    QUrl baseUrl() const;
    QUrl url(const QString &pathAndQuery) const;

    std::function<ScriptedReply(const RecordedRequest &)> handler;
    QList<RecordedRequest> requests;

private:
    void onConnection();
    QTcpServer m_server;
    QHostAddress m_address;
};

// Records the URL of every request made through it, then sends it as usual.
class RecordingNam : public QNetworkAccessManager
{
    Q_OBJECT
public:
    using QNetworkAccessManager::QNetworkAccessManager;
    QList<QUrl> urls;
    int hostCount(const QString &host) const;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override;
};

// Emulator control over its HTTP control endpoints; false (with a warning) when refused.
bool addFault(testing::EmulatorFixture &hub, QNetworkAccessManager &nam, const QByteArray &json);
bool clearFaults(testing::EmulatorFixture &hub, QNetworkAccessManager &nam);
// Calls of "METHOD /path" the emulator counted (read in-process: no request of its own).
int callCount(testing::EmulatorFixture &hub, const QByteArray &methodAndPath);
void resetCalls(testing::EmulatorFixture &hub);

} // namespace hubtest
