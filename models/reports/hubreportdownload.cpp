#include "hubreportdownload.h"

#include "hub/hubclient.h"
#include "hub/repo.h"

namespace hubgate {

HubJob *downloadHubReport(HubClient *client, const RepoSummary &repo)
{
    return client->get(repo.webPath() + QStringLiteral("/user-access-report"), {}, repo.id);
}

} // namespace hubgate
