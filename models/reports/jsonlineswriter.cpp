#include "jsonlineswriter.h"

#include "emailprivacy.h"
#include "reporttext.h"

#include <QSet>

#include <algorithm>

namespace hubgate {

using namespace reporttext;

namespace {

void appendTimeOrNull(QByteArray &out, const QDateTime &time)
{
    if (!time.isValid()) {
        out.append("null");
        return;
    }
    out.append('"');
    appendIsoTime(out, time);
    out.append('"');
}

// Every answered field name of the repo, sorted as QJsonObject sorts keys: sorting once per
// repo instead of once per row.
QStringList sortedFieldNames(const QList<AccessRequest> &requests)
{
    QSet<QString> names;
    for (const AccessRequest &request : requests) {
        for (auto it = request.fields.cbegin(); it != request.fields.cend(); ++it)
            names.insert(it.key());
    }
    QStringList sorted(names.cbegin(), names.cend());
    std::sort(sorted.begin(), sorted.end());
    return sorted;
}

void appendFields(QByteArray &out, const QHash<QString, QString> &fields, const QStringList &names)
{
    out.append('{');
    bool first = true;
    for (const QString &name : names) {
        const auto answer = fields.constFind(name);
        if (answer == fields.cend())
            continue;
        if (!first)
            out.append(',');
        first = false;
        appendJsonString(out, name);
        out.append(':');
        appendJsonString(out, *answer);
    }
    out.append('}');
}

} // namespace

bool writeJsonLines(const QList<RepoRequests> &repos, EmailMode email, QByteArray *out,
                    const std::atomic<bool> *cancel)
{
    const bool merged = repos.size() > 1;
    qsizetype total = 0;
    for (const RepoRequests &repo : repos)
        total += repo.requests.size();
    out->reserve(out->size() + total * 400);
    qsizetype written = 0;
    for (const RepoRequests &repo : repos) {
        const QStringList names = sortedFieldNames(repo.requests);
        for (const AccessRequest &request : repo.requests) {
            if (++written % 512 == 0 && isCancelled(cancel))
                return false;
            out->append("{\"avatarUrl\":");
            appendJsonStringOrNull(*out, request.user.avatarUrl);
            if (email != EmailMode::Omit) {
                out->append(",\"email\":");
                appendJsonStringOrNull(*out, exportedEmail(request.user.email, email));
            }
            out->append(",\"fields\":");
            appendFields(*out, request.fields, names);
            out->append(",\"fullname\":");
            appendJsonStringOrNull(*out, request.user.fullname);
            out->append(",\"grantedBy\":");
            appendJsonStringOrNull(*out, request.grantedBy);
            out->append(request.user.isPro ? ",\"isPro\":true" : ",\"isPro\":false");
            if (merged) {
                out->append(",\"repo\":");
                appendJsonString(*out, repo.repo);
            }
            out->append(",\"reviewedAt\":");
            appendTimeOrNull(*out, request.reviewedAt);
            out->append(",\"status\":");
            appendJsonString(*out, request.status);
            out->append(",\"timestamp\":");
            appendTimeOrNull(*out, request.requestedAt);
            out->append(",\"user\":");
            appendJsonString(*out, request.user.name);
            out->append(",\"userId\":");
            appendJsonStringOrNull(*out, request.user.id);
            out->append("}\n");
        }
    }
    return true;
}

} // namespace hubgate
