#pragma once
// All access requests of one repo, every status in one model so a decision moves a row between
// the status tabs (filter proxies) without reloading. Fixed columns, then one per gate field.

#include "accessrequest.h"
#include "gateform.h"
#include "requestpage.h"
#include "requestview.h"
#include "userindex.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QStringView>

namespace hubgate {

class AccessRequestModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { User, FullName, Email, RequestedAt, ReviewedAt, GrantedBy, Status, FirstFieldColumn };
    enum Role {
        RequestRole = Qt::UserRole + 1, // QVariant<AccessRequest>
        StatusRole,                     // QString
        UserNameRole,                   // QString
        SearchTextRole,                 // lower-case text of user, name, e-mail and answers
        SortRole,                       // typed value for sorting (QDateTime for dates)
    };

    explicit AccessRequestModel(QObject *parent = nullptr);

    // Resets the model with new columns; the rows stay (clear() drops them for a new repo).
    void setGateFields(const QList<GateField> &fields);
    const QList<GateField> &gateFields() const { return m_fields; }
    void clear();

    // Adds a page of requests; a user already present is updated in place (refresh).
    void addRequests(const QList<AccessRequest> &requests);
    // The same for a page packed off the UI thread: a hash insert per row. Packed with
    // answerKeys() as its key order, its rows are taken as they are.
    void addPage(const RequestPage &page);
    const QStringList &answerKeys() const { return m_answerKeys; }
    // Removes rows of this status whose user is not in keep (end of a refresh of that status).
    void removeStaleOfStatus(const QString &status, const QSet<QString> &keep);

    // A decision the server confirmed: narrow dataChanged on that row. False if the user is unknown.
    bool updateStatus(const QString &userName, const QString &status, const QDateTime &reviewedAt,
                      const QString &grantedBy);
    // Adds or updates one request (grant to a user who never asked).
    void upsert(const AccessRequest &request);

    int countOf(const QString &status) const;
    QStringList statuses() const; // known ones first, then any unknown status seen
    int rowOfUser(const QString &userName) const;
    // Rows are stored packed (100,000 of them must fit in little memory): this builds a copy.
    // Answers that are empty strings are left out of its fields.
    AccessRequest requestAt(int row) const;

    // "Pending", "Accepted", "Rejected" translated; an unknown status as sent.
    static QString statusDisplayName(const QString &status);

    // Direct access for AccessRequestFilter, which calls these 100,000 times per keystroke.
    static constexpr qint64 NoTime = PackedRequest::NoTime;
    const QString &statusAt(int row) const { return m_statusNames[m_rows[row].status]; }
    QByteArrayView searchTextAt(int row) const { return searchTextOf(m_rows[row]); } // UTF-8
    qint64 requestedMsAt(int row) const { return m_rows[row].requestedMs; } // NoTime if unknown
    qint64 reviewedMsAt(int row) const { return m_rows[row].reviewedMs; }
    QString answerAt(int row, const QString &field) const; // empty when not answered
    // Orders two rows by a column as SortRole does (text case-insensitively), without QVariants.
    int compareRows(int left, int right, int column) const;
    // What compareRows() compares for a text column ("0" / "1" for checkboxes; nothing for dates).
    QString sortTextAt(int row, int column) const;

    // Without the two virtual calls of the default: sorting 100,000 rows asks for 3 million indexes.
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void countsChanged();

private:
    // About 0.5 KB a request, search text included: the texts in one UTF-8 string, status and
    // granter as indexes.
    using Row = PackedRequest;

    int statusIndex(const QString &status);
    int personIndex(const QString &name);
    int answerKeyIndex(const QString &key);
    static QByteArray reslotted(const Row &row, const QList<int> &keyMap);
    void storeSearch(Row &row, QByteArrayView search);
    void compactSearch();
    // Replaces a row; true if anything changed. Keeps the counts right.
    bool replaceRow(int row, Row packed, QByteArrayView search);
    void appendRows(QList<Row> rows, const RequestPage &page); // taken: its rows move in
    void emitRowsChanged(QList<int> rows);
    void removeRowRange(int first, int last);
    QVariant displayData(const Row &row, int column) const;
    QVariant sortData(const Row &row, int column) const;
    QString sortText(const Row &row, int column) const;
    void reindexUsers();

    QByteArrayView searchTextOf(const Row &row) const
    {
        return QByteArrayView(m_searchChunks[row.searchChunk]).sliced(row.searchAt, row.searchSize);
    }

    QList<Row> m_rows;
    // The rows' search texts back to back, one chunk per page added (the first for replaced
    // texts): a search reads 12 MB in long streams instead of 100,000 scattered strings, five
    // times faster. Replaced texts leave garbage until compacted.
    QList<QByteArray> m_searchChunks;
    qsizetype m_searchSize = 0;
    qsizetype m_searchGarbage = 0;
    UserIndex m_rowByUser;
    QStringList m_statusNames; // known statuses first, then unknown ones in the order seen
    QHash<QString, int> m_statusIndex;
    QList<int> m_counts; // by status index
    QStringList m_people; // granters
    QHash<QString, int> m_personIndex;
    QStringList m_answerKeys; // every answer name seen, in the order seen
    QHash<QString, int> m_answerKeyIndex;
    QList<GateField> m_fields;
    QList<int> m_fieldKey; // answer key index of each gate field

public:
    // The rows as they are now: an O(1) copy (implicitly shared) that another thread may read
    // while the model goes on changing, so exports build their requests off the UI thread.
    class Snapshot
    {
    public:
        int size() const { return int(m_rows.size()); }
        const QString &statusAt(int row) const { return m_statusNames[m_rows[row].status]; }
        qint64 requestedMsAt(int row) const { return m_rows[row].requestedMs; } // NoTime if unknown
        AccessRequest requestAt(int row) const
        {
            return unpackRequest(m_rows[row], m_statusNames, m_people, m_answerKeys);
        }
        // The row without copying its texts (see RequestView): views into this snapshot.
        void read(int row, RequestView *view) const
        {
            readRequest(m_rows[row], m_statusNames, m_people, m_answerKeys.size(), view);
        }
        // The answer names RequestView::answers is indexed by.
        const QStringList &answerKeys() const { return m_answerKeys; }

    private:
        friend class AccessRequestModel;
        QList<Row> m_rows;
        QStringList m_statusNames;
        QStringList m_people;
        QStringList m_answerKeys;
    };
    Snapshot snapshot() const;
};

} // namespace hubgate
