#include "hubclienttest.h"

#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpSocket>
#include <QTest>

#include <memory>

namespace hubtest {

hubgate::RetryPolicy fastPolicy(int maxAttempts)
{
    hubgate::RetryPolicy policy;
    policy.maxAttempts = maxAttempts;
    policy.baseDelayMs = 10;
    policy.maxDelayMs = 50;
    policy.maxServerWaitMs = 5000;
    return policy;
}

JobWatch::JobWatch(hubgate::HubJob *job)
    : job(job)
    , finished(job, &hubgate::HubJob::finished)
    , retrying(job, &hubgate::HubJob::retrying)
    , pageReceived(job, &hubgate::HubJob::pageReceived)
    , destroyed(job, &QObject::destroyed)
{
    clock.start();
    QObject::connect(job, &hubgate::HubJob::finished, job, [this](hubgate::HubJob *done) {
        ok = done->isOk();
        error = done->error();
        pages = done->pages();
        attempts = done->attemptsMade();
        httpStatus = done->httpStatus();
        elapsedMs = clock.elapsed();
    });
}

bool JobWatch::wait(int timeoutMs)
{
    const bool ended = QTest::qWaitFor([this] { return finished.size() > 0 && destroyed.size() > 0; }, timeoutMs);
    if (ended && finished.size() != 1)
        qWarning("the job emitted finished() %d times", int(finished.size()));
    // Once destroyed it can emit nothing more: exactly one finished() for good.
    return ended && finished.size() == 1;
}

QByteArray RecordedRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

bool RecordedRequest::hasHeader(const QByteArray &name) const
{
    for (const auto &pair : headers)
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

ScriptedReply ScriptedReply::json(int status, const QByteArray &body)
{
    ScriptedReply reply;
    reply.status = status;
    reply.body = body;
    reply.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json; charset=utf-8")));
    return reply;
}

ScriptedReply ScriptedReply::redirect(int status, const QByteArray &location)
{
    ScriptedReply reply;
    reply.status = status;
    reply.body = {};
    reply.headers.append(qMakePair(QByteArray("Location"), location));
    return reply;
}

ScriptedReply &ScriptedReply::with(const QByteArray &name, const QByteArray &value)
{
    headers.append(qMakePair(name, value));
    return *this;
}

ScriptedServer::ScriptedServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &ScriptedServer::onConnection);
}

bool ScriptedServer::listen(const QHostAddress &address)
{
    m_address = address;
    return m_server.listen(address, 0);
}

QUrl ScriptedServer::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_address.toString());
    url.setPort(m_server.serverPort());
    return url;
}

QUrl ScriptedServer::url(const QString &pathAndQuery) const
{
    return QUrl(baseUrl().toString() + pathAndQuery);
}

void ScriptedServer::onConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            buffer->append(socket->readAll());
            const qsizetype headerEnd = buffer->indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            const QList<QByteArray> lines = buffer->left(headerEnd).split('\n');
            RecordedRequest request;
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0);
            request.target = first.value(1);
            qsizetype length = 0;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines[i].trimmed();
                const qsizetype colon = line.indexOf(':');
                if (colon <= 0)
                    continue;
                const QByteArray name = line.left(colon).trimmed();
                const QByteArray value = line.mid(colon + 1).trimmed();
                request.headers.append(qMakePair(name, value));
                if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
                    length = value.toLongLong();
            }
            if (buffer->size() < headerEnd + 4 + length)
                return; // the body is still on its way
            request.body = buffer->mid(headerEnd + 4, length);
            buffer->clear();
            requests.append(request);
            const ScriptedReply reply = handler ? handler(request) : ScriptedReply::json(200, "{}");
            if (reply.hang)
                return;
            QByteArray out = "HTTP/1.1 " + QByteArray::number(reply.status) + " Scripted\r\n";
            for (const auto &[name, value] : reply.headers)
                out += name + ": " + value + "\r\n";
            out += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
            out += "Connection: close\r\n\r\n";
            out += reply.body;
            socket->write(out);
            socket->disconnectFromHost();
        });
    }
}

int RecordingNam::hostCount(const QString &host) const
{
    int count = 0;
    for (const QUrl &url : urls)
        if (url.host().compare(host, Qt::CaseInsensitive) == 0)
            ++count;
    return count;
}

QNetworkReply *RecordingNam::createRequest(Operation op, const QNetworkRequest &request,
                                           QIODevice *outgoingData)
{
    urls.append(request.url());
    return QNetworkAccessManager::createRequest(op, request, outgoingData);
}

namespace {
bool control(testing::EmulatorFixture &hub, QNetworkAccessManager &nam, const QByteArray &method,
             const QString &path, const QByteArray &json)
{
    const testing::Reply reply = testing::send(nam, method, hub.url(path), {}, json);
    if (reply.status != 200) {
        qWarning("emulator control %s %s answered %d: %s", method.constData(),
                 qPrintable(path), reply.status, reply.body.constData());
        return false;
    }
    return true;
}
} // namespace

bool addFault(testing::EmulatorFixture &hub, QNetworkAccessManager &nam, const QByteArray &json)
{
    return control(hub, nam, "POST", QStringLiteral("/_emulator/faults"), json);
}

bool clearFaults(testing::EmulatorFixture &hub, QNetworkAccessManager &nam)
{
    return control(hub, nam, "DELETE", QStringLiteral("/_emulator/faults"), {});
}

int callCount(testing::EmulatorFixture &hub, const QByteArray &methodAndPath)
{
    const emu::Json stats = hub.api().callStats();
    const emu::Json &calls = stats["calls"];
    const std::string key = methodAndPath.toStdString();
    return calls.contains(key) ? calls[key].get<int>() : 0;
}

void resetCalls(testing::EmulatorFixture &hub)
{
    hub.api().resetCallStats();
}

} // namespace hubtest
