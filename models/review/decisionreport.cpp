#include "decisionreport.h"

#include <QCoreApplication>

namespace hubgate {

QString DecisionReport::summary() const
{
    if (isClean()) {
        if (undo)
            return QCoreApplication::translate("DecisionReport", "%1: done.").arg(title);
        return QCoreApplication::translate("DecisionReport", "%1: %Ln request(s) done.", nullptr, done).arg(title);
    }
    QString text = QCoreApplication::translate("DecisionReport", "%1: %Ln done", nullptr, done).arg(title);
    if (!refused.isEmpty())
        text += QCoreApplication::translate("DecisionReport", ", %Ln refused by the Hub", nullptr,
                                            int(refused.size()));
    if (remaining > 0)
        text += QCoreApplication::translate("DecisionReport", ", %Ln not done yet", nullptr, remaining);
    if (cancelled)
        text += QCoreApplication::translate("DecisionReport", " (cancelled)");
    text += QLatin1Char('.');
    if (!error.isEmpty())
        text += QLatin1Char(' ') + error;
    return text;
}

} // namespace hubgate
