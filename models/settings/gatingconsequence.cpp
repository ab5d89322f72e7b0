#include "gatingconsequence.h"

#include <QCoreApplication>

namespace hubgate {

std::optional<GatingConfirmation> gatingConfirmation(GatingMode from, GatingMode to,
                                                     const QString &repoId,
                                                     std::optional<int> pendingRequests)
{
    const bool gated = from == GatingMode::Auto || from == GatingMode::Manual;
    if (to == GatingMode::Off && gated) {
        return GatingConfirmation{
            QCoreApplication::translate("GatingConsequence", "Turn gating off?"),
            QCoreApplication::translate(
                "GatingConsequence",
                "Anyone will be able to download the files of %1 without asking, and the access "
                "form stops: no new requests will come in.")
                .arg(repoId),
            QCoreApplication::translate("GatingConsequence", "Turn Gating Off")};
    }
    if (from == GatingMode::Manual && to == GatingMode::Auto) {
        // %Ln: the count in the locale's number format ("2,714").
        QString pending;
        if (!pendingRequests)
            pending = QCoreApplication::translate("GatingConsequence",
                                                  "All pending requests will be accepted.");
        else if (*pendingRequests == 0)
            pending = QCoreApplication::translate("GatingConsequence", "No request is pending.");
        else
            pending = QCoreApplication::translate("GatingConsequence",
                                                  "%Ln pending requests will be accepted.", nullptr,
                                                  *pendingRequests);
        return GatingConfirmation{
            QCoreApplication::translate("GatingConsequence", "Switch to automatic approval?"),
            pending + QLatin1Char(' ') +
                QCoreApplication::translate(
                    "GatingConsequence",
                    "From then on, everyone who sends the form of %1 gets access at once.")
                    .arg(repoId),
            QCoreApplication::translate("GatingConsequence", "Switch to Automatic")};
    }
    return std::nullopt;
}

} // namespace hubgate
