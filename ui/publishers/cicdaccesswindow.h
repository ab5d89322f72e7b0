#pragma once
// "CI/CD access" for the signed-in user: publishers whose jobs get a read-only token that opens
// the gated repos the user was accepted to. A window of its own, not modal.

#include <QWidget>

namespace hubgate {

class HubClient;
class PublishersPanel;

class CiCdAccessWindow : public QWidget
{
    Q_OBJECT
public:
    explicit CiCdAccessWindow(HubClient *client, QWidget *parent = nullptr);

    // Shows the user's publishers, loading them again.
    void showUser(const QString &userName);
    PublishersPanel *panel() const { return m_panel; }

private:
    PublishersPanel *m_panel;
};

} // namespace hubgate
