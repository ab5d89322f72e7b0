#pragma once
// Access requests packed as the model stores them: a page of the list is parsed and packed off
// the UI thread, so adding it to the model costs a hash insert per row and a few table lookups.
// A page carries its own tables (statuses, granters, answer names); the model maps them to its own.

#include "accessrequest.h"
#include "requestview.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <limits>

namespace hubgate {

struct PackedRequest
{
    static constexpr qint64 NoTime = std::numeric_limits<qint64>::min();
    enum Slot { IdSlot, FullNameSlot, EmailSlot, AvatarSlot, FirstAnswerSlot };

    QString name; // user name
    // UTF-8, half the memory of UTF-16 for the mostly ASCII texts of a million requests: id, full
    // name, e-mail, avatar URL, then answers by key index; '\0' between.
    QByteArray text;
    qint64 requestedMs = NoTime;
    qint64 reviewedMs = NoTime;
    int searchAt = 0; // its search text in the page's search buffer (or a model's chunk)
    int searchSize = 0;
    int searchChunk = 0;
    int status = 0;    // index in the status table
    int grantedBy = 0; // index in the people table; 0 is nobody
    bool isPro = false;

    QByteArrayView slotBytes(int which) const; // UTF-8
    QString slot(int which) const { return QString::fromUtf8(slotBytes(which)); }
    bool sameData(const PackedRequest &other) const; // the search text derives from the rest
};

} // namespace hubgate

// Moved in memory as bytes: a list of 100,000 rows grows by realloc, not row by row.
Q_DECLARE_TYPEINFO(hubgate::PackedRequest, Q_RELOCATABLE_TYPE);

namespace hubgate {

// The row's texts, decoded in one pass into view->storage; answers by answer key index.
void readRequest(const PackedRequest &row, const QStringList &statuses, const QStringList &people,
                 qsizetype answerKeyCount, RequestView *view);
// The request a packed row stands for, with the tables it indexes.
AccessRequest unpackRequest(const PackedRequest &row, const QStringList &statuses, const QStringList &people,
                            const QStringList &answerKeys);

struct RequestPage
{
    QList<PackedRequest> rows;
    QStringList statuses;
    QStringList people{QString()};
    QStringList answerKeys; // the answer slots' names, in slot order
    QByteArray search;      // the rows' lower-case search texts (UTF-8), back to back
    int skipped = 0;        // items without a usable user name
    QString error;          // non-empty when the page is not a JSON array

    qsizetype size() const { return rows.size(); }
    bool isEmpty() const { return rows.isEmpty(); }
    QByteArrayView searchTextOf(const PackedRequest &row) const
    {
        return QByteArrayView(search).sliced(row.searchAt, row.searchSize);
    }
    AccessRequest request(qsizetype i) const { return unpackRequest(rows[i], statuses, people, answerKeys); }
    QList<AccessRequest> requests() const;

    // Answer slots in this order first (the model's, so its rows need no re-slotting).
    static RequestPage fromRequests(const QList<AccessRequest> &requests, const QStringList &answerKeyOrder = {});
};

// Builds a page row by row; pure, for any thread.
class RequestPageBuilder
{
public:
    // An item without a status gets defaultStatus.
    explicit RequestPageBuilder(const QStringList &answerKeyOrder = {}, const QString &defaultStatus = {});

    struct Parts // texts in UTF-8 but the user name
    {
        QString name;
        QByteArray id;
        QByteArray fullname;
        QByteArray email;
        QByteArray avatarUrl;
        bool isPro = false;
        int status = -1; // statusIndex(); -1: the default status
        qint64 requestedMs = PackedRequest::NoTime;
        qint64 reviewedMs = PackedRequest::NoTime;
        int grantedBy = 0; // personIndex()
        QList<std::pair<int, QByteArray>> answers; // answerKeyIndex() and value, any order
    };
    int statusIndex(const QString &status);
    int personIndex(const QString &name);
    int answerKeyIndex(const QString &key);
    void add(Parts &parts); // an empty name is counted as skipped
    void skip() { ++m_page.skipped; }
    void setError(const QString &error) { m_page.error = error; }
    RequestPage take();

private:
    void appendSearch(PackedRequest &row, const Parts &parts);

    RequestPage m_page;
    QHash<QString, int> m_statusIndex;
    QHash<QString, int> m_personIndex;
    QHash<QString, int> m_keyIndex;
    QString m_defaultStatus;
    QByteArray m_scratch;
};

// The list endpoint's JSON page, parsed and packed (simdjson). Texts longer than 10,000
// characters are cut (with "…"). Pure function, safe to run off the UI thread.
RequestPage parseRequestPage(const QByteArray &json, const QStringList &answerKeyOrder = {},
                             const QString &defaultStatus = {});

} // namespace hubgate
