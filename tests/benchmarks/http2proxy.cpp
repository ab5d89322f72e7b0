#include "http2proxy.h"

#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTcpServer>

bool Http2Proxy::start(const QUrl &backend, QString *error)
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    QString nghttpx = QStandardPaths::findExecutable(QStringLiteral("nghttpx"));
    if (nghttpx.isEmpty())
        nghttpx = QStandardPaths::findExecutable(QStringLiteral("nghttpx"), {QStringLiteral("/usr/sbin")});
    if (openssl.isEmpty() || nghttpx.isEmpty() || !m_dir.isValid()) {
        *error = QStringLiteral("needs openssl and nghttpx (apt-get install openssl nghttp2-proxy)");
        return false;
    }
    const QString key = m_dir.filePath(QStringLiteral("key.pem"));
    const QString certificate = m_dir.filePath(QStringLiteral("certificate.pem"));
    QProcess make;
    make.start(openssl, {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                         QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
                         QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                         QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"),
                         QStringLiteral("-keyout"), key, QStringLiteral("-out"), certificate});
    if (!make.waitForFinished(60000) || make.exitCode() != 0) {
        *error = QStringLiteral("openssl could not make a certificate: ") + QString::fromLocal8Bit(make.readAllStandardError());
        return false;
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.addCaCertificates(QSslCertificate::fromPath(certificate));
    QSslConfiguration::setDefaultConfiguration(tls);

    QTcpServer probe; // a free port for the proxy
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    // As many connections to the emulator as requests in flight, so the proxy adds no queue.
    m_proxy.setProcessChannelMode(QProcess::SeparateChannels);
    m_proxy.start(nghttpx, {QStringLiteral("--conf=/dev/null"),
                            QStringLiteral("--frontend=127.0.0.1,%1").arg(port),
                            QStringLiteral("--backend=127.0.0.1,%1").arg(backend.port()),
                            QStringLiteral("--backend-connections-per-host=64"), QStringLiteral("--workers=1"),
                            QStringLiteral("--single-process"), QStringLiteral("--no-ocsp"),
                            QStringLiteral("--no-via"), QStringLiteral("--no-server-push"), key, certificate});
    QByteArray said;
    while (!said.contains("Created worker thread")) {
        QSignalSpy ready(&m_proxy, &QProcess::readyReadStandardError);
        if (!ready.wait(30000)) {
            *error = QStringLiteral("nghttpx did not start: ") + QString::fromLocal8Bit(said);
            return false;
        }
        said += m_proxy.readAllStandardError();
    }
    m_url = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(port));
    return true;
}

Http2Proxy::~Http2Proxy()
{
    if (m_proxy.state() == QProcess::NotRunning)
        return;
    m_proxy.terminate();
    m_proxy.waitForFinished(10000);
}
