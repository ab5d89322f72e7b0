#pragma once
// The requests of one repo as the report writers read them: row by row, as views (RequestView),
// whether they are AccessRequest values (the command, loaded from the Hub) or the packed rows of
// a model snapshot (the window), so an export from the window builds no AccessRequest at all.

#include "access/accessrequest.h"
#include "access/accessrequestmodel.h"
#include "access/requestview.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace hubgate {

class ReportRows
{
public:
    virtual ~ReportRows() = default;
    virtual qsizetype size() const = 0;
    // The names RequestView::answers is indexed by (some may have no answer in these rows).
    virtual const QStringList &answerKeys() const = 0;
    // The answer names at least one of these rows has, in answerKeys() order.
    virtual QStringList answeredNames() const = 0;
    // Fills *view with the row's request; its views are valid while these rows live.
    virtual void read(qsizetype row, RequestView *view) const = 0;
};

// AccessRequest values, in the order given; an answer that is an empty string is an answer.
class RequestListRows final : public ReportRows
{
public:
    explicit RequestListRows(const QList<AccessRequest> &requests);
    qsizetype size() const override { return m_requests.size(); }
    const QStringList &answerKeys() const override { return m_keys; }
    QStringList answeredNames() const override { return m_keys; }
    void read(qsizetype row, RequestView *view) const override;

private:
    QList<AccessRequest> m_requests;
    QStringList m_keys; // every answer name of the requests, in the order first met
    QHash<QString, int> m_keyIndex;
};

// Some rows of a model snapshot, in a given order; empty answers are no answers (as in the model).
class SnapshotRows final : public ReportRows
{
public:
    SnapshotRows(const AccessRequestModel::Snapshot &snapshot, const QList<int> &which);
    qsizetype size() const override { return m_which.size(); }
    const QStringList &answerKeys() const override { return m_snapshot.answerKeys(); }
    QStringList answeredNames() const override;
    void read(qsizetype row, RequestView *view) const override;

private:
    AccessRequestModel::Snapshot m_snapshot;
    QList<int> m_which;
};

// The snapshot's rows of one status (empty: every status), oldest first as the Hub's report
// orders them (stable for equal times). On any thread.
QList<int> rowsInReportOrder(const AccessRequestModel::Snapshot &snapshot, const QString &status);

// Where each name is in keys (-1 where it is not): looked up once per repo, not once per row.
QList<int> keyIndexes(const QStringList &names, const QStringList &keys);

} // namespace hubgate
