#pragma once
// A failed Hub call turned into something a person can read and act on.

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace hubgate {

struct HubError
{
    Q_DECLARE_TR_FUNCTIONS(HubError)
public:
    enum class Kind {
        None,
        BadRequest,         // 400
        InvalidToken,       // 401
        Forbidden,          // 403
        NotFound,           // 404
        Conflict,           // 409
        PreconditionFailed, // 412
        RateLimited,        // 429
        Server,             // 5xx
        OtherStatus,
        Network,
        Timeout,
        Cancelled,
        InsecureEndpoint,
        BadReply,           // the server answered something we cannot read
    };

    Kind kind = Kind::None;
    int httpStatus = 0;
    QString serverMessage; // {"error": ...} or X-Error-Message
    QString errorCode;     // X-Error-Code
    QByteArray requestId;  // X-Request-Id
    int retryAfterSeconds = -1;
    QString subject; // what the call was about, e.g. "nimbus-ai/nimbus-7b"
    QString detail;  // network error text or parse problem

    bool isError() const { return kind != Kind::None; }
    // One or two sentences for the user, with the request ID when the server sent one.
    QString message() const;

    static Kind kindForStatus(int status);
};

} // namespace hubgate
