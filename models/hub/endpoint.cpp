#include "endpoint.h"

#include <QCoreApplication>
#include <QHostAddress>

namespace hubgate {

QUrl defaultEndpoint()
{
    return QUrl(QStringLiteral("https://huggingface.co"));
}

static QUrl cleaned(const QString &text)
{
    QUrl url = QUrl::fromUserInput(text.trimmed());
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path);
    return url;
}

EndpointChoice chooseEndpoint(const QString &commandLine, const QString &preference,
                              const QProcessEnvironment &env)
{
    if (!commandLine.trimmed().isEmpty())
        return {cleaned(commandLine), QStringLiteral("--endpoint")};
    const QString fromEnv = env.value(QStringLiteral("HF_ENDPOINT"));
    if (!fromEnv.trimmed().isEmpty())
        return {cleaned(fromEnv), QStringLiteral("HF_ENDPOINT")};
    if (!preference.trimmed().isEmpty())
        return {cleaned(preference), QCoreApplication::translate("Endpoint", "preferences")};
    return {defaultEndpoint(), QCoreApplication::translate("Endpoint", "default")};
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString endpointProblem(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return QCoreApplication::translate("Endpoint", "“%1” is not a valid Hub address.")
            .arg(url.toString());
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return {};
    if (scheme == QLatin1String("http") && isLoopbackHost(url.host()))
        return {};
    if (scheme == QLatin1String("http"))
        return QCoreApplication::translate(
                   "Endpoint", "HubGate refuses plain http to %1: the token would travel "
                               "unencrypted. Use https, or a loopback address for a local Hub.")
            .arg(url.host());
    return QCoreApplication::translate("Endpoint", "Unsupported address scheme “%1”.").arg(scheme);
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    const auto port = [](const QUrl &u) {
        return u.port(u.scheme().toLower() == QLatin1String("https") ? 443 : 80);
    };
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0 &&
           a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && port(a) == port(b);
}

} // namespace hubgate
