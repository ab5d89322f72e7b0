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

QStringList answerColumns(const QList<RepoRequests> &repos)
{
    QStringList columns;
    QSet<QString> seen;
    for (const RepoRequests &repo : repos) {
        for (const GateField &field : repo.form) {
            if (!seen.contains(field.name)) {
                seen.insert(field.name);
                columns << field.name;
            }
        }
    }
    QStringList others;
    for (const RepoRequests &repo : repos) {
        for (const AccessRequest &request : repo.requests) {
            for (auto it = request.fields.cbegin(); it != request.fields.cend(); ++it) {
                if (!seen.contains(it.key())) {
                    seen.insert(it.key());
                    others << it.key();
                }
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

QList<AccessRequest> requestsInSnapshot(const AccessRequestModel::Snapshot &rows, const QString &status)
{
    QList<int> which;
    which.reserve(rows.size());
    for (int row = 0; row < rows.size(); ++row) {
        if (status.isEmpty() || rows.statusAt(row) == status)
            which.append(row);
    }
    // Sorted as sortByRequestTime() sorts, on the packed times: no QDateTime compared.
    std::stable_sort(which.begin(), which.end(), [&rows](int a, int b) {
        return rows.requestedMsAt(a) < rows.requestedMsAt(b);
    });
    return requestsInSnapshot(rows, which);
}

QList<AccessRequest> requestsInSnapshot(const AccessRequestModel::Snapshot &rows, const QList<int> &which)
{
    QList<AccessRequest> requests;
    requests.reserve(which.size());
    for (int row : which)
        requests.append(rows.requestAt(row));
    return requests;
}

} // namespace hubgate
