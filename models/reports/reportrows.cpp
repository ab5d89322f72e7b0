#include "reportrows.h"

#include <algorithm>

namespace hubgate {

RequestListRows::RequestListRows(const QList<AccessRequest> &requests)
    : m_requests(requests)
{
    for (const AccessRequest &request : requests) {
        for (auto it = request.fields.cbegin(); it != request.fields.cend(); ++it) {
            if (!m_keyIndex.contains(it.key())) {
                m_keyIndex.insert(it.key(), int(m_keys.size()));
                m_keys.append(it.key());
            }
        }
    }
}

void RequestListRows::read(qsizetype row, RequestView *view) const
{
    const AccessRequest &request = m_requests[row];
    const auto msOf = [](const QDateTime &time) {
        return time.isValid() ? time.toMSecsSinceEpoch() : RequestView::NoTime;
    };
    view->user = request.user.name;
    view->userId = request.user.id;
    view->fullname = request.user.fullname;
    view->email = request.user.email;
    view->avatarUrl = request.user.avatarUrl;
    view->isPro = request.user.isPro;
    view->status = request.status;
    view->requestedMs = msOf(request.requestedAt);
    view->reviewedMs = msOf(request.reviewedAt);
    view->grantedBy = request.grantedBy;
    view->answers.fill(std::nullopt, m_keys.size());
    for (auto it = request.fields.cbegin(); it != request.fields.cend(); ++it)
        view->answers[m_keyIndex.value(it.key())] = QStringView(it.value());
}

SnapshotRows::SnapshotRows(const AccessRequestModel::Snapshot &snapshot, const QList<int> &which)
    : m_snapshot(snapshot)
    , m_which(which)
{
}

QStringList SnapshotRows::answeredNames() const
{
    // The snapshot knows every name the model has met: only a pass over the rows tells which
    // of them these rows answer.
    const QStringList &keys = m_snapshot.answerKeys();
    QList<bool> answered(keys.size(), false);
    qsizetype missing = keys.size();
    RequestView view;
    for (qsizetype row = 0; row < m_which.size() && missing > 0; ++row) {
        m_snapshot.read(m_which[row], &view);
        for (qsizetype key = 0; key < keys.size(); ++key) {
            if (view.answers[key] && !answered[key]) {
                answered[key] = true;
                --missing;
            }
        }
    }
    QStringList names;
    for (qsizetype key = 0; key < keys.size(); ++key) {
        if (answered[key])
            names.append(keys[key]);
    }
    return names;
}

void SnapshotRows::read(qsizetype row, RequestView *view) const
{
    m_snapshot.read(m_which[row], view);
}

QList<int> rowsInReportOrder(const AccessRequestModel::Snapshot &snapshot, const QString &status)
{
    QList<int> which;
    which.reserve(snapshot.size());
    for (int row = 0; row < snapshot.size(); ++row) {
        if (status.isEmpty() || snapshot.statusAt(row) == status)
            which.append(row);
    }
    // On the packed times: no QDateTime compared.
    std::stable_sort(which.begin(), which.end(), [&snapshot](int a, int b) {
        return snapshot.requestedMsAt(a) < snapshot.requestedMsAt(b);
    });
    return which;
}

QList<int> keyIndexes(const QStringList &names, const QStringList &keys)
{
    QList<int> indexes;
    indexes.reserve(names.size());
    for (const QString &name : names)
        indexes.append(int(keys.indexOf(name)));
    return indexes;
}

} // namespace hubgate
