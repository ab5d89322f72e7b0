#include "csvwriter.h"

#include "emailprivacy.h"
#include "reporttext.h"

namespace hubgate {

using namespace reporttext;

namespace {

void endRow(QByteArray &out)
{
    out.append("\r\n");
}

} // namespace

QStringList csvHeader(const QList<RepoRequests> &repos, EmailMode email)
{
    QStringList header;
    if (repos.size() > 1)
        header << QStringLiteral("repo");
    header << QStringLiteral("user") << QStringLiteral("fullname");
    if (email != EmailMode::Omit)
        header << QStringLiteral("email");
    header << QStringLiteral("status") << QStringLiteral("time") << QStringLiteral("reviewedAt")
           << QStringLiteral("grantedBy");
    return header + answerColumns(repos);
}

bool writeCsv(const QList<RepoRequests> &repos, const ReportOptions &options, QByteArray *out,
              const std::atomic<bool> *cancel)
{
    const bool merged = repos.size() > 1;
    const QStringList answers = answerColumns(repos);
    qsizetype total = 0;
    for (const RepoRequests &repo : repos)
        total += repo.requests.size();
    out->reserve(out->size() + total * (150 + 20 * answers.size()));
    if (options.byteOrderMark)
        out->append("\xEF\xBB\xBF");

    const QStringList header = csvHeader(repos, options.email);
    for (qsizetype i = 0; i < header.size(); ++i) {
        if (i > 0)
            out->append(',');
        appendCsvField(*out, header.at(i));
    }
    endRow(*out);

    qsizetype written = 0;
    for (const RepoRequests &repo : repos) {
        for (const AccessRequest &request : repo.requests) {
            if (++written % 512 == 0 && isCancelled(cancel))
                return false;
            if (merged) {
                appendCsvField(*out, repo.repo);
                out->append(',');
            }
            appendCsvField(*out, request.user.name);
            out->append(',');
            appendCsvField(*out, request.user.fullname);
            if (options.email != EmailMode::Omit) {
                out->append(',');
                appendCsvField(*out, exportedEmail(request.user.email, options.email));
            }
            out->append(',');
            appendCsvField(*out, request.status);
            out->append(',');
            if (request.requestedAt.isValid())
                appendIsoTime(*out, request.requestedAt);
            out->append(',');
            if (request.reviewedAt.isValid())
                appendIsoTime(*out, request.reviewedAt);
            out->append(',');
            appendCsvField(*out, request.grantedBy);
            for (const QString &answer : answers) {
                out->append(',');
                appendCsvField(*out, request.fields.value(answer));
            }
            endRow(*out);
        }
    }
    return true;
}

} // namespace hubgate
