#pragma once
// `hubgate oidc explain --token (JWT | @FILE | -) (--repo REPO | --user | --publishers FILE)`:
// decodes an OIDC ID token locally, checks it and compares it with every trusted publisher of
// the repo or user, and says why the Hub would accept or refuse it.

#include "hubcommand.h"

#include "publishers/publisherscope.h"
#include "publishers/trustedpublisher.h"

namespace hubgate {
class PublisherJob;
class TokenDebugger;
struct TokenExplanation;
}

namespace hubgate::cli {

class OidcCommand : public HubCommand
{
    Q_OBJECT
public:
    using HubCommand::HubCommand;

    QString name() const override { return QStringLiteral("oidc"); }
    QString summary() const override;
    QString synopsis() const override;
    QString description() const override;
    QList<QCommandLineOption> options() const override;
    bool takesPositionalArguments() const override { return true; }
    ExitCode readOptions(const QCommandLineParser &parser, QString *problem) override;

protected:
    void runWithHub(HubClient *client) override;
    bool needsToken() const override { return !m_publishersFile.has_value(); }

private:
    QString readTokenText(QString *problem) const;
    void onPublishers(PublisherJob *job);
    void fetchKeysThenReport();
    void report();
    void printText(const TokenExplanation &explanation);

    QString m_tokenArgument;
    std::optional<PublisherScope> m_scope;
    std::optional<QString> m_publishersFile;
    QString m_jwksFile;
    bool m_verify = false;
    bool m_json = false;
    TokenDebugger *m_debugger = nullptr;
};

} // namespace hubgate::cli
