#include "console.h"

#include <QIODevice>
#include <QList>

#include <unistd.h>

namespace hubgate::cli {

bool isTerminal(std::FILE *stream)
{
    return ::isatty(::fileno(stream)) == 1;
}

Console::Console()
    : m_out(stdout, QIODevice::WriteOnly)
    , m_err(stderr, QIODevice::WriteOnly)
    , m_outIsTerminal(isTerminal(stdout))
    , m_errIsTerminal(isTerminal(stderr))
{
}

Console::~Console()
{
    clearProgress();
    flush();
}

void Console::error(const QString &sentence)
{
    clearProgress();
    m_err << QStringLiteral("hubgate: ") << sentence << Qt::endl;
}

void Console::note(const QString &line)
{
    clearProgress();
    m_err << line << Qt::endl;
}

void Console::flush()
{
    m_out.flush();
    m_err.flush();
}

void Console::progress(const QString &text)
{
    if (!m_errIsTerminal)
        return;
    if (m_progressShown && m_sinceProgress.isValid() && m_sinceProgress.elapsed() < 100)
        return;
    m_sinceProgress.start();
    m_progressShown = true;
    m_err << QStringLiteral("\r\x1b[K") << text; // back to column 0, erase the old line
    m_err.flush();
}

void Console::clearProgress()
{
    if (!m_progressShown)
        return;
    m_progressShown = false;
    m_err << QStringLiteral("\r\x1b[K");
    m_err.flush();
}

namespace {

QString oneLine(const QString &cell, int maxWidth)
{
    QString text = cell;
    for (QChar &c : text) {
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
            c = u' ';
    }
    if (maxWidth > 0 && text.size() > maxWidth)
        text = text.left(maxWidth - 1) + u'…';
    return text;
}

} // namespace

void printTable(QTextStream &out, const QStringList &header, const QList<QStringList> &rows, int maxCellWidth)
{
    QList<QStringList> lines;
    lines.reserve(rows.size() + 1);
    lines.append(header);
    lines.append(rows);
    QList<qsizetype> widths(header.size(), 0);
    for (QStringList &line : lines) {
        line.resize(header.size());
        for (qsizetype column = 0; column < line.size(); ++column) {
            line[column] = oneLine(line[column], maxCellWidth);
            widths[column] = qMax(widths[column], line[column].size());
        }
    }
    for (const QStringList &line : std::as_const(lines)) {
        QString text;
        for (qsizetype column = 0; column < line.size(); ++column) {
            if (column + 1 < line.size())
                text += line[column].leftJustified(widths[column] + 2, u' ');
            else
                text += line[column];
        }
        while (text.endsWith(u' ')) // empty trailing cells
            text.chop(1);
        out << text << u'\n';
    }
}

} // namespace hubgate::cli
