// The insights page in the main window on the emulator's demo data: every chart has data, a
// screenshot is not blank, charts save as PNG and SVG, empty states, a narrow window scrolls.
#include "demowindow.h"

#include "insights/chartcard.h"
#include "insights/insightsengine.h"
#include "insights/insightspage.h"
#include "access/accessrequestmodel.h"
#include "review/reviewsession.h"

#include <QAbstractBarSeries>
#include <QAreaSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QImage>
#include <QLabel>
#include <QLineSeries>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QTabWidget>
#include <QTemporaryDir>

using namespace hubgate;
using insightstest::DemoWindow;

namespace {

// The data points (or bar total) of a series.
double dataOf(QAbstractSeries *series)
{
    if (auto *area = qobject_cast<QAreaSeries *>(series)) {
        double sum = 0;
        for (const QPointF &point : area->upperSeries()->points())
            sum += point.y();
        return sum;
    }
    if (auto *line = qobject_cast<QLineSeries *>(series))
        return double(line->count());
    if (auto *bars = qobject_cast<QAbstractBarSeries *>(series)) {
        double sum = 0;
        for (QBarSet *set : bars->barSets())
            sum += set->sum();
        return sum;
    }
    return 0;
}

int colourCount(const QImage &image, int enough)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3) {
            colours.insert(image.pixel(x, y));
            if (colours.size() >= enough)
                return int(colours.size());
        }
    }
    return int(colours.size());
}

} // namespace

class TestUiInsights : public QObject
{
    Q_OBJECT
    DemoWindow demo;

    InsightsPage *openInsights(const QString &repoKey)
    {
        auto *page = demo.page<InsightsPage>();
        if (!page)
            return nullptr;
        if (!demo.window->repoBrowser()->selectKey(repoKey))
            return nullptr;
        demo.window->repoTabs()->setCurrentWidget(page);
        if (!QTest::qWaitFor([page] { return !page->isLoading(); }, 30000))
            return nullptr;
        return page;
    }

private Q_SLOTS:
    void init()
    {
        QString problem;
        QVERIFY2(demo.start(&problem), qPrintable(problem));
    }

    void cleanup() { demo.stop(); }

    void everyChartHasDataAndTheScreenshotIsNotBlank()
    {
        InsightsPage *page = openInsights(QStringLiteral("models/nimbus-ai/nimbus-7b"));
        QVERIFY(page);
        QVERIFY2(page->emptyText().isEmpty(), qPrintable(page->emptyText()));
        const QList<ChartCard *> cards = page->cards();
        // Three charts over time, then the form's select, country and checkbox fields.
        QVERIFY2(cards.size() >= 5, qPrintable(QString::number(cards.size())));
        QCOMPARE(page->insights().requestCount, demo.window->reviewPage()->model()->rowCount());
        bool country = false;
        for (ChartCard *card : cards) {
            QChart *chart = card->view()->chart();
            QVERIFY2(!chart->series().isEmpty(), qPrintable(card->title()));
            for (QAbstractSeries *series : chart->series())
                QVERIFY2(dataOf(series) > 0, qPrintable(card->title() + QLatin1String(": ") + series->name()));
            country = country || card->title() == QLatin1String("Country");
        }
        QVERIFY(country);
        // The lists were loaded once, by the review session both pages share.
        QCOMPARE(page->insights().repoKey, demo.window->reviewPage()->session()->repo().key());

        demo.window->resize(1400, 900);
        QTest::qWait(100);
        const QImage shot = demo.window->grab().toImage();
        const QString path = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("insights-screenshot.png"));
        QVERIFY(shot.save(path));
        QVERIFY(QFileInfo(path).size() > 0);
        QVERIFY(colourCount(shot, 20) >= 20);
        for (ChartCard *card : cards) {
            if (!card->visibleRegion().isEmpty()) // drawn, not scrolled away
                QVERIFY2(colourCount(card->view()->grab().toImage(), 5) >= 5, qPrintable(card->title()));
        }
    }

    void chartsFollowThePeriod()
    {
        InsightsPage *page = openInsights(QStringLiteral("models/nimbus-ai/nimbus-7b"));
        QVERIFY(page);
        const int weeks = int(page->insights().requests.periods.size());
        QSignalSpy computed(page->engine(), &InsightsEngine::computed);
        page->periodBox()->setCurrentIndex(page->periodBox()->findData(int(InsightPeriod::Day)));
        QVERIFY(computed.wait(10000));
        QCOMPARE(page->insights().period, InsightPeriod::Day);
        QVERIFY(page->insights().requests.periods.size() > weeks * 6);
        QCOMPARE(page->cards().constFirst()->title(), QStringLiteral("Requests per day"));
    }

    void chartsSaveAsPngAndSvg()
    {
        InsightsPage *page = openInsights(QStringLiteral("models/nimbus-ai/nimbus-7b"));
        QVERIFY(page);
        QTemporaryDir dir;
        ChartCard *card = page->cards().constFirst();
        QString error;
        const QString png = dir.filePath(QStringLiteral("requests.png"));
        QVERIFY2(card->save(png, &error), qPrintable(error));
        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(colourCount(image, 5) >= 5);
        // Through the non-modal file dialog, as a user would.
        QSignalSpy saved(card, &ChartCard::saved);
        card->askWhereToSave();
        auto *dialog = demo.window->findChild<QFileDialog *>(QStringLiteral("saveChartDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        const QString svg = dir.filePath(QStringLiteral("requests.svg"));
        dialog->selectFile(svg);
        static_cast<QDialog *>(dialog)->accept(); // public there
        QVERIFY(saved.wait(5000) || saved.size() == 1);
        QCOMPARE(saved.constFirst().at(1).toBool(), true);
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("<svg"));
        QVERIFY(text.contains("Requests per week"));
    }

    void emptyStates()
    {
        InsightsPage *page = openInsights(QStringLiteral("datasets/nimbus-ai/clean-web-2t"));
        QVERIFY(page);
        QVERIFY(page->emptyText().isEmpty());
        QVERIFY(page->findChild<QLabel *>(QStringLiteral("insightsNoFields"))->isVisible());
        QCOMPARE(page->cards().size(), 3);

        page = openInsights(QStringLiteral("models/mira-patel/sketch-diffusion"));
        QVERIFY(page);
        QTRY_COMPARE(page->emptyText(), QStringLiteral("No requests yet."));
    }

    void aNarrowWindowScrollsInsteadOfSquashing()
    {
        InsightsPage *page = openInsights(QStringLiteral("models/nimbus-ai/nimbus-7b"));
        QVERIFY(page);
        demo.window->resize(700, 600);
        QTest::qWait(200);
        auto *scroll = page->findChild<QScrollArea *>();
        QVERIFY(scroll);
        QVERIFY(scroll->verticalScrollBar()->maximum() > 0);
        for (ChartCard *card : page->cards()) {
            QVERIFY2(card->height() >= card->minimumSizeHint().height(), qPrintable(card->title()));
            QVERIFY2(card->view()->width() >= card->view()->minimumWidth(), qPrintable(card->title()));
            QVERIFY2(card->geometry().right() < scroll->viewport()->width() || scroll->horizontalScrollBar()->maximum() > 0,
                     qPrintable(card->title())); // either fits or scrolls sideways
        }
        const QImage shot = demo.window->grab().toImage();
        QVERIFY(shot.save(QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("insights-narrow.png"))));
    }
};

QTEST_MAIN(TestUiInsights)
#include "tst_ui_insights.moc"
