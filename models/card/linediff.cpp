#include "linediff.h"

#include <algorithm>
#include <vector>

namespace hubgate {

namespace {

using Lines = QList<QByteArray>;

// The shortest edit script between a[a0, a1) and b[b0, b1), as Same/Removed/Added kinds.
std::vector<DiffLine::Kind> myers(const Lines &a, qsizetype a0, qsizetype a1, const Lines &b, qsizetype b0, qsizetype b1)
{
    const qsizetype n = a1 - a0, m = b1 - b0, max = n + m;
    std::vector<qsizetype> v(std::size_t(2 * max + 3), 0);
    std::vector<std::vector<qsizetype>> trace;
    const qsizetype offset = max + 1;
    for (qsizetype d = 0; d <= max; ++d) {
        trace.push_back(v);
        for (qsizetype k = -d; k <= d; k += 2) {
            qsizetype x = (k == -d || (k != d && v[std::size_t(offset + k - 1)] < v[std::size_t(offset + k + 1)]))
                              ? v[std::size_t(offset + k + 1)]
                              : v[std::size_t(offset + k - 1)] + 1;
            qsizetype y = x - k;
            while (x < n && y < m && a.at(a0 + x) == b.at(b0 + y)) {
                ++x;
                ++y;
            }
            v[std::size_t(offset + k)] = x;
            if (x >= n && y >= m) {
                // Walk back through the saved frontiers.
                std::vector<DiffLine::Kind> script;
                for (qsizetype back = d; back > 0; --back) {
                    const std::vector<qsizetype> &pv = trace[std::size_t(back)];
                    const qsizetype kk = x - y;
                    const bool down = kk == -back || (kk != back && pv[std::size_t(offset + kk - 1)] < pv[std::size_t(offset + kk + 1)]);
                    const qsizetype prevK = down ? kk + 1 : kk - 1;
                    const qsizetype prevX = pv[std::size_t(offset + prevK)];
                    const qsizetype prevY = prevX - prevK;
                    while (x > prevX && y > prevY) {
                        script.push_back(DiffLine::Kind::Same);
                        --x;
                        --y;
                    }
                    script.push_back(down ? DiffLine::Kind::Added : DiffLine::Kind::Removed);
                    x = prevX;
                    y = prevY;
                }
                while (x > 0 && y > 0) {
                    script.push_back(DiffLine::Kind::Same);
                    --x;
                    --y;
                }
                std::reverse(script.begin(), script.end());
                return script;
            }
        }
    }
    return {};
}

QByteArray range(int start, int count)
{
    // A hunk with no lines on one side names the line before it.
    const int first = count == 0 ? start - 1 : start;
    return QByteArray::number(std::max(0, first)) + ',' + QByteArray::number(count);
}

void appendLine(QByteArray &out, char marker, const QByteArray &text)
{
    out += marker + text;
    if (!text.endsWith('\n'))
        out += "\n\\ No newline at end of file\n";
}

} // namespace

QList<QByteArray> splitLines(const QByteArray &text)
{
    QList<QByteArray> lines;
    for (qsizetype at = 0; at < text.size();) {
        const qsizetype lf = text.indexOf('\n', at);
        const qsizetype end = lf < 0 ? text.size() : lf + 1;
        lines << text.mid(at, end - at);
        at = end;
    }
    return lines;
}

QList<DiffLine> diffLines(const QByteArray &before, const QByteArray &after)
{
    const Lines a = splitLines(before), b = splitLines(after);
    qsizetype prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.at(prefix) == b.at(prefix))
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
           a.at(a.size() - 1 - suffix) == b.at(b.size() - 1 - suffix))
        ++suffix;
    std::vector<DiffLine::Kind> script(std::size_t(prefix), DiffLine::Kind::Same);
    const std::vector<DiffLine::Kind> middle = myers(a, prefix, a.size() - suffix, b, prefix, b.size() - suffix);
    script.insert(script.end(), middle.begin(), middle.end());
    script.insert(script.end(), std::size_t(suffix), DiffLine::Kind::Same);

    QList<DiffLine> lines;
    int i = 0, j = 0;
    for (const DiffLine::Kind kind : script) {
        DiffLine line;
        line.kind = kind;
        if (kind != DiffLine::Kind::Added)
            line.oldLine = ++i;
        if (kind != DiffLine::Kind::Removed)
            line.newLine = ++j;
        line.text = kind == DiffLine::Kind::Added ? b.at(j - 1) : a.at(i - 1);
        lines << line;
    }
    return lines;
}

QByteArray unifiedDiff(const QByteArray &before, const QByteArray &after, const QByteArray &name, int context)
{
    const QList<DiffLine> lines = diffLines(before, after);
    QByteArray out;
    for (qsizetype at = 0; at < lines.size();) {
        if (lines.at(at).kind == DiffLine::Kind::Same) {
            ++at;
            continue;
        }
        // A hunk: from `context` lines before this change to `context` lines after the last
        // change that follows within 2 * context unchanged lines.
        const qsizetype begin = std::max<qsizetype>(0, at - context);
        qsizetype end = at;
        for (qsizetype same = 0; end < lines.size() && same <= 2 * context; ++end)
            same = lines.at(end).kind == DiffLine::Kind::Same ? same + 1 : 0;
        while (end > at && lines.at(end - 1).kind == DiffLine::Kind::Same)
            --end;
        const qsizetype hunkEnd = std::min(lines.size(), end + context);
        int oldStart = 0, newStart = 0, oldCount = 0, newCount = 0;
        int oldBefore = 0, newBefore = 0; // lines of each text before the hunk
        for (qsizetype k = 0; k < begin; ++k) {
            oldBefore += lines.at(k).kind != DiffLine::Kind::Added;
            newBefore += lines.at(k).kind != DiffLine::Kind::Removed;
        }
        QByteArray body;
        for (qsizetype k = begin; k < hunkEnd; ++k) {
            const DiffLine &line = lines.at(k);
            oldCount += line.kind != DiffLine::Kind::Added;
            newCount += line.kind != DiffLine::Kind::Removed;
            appendLine(body, line.kind == DiffLine::Kind::Same ? ' ' : line.kind == DiffLine::Kind::Removed ? '-' : '+',
                       line.text);
        }
        oldStart = oldBefore + 1;
        newStart = newBefore + 1;
        if (out.isEmpty())
            out += "--- a/" + name + "\n+++ b/" + name + "\n";
        out += "@@ -" + range(oldStart, oldCount) + " +" + range(newStart, newCount) + " @@\n" + body;
        at = hunkEnd;
    }
    return out;
}

} // namespace hubgate
