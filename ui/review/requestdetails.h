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
    void showRequest(const AccessRequest &request, const QList<GateField> &fields);
    void showSummary(int selected);

private:
    QUrl m_endpoint;
};

// A gate-form answer as a person reads it: ticks for checkboxes, country names for codes.
QString displayAnswer(const GateField &field, const QString &answer);

} // namespace hubgate
