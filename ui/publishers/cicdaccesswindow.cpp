#include "cicdaccesswindow.h"

#include "publishers/publisherscope.h"
#include "publisherspanel.h"

#include <QVBoxLayout>

namespace hubgate {

CiCdAccessWindow::CiCdAccessWindow(HubClient *client, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_panel(new PublishersPanel(client,
                                  tr("CI jobs matching one of your publishers get a read-only token for your "
                                     "account: it reads public repos and the gated repos you were accepted to, "
                                     "never your private repos, and cannot write."),
                                  this))
{
    setObjectName(QStringLiteral("cicdAccessWindow"));
    setWindowTitle(tr("CI/CD Access"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_panel);
    resize(900, 620);
}

void CiCdAccessWindow::showUser(const QString &userName)
{
    setWindowTitle(tr("CI/CD Access of %1").arg(userName));
    m_panel->setScope(PublisherScope::forUser(userName));
    m_panel->load();
}

} // namespace hubgate
