#pragma once
// The real Hub answers over HTTP/2 with TLS: every request a client has in flight shares one
// connection. The emulator speaks HTTP/1.1, where Qt 6.4 opens at most six connections to a host.
// For the benchmark, nghttpx (Debian's nghttp2-proxy) stands in front of the emulator with a
// throw-away certificate, so HubGate's unchanged client talks HTTP/2 as it would to the Hub.

#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

class Http2Proxy
{
public:
    // Starts the proxy in front of backend (http://127.0.0.1:PORT) and makes Qt trust its
    // certificate. False with a message when openssl or nghttpx are missing or fail.
    bool start(const QUrl &backend, QString *error);
    ~Http2Proxy();
    QUrl url() const { return m_url; }

private:
    QTemporaryDir m_dir;
    QProcess m_proxy;
    QUrl m_url;
};
