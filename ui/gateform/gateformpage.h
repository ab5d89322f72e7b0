#pragma once
// The "Gate form" repo page: the typed editor of the card's extra_gated_* keys beside a live
// preview of the request form. Saving shows the exact diff, has the Hub check the metadata, and
// commits with the head the README was read at as parent: a branch that moved is a conflict that
// overwrites nothing, with the edits reapplied on the new head on request, or sent as a pull
// request. Edits are kept as a draft while typing and offered back when the repo opens again.

#include "card/gatecard.h"
#include "card/readmejobs.h"
#include "gatedraft.h"
#include "gatesavedialog.h"
#include "repopage/repopage.h"

#include <QPointer>

class QFrame;
class QLabel;
class QPushButton;
class QScrollArea;
class QSplitter;
class QTimer;

namespace hubgate {

class GateFormEditor;
class GatePreview;

class HubClient;

class GateFormPage : public RepoPage
{
    Q_OBJECT
public:
    explicit GateFormPage(HubClient *client, QWidget *parent = nullptr);

    QString title() const override { return tr("&Gate form"); }
    void showRepo(const RepoContext &context) override;
    void activate() override;
    void reload() override;
    bool isLoading() const override { return m_fetch != nullptr; }

    GateFormEditor *editor() const { return m_editor; }
    GatePreview *preview() const { return m_preview; }
    GateSaveDialog *saveDialog() const { return m_dialog; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *reapplyButton() const { return m_reapply; }
    QPushButton *conflictPullRequestButton() const { return m_pullRequest; }
    QPushButton *restoreButton() const { return m_restore; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *bannerLabel() const { return m_bannerText; }
    bool isSaving() const { return m_saving; }
    // Side by side when wide, the preview under the editor when narrow.
    QSplitter *splitter() const { return m_splitter; }
    QScrollArea *editorScrollArea() const { return m_editorScroll; }
    // Shows the diff of the edits, or says why there is nothing to save.
    void save();

Q_SIGNALS:
    void saved(bool ok);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void load(bool reapply);
    void onFetched(ReadmeFetch *fetch, bool reapply);
    void pullRequestOnCurrentHead();
    void onEdited();
    void refresh();
    void startSave(bool pullRequest, const QString &summary);
    void commit(const QByteArray &readme, bool pullRequest, const QString &summary);
    void onCommitted(ReadmeCommit *job, const QByteArray &readme, bool pullRequest);
    void offerDraft();
    void restoreDraft();
    void showBanner(const QString &text, bool offerRestore);
    void setStatus(const QString &html);
    void updateSaveState();
    void checkToken();

    HubClient *m_client;
    RepoContext m_context;
    GateDraftStore m_drafts;
    bool m_loaded = false;
    std::optional<ReadmeSnapshot> m_snapshot;
    GateCard m_card;
    CardError m_cardError;
    bool m_readOnlyToken = false;
    bool m_saving = false;
    bool m_draftOffered = false;
    bool m_pullRequestAfterLoad = false; // the conflict's pull request waits for the current head
    QString m_lastSummary;
    QPointer<ReadmeFetch> m_fetch;
    QPointer<GateSaveDialog> m_dialog;
    GateFormEditor *m_editor;
    GatePreview *m_preview;
    QScrollArea *m_editorScroll;
    QSplitter *m_splitter;
    QTimer *m_debounce;
    QFrame *m_banner;
    QLabel *m_bannerText;
    QPushButton *m_restore;
    QPushButton *m_discard;
    QLabel *m_status;
    QPushButton *m_reapply;
    QPushButton *m_pullRequest;
    QPushButton *m_save;
};

} // namespace hubgate
