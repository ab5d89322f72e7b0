#pragma once
// The selected request in full: who, when, decided by whom, and every answer of the gate form.

#include "access/accessrequest.h"
#include "access/gateform.h"

#include <QTextBrowser>
#include <QUrl>

namespace hubgate {

class RequestDetails : public QTextBrowser
{
    Q_OBJECT
public:
    explicit RequestDetails(QWidget *parent = nullptr);
    void setEndpoint(const QUrl &endpoint) { m_endpoint = endpoint; }
    // knownReason: the rejection reason sent from HubGate, if any (the Hub does not list reasons).
    void showRequest(const AccessRequest &request, const QList<GateField> &fields,
                     const QString &knownReason = {});
    void showSummary(int selected);

private:
    QUrl m_endpoint;
};

// A gate-form answer as a person reads it: ticks for checkboxes, country names for codes.
QString displayAnswer(const GateField &field, const QString &answer);

} // namespace hubgate
