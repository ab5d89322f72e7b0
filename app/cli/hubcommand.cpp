#include "hubcommand.h"

#include "hub/hubclient.h"

#include <QNetworkAccessManager>
#include <QSettings>

namespace hubgate::cli {

QString endpointPreferenceKey()
{
    return QStringLiteral("hub/endpoint");
}

EndpointChoice commandEndpoint(const QString &option, const QProcessEnvironment &environment,
                               const QString &preference)
{
    return chooseEndpoint(option, preference, environment); // the app's rule
}

void HubCommand::run()
{
    if (!needsHub()) {
        runWithHub(nullptr);
        return;
    }
    const QString preference = QSettings().value(endpointPreferenceKey()).toString();
    const EndpointChoice choice = commandEndpoint(context().endpointOption, context().environment, preference);
    const QString problem = endpointProblem(choice.url);
    if (!problem.isEmpty()) {
        fail(ExitCode::BadInput, tr("The Hub address from %1 cannot be used. %2").arg(choice.source, problem));
        return;
    }
    m_endpoint = choice.url;
    if (!needsToken()) {
        onToken(ResolvedToken());
        return;
    }
    auto *resolver = new TokenResolver(context().environment, nullptr, this);
    connect(resolver, &TokenResolver::resolved, this, [this, resolver](const ResolvedToken &token) {
        resolver->deleteLater();
        onToken(token);
    });
    resolver->resolve(m_endpoint);
}

void HubCommand::onToken(const ResolvedToken &token)
{
    if (token.isEmpty() && needsToken()) {
        fail(ExitCode::Failed,
             tr("No Hub token was found for %1: set HF_TOKEN, log in with “hf auth login”, or sign in "
                "once in the HubGate window.")
                 .arg(m_endpoint.host()));
        return;
    }
    m_tokenOrigin = token.origin;
    m_nam = new QNetworkAccessManager(this);
    m_client = new HubClient(m_nam, m_endpoint, this);
    if (!token.isEmpty())
        m_client->setToken(token.token);
    runWithHub(m_client);
}

QString HubCommand::hubErrorReason(const HubError &error) const
{
    switch (error.kind) {
    case HubError::Kind::InvalidToken:
        return tr("the Hub refused the token %1 as invalid or expired.").arg(m_tokenOrigin);
    case HubError::Kind::Forbidden:
        if (error.serverMessage.isEmpty())
            return tr("the token %1 is not allowed to do this.").arg(m_tokenOrigin);
        return tr("the token %1 is not allowed to do this (the Hub says: %2).").arg(m_tokenOrigin, error.serverMessage);
    case HubError::Kind::NotFound:
        return tr("it does not exist on %1, or the token %2 cannot see it.").arg(m_endpoint.host(), m_tokenOrigin);
    default:
        return error.message();
    }
}

} // namespace hubgate::cli
