#pragma once
// `hubgate gate show|apply`: the gate form's card metadata (the extra_gated_* keys of README.md)
// as JSON, and setting them from JSON, in a local file or committed to a repo on the Hub.

#include "hubcommand.h"

#include "card/gatecard.h"
#include "card/readmejobs.h"
#include "hub/repo.h"

namespace hubgate::cli {

class GateCommand : public HubCommand
{
    Q_OBJECT
public:
    using HubCommand::HubCommand;

    QString name() const override { return QStringLiteral("gate"); }
    QString summary() const override;
    QString synopsis() const override;
    QString description() const override;
    QList<QCommandLineOption> options() const override;
    bool takesPositionalArguments() const override { return true; }
    ExitCode readOptions(const QCommandLineParser &parser, QString *problem) override;

protected:
    bool needsHub() const override { return m_repo.has_value(); }
    void runWithHub(HubClient *client) override;

private:
    void runOnFile();
    void runOnRepo(HubClient *client);
    void onReadme(HubClient *client, const ReadmeSnapshot &snapshot);
    void validateAndCommit(HubClient *client, const ReadmeSnapshot &snapshot, const QByteArray &readme);
    void commit(HubClient *client, const ReadmeSnapshot &snapshot, const QByteArray &readme);
    // The card read and the edit applied; nullopt after fail().
    std::optional<GateCard> readCard(const QByteArray &readme, const QString &where);
    std::optional<QByteArray> applyEdit(const QByteArray &readme, const GateCard &card);
    void printJson(const GateCard &card);
    bool writeFile(const QString &path, const QByteArray &content);
    QString repoText() const;

    bool m_apply = false;
    QString m_file;
    QString m_output;
    QString m_from;
    QByteArray m_gateJson;
    std::optional<RepoSummary> m_repo;
    QString m_message;
    bool m_pullRequest = false;
};

} // namespace hubgate::cli
