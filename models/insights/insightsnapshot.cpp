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
    snapshot.source = model.snapshot();
    return snapshot;
}

void readSnapshotRows(InsightSnapshot &snapshot)
{
    if (!snapshot.source)
        return;
    const AccessRequestModel::Snapshot &source = *snapshot.source;
    QList<qsizetype> keyOf; // each charted field's answer key index, -1 if never answered
    for (const GateField &field : std::as_const(snapshot.fields))
        keyOf.append(source.answerKeys().indexOf(field.name));
    snapshot.rows.clear();
    snapshot.rows.reserve(source.size());
    RequestView view;
    for (int row = 0; row < source.size(); ++row) {
        const qint64 requested = source.requestedMsAt(row);
        if (requested == AccessRequestModel::NoTime)
            continue;
        source.read(row, &view);
        InsightRow out;
        out.status = source.statusAt(row);
        out.requestedMs = requested;
        out.reviewedMs = view.reviewedMs == AccessRequestModel::NoTime ? -1 : view.reviewedMs;
        out.answers.reserve(keyOf.size());
        for (const qsizetype key : std::as_const(keyOf))
            out.answers.append(key >= 0 && view.answers[key] ? view.answers[key]->toString() : QString());
        snapshot.rows.append(std::move(out));
    }
    snapshot.source.reset();
}

} // namespace hubgate
