#pragma once
// A command that talks to the Hub. Before runWithHub() it settles, with the same sources as the
// app, where to go and with which token:
//   endpoint: --endpoint, then HF_ENDPOINT, then the app's saved preference, then
//             https://huggingface.co; plain http only to loopback addresses (else exit 3);
//   token:    TokenResolver (HF_TOKEN, the keychain entry for the endpoint, $HF_HOME/token);
//             none at all ends the command with exit 1 before any call is made.

#include "command.h"

#include "auth/tokenresolver.h"
#include "hub/endpoint.h"

class QNetworkAccessManager;

namespace hubgate {
class HubClient;
struct HubError;
} // namespace hubgate

namespace hubgate::cli {

// The settings key under which the app keeps its endpoint preference.
QString endpointPreferenceKey();

// Flags first, then the environment, then the saved preference, then the default.
EndpointChoice commandEndpoint(const QString &option, const QProcessEnvironment &environment,
                               const QString &preference);

class HubCommand : public Command
{
    Q_OBJECT
public:
    using Command::Command;

protected:
    void run() final;
    // False when this run works on local files only: runWithHub(nullptr) is called at once,
    // without an endpoint or a token.
    virtual bool needsHub() const { return true; }
    // The client has the endpoint and the token; it lives as long as the command.
    virtual void runWithHub(HubClient *client) = 0;
    // False when this run works offline: runWithHub() then gets a client without a token, and no
    // token is looked up.
    virtual bool needsToken() const { return true; }

    QUrl endpoint() const { return m_endpoint; }
    // Where the token came from, as a phrase ("from the HF_TOKEN environment variable").
    QString tokenOrigin() const { return m_tokenOrigin; }
    // Why a Hub call failed, as the end of a sentence ("Could not ...: <reason>"). A refused token
    // is named by where it came from, never shown.
    QString hubErrorReason(const HubError &error) const;

private:
    void onToken(const ResolvedToken &token);

    QUrl m_endpoint;
    QString m_tokenOrigin;
    QNetworkAccessManager *m_nam = nullptr;
    HubClient *m_client = nullptr;
};

} // namespace hubgate::cli
