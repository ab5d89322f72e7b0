#pragma once
// `hubgate publishers list|add|remove --repo REPO | --user`: the trusted publishers of a repo or
// of the token's user, through the management API of the contract.

#include "hubcommand.h"

#include "publishers/publisherscope.h"
#include "publishers/trustedpublisher.h"

namespace hubgate {
class PublisherJob;
}

namespace hubgate::cli {

class PublishersCommand : public HubCommand
{
    Q_OBJECT
public:
    using HubCommand::HubCommand;

    QString name() const override { return QStringLiteral("publishers"); }
    QString summary() const override;
    QString synopsis() const override;
    QString description() const override;
    QList<QCommandLineOption> options() const override;
    bool takesPositionalArguments() const override { return true; }
    ExitCode readOptions(const QCommandLineParser &parser, QString *problem) override;

protected:
    void runWithHub(HubClient *client) override;

private:
    enum class Verb { List, Add, Remove };
    ExitCode readDraft(const QCommandLineParser &parser, QString *problem);
    void onFinished(PublisherJob *job);
    void printList(const QList<TrustedPublisher> &publishers);

    Verb m_verb = Verb::List;
    PublisherScope m_scope;
    PublisherDraft m_draft;
    QString m_id;
    bool m_json = false;
};

} // namespace hubgate::cli
