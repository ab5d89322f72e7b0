#pragma once
// A repo's trusted publishers: which CI jobs may exchange their OIDC ID token for a token that
// writes to this repo, the CI configuration for each, and the token debugger.

#include "repopage/repopage.h"

namespace hubgate {

class HubClient;
class PublishersPanel;

class PublishersPage : public RepoPage
{
    Q_OBJECT
public:
    explicit PublishersPage(HubClient *client, QWidget *parent = nullptr);

    QString title() const override { return tr("&Publishers"); }
    void showRepo(const RepoContext &context) override;
    void activate() override;
    void reload() override;
    bool isLoading() const override;
    PublishersPanel *panel() const { return m_panel; }

private:
    PublishersPanel *m_panel;
    bool m_stale = true; // the list is not loaded for the current repo yet
};

} // namespace hubgate
