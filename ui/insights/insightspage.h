#pragma once
// Insights on a repo's access requests: requests over time by status, how long decisions take,
// the pending backlog, and the answers to the gate form's select, country and checkbox fields.
// Charts come from the request lists the review page loads (no second download) and are
// computed off the UI thread (InsightsEngine); each can be saved as PNG or SVG.

#include "insights/insightcharts.h"
#include "repopage/repopage.h"

#include <QPointer>

class QComboBox;
class QGridLayout;
class QLabel;
class QScrollArea;

namespace hubgate {

class ChartCard;
class InsightsEngine;
class ReviewSession;

class InsightsPage : public RepoPage
{
    Q_OBJECT
public:
    explicit InsightsPage(QWidget *parent = nullptr);

    QString title() const override { return tr("&Insights"); }
    void showRepo(const RepoContext &context) override;
    void activate() override;
    void reload() override;
    bool isLoading() const override;

    InsightsEngine *engine() const { return m_engine; }
    QComboBox *periodBox() const { return m_period; }
    // The charts shown, in page order (empty while there is nothing to show).
    QList<ChartCard *> cards() const { return m_cards; }
    QString emptyText() const; // the page's empty state, empty when charts are shown
    const Insights &insights() const { return m_insights; }

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void onComputed(const Insights &insights);
    void showMessage(const QString &text);
    void rebuildCharts();
    void arrangeCards();
    ChartCard *addCard(const QString &title);

    InsightsEngine *m_engine;
    RepoContext m_context;
    QPointer<ReviewSession> m_session;
    bool m_opened = false; // the current repo's lists were asked for
    bool m_haveResult = false;
    Insights m_insights;
    QComboBox *m_period;
    QLabel *m_summary;
    QLabel *m_message;
    QScrollArea *m_scroll;
    QWidget *m_content;
    QGridLayout *m_grid;
    QLabel *m_answersHeading;
    QLabel *m_noFields;
    QList<ChartCard *> m_cards;
    int m_columns = 0;
};

} // namespace hubgate
