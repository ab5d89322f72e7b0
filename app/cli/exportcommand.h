#pragma once
// `hubgate export --repo [datasets/]NS/NAME [--repo ...] [--status S] [--format json|csv|jsonl|hub]
// [--output FILE] [--no-email | --hash-email] [--bom]`: access reports for people to hand on.
// Everything is loaded and written in memory first, so a failure leaves no partial output; a file
// is replaced atomically.

#include "hubcommand.h"

#include "hub/huberror.h"
#include "hub/repo.h"
#include "reports/reportoptions.h"

#include <QList>

namespace hubgate {
class ReportLoader;
}

namespace hubgate::cli {

class ExportCommand : public HubCommand
{
    Q_OBJECT
public:
    using HubCommand::HubCommand;

    QString name() const override { return QStringLiteral("export"); }
    QString summary() const override;
    QString synopsis() const override;
    QString description() const override;
    QList<QCommandLineOption> options() const override;
    ExitCode readOptions(const QCommandLineParser &parser, QString *problem) override;

protected:
    void runWithHub(HubClient *client) override;

private:
    ExitCode readFormatOptions(const QCommandLineParser &parser, QString *problem);
    void downloadHubReport(HubClient *client);
    void showProgress();
    void repoFailed(const RepoSummary &repo, const HubError &error);
    void deliver(const QByteArray &bytes, int requestCount);

    QList<RepoSummary> m_repos;
    ReportLoader *m_loader = nullptr;
    QString m_status; // empty: every status
    bool m_hubFormat = false;
    ReportOptions m_report;
    QString m_output; // empty: stdout
};

} // namespace hubgate::cli
