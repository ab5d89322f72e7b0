#pragma once
// Export… from the window: the selected repo's requests (all, one status, or the rows the review
// table shows), optionally merged with other repos, as the Hub's report format, CSV, JSON Lines
// or the Hub's own report; e-mails kept, left out or hashed. Non-modal; the file is written on a
// worker thread with a progress bar and Cancel, atomically (a cancel or failure leaves no file).
// The writers and the loading of other repos are those of `hubgate export` (models/reports).

#include "hub/repo.h"

#include <QDialog>
#include <QPointer>

#include <functional>

class QAbstractItemModel;
class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QRadioButton;

namespace hubgate {

class HubClient;
class HubJob;
class ReportExportJob;
class ReportLoader;
class ReviewSession;
struct RepoRows;

class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    enum Format { HubJsonFormat, CsvFormat, JsonLinesFormat, HubOwnReport };
    enum Scope { AllRequests, OneStatus, ShownRows };

    // shownRows: the review table's rows (AccessRequestFilter); otherRepos: repos that can be merged.
    ExportDialog(HubClient *client, ReviewSession *session, QAbstractItemModel *shownRows,
                 const QList<RepoSummary> &otherRepos, QWidget *parent = nullptr);
    ~ExportDialog() override;

    void setFormat(Format format);
    void setScope(Scope scope, const QString &status = {});
    QComboBox *emailBox() const { return m_email; }
    QCheckBox *bomBox() const { return m_bom; }
    QListWidget *repoList() const { return m_repos; }
    void setPath(const QString &path);
    QPushButton *exportButton() const { return m_export; }
    QProgressBar *progressBar() const { return m_progress; }
    QString message() const;
    bool isRunning() const;

    void startExport();
    void cancelExport();

Q_SIGNALS:
    // One export ended: saved, failed or cancelled (message() says which).
    void exportFinished(bool saved);

private:
    Format format() const;
    Scope scope() const;
    void updateState();
    void browse();
    // The selected repo's rows, read from a snapshot of the model on the worker; sets m_requestCount.
    using MakeRepos = std::function<QList<RepoRows>()>;
    MakeRepos selectedRepoRequests();
    void writeFile(const MakeRepos &repos);
    void startHubReport();
    void finish(bool saved, const QString &message);

    HubClient *m_client;
    QPointer<ReviewSession> m_session;
    QPointer<QAbstractItemModel> m_shownRows;
    RepoSummary m_repo; // the repo the dialog was opened on
    QList<RepoSummary> m_others; // that can be merged, by the index in their list item
    QComboBox *m_format;
    QCheckBox *m_bom;
    QButtonGroup *m_scopeGroup;
    QRadioButton *m_shownRadio;
    QComboBox *m_status;
    QComboBox *m_email;
    QListWidget *m_repos;
    QLineEdit *m_path;
    QProgressBar *m_progress;
    QLabel *m_message;
    QPushButton *m_export;
    QDialogButtonBox *m_buttons;
    ReportExportJob *m_writer;
    ReportLoader *m_loader = nullptr;
    QPointer<HubJob> m_download;
    bool m_running = false;
    int m_requestCount = 0;
};

} // namespace hubgate
