#include "chartcard.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QSvgGenerator>
#include <QVBoxLayout>

namespace hubgate {

ChartCard::ChartCard(const QString &title, QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(title, this))
    , m_note(new QLabel(this))
    , m_save(new QPushButton(tr("Save As…"), this))
    , m_view(new QChartView(this))
{
    setFrameShape(QFrame::StyledPanel);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true); // a long form question must not widen the page
    m_note->setTextFormat(Qt::PlainText);
    m_note->setWordWrap(true);
    m_note->hide();
    m_save->setToolTip(tr("Save this chart as a PNG or SVG image"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumWidth(300);
    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_note);
    layout->addWidget(m_view, 1);
    connect(m_save, &QPushButton::clicked, this, &ChartCard::askWhereToSave);
}

QString ChartCard::title() const
{
    return m_title->text();
}

void ChartCard::setChart(QChart *chart, int minimumHeight)
{
    QChart *old = m_view->chart();
    m_view->setChart(chart); // the view does not delete the chart it showed
    delete old;
    m_view->setMinimumHeight(minimumHeight);
    fitTimeAxis();
}

void ChartCard::resizeEvent(QResizeEvent *event)
{
    QFrame::resizeEvent(event);
    fitTimeAxis();
}

void ChartCard::fitTimeAxis()
{
    // As many date labels as fit side by side, so none is cut short.
    const QList<QAbstractAxis *> axes = m_view->chart()->axes(Qt::Horizontal);
    for (QAbstractAxis *axis : axes) {
        if (auto *time = qobject_cast<QDateTimeAxis *>(axis))
            time->setTickCount(std::clamp((m_view->width() - 80) / 90, 2, 10));
    }
}

void ChartCard::setNote(const QString &note)
{
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

bool ChartCard::save(const QString &path, QString *error) const
{
    if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(m_view->size());
        svg.setViewBox(m_view->rect());
        svg.setTitle(title());
        QPainter painter;
        if (!painter.begin(&svg)) {
            *error = tr("The file could not be written.");
            return false;
        }
        m_view->render(&painter);
        return painter.end();
    }
    if (!m_view->grab().save(path, "PNG")) {
        *error = tr("The file could not be written.");
        return false;
    }
    return true;
}

void ChartCard::askWhereToSave()
{
    const QString pngFilter = tr("PNG image (*.png)");
    const QString svgFilter = tr("SVG image (*.svg)");
    QString name = title().toLower();
    name.replace(QRegularExpression(QStringLiteral("[^\\w]+")), QStringLiteral("-"));
    auto *dialog = new QFileDialog(window(), tr("Save Chart"),
                                   QDir(QStandardPaths::writableLocation(QStandardPaths::PicturesLocation))
                                       .filePath(name + QStringLiteral(".png")),
                                   pngFilter + QStringLiteral(";;") + svgFilter);
    dialog->setObjectName(QStringLiteral("saveChartDialog"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("png"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::filterSelected, dialog, [dialog, svgFilter](const QString &filter) {
        dialog->setDefaultSuffix(filter == svgFilter ? QStringLiteral("svg") : QStringLiteral("png"));
    });
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        QString error;
        const bool ok = save(path, &error);
        if (!ok) {
            auto *box = new QMessageBox(QMessageBox::Warning, tr("Save Chart"),
                                        tr("Could not save %1: %2").arg(path, error), QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }
        Q_EMIT saved(path, ok);
    });
    dialog->open(); // not exec(): no nested event loop
}

} // namespace hubgate
