#pragma once
// The requests an export is made of: one entry per repo, with the repo's gate form. Several
// entries are merged into one file with a repo column.

#include "access/accessrequest.h"
#include "access/gateform.h"
#include "reportrows.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

class QAbstractItemModel;

namespace hubgate {

struct RepoRequests
{
    QString repo; // as written on the command line: "ns/name" or "datasets/ns/name"
    QList<GateField> form;
    QList<AccessRequest> requests;
};

// One repo of an export as the writers read it: RepoRequests, or rows of the window's model.
struct RepoRows
{
    QString repo;
    QList<GateField> form;
    std::shared_ptr<const ReportRows> rows;
};

// The requests as the writers read them (the lists are shared, not copied).
QList<RepoRows> rowsOf(const QList<RepoRequests> &repos);
qsizetype rowCount(const QList<RepoRows> &repos);

// Rows written so far, of total: called on the writer's thread every few hundred rows and at the end.
using ReportProgress = std::function<void(qsizetype written, qsizetype total)>;

// Reads each row of each repo in turn into one view and calls write(repoIndex, view), looking at
// the cancel flag and reporting progress every 512 rows. False once cancelled.
template<typename Write>
bool forEachRow(const QList<RepoRows> &repos, const std::atomic<bool> *cancel,
                const ReportProgress &progress, Write write)
{
    const qsizetype total = rowCount(repos);
    qsizetype written = 0;
    RequestView view;
    for (qsizetype repo = 0; repo < repos.size(); ++repo) {
        const ReportRows &rows = *repos[repo].rows;
        for (qsizetype row = 0; row < rows.size(); ++row, ++written) {
            if (written % 512 == 0) {
                if (cancel && cancel->load(std::memory_order_relaxed))
                    return false;
                if (progress)
                    progress(written, total);
            }
            rows.read(row, &view);
            write(repo, view);
        }
    }
    if (progress)
        progress(total, total);
    return true;
}

// The Hub's report order: oldest request first, whatever the status (stable for equal times).
void sortByRequestTime(QList<AccessRequest> &requests);

// Keeps the requests of one status; an empty status keeps them all.
QList<AccessRequest> withStatus(const QList<AccessRequest> &requests, const QString &status);

// The answer columns of a merged export: the forms' fields in form order (repos in turn, each
// name once), then answers to fields no form has any more, by name.
QStringList answerColumns(const QList<RepoRows> &repos);

// The rows a view shows, in its order (an AccessRequestFilter over an AccessRequestModel, for
// "export what is filtered"): the RequestRole of each row's first column.
QList<AccessRequest> requestsInView(const QAbstractItemModel &view);

} // namespace hubgate
