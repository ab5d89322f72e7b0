#include "gatesavedialog.h"

#include "card/linediff.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTextCursor>
#include <QVBoxLayout>

namespace hubgate {

GateSaveDialog::GateSaveDialog(const QByteArray &before, const QByteArray &after, const QString &branch, QWidget *parent)
    : QDialog(parent)
    , m_diff(new QPlainTextEdit(this))
    , m_summary(new QLineEdit(tr("Update the gate form"), this))
    , m_commit(new QPushButton(tr("&Commit to %1").arg(branch), this))
    , m_pullRequest(new QPushButton(tr("Open a &pull request instead"), this))
{
    setWindowTitle(tr("Save the gate form"));
    setAttribute(Qt::WA_DeleteOnClose);
    m_diff->setObjectName(QStringLiteral("gateDiff"));
    m_diff->setReadOnly(true);
    m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_summary->setObjectName(QStringLiteral("commitSummary"));
    m_commit->setObjectName(QStringLiteral("commitGate"));
    m_pullRequest->setObjectName(QStringLiteral("pullRequestGate"));
    m_commit->setDefault(true);

    // Every line of the README, so nothing is hidden; the line breaks themselves are not shown.
    QTextCursor cursor(m_diff->document());
    QTextCharFormat same, removed, added;
    removed.setForeground(QColor(0xa0, 0x10, 0x10));
    removed.setBackground(QColor(0xff, 0xe4, 0xe4));
    added.setForeground(QColor(0x10, 0x6a, 0x20));
    added.setBackground(QColor(0xe2, 0xf7, 0xe2));
    int changes = 0;
    bool first = true;
    for (const DiffLine &line : diffLines(before, after)) {
        QByteArray text = line.text;
        while (text.endsWith('\n') || text.endsWith('\r'))
            text.chop(1);
        const char mark = line.kind == DiffLine::Kind::Added ? '+' : line.kind == DiffLine::Kind::Removed ? '-' : ' ';
        if (!first)
            cursor.insertText(QStringLiteral("\n"), same);
        first = false;
        cursor.insertText(QString(QLatin1Char(mark)) + QLatin1Char(' ') + QString::fromUtf8(text),
                          line.kind == DiffLine::Kind::Added ? added : line.kind == DiffLine::Kind::Removed ? removed : same);
        changes += line.kind != DiffLine::Kind::Same;
    }

    auto *note = new QLabel(tr("README.md: %Ln line(s) removed or added. Other lines stay byte for byte.", nullptr, changes), this);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_commit, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_pullRequest, QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    auto *form = new QFormLayout;
    form->addRow(tr("Commit &message:"), m_summary);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addWidget(m_diff, 1);
    layout->addLayout(form);
    layout->addWidget(buttons);
    resize(760, 520);

    connect(m_commit, &QPushButton::clicked, this, [this] {
        Q_EMIT saveRequested(false, summary());
        close();
    });
    connect(m_pullRequest, &QPushButton::clicked, this, [this] {
        Q_EMIT saveRequested(true, summary());
        close();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    // Scroll to the first change.
    const int firstChange = int(m_diff->toPlainText().indexOf(QRegularExpression(QStringLiteral("^[+-] "), QRegularExpression::MultilineOption)));
    QTextCursor at(m_diff->document());
    at.setPosition(qMax(0, firstChange));
    m_diff->setTextCursor(at);
    m_diff->centerCursor();
}

QString GateSaveDialog::summary() const
{
    const QString text = m_summary->text().trimmed();
    return text.isEmpty() ? tr("Update the gate form") : text;
}

} // namespace hubgate
