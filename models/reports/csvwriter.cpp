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

QStringList csvHeader(const QList<RepoRows> &repos, EmailMode email)
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

bool writeCsv(const QList<RepoRows> &repos, const ReportOptions &options, QByteArray *out,
              const std::atomic<bool> *cancel, const ReportProgress &progress)
{
    const bool merged = repos.size() > 1;
    const QStringList answers = answerColumns(repos);
    // Each answer column's key in each repo's rows.
    QList<QList<int>> answerKeys;
    for (const RepoRows &repo : repos)
        answerKeys.append(keyIndexes(answers, repo.rows->answerKeys()));
    out->reserve(out->size() + rowCount(repos) * (150 + 20 * answers.size()));
    if (options.byteOrderMark)
        out->append("\xEF\xBB\xBF");

    const QStringList header = csvHeader(repos, options.email);
    for (qsizetype i = 0; i < header.size(); ++i) {
        if (i > 0)
            out->append(',');
        appendCsvField(*out, header.at(i));
    }
    endRow(*out);

    ExportedEmail email(options.email);
    return forEachRow(repos, cancel, progress, [&](qsizetype repo, const RequestView &request) {
        if (merged) {
            appendCsvField(*out, repos[repo].repo);
            out->append(',');
        }
        appendCsvField(*out, request.user);
        out->append(',');
        appendCsvField(*out, request.fullname);
        if (options.email != EmailMode::Omit) {
            out->append(',');
            appendCsvField(*out, email(request.email));
        }
        out->append(',');
        appendCsvField(*out, request.status);
        out->append(',');
        if (request.requestedMs != RequestView::NoTime)
            appendIsoTime(*out, request.requestedMs);
        out->append(',');
        if (request.reviewedMs != RequestView::NoTime)
            appendIsoTime(*out, request.reviewedMs);
        out->append(',');
        appendCsvField(*out, request.grantedBy);
        for (const int key : std::as_const(answerKeys[repo])) {
            out->append(',');
            if (key >= 0)
                appendCsvField(*out, request.answers[key].value_or(QStringView()));
        }
        endRow(*out);
    });
}

} // namespace hubgate
