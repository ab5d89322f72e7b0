// The undo stack and the per-tab column sets, as plain logic.
#include "access/accessrequestmodel.h"
#include "i18n/translations.h"
#include "review/decisionhistory.h"
#include "review/decisionreport.h"
#include "review/reviewcolumns.h"

#include <QCoreApplication>
#include <QStandardPaths>
#include <QTest>

using namespace hubgate;

class ReviewHistoryTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("HubGateTests"));
        QVERIFY(installTranslations(*QCoreApplication::instance()));
    }

    void inverseRestoresEachPriorStateWithItsReason()
    {
        HistoryEntry entry;
        entry.applied = Decision{DecisionKind::Accept, {QStringLiteral("ada"), QStringLiteral("ben"),
                                                        QStringLiteral("cy"), QStringLiteral("dee")}, {}};
        entry.before.insert(QStringLiteral("ada"), {QStringLiteral("pending"), {}});
        entry.before.insert(QStringLiteral("ben"), {QStringLiteral("rejected"), QStringLiteral("Work e-mail, please.")});
        entry.before.insert(QStringLiteral("cy"), {QStringLiteral("rejected"), {}});
        entry.before.insert(QStringLiteral("dee"), {QStringLiteral("pending"), {}});
        const QList<Decision> inverse = entry.inverse();
        QCOMPARE(inverse.size(), 3);
        bool sawPending = false, sawReason = false, sawNoReason = false;
        for (const Decision &undo : inverse) {
            if (undo.kind == DecisionKind::Cancel) {
                sawPending = true;
                QCOMPARE(undo.users, (QStringList{QStringLiteral("ada"), QStringLiteral("dee")}));
            } else {
                QCOMPARE(undo.kind, DecisionKind::Reject);
                if (undo.reason.isEmpty()) {
                    sawNoReason = true;
                    QCOMPARE(undo.users, QStringList{QStringLiteral("cy")});
                } else {
                    sawReason = true;
                    QCOMPARE(undo.reason, QStringLiteral("Work e-mail, please."));
                    QCOMPARE(undo.users, QStringList{QStringLiteral("ben")});
                }
            }
        }
        QVERIFY(sawPending && sawReason && sawNoReason);
        QVERIFY(entry.irreversible().isEmpty());
    }

    void aGrantCannotBeUndone()
    {
        HistoryEntry entry;
        entry.applied = Decision{DecisionKind::Grant, {QStringLiteral("new"), QStringLiteral("old")}, {}};
        entry.before.insert(QStringLiteral("new"), {});
        entry.before.insert(QStringLiteral("old"), {QStringLiteral("pending"), {}});
        // Whether the grant created the request or not, the Hub has no way back from it.
        QCOMPARE(entry.irreversible(), (QStringList{QStringLiteral("new"), QStringLiteral("old")}));
        QVERIFY(entry.inverse().isEmpty());
    }

    void undoTextNamesKindAndCount_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("text");
        QTest::newRow("reject 3") << int(DecisionKind::Reject) << 3 << QStringLiteral("Undo reject of 3 requests");
        QTest::newRow("accept 1") << int(DecisionKind::Accept) << 1 << QStringLiteral("Undo accept of 1 request");
        QTest::newRow("cancel 2") << int(DecisionKind::Cancel) << 2 << QStringLiteral("Undo cancel of 2 requests");
        QTest::newRow("grant 1") << int(DecisionKind::Grant) << 1 << QStringLiteral("Undo grant to 1 user");
    }

    void undoTextNamesKindAndCount()
    {
        QFETCH(int, kind);
        QFETCH(int, count);
        QFETCH(QString, text);
        HistoryEntry entry;
        entry.applied.kind = DecisionKind(kind);
        for (int i = 0; i < count; ++i)
            entry.applied.users.append(QStringLiteral("user%1").arg(i));
        QCOMPARE(entry.undoText(), text);
    }

    void theStackIsLastInFirstOutAndBounded()
    {
        DecisionHistory history;
        QVERIFY(history.isEmpty());
        history.push(HistoryEntry{}); // nobody: ignored
        QVERIFY(history.isEmpty());
        for (int i = 0; i < DecisionHistory::maxEntries + 5; ++i) {
            HistoryEntry entry;
            entry.applied.users = {QStringLiteral("u%1").arg(i)};
            history.push(entry);
        }
        QCOMPARE(history.size(), DecisionHistory::maxEntries);
        QCOMPARE(history.pop().applied.users.first(), QStringLiteral("u%1").arg(DecisionHistory::maxEntries + 4));
        QCOMPARE(history.top().applied.users.first(), QStringLiteral("u%1").arg(DecisionHistory::maxEntries + 3));
    }

    void reportSummaries()
    {
        DecisionReport clean{QStringLiteral("Accept"), false, 1, {}, 0, false, {}};
        QCOMPARE(clean.summary(), QStringLiteral("Accept: 1 request done."));
        clean.done = 1234;
        QCOMPARE(clean.summary(), QStringLiteral("Accept: %1 requests done.").arg(QLocale().toString(1234)));
        DecisionReport partial{QStringLiteral("Reject"), false, 2, {{QStringLiteral("x"), QStringLiteral("why")}}, 3, true, {}};
        QCOMPARE(partial.summary(), QStringLiteral("Reject: 2 done, 1 refused by the Hub, 3 not done yet (cancelled)."));
    }

    void columnsPerTab()
    {
        AccessRequestModel model;
        model.setGateFields({GateField{QStringLiteral("Country"), GateField::Type::Country, {}, {}}});
        QCOMPARE(ReviewColumns::keyOf(model, AccessRequestModel::FirstFieldColumn), QStringLiteral("field:Country"));
        ReviewColumns columns(QStringLiteral("test/columns"));
        columns.resetToDefaults(QStringLiteral("pending"));
        QVERIFY(columns.isHidden(QStringLiteral("pending"), QStringLiteral("status")));
        QVERIFY(columns.isHidden(QStringLiteral("pending"), QStringLiteral("reviewed")));
        QVERIFY(!columns.isHidden(QStringLiteral("accepted"), QStringLiteral("reviewed")));
        QVERIFY(!columns.isHidden(QStringLiteral("reset"), QStringLiteral("status"))); // a status HubGate does not know
        columns.setHidden(QStringLiteral("pending"), QStringLiteral("field:Country"), true);
        columns.setHidden(QStringLiteral("pending"), QStringLiteral("reviewed"), false);
        QVERIFY(columns.isHidden(QStringLiteral("pending"), QStringLiteral("field:Country")));
        QVERIFY(!columns.isHidden(QStringLiteral("pending"), QStringLiteral("reviewed")));
        QVERIFY(!columns.isHidden(QStringLiteral("accepted"), QStringLiteral("field:Country")));
        columns.setHidden(QStringLiteral("pending"), QStringLiteral("user"), true); // never hidden
        QVERIFY(!columns.isHidden(QStringLiteral("pending"), QStringLiteral("user")));
        columns.resetToDefaults(QStringLiteral("pending"));
        QVERIFY(!columns.isHidden(QStringLiteral("pending"), QStringLiteral("field:Country")));
    }
};

QTEST_GUILESS_MAIN(ReviewHistoryTest)
#include "tst_review_history.moc"
