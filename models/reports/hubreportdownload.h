#pragma once
// The Hub's own access report of a repo (GET /{repo}/user-access-report), saved as it comes:
// `hubgate export --format hub` and the window's Export dialog both start it here.

namespace hubgate {

class HubClient;
class HubJob;
struct RepoSummary;

HubJob *downloadHubReport(HubClient *client, const RepoSummary &repo);

} // namespace hubgate
