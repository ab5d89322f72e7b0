#include "emulatorfixture.h"

#include "seedfile.h"

#include <QFile>
#include <QNetworkRequest>
#include <QTest>

namespace testing {

emu::Json EmulatorFixture::demoSeed()
{
    QFile file(emu::demoSeedPath());
    if (!file.open(QIODevice::ReadOnly))
        qFatal("the demo seed resource is missing");
    const QByteArray data = file.readAll();
    return emu::Json::parse(data.begin(), data.end());
}

EmulatorFixture::EmulatorFixture(const emu::Json &seed)
    : m_server(std::make_unique<emu::HubServer>(emu::HubState::fromJson(seed.is_null() ? demoSeed() : seed)))
{
    if (!m_server->listenLocal(0))
        qFatal("the emulator cannot listen on 127.0.0.1");
}

EmulatorFixture::~EmulatorFixture() = default;

QUrl EmulatorFixture::url(const QString &pathAndQuery) const
{
    return QUrl(baseUrl().toString() + pathAndQuery);
}

QByteArray Reply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

emu::Json Reply::json() const
{
    return emu::Json::parse(body.begin(), body.end(), nullptr, false);
}

Reply send(QNetworkAccessManager &nam, const QByteArray &method, const QUrl &url,
           const QByteArray &token, const QByteArray &body, const QByteArray &contentType)
{
    QNetworkRequest request(url);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    QNetworkReply *reply = nam.sendCustomRequest(request, method, body);
    const bool done = QTest::qWaitFor([reply] { return reply->isFinished(); }, 30000);
    Reply out;
    if (!done) {
        reply->abort();
        out.error = QNetworkReply::TimeoutError;
    } else {
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.error = reply->error();
        out.body = reply->readAll();
        out.headers = reply->rawHeaderPairs();
    }
    reply->deleteLater();
    return out;
}

} // namespace testing
