#pragma once
// What the insights are computed from: a copy of the few facts each chart needs, taken on the UI
// thread from the loaded model (a fraction of a full request), then handed to a worker thread.

#include "access/gateform.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace hubgate {

class AccessRequestModel;

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
};

// The gate fields whose answers the insights count: select, country and checkbox.
QList<GateField> chartedFields(const QList<GateField> &form);

// Copies the model's rows (about 100 ms for 100,000 requests): call on the model's thread.
InsightSnapshot takeSnapshot(const AccessRequestModel &model, const QString &repoKey);

} // namespace hubgate
