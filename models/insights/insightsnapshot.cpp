#include "insightsnapshot.h"

#include "access/accessrequestmodel.h"

namespace hubgate {

QList<GateField> chartedFields(const QList<GateField> &form)
{
    QList<GateField> fields;
    for (const GateField &field : form) {
        if (field.type == GateField::Type::Select || field.type == GateField::Type::Country ||
            field.type == GateField::Type::Checkbox)
            fields.append(field);
    }
    return fields;
}

InsightSnapshot takeSnapshot(const AccessRequestModel &model, const QString &repoKey)
{
    InsightSnapshot snapshot;
    snapshot.repoKey = repoKey;
    snapshot.fields = chartedFields(model.gateFields());
    const int rows = model.rowCount();
    snapshot.rows.reserve(rows);
    for (int row = 0; row < rows; ++row) {
        const qint64 requested = model.requestedMsAt(row);
        if (requested == AccessRequestModel::NoTime)
            continue;
        const qint64 reviewed = model.reviewedMsAt(row);
        InsightRow out;
        out.status = model.statusAt(row);
        out.requestedMs = requested;
        out.reviewedMs = reviewed == AccessRequestModel::NoTime ? -1 : reviewed;
        out.answers.reserve(snapshot.fields.size());
        for (const GateField &field : std::as_const(snapshot.fields))
            out.answers.append(model.answerAt(row, field.name).toString());
        snapshot.rows.append(std::move(out));
    }
    return snapshot;
}

} // namespace hubgate
