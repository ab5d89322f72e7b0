#include "reportinput.h"

#include "access/accessrequestmodel.h"

#include <QSet>

#include <algorithm>

namespace hubgate {

void sortByRequestTime(QList<AccessRequest> &requests)
{
    std::stable_sort(
        requests.begin(), requests.end(), [](const AccessRequest &a, const AccessRequest &b) {
            return a.requestedAt.toMSecsSinceEpoch() < b.requestedAt.toMSecsSinceEpoch();
        });
}

QList<AccessRequest> withStatus(const QList<AccessRequest> &requests, const QString &status)
{
    if (status.isEmpty())
        return requests;
    QList<AccessRequest> kept;
    for (const AccessRequest &request : requests) {
        if (request.status == status)
            kept.append(request);
    }
    return kept;
}

QList<RepoRows> rowsOf(const QList<RepoRequests> &repos)
{
    QList<RepoRows> rows;
    rows.reserve(repos.size());
    for (const RepoRequests &repo : repos)
        rows.append({repo.repo, repo.form, std::make_shared<RequestListRows>(repo.requests)});
    return rows;
}

qsizetype rowCount(const QList<RepoRows> &repos)
{
    qsizetype total = 0;
    for (const RepoRows &repo : repos)
        total += repo.rows->size();
    return total;
}

QStringList answerColumns(const QList<RepoRows> &repos)
{
    QStringList columns;
    QSet<QString> seen;
    for (const RepoRows &repo : repos) {
        for (const GateField &field : repo.form) {
            if (!seen.contains(field.name)) {
                seen.insert(field.name);
                columns << field.name;
            }
        }
    }
    QStringList others;
    for (const RepoRows &repo : repos) {
        for (const QString &name : repo.rows->answeredNames()) {
            if (!seen.contains(name)) {
                seen.insert(name);
                others << name;
            }
        }
    }
    others.sort(Qt::CaseInsensitive);
    return columns + others;
}

QList<AccessRequest> requestsInView(const QAbstractItemModel &view)
{
    QList<AccessRequest> requests;
    const int rows = view.rowCount();
    requests.reserve(rows);
    for (int row = 0; row < rows; ++row) {
        const QVariant value = view.index(row, 0).data(AccessRequestModel::RequestRole);
        if (value.canConvert<AccessRequest>())
            requests.append(value.value<AccessRequest>());
    }
    return requests;
}

} // namespace hubgate
