#include "jsonlineswriter.h"

#include "emailprivacy.h"
#include "reporttext.h"

#include <algorithm>

namespace hubgate {

using namespace reporttext;

namespace {

void appendTimeOrNull(QByteArray &out, qint64 ms)
{
    if (ms == RequestView::NoTime) {
        out.append("null");
        return;
    }
    out.append('"');
    appendIsoTime(out, ms);
    out.append('"');
}

// A repo's answer names as QJsonObject sorts keys, each with its key in the repo's rows:
// sorted once per repo instead of once per row.
struct FieldNames
{
    QStringList names;
    QList<int> keys;
};

FieldNames sortedFieldNames(const ReportRows &rows)
{
    FieldNames fields;
    fields.names = rows.answeredNames();
    std::sort(fields.names.begin(), fields.names.end());
    fields.keys = keyIndexes(fields.names, rows.answerKeys());
    return fields;
}

void appendFields(QByteArray &out, const RequestView &request, const FieldNames &fields)
{
    out.append('{');
    bool first = true;
    for (qsizetype i = 0; i < fields.names.size(); ++i) {
        const std::optional<QStringView> &answer = request.answers[fields.keys[i]];
        if (!answer)
            continue;
        if (!first)
            out.append(',');
        first = false;
        appendJsonString(out, fields.names[i]);
        out.append(':');
        appendJsonString(out, *answer);
    }
    out.append('}');
}

} // namespace

bool writeJsonLines(const QList<RepoRows> &repos, EmailMode email, QByteArray *out,
                    const std::atomic<bool> *cancel, const ReportProgress &progress)
{
    const bool merged = repos.size() > 1;
    out->reserve(out->size() + rowCount(repos) * 400);
    QList<FieldNames> fields;
    for (const RepoRows &repo : repos)
        fields.append(sortedFieldNames(*repo.rows));
    ExportedEmail exported(email);
    return forEachRow(repos, cancel, progress, [&](qsizetype repo, const RequestView &request) {
        out->append("{\"avatarUrl\":");
        appendJsonStringOrNull(*out, request.avatarUrl);
        if (email != EmailMode::Omit) {
            out->append(",\"email\":");
            appendJsonStringOrNull(*out, exported(request.email));
        }
        out->append(",\"fields\":");
        appendFields(*out, request, fields[repo]);
        out->append(",\"fullname\":");
        appendJsonStringOrNull(*out, request.fullname);
        out->append(",\"grantedBy\":");
        appendJsonStringOrNull(*out, request.grantedBy);
        out->append(request.isPro ? ",\"isPro\":true" : ",\"isPro\":false");
        if (merged) {
            out->append(",\"repo\":");
            appendJsonString(*out, repos[repo].repo);
        }
        out->append(",\"reviewedAt\":");
        appendTimeOrNull(*out, request.reviewedMs);
        out->append(",\"status\":");
        appendJsonString(*out, request.status);
        out->append(",\"timestamp\":");
        appendTimeOrNull(*out, request.requestedMs);
        out->append(",\"user\":");
        appendJsonString(*out, request.user);
        out->append(",\"userId\":");
        appendJsonStringOrNull(*out, request.userId);
        out->append("}\n");
    });
}

} // namespace hubgate
