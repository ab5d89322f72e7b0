#pragma once
// One chart of the insights page: a title, a note below it, the chart, and "Save As…" (PNG or
// SVG, from a non-modal file dialog).

#include <QFrame>

class QChart;
class QChartView;
class QLabel;
class QPushButton;

namespace hubgate {

class ChartCard : public QFrame
{
    Q_OBJECT
public:
    ChartCard(const QString &title, QWidget *parent = nullptr);

    void setChart(QChart *chart, int minimumHeight = 280); // takes ownership
    void setNote(const QString &note);
    QChartView *view() const { return m_view; }
    QString title() const;

    // Writes the chart as shown: SVG for a path ending in .svg, PNG otherwise. *error gets why not.
    bool save(const QString &path, QString *error) const;
    // Opens the non-modal file dialog.
    void askWhereToSave();

Q_SIGNALS:
    void saved(const QString &path, bool ok);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitTimeAxis();

    QLabel *m_title;
    QLabel *m_note;
    QPushButton *m_save;
    QChartView *m_view;
};

} // namespace hubgate
