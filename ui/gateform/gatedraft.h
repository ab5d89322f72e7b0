#pragma once
// Unsaved gate form edits of one repo, kept in a file as the user types, so a crash or a closed
// window loses nothing. A draft holds the README the edits started from and the README they
// would write, so they can be reapplied on top of whatever the branch holds later.

#include "card/gatecard.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace hubgate {

struct GateDraft
{
    QByteArray baseReadme;   // README.md as read when the edits began
    QByteArray editedReadme; // README.md with the edits applied
    QDateTime savedAt;
};

class GateDraftStore
{
public:
    // `key` names the endpoint and repo the draft belongs to.
    explicit GateDraftStore(QString key = {}) : m_key(std::move(key)) {}
    QString key() const { return m_key; }

    std::optional<GateDraft> load() const;
    bool save(const GateDraft &draft) const;
    void discard() const;

private:
    QString path() const;

    QString m_key;
};

// The edits made from `base` to `edited`, applied on top of `current`: keys the edits did not
// touch keep what `current` says.
GateSettings reapplyEdits(const GateSettings &base, const GateSettings &edited, const GateSettings &current);

} // namespace hubgate
