#pragma once
// `hubgate requests --repo [datasets/]NS/NAME [--status STATUS] [--json]`: a repo's access
// requests as an aligned table, or as JSON Lines for scripts.

#include "hubcommand.h"

#include "access/accessrequest.h"
#include "access/gateform.h"
#include "hub/huberror.h"
#include "hub/repo.h"

#include <QHash>

namespace hubgate::cli {

class RequestsCommand : public HubCommand
{
    Q_OBJECT
public:
    using HubCommand::HubCommand;

    QString name() const override { return QStringLiteral("requests"); }
    QString summary() const override;
    QString synopsis() const override;
    QString description() const override;
    QList<QCommandLineOption> options() const override;
    ExitCode readOptions(const QCommandLineParser &parser, QString *problem) override;

protected:
    void runWithHub(HubClient *client) override;

private:
    void loadGateForm(HubClient *client);
    void finishWhenDone();
    QString failureSentence(const HubError &error) const;
    QList<AccessRequest> allRequests() const;
    QStringList fieldColumns(const QList<AccessRequest> &requests) const;
    void printTable(const QList<AccessRequest> &requests);
    void printJsonLines(const QList<AccessRequest> &requests);
    void printSummary(const QList<AccessRequest> &requests);

    RepoSummary m_repo;
    QStringList m_statuses;
    bool m_json = false;
    QHash<QString, QList<AccessRequest>> m_requests; // by status, in the Hub's order
    QList<GateField> m_form;
    bool m_listsDone = false;
    bool m_formDone = true;
    HubError m_error;
};

} // namespace hubgate::cli
