#include "publisherspage.h"

#include "publishers/publisherscope.h"
#include "publisherspanel.h"

#include <QVBoxLayout>

namespace hubgate {

PublishersPage::PublishersPage(HubClient *client, QWidget *parent)
    : RepoPage(parent)
    , m_panel(new PublishersPanel(client,
                                  tr("CI jobs matching a trusted publisher exchange their OIDC ID token for a "
                                     "short-lived token that writes to this repo only: no secret to store."),
                                  this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_panel);
    connect(m_panel, &PublishersPanel::loaded, this, &RepoPage::loaded);
}

void PublishersPage::showRepo(const RepoContext &context)
{
    m_panel->setScope(PublisherScope::forRepo(context.repo));
    m_stale = true;
}

void PublishersPage::activate()
{
    if (!m_stale)
        return;
    m_stale = false;
    m_panel->load();
}

void PublishersPage::reload()
{
    m_stale = false;
    m_panel->load();
}

bool PublishersPage::isLoading() const
{
    return m_stale || m_panel->isLoading();
}

} // namespace hubgate
