#pragma once
// Which Hub HubGate talks to, and whether it is safe to send a token there.

#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

namespace hubgate {

QUrl defaultEndpoint(); // https://huggingface.co

// One rule for the window and the commands: the command line first, then HF_ENDPOINT (set for
// this run on purpose), then the address saved in the preferences, then the default.
struct EndpointChoice
{
    QUrl url;
    QString source; // human words: "--endpoint", "HF_ENDPOINT", ...
};
EndpointChoice chooseEndpoint(const QString &commandLine, const QString &preference,
                              const QProcessEnvironment &env);

// Empty when the URL is acceptable; otherwise a sentence saying why not. Plain http is allowed
// only to loopback hosts, where no one else can read the token on the wire.
QString endpointProblem(const QUrl &url);
bool isLoopbackHost(const QString &host);
bool sameOrigin(const QUrl &a, const QUrl &b);

} // namespace hubgate
