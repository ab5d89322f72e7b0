#include "reportloader.h"

#include "access/accessrequestloader.h"
#include "hub/hubclient.h"
#include "hub/hubjob.h"

#include <algorithm>

namespace hubgate {

namespace {

// The one the loader reports when a list failed for a reason other than being stopped.
HubError firstRealError(const QList<HubError> &errors)
{
    const auto real = std::find_if(errors.cbegin(), errors.cend(), [](const HubError &error) {
        return error.kind != HubError::Kind::Cancelled;
    });
    HubError error = real != errors.cend() ? *real : errors.value(0);
    if (!error.isError())
        error.kind = HubError::Kind::Cancelled;
    return error;
}

} // namespace

ReportLoader::ReportLoader(HubClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

void ReportLoader::start(const QList<Source> &sources, const QString &status, bool withForms)
{
    m_loads.clear();
    m_done = false;
    for (const Source &source : sources)
        m_loads.append(Load{source, {}, {}, nullptr, false, true});
    for (int i = 0; i < m_loads.size(); ++i)
        loadRepo(i, status, withForms);
    finishWhenLoaded(); // nothing to load
}

void ReportLoader::loadRepo(int index, const QString &status, bool withForm)
{
    const RepoSummary repo = m_loads.at(index).source.repo;
    auto *loader = new AccessRequestLoader(m_client, repo, this);
    m_loads[index].loader = loader;
    connect(loader, &AccessRequestLoader::pageLoaded, this,
            [this, index](const QString &, const RequestPage &page) {
                m_loads[index].requests += page.requests();
            });
    connect(loader, &AccessRequestLoader::progress, this, [this] { Q_EMIT progress(loadedCount()); });
    connect(loader, &AccessRequestLoader::finished, this,
            [this, index](bool ok, const QList<HubError> &errors) {
                if (!ok) {
                    fail(m_loads.at(index).source.repo, firstRealError(errors));
                    return;
                }
                m_loads[index].listsDone = true;
                finishWhenLoaded();
            });
    loader->start(status.isEmpty() ? knownRequestStatuses() : QStringList{status});
    if (!withForm)
        return;
    m_loads[index].formDone = false;
    HubJob *job = m_client->get(repo.apiPath(), {}, repo.id);
    connect(job, &HubJob::finished, this, [this, index](HubJob *finished) {
        if (m_done)
            return;
        if (!finished->isOk()) {
            fail(m_loads.at(index).source.repo, finished->error());
            return;
        }
        m_loads[index].form = parseGateFields(finished->body());
        m_loads[index].formDone = true;
        finishWhenLoaded();
    });
}

int ReportLoader::loadedCount() const
{
    int loaded = 0;
    for (const Load &load : m_loads)
        loaded += load.loader ? load.loader->loadedCount() : 0;
    return loaded;
}

void ReportLoader::cancel()
{
    m_done = true; // before the loaders' own finished() from cancel()
    for (const Load &load : std::as_const(m_loads)) {
        if (load.loader)
            load.loader->cancel();
    }
}

void ReportLoader::fail(const RepoSummary &repo, const HubError &error)
{
    if (m_done)
        return;
    m_failedRepo = repo;
    m_error = error;
    cancel();
    Q_EMIT finished(false);
}

void ReportLoader::finishWhenLoaded()
{
    if (m_done)
        return;
    for (const Load &load : std::as_const(m_loads)) {
        if (!load.listsDone || !load.formDone)
            return;
    }
    m_done = true;
    Q_EMIT finished(true);
}

QList<RepoRequests> ReportLoader::result() const
{
    QList<RepoRequests> repos;
    for (const Load &load : m_loads) {
        RepoRequests entry{load.source.name, load.form, load.requests};
        sortByRequestTime(entry.requests);
        repos.append(std::move(entry));
    }
    return repos;
}

} // namespace hubgate
