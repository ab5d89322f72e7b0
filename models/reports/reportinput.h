#pragma once
// The requests an export is made of: one entry per repo, with the repo's gate form. Several
// entries are merged into one file with a repo column.

#include "access/accessrequest.h"
#include "access/accessrequestmodel.h"
#include "access/gateform.h"

#include <QList>
#include <QString>
#include <QStringList>

class QAbstractItemModel;

namespace hubgate {

struct RepoRequests
{
    QString repo; // as written on the command line: "ns/name" or "datasets/ns/name"
    QList<GateField> form;
    QList<AccessRequest> requests;
};

// The Hub's report order: oldest request first, whatever the status (stable for equal times).
void sortByRequestTime(QList<AccessRequest> &requests);

// Keeps the requests of one status; an empty status keeps them all.
QList<AccessRequest> withStatus(const QList<AccessRequest> &requests, const QString &status);

// The answer columns of a merged export: the forms' fields in form order (repos in turn, each
// name once), then answers to fields no form has any more, by name.
QStringList answerColumns(const QList<RepoRequests> &repos);

// The rows a view shows, in its order (an AccessRequestFilter over an AccessRequestModel, for
// "export what is filtered"): the RequestRole of each row's first column.
QList<AccessRequest> requestsInView(const QAbstractItemModel &view);

// The loaded requests of one status (empty: every status), oldest first, from a snapshot of the
// model (AccessRequestModel::snapshot(), taken on the model's thread): on any thread.
QList<AccessRequest> requestsInSnapshot(const AccessRequestModel::Snapshot &rows, const QString &status);
// These rows of the snapshot, in this order (the rows a view shows, mapped to the model).
QList<AccessRequest> requestsInSnapshot(const AccessRequestModel::Snapshot &rows, const QList<int> &which);

} // namespace hubgate
