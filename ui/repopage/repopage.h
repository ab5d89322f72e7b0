#pragma once
// One page of the selected repo (Overview, Access requests, Settings, ...). The main window owns
// the tab bar, the View menu entries (Ctrl+1…9) and F5; a page only shows the repo it is given.
// A new page is one line in MainWindow::registerPages().

#include "hub/repo.h"

#include <QWidget>

#include <functional>
#include <optional>

namespace hubgate {

class ReviewSession;

// What a page knows about the repo it shows and who looks at it.
struct RepoContext
{
    RepoSummary repo;
    bool orgRepo = false; // owned by an organization the signed-in user belongs to
    QString userName;     // the signed-in user
    // Requests of a status for this repo when its lists are loaded, nullopt when not known.
    std::function<std::optional<int>(const QString &status)> requestCount;
    // The repo's request lists, loaded once for every page that shows them: the first call starts
    // loading them. Null when the window has no review page.
    std::function<ReviewSession *()> requests;
};

class RepoPage : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;

    // The tab's title, with its mnemonic ("Access &requests").
    virtual QString title() const = 0;
    // A new repo was selected. Pages with costly data defer loading until activate().
    virtual void showRepo(const RepoContext &context) = 0;
    // The page came to the front (after showRepo() for the current repo).
    virtual void activate() {}
    // F5: load the current repo's data again, keeping what the user looks at.
    virtual void reload() {}
    // Whether the page has its data for the current repo (screenshots wait for it).
    virtual bool isLoading() const { return false; }

Q_SIGNALS:
    // The page changed the repo on the Hub (gating): the window updates the list and other pages.
    void repoChanged(const hubgate::RepoSummary &repo);
    // The page has its data (or failed to load it).
    void loaded(bool ok);
};

} // namespace hubgate
