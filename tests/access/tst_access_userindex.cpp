// UserIndex: the model's row of each user name, growing, probing past neighbours, rebuilt after
// removals; checked against QHash.
#include "access/userindex.h"

#include <QHash>
#include <QRandomGenerator>
#include <QStringList>
#include <QTest>

using namespace hubgate;

class TestAccessUserIndex : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findsWhatWasInserted();
    void findsEverythingWhileGrowing();
    void rebuildsAfterRemovals();
    void emptyIndex();
};

namespace {

QStringList randomNames(int count, quint32 seed)
{
    QRandomGenerator random(seed);
    QStringList names;
    QSet<QString> seen;
    while (names.size() < count) {
        QString name;
        const int length = 1 + int(random.bounded(12));
        for (int i = 0; i < length; ++i)
            name += QChar(u'a' + char16_t(random.bounded(26)));
        if (!seen.contains(name)) {
            seen.insert(name);
            names.append(name);
        }
    }
    return names;
}

} // namespace

void TestAccessUserIndex::findsWhatWasInserted()
{
    const QStringList names = randomNames(50000, 7);
    const auto nameOf = [&names](int row) { return QStringView(names[row]); };
    UserIndex index;
    QHash<QString, int> reference;
    for (int row = 0; row < names.size(); ++row) {
        QCOMPARE(index.find(names[row], nameOf), -1);
        index.insert(names[row], row);
        reference.insert(names[row], row);
        // Every so often, everything inserted so far is still found (across growths).
        if (row % 9973 == 0)
            for (auto it = reference.cbegin(); it != reference.cend(); ++it)
                QCOMPARE(index.find(it.key(), nameOf), it.value());
    }
    QCOMPARE(index.size(), names.size());
    for (int row = 0; row < names.size(); ++row)
        QCOMPARE(index.find(names[row], nameOf), row);
    // Names that were never inserted, including ones longer than any inserted.
    for (const QString &other : randomNames(2000, 8))
        QCOMPARE(index.find(QString(other + QStringLiteral("-x")), nameOf), -1);
    QCOMPARE(index.find(QString(), nameOf), -1);
}

// Growing moves the old slots over a few at a time: after every insert, every name is found.
void TestAccessUserIndex::findsEverythingWhileGrowing()
{
    const QStringList names = randomNames(2500, 21);
    const auto nameOf = [&names](int row) { return QStringView(names[row]); };
    UserIndex index;
    for (int row = 0; row < names.size(); ++row) {
        index.insert(names[row], row);
        for (int earlier = 0; earlier <= row; ++earlier)
            QCOMPARE(index.find(names[earlier], nameOf), earlier);
        QCOMPARE(index.find(QStringLiteral("not-a-name"), nameOf), -1);
    }
}

void TestAccessUserIndex::rebuildsAfterRemovals()
{
    QStringList names = randomNames(3000, 11);
    const auto nameOf = [&names](int row) { return QStringView(names[row]); };
    UserIndex index;
    for (int row = 0; row < names.size(); ++row)
        index.insert(names[row], row);
    QStringList removed;
    for (int row = int(names.size()) - 1; row >= 0; row -= 3)
        removed.append(names.takeAt(row));
    index.rebuild(int(names.size()), nameOf);
    QCOMPARE(index.size(), names.size());
    for (int row = 0; row < names.size(); ++row)
        QCOMPARE(index.find(names[row], nameOf), row);
    for (const QString &gone : std::as_const(removed))
        QCOMPARE(index.find(gone, nameOf), -1);
}

void TestAccessUserIndex::emptyIndex()
{
    const QStringList names{QStringLiteral("ada")};
    const auto nameOf = [&names](int row) { return QStringView(names[row]); };
    UserIndex index;
    QCOMPARE(index.find(QStringLiteral("ada"), nameOf), -1);
    index.insert(names[0], 0);
    QCOMPARE(index.find(QStringLiteral("ada"), nameOf), 0);
    index.clear();
    QCOMPARE(index.size(), 0);
    QCOMPARE(index.find(QStringLiteral("ada"), nameOf), -1);
}

QTEST_GUILESS_MAIN(TestAccessUserIndex)
#include "tst_access_userindex.moc"
