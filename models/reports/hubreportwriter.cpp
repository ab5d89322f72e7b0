#include "hubreportwriter.h"

#include "emailprivacy.h"
#include "reporttext.h"

namespace hubgate {

using namespace reporttext;

bool writeHubReport(const QList<RepoRows> &repos, EmailMode email, QByteArray *out,
                    const std::atomic<bool> *cancel, const ReportProgress &progress)
{
    const bool merged = repos.size() > 1;
    out->reserve(out->size() + rowCount(repos) * 200);
    out->append('[');
    bool first = true;
    ExportedEmail exported(email);
    const bool done = forEachRow(repos, cancel, progress, [&](qsizetype repo, const RequestView &request) {
        out->append(first ? "{" : ",{");
        first = false;
        if (merged) {
            out->append("\"repo\":");
            appendJsonString(*out, repos[repo].repo);
            out->append(',');
        }
        out->append("\"user\":");
        appendJsonString(*out, request.user);
        out->append(",\"fullname\":");
        appendJsonString(*out, request.fullname);
        out->append(",\"status\":");
        appendJsonString(*out, request.status);
        const QStringView address = exported(request.email);
        if (!address.isEmpty()) {
            out->append(",\"email\":");
            appendJsonString(*out, address);
        }
        // The Hub always has a request time; one the list did not give is written as the epoch.
        out->append(",\"time\":\"");
        appendIsoTime(*out, request.requestedMs == RequestView::NoTime ? 0 : request.requestedMs);
        out->append('"');
        // The Hub leaves the review time out while a request is pending, even one that was
        // reviewed before and set back to pending.
        if (request.reviewedMs != RequestView::NoTime && request.status != QLatin1String("pending")) {
            out->append(",\"reviewedAt\":\"");
            appendIsoTime(*out, request.reviewedMs);
            out->append('"');
        }
        out->append('}');
    });
    out->append(']');
    return done;
}

} // namespace hubgate
