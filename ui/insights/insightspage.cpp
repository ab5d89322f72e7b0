#include "insightspage.h"

#include "chartcard.h"
#include "insightchartfactory.h"
#include "insights/insightsengine.h"
#include "review/reviewsession.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QVBoxLayout>

namespace hubgate {

namespace {

constexpr int TwoColumnsFrom = 1000; // page width in pixels from which charts go side by side

QString durationText(double hours)
{
    if (hours < 1)
        return InsightsPage::tr("%Ln minute(s)", nullptr, int(hours * 60 + 0.5));
    if (hours < 48)
        return InsightsPage::tr("%1 h").arg(QLocale().toString(hours, 'f', 1));
    return InsightsPage::tr("%1 days").arg(QLocale().toString(hours / 24, 'f', 1));
}

} // namespace

InsightsPage::InsightsPage(QWidget *parent)
    : RepoPage(parent)
    , m_engine(new InsightsEngine(this))
    , m_period(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_message(new QLabel(this))
    , m_scroll(new QScrollArea(this))
    , m_content(new QWidget)
    , m_grid(new QGridLayout(m_content))
    , m_answersHeading(new QLabel(tr("Answers to the gate form"), m_content))
    , m_noFields(new QLabel(tr("This form has no select, country or checkbox fields."), m_content))
{
    setObjectName(QStringLiteral("insightsPage"));
    m_period->setObjectName(QStringLiteral("insightsPeriod"));
    m_period->addItem(tr("Per week"), int(InsightPeriod::Week));
    m_period->addItem(tr("Per day"), int(InsightPeriod::Day));
    m_summary->setObjectName(QStringLiteral("insightsSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("insightsMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    QFont headingFont = m_answersHeading->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.15);
    m_answersHeading->setFont(headingFont);
    m_noFields->setObjectName(QStringLiteral("insightsNoFields"));
    m_noFields->setWordWrap(true);
    // Narrow windows scroll instead of squashing the charts.
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidget(m_content);

    auto *periodLabel = new QLabel(tr("&Group:"), this);
    periodLabel->setBuddy(m_period);
    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(periodLabel);
    top->addWidget(m_period);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_message, 1);
    layout->addWidget(m_scroll, 1);

    m_engine->setActive(false);
    connect(m_period, &QComboBox::currentIndexChanged, this, [this] {
        m_engine->setPeriod(InsightPeriod(m_period->currentData().toInt()));
    });
    connect(m_engine, &InsightsEngine::computed, this, &InsightsPage::onComputed);
    showMessage(tr("Select a repository on the left."));
}

void InsightsPage::showRepo(const RepoContext &context)
{
    const bool sameRepo = context.repo.key() == m_context.repo.key();
    m_context = context;
    if (sameRepo)
        return;
    m_opened = false;
    m_haveResult = false;
    m_insights = Insights();
    m_engine->setModel(nullptr, QString()); // drops what is computed for the previous repo
    m_summary->clear();
    showMessage(tr("Loading access requests…"));
    if (isVisible())
        activate();
}

void InsightsPage::activate()
{
    if (m_opened || m_context.repo.id.isEmpty())
        return;
    m_opened = true;
    ReviewSession *session = m_context.requests ? m_context.requests() : nullptr;
    if (!session) {
        showMessage(tr("The access requests of this repository are not available."));
        return;
    }
    if (session != m_session) {
        m_session = session;
        connect(session, &ReviewSession::loadFinished, this, [this](bool ok, const QString &message) {
            if (ok) {
                m_engine->refresh(); // the last rows may have come while "loading" was shown
                return;
            }
            if (!m_haveResult) {
                m_haveResult = true;
                showMessage(message.isEmpty() ? tr("The access requests could not be loaded.") : message);
                Q_EMIT loaded(false);
            }
        });
    }
    m_engine->setModel(session->model(), m_context.repo.key());
    m_engine->setActive(true);
}

void InsightsPage::reload()
{
    if (m_session && m_opened)
        m_session->reload();
    else
        activate();
}

bool InsightsPage::isLoading() const
{
    return m_opened && (!m_haveResult || m_engine->isComputing() || (m_session && m_session->isLoading()));
}

QString InsightsPage::emptyText() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

void InsightsPage::showEvent(QShowEvent *event)
{
    RepoPage::showEvent(event);
    if (m_opened)
        m_engine->setActive(true);
}

void InsightsPage::hideEvent(QHideEvent *event)
{
    RepoPage::hideEvent(event);
    m_engine->setActive(false); // no charts computed for a page nobody looks at
}

void InsightsPage::resizeEvent(QResizeEvent *event)
{
    RepoPage::resizeEvent(event);
    arrangeCards();
}

void InsightsPage::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->show();
    m_scroll->hide();
}

void InsightsPage::onComputed(const Insights &insights)
{
    if (insights.repoKey != m_context.repo.key())
        return; // computed for a repo no longer shown
    const bool loading = m_session && m_session->isLoading();
    m_insights = insights;
    m_haveResult = !loading || insights.requestCount > 0;
    if (insights.requestCount == 0) {
        m_summary->clear();
        showMessage(loading ? tr("Loading access requests…") : tr("No requests yet."));
    } else {
        QString summary = tr("%Ln request(s)", nullptr, insights.requestCount);
        if (insights.latency.decided > 0)
            summary += tr(" · half decided within %1, 90% within %2")
                           .arg(durationText(insights.latency.medianHours),
                                durationText(insights.latency.p90Hours));
        if (loading)
            summary += tr(" · loading…");
        m_summary->setText(summary);
        rebuildCharts();
        m_message->hide();
        m_scroll->show();
    }
    if (m_haveResult)
        Q_EMIT loaded(true);
}

ChartCard *InsightsPage::addCard(const QString &title)
{
    auto *card = new ChartCard(title, m_content);
    m_cards.append(card);
    return card;
}

void InsightsPage::rebuildCharts()
{
    qDeleteAll(m_cards);
    m_cards.clear();
    const InsightPeriod period = m_insights.period;
    addCard(period == InsightPeriod::Day ? tr("Requests per day") : tr("Requests per week"))
        ->setChart(InsightChartFactory::requestsChart(m_insights.requests, period));
    ChartCard *latency = addCard(tr("Time to a decision"));
    latency->setChart(InsightChartFactory::latencyChart(m_insights.latency, period));
    latency->setNote(m_insights.latency.decided == 0
                         ? tr("No request has been decided yet.")
                         : tr("Of the requests decided in each period: how long they waited."));
    addCard(tr("Pending requests"))->setChart(InsightChartFactory::backlogChart(m_insights.backlog, period));
    for (const AnswerDistribution &answers : std::as_const(m_insights.answers)) {
        const int bars = InsightChartFactory::answerBarCount(answers);
        ChartCard *card = addCard(answers.field.name);
        card->setChart(InsightChartFactory::answersChart(answers), std::max(200, 70 + 26 * bars));
        card->setNote(InsightChartFactory::answersNote(answers));
    }
    m_noFields->setVisible(m_insights.answers.isEmpty());
    m_columns = 0; // lay out again
    arrangeCards();
}

void InsightsPage::arrangeCards()
{
    const int columns = width() >= TwoColumnsFrom ? 2 : 1;
    if (columns == m_columns || m_cards.isEmpty())
        return;
    m_columns = columns;
    while (m_grid->count() > 0)
        delete m_grid->takeAt(0); // the widgets stay; only their places change
    for (int r = 0; r < m_grid->rowCount(); ++r)
        m_grid->setRowStretch(r, 0);
    constexpr int timeCharts = 3;
    int row = 0;
    for (int i = 0; i < timeCharts; ++i) {
        // Requests over time is the widest: it gets a full row.
        const int span = i == 0 ? columns : 1;
        const int column = i == 0 ? 0 : (i - 1) % columns;
        m_grid->addWidget(m_cards[i], row, column, 1, span);
        if (i == 0 || column == columns - 1 || i == timeCharts - 1)
            ++row;
    }
    m_grid->addWidget(m_answersHeading, row++, 0, 1, columns);
    m_grid->addWidget(m_noFields, row++, 0, 1, columns);
    for (int i = timeCharts; i < m_cards.size(); ++i) {
        const int column = (i - timeCharts) % columns;
        m_grid->addWidget(m_cards[i], row, column);
        if (column == columns - 1)
            ++row;
    }
    m_grid->setRowStretch(row + 1, 1);
}

} // namespace hubgate
