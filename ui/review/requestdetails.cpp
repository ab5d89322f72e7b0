#include "requestdetails.h"

#include "access/accessrequestmodel.h"
#include "countries/countries.h"

#include <QLocale>

namespace hubgate {

QString displayAnswer(const GateField &field, const QString &answer)
{
    switch (field.type) {
    case GateField::Type::Checkbox:
        return isTicked(answer) ? RequestDetails::tr("✔ ticked") : RequestDetails::tr("✘ not ticked");
    case GateField::Type::Country: {
        const QString name = countryName(answer);
        return name.isEmpty() ? answer : RequestDetails::tr("%1 (%2)").arg(name, answer);
    }
    case GateField::Type::Select: {
        const qsizetype index = field.optionValues.indexOf(answer);
        return index >= 0 && field.optionLabels.value(index) != answer
                   ? RequestDetails::tr("%1 (%2)").arg(field.optionLabels.value(index), answer)
                   : answer;
    }
    default:
        return answer;
    }
}

RequestDetails::RequestDetails(QWidget *parent)
    : QTextBrowser(parent)
{
    setObjectName(QStringLiteral("requestDetails"));
    setOpenExternalLinks(true);
    showSummary(0);
}

void RequestDetails::showSummary(int selected)
{
    setHtml(selected == 0 ? tr("<p style='color:gray'>Select a request to see its details.</p>")
                          : tr("<h3>%Ln request(s) selected</h3><p>The actions above apply to all of "
                               "them.</p>", nullptr, selected));
}

void RequestDetails::showRequest(const AccessRequest &request, const QList<GateField> &fields,
                                 const QString &knownReason)
{
    const QLocale locale;
    const auto when = [&](const QDateTime &time) {
        return time.isValid() ? locale.toString(time.toLocalTime(), QLocale::LongFormat) : tr("—");
    };
    QUrl profile = m_endpoint;
    profile.setPath(m_endpoint.path() + QLatin1Char('/') + request.user.name);
    QString html = QStringLiteral("<h2>%1</h2><p><a href=\"%2\">%3</a>%4</p><table cellspacing=4>")
                       .arg(request.user.fullname.toHtmlEscaped(),
                            profile.toString(QUrl::FullyEncoded).toHtmlEscaped(),
                            request.user.name.toHtmlEscaped(),
                            request.user.isPro ? tr(" · PRO") : QString());
    const auto row = [&html](const QString &label, const QString &value) {
        html += QStringLiteral("<tr><td style='color:gray'>%1</td><td>%2</td></tr>")
                    .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    row(tr("E-mail"), request.user.email.isEmpty() ? tr("not shared") : request.user.email);
    row(tr("Status"), AccessRequestModel::statusDisplayName(request.status));
    row(tr("Requested"), when(request.requestedAt));
    const bool pending = request.status == QLatin1String("pending");
    if (!pending)
        row(tr("Reviewed"), when(request.reviewedAt));
    if (request.status == QLatin1String("accepted"))
        row(tr("Granted by"), request.grantedBy.isEmpty() ? tr("not reported by the Hub") : request.grantedBy);
    if (request.status == QLatin1String("rejected")) {
        row(tr("Reviewed by"), request.grantedBy.isEmpty() ? tr("not reported by the Hub") : request.grantedBy);
        row(tr("Reason"), knownReason.isEmpty() ? tr("not reported by the Hub (it is shown to the requester)")
                                                : tr("“%1” (sent from HubGate)").arg(knownReason));
    }
    html += QStringLiteral("</table>");
    if (!fields.isEmpty() || !request.fields.isEmpty()) {
        html += tr("<h3>Answers</h3>") + QStringLiteral("<table cellspacing=4>");
        QStringList shown;
        for (const GateField &field : fields) {
            shown.append(field.name);
            const auto answer = request.fields.constFind(field.name);
            row(field.name, answer == request.fields.cend()
                                ? (field.type == GateField::Type::Checkbox ? displayAnswer(field, {})
                                                                           : tr("no answer"))
                                : displayAnswer(field, *answer));
        }
        // Answers to fields the form no longer has are still the requester's words: show them.
        for (auto it = request.fields.cbegin(); it != request.fields.cend(); ++it)
            if (!shown.contains(it.key()))
                row(tr("%1 (not in the form)").arg(it.key()), it.value());
        html += QStringLiteral("</table>");
    }
    setHtml(html);
}

} // namespace hubgate
