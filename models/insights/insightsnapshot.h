#pragma once
// What the insights are computed from: the few facts each chart needs (a fraction of a full
// request). From the loaded model it is an O(1) snapshot taken on the UI thread, whose rows the
// worker thread reads (readSnapshotRows) before computing.

#include "access/accessrequestmodel.h"
#include "access/gateform.h"

#include <optional>

#include <QList>
#include <QString>
#include <QStringList>

namespace hubgate {

struct InsightRow
{
    QString status;
    qint64 requestedMs = 0; // UTC milliseconds; rows without a request time are not taken
    qint64 reviewedMs = -1; // -1 when never reviewed
    QStringList answers;    // one per InsightSnapshot::fields, empty when not answered
};

struct InsightSnapshot
{
    QString repoKey;
    QList<GateField> fields; // the form's select, country and checkbox fields, in form order
    QList<InsightRow> rows;
    std::optional<AccessRequestModel::Snapshot> source; // rows not read yet
};

// The gate fields whose answers the insights count: select, country and checkbox.
QList<GateField> chartedFields(const QList<GateField> &form);

// O(1), on the model's thread: the rows are read later, on any thread, by readSnapshotRows().
InsightSnapshot takeSnapshot(const AccessRequestModel &model, const QString &repoKey);
// Fills rows from source (about 100 ms for 100,000 requests): on the worker thread.
void readSnapshotRows(InsightSnapshot &snapshot);

} // namespace hubgate
