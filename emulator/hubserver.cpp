#include "hubserver.h"

#include <QCoreApplication>
#include <QFile>
#include <QHttpServerRequest>
#include <QSaveFile>
#include <QTcpSocket>

namespace emu {

namespace {

std::string methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    default: return "OTHER";
    }
}

std::map<std::string, std::string> parseQuery(const std::string &query)
{
    std::map<std::string, std::string> out;
    std::size_t start = 0;
    while (start < query.size()) {
        std::size_t end = query.find('&', start);
        if (end == std::string::npos)
            end = query.size();
        const std::string part = query.substr(start, end - start);
        const auto eq = part.find('=');
        if (!part.empty())
            out[percentDecode(part.substr(0, eq))] =
                eq == std::string::npos ? std::string() : percentDecode(part.substr(eq + 1));
        start = end + 1;
    }
    return out;
}

} // namespace

HubServer::HubServer(HubState state, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_api(std::move(state))
{
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(500);
    connect(&m_saveTimer, &QTimer::timeout, this, [this] { saveState(); });
    m_api.onChange = [this] {
        if (!m_persistPath.isEmpty())
            m_saveTimer.start();
    };
}

HubServer::~HubServer()
{
    if (m_saveTimer.isActive())
        saveState();
}

bool HubServer::listenLocal(quint16 port)
{
    m_port = listen(QHostAddress::LocalHost, port);
    m_api.setServerPort(m_port);
    return m_port != 0;
}

QUrl HubServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

void HubServer::setPersistPath(const QString &path)
{
    m_persistPath = path;
}

bool HubServer::saveState(QString *error)
{
    if (m_persistPath.isEmpty())
        return true;
    QSaveFile file(m_persistPath);
    const std::string data = m_api.state().toJson().dump(1);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(data.data(), qint64(data.size())) != qint64(data.size()) || !file.commit()) {
        if (error)
            *error = file.errorString();
        qWarning("hubgate-emulator: cannot save the state to %s: %s", qPrintable(m_persistPath),
                 qPrintable(file.errorString()));
        return false;
    }
    return true;
}

Json HubServer::readyInfo() const
{
    const std::string base = baseUrl().toString().toStdString();
    Json tokens = Json::array();
    auto &state = const_cast<HubApi &>(m_api).state();
    for (const auto &token : state.tokens())
        tokens.push_back({{"token", token.value},
                          {"user", token.user},
                          {"role", token.role},
                          {"displayName", token.displayName},
                          {"scoped", token.scoped}});
    Json repos = Json::array();
    for (RepoType type : {RepoType::Model, RepoType::Dataset}) {
        for (const Repo *repo : state.repos(type)) {
            repos.push_back({{"type", type == RepoType::Model ? "model" : "dataset"},
                             {"id", repo->id()},
                             {"private", repo->isPrivate},
                             {"gated", repo->gated == "false" ? Json(false) : Json(repo->gated)},
                             {"requests", repo->requests().size()}});
        }
    }
    Json orgs = Json::array();
    for (const auto &org : state.orgs())
        orgs.push_back({{"name", org.name}, {"members", org.roles}});
    return Json{{"baseUrl", base},
                {"controlUrl", base + "/_emulator"},
                {"pid", QCoreApplication::applicationPid()},
                {"tokens", tokens},
                {"orgs", orgs},
                {"repos", repos}};
}

std::string HubServer::newRequestId()
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "Root=1-%08llx-%016llx%08llx",
                  static_cast<unsigned long long>(nowMs() / 1000),
                  static_cast<unsigned long long>(m_random()),
                  static_cast<unsigned long long>(m_random() & 0xffffffffu));
    return buffer;
}

