#include "huberror.h"

namespace hubgate {

HubError::Kind HubError::kindForStatus(int status)
{
    switch (status) {
    case 400: return Kind::BadRequest;
    case 401: return Kind::InvalidToken;
    case 403: return Kind::Forbidden;
    case 404: return Kind::NotFound;
    case 409: return Kind::Conflict;
    case 412: return Kind::PreconditionFailed;
    case 429: return Kind::RateLimited;
    default: return status >= 500 ? Kind::Server : Kind::OtherStatus;
    }
}

QString HubError::message() const
{
    const QString what = subject.isEmpty() ? tr("this") : subject;
    QString text;
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::BadRequest:
        text = serverMessage.isEmpty() ? tr("The Hub refused the request as invalid.")
                                       : tr("The Hub refused the request: %1").arg(serverMessage);
        break;
    case Kind::InvalidToken:
        text = tr("The token is invalid or has expired. Sign in again with a valid token.");
        break;
    case Kind::Forbidden:
        text = tr("This token or your role cannot do this on %1.").arg(what);
        if (!serverMessage.isEmpty())
            text += QLatin1Char(' ') + tr("The Hub says: %1").arg(serverMessage);
        break;
    case Kind::NotFound:
        text = tr("%1 was not found, or this token has no access to it.").arg(what);
        break;
    case Kind::Conflict:
        text = serverMessage.isEmpty() ? tr("This conflicts with the current state on the Hub.")
                                       : tr("Conflict: %1").arg(serverMessage);
        break;
    case Kind::PreconditionFailed:
        text = tr("%1 changed on the Hub since it was loaded. Reload it and try again.").arg(what);
        break;
    case Kind::RateLimited:
        text = retryAfterSeconds >= 0
                   ? tr("The Hub is limiting requests from this token: waiting %n s.", nullptr,
                        retryAfterSeconds)
                   : tr("The Hub is limiting requests from this token. Try again later.");
        break;
    case Kind::Server:
        text = tr("The Hub had a problem answering (HTTP %1). Try again in a moment.").arg(httpStatus);
        break;
    case Kind::OtherStatus:
        text = tr("The Hub answered with HTTP %1.").arg(httpStatus);
        if (!serverMessage.isEmpty())
            text += QLatin1Char(' ') + serverMessage;
        break;
    case Kind::Network:
        text = tr("Could not reach the Hub: %1").arg(detail);
        break;
    case Kind::Timeout:
        text = tr("The Hub did not answer in time.");
        break;
    case Kind::Cancelled:
        text = tr("Cancelled.");
        break;
    case Kind::InsecureEndpoint:
        text = detail;
        break;
    case Kind::BadReply:
        text = tr("The Hub sent a reply HubGate cannot read: %1").arg(detail);
        break;
    }
    if (!requestId.isEmpty())
        text += QLatin1Char(' ') + tr("(Request ID: %1)").arg(QString::fromLatin1(requestId));
    return text;
}

} // namespace hubgate
