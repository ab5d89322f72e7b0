#pragma once
// Where commands write: results on stdout, messages and progress on stderr. Knows whether each
// is a terminal, so decoration (progress, cut cells) never ends up in a pipe or a file.

#include <QElapsedTimer>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <cstdio>

namespace hubgate::cli {

bool isTerminal(std::FILE *stream);

class Console
{
public:
    Console();
    ~Console();

    QTextStream &out() { return m_out; }
    bool outIsTerminal() const { return m_outIsTerminal; }
    bool errIsTerminal() const { return m_errIsTerminal; }

    // One sentence on stderr, as "hubgate: sentence".
    void error(const QString &sentence);
    // A line on stderr, as is (hints, summaries).
    void note(const QString &line);
    void flush();

    // The progress line: rewritten in place on stderr, only when stderr is a terminal; at most
    // ten updates a second. clearProgress() removes it before anything else is written there.
    void progress(const QString &text);
    void clearProgress();

private:
    QTextStream m_out;
    QTextStream m_err;
    bool m_outIsTerminal;
    bool m_errIsTerminal;
    bool m_progressShown = false;
    QElapsedTimer m_sinceProgress;
};

// Rows under a header, columns padded to the widest cell and two spaces apart; the last column
// is not padded. Control characters in cells become spaces so one row stays one line. With
// maxCellWidth > 0, longer cells are cut and end with "…".
void printTable(QTextStream &out, const QStringList &header, const QList<QStringList> &rows,
                int maxCellWidth = 0);

} // namespace hubgate::cli
