#include "hubreportwriter.h"

#include "emailprivacy.h"
#include "reporttext.h"

namespace hubgate {

using namespace reporttext;

bool writeHubReport(const QList<RepoRequests> &repos, EmailMode email, QByteArray *out,
                    const std::atomic<bool> *cancel)
{
    const bool merged = repos.size() > 1;
    qsizetype total = 0;
    for (const RepoRequests &repo : repos)
        total += repo.requests.size();
    out->reserve(out->size() + total * 200);
    out->append('[');
    bool first = true;
    qsizetype written = 0;
    for (const RepoRequests &repo : repos) {
        for (const AccessRequest &request : repo.requests) {
            if (++written % 512 == 0 && isCancelled(cancel))
                return false;
            out->append(first ? "{" : ",{");
            first = false;
            if (merged) {
                out->append("\"repo\":");
                appendJsonString(*out, repo.repo);
                out->append(',');
            }
            out->append("\"user\":");
            appendJsonString(*out, request.user.name);
            out->append(",\"fullname\":");
            appendJsonString(*out, request.user.fullname);
            out->append(",\"status\":");
            appendJsonString(*out, request.status);
            const QString address = exportedEmail(request.user.email, email);
            if (!address.isEmpty()) {
                out->append(",\"email\":");
                appendJsonString(*out, address);
            }
            out->append(",\"time\":\"");
            appendIsoTime(*out, request.requestedAt);
            out->append('"');
            // The Hub leaves the review time out while a request is pending, even one that was
            // reviewed before and set back to pending.
            if (request.reviewedAt.isValid() && request.status != QLatin1String("pending")) {
                out->append(",\"reviewedAt\":\"");
                appendIsoTime(*out, request.reviewedAt);
                out->append('"');
            }
            out->append('}');
        }
    }
    out->append(']');
    return true;
}

} // namespace hubgate