bool HubServer::handleRequest(const QHttpServerRequest &qrequest, QTcpSocket *socket)
{
    HttpRequest request;
    request.method = methodName(qrequest.method());
    const QUrl url = qrequest.url();
    request.path = url.path(QUrl::FullyEncoded).toStdString();
    request.queryString = url.query(QUrl::FullyEncoded).toStdString();
    request.query = parseQuery(request.queryString);
    for (const auto &[name, value] : qrequest.headers())
        request.headers[name.toLower().toStdString()] = value.toStdString();
    request.body = qrequest.body().toStdString();
    const std::string host = request.header("host");
    // Behind a TLS proxy (the benchmark's HTTP/2 front) the links it hands out keep the scheme
    // the client used, as servers behind proxies do.
    const std::string scheme = request.header("x-forwarded-proto") == "https" ? "https" : "http";
    request.origin = scheme + "://" + (host.empty() ? baseUrl().authority().toStdString() : host);

    const bool control = request.path.rfind("/_emulator/", 0) == 0;
    m_api.countCall(request.method, request.path);
    FaultDecision fault;
    RateDecision rate;
    if (!control) {
        fault = m_api.faults().decide(request.method, request.path);
        const std::string bearer = request.bearerToken();
        rate = m_api.faults().countCall(
            bearer.empty() ? "ip:" + qrequest.remoteAddress().toString().toStdString() : bearer,
            nowMs());
    }

    QPointer<QTcpSocket> guarded(socket);
    const std::int64_t started = nowMs();
    auto respond = [this, request, guarded, fault, rate, started] {
        if (!guarded)
            return;
        HttpResponse response;
        if (rate.limited) {
            response = HttpResponse::error(
                429, "You have exceeded our API rate limit: wait " +
                         std::to_string(rate.resetSeconds) + " s before making more calls");
            response.setHeader("Retry-After", std::to_string(rate.resetSeconds));
        } else if (fault.status) {
            const int status = *fault.status;
            response = HttpResponse::error(status, status == 429 ? "Too many requests, slow down"
                                                                 : "Injected server error");
            if (status == 429) {
                response.setHeader("Retry-After", std::to_string(fault.retryAfterSeconds));
                response.setHeader("RateLimit",
                                   "\"api\";r=0;t=" + std::to_string(fault.retryAfterSeconds));
                response.setHeader("RateLimit-Policy", "\"fixed window\";\"api\";q=500;w=300");
            }
        } else {
            response = m_api.handle(request);
        }
        if (rate.enabled) {
            response.setHeader("RateLimit", "\"api\";r=" + std::to_string(rate.remaining) +
                                                ";t=" + std::to_string(rate.resetSeconds));
            response.setHeader("RateLimit-Policy", "\"fixed window\";\"api\";q=" +
                                                       std::to_string(rate.limit) +
                                                       ";w=" + std::to_string(rate.windowSeconds));
        }
        if (m_log)
            qInfo("%s %s -> %d%s (%lld ms)", request.method.c_str(), request.path.c_str(),
                  response.status, fault.drop ? " dropped" : "",
                  static_cast<long long>(nowMs() - started));
        write(guarded, std::move(response), fault.drop && !rate.limited, request.method == "HEAD");
    };
    if (fault.latencyMs > 0)
        QTimer::singleShot(fault.latencyMs, this, respond);
    else
        respond();
    return true;
}

void HubServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    write(socket, HttpResponse::error(404, "Not found"), false,
          request.method() == QHttpServerRequest::Method::Head);
}

void HubServer::write(QTcpSocket *socket, HttpResponse response, bool drop, bool headRequest)
{
    response.setHeader("X-Request-Id", newRequestId());
    const int status = response.status;
    const bool noContent = status < 200 || status == 204 || status == 304;
    std::string head = "HTTP/1.1 " + std::to_string(status) + " " + reasonPhrase(status) + "\r\n";
    for (const auto &[name, value] : response.headers)
        head += name + ": " + value + "\r\n";
    // HEAD gets the length the GET body would have; 1xx and 204 must not carry one, and a
    // 304 has no representation of its own to measure.
    if (!noContent)
        head += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
    head += "Connection: keep-alive\r\n\r\n";
    if (headRequest || noContent)
        response.body.clear();
    // One write, no Nagle: a reply split in two waits for the client's delayed ACK (~40 ms).
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (drop) {
        // Half the body, then the connection goes away: the client sees a truncated reply.
        head.append(response.body, 0, response.body.size() / 2);
        socket->write(head.data(), qint64(head.size()));
        socket->flush();
        socket->disconnectFromHost();
        return;
    }
    head += response.body;
    socket->write(head.data(), qint64(head.size()));
}

} // namespace emu
