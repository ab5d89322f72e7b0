#pragma once
// Reads exported CSV back with Python's csv module (the reader scripts will use), so the tests
// do not check the writer against a reader of our own.

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStringList>
#include <QTest>

namespace reportstest {

// The rows of a CSV file as Python's csv.reader sees them (utf-8-sig: a BOM is dropped), or an
// empty list with *error set.
inline QList<QStringList> readCsvWithPython(const QString &path, QString *error)
{
    static const char *script = "import csv, json, sys\n"
                                "with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:\n"
                                "    rows = list(csv.reader(f, strict=True))\n"
                                "sys.stdout.write(json.dumps(rows))\n";
    QProcess python;
    python.start(QStringLiteral(PYTHON3),
                 {QStringLiteral("-c"), QString::fromLatin1(script), path});
    if (!python.waitForFinished(60000) || python.exitStatus() != QProcess::NormalExit ||
        python.exitCode() != 0) {
        *error = QString::fromUtf8(python.readAllStandardError());
        return {};
    }
    QList<QStringList> rows;
    const QJsonArray array = QJsonDocument::fromJson(python.readAllStandardOutput()).array();
    for (const QJsonValue &row : array) {
        QStringList cells;
        for (const QJsonValue &cell : row.toArray())
            cells << cell.toString();
        rows << cells;
    }
    return rows;
}

} // namespace reportstest
