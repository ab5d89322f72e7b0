#include "exportdialog.h"

#include "access/accessrequestmodel.h"
#include "hub/hubclient.h"
#include "hub/hubjob.h"
#include "reports/hubreportdownload.h"
#include "reports/reportexportjob.h"
#include "reports/reportloader.h"
#include "review/reviewsession.h"

#include <QAbstractProxyModel>
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace hubgate {

namespace {

// The repo as an export's repo column writes it: "ns/name" or "datasets/ns/name".
QString repoColumnText(const RepoSummary &repo)
{
    return repo.webPath().mid(1);
}

QString suffixOf(ExportDialog::Format format)
{
    switch (format) {
    case ExportDialog::CsvFormat:
        return QStringLiteral("csv");
    case ExportDialog::JsonLinesFormat:
        return QStringLiteral("jsonl");
    case ExportDialog::HubJsonFormat:
    case ExportDialog::HubOwnReport:
        break;
    }
    return QStringLiteral("json");
}

} // namespace

ExportDialog::ExportDialog(HubClient *client, ReviewSession *session, QAbstractItemModel *shownRows,
                           const QList<RepoSummary> &otherRepos, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_session(session)
    , m_shownRows(shownRows)
    , m_repo(session->repo())
    , m_format(new QComboBox(this))
    , m_bom(new QCheckBox(tr("Start with a &byte order mark (for spreadsheets)"), this))
    , m_scopeGroup(new QButtonGroup(this))
    , m_shownRadio(new QRadioButton(tr("Only the rows the review &table shows"), this))
    , m_status(new QComboBox(this))
    , m_email(new QComboBox(this))
    , m_repos(new QListWidget(this))
    , m_path(new QLineEdit(this))
    , m_progress(new QProgressBar(this))
    , m_message(new QLabel(this))
    , m_export(new QPushButton(tr("&Export"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
    , m_writer(new ReportExportJob(this))
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export Access Requests of %1").arg(m_repo.id));
    m_format->addItem(tr("The Hub's report format (JSON)"), HubJsonFormat);
    m_format->addItem(tr("CSV, one column per form field"), CsvFormat);
    m_format->addItem(tr("JSON Lines, everything the Hub lists"), JsonLinesFormat);
    m_format->addItem(tr("The Hub's own report, unchanged"), HubOwnReport);

    auto *allRadio = new QRadioButton(tr("&All requests"), this);
    auto *statusRadio = new QRadioButton(tr("Only the &requests that are:"), this);
    m_scopeGroup->addButton(allRadio, AllRequests);
    m_scopeGroup->addButton(statusRadio, OneStatus);
    m_scopeGroup->addButton(m_shownRadio, ShownRows);
    allRadio->setChecked(true);
    for (const QString &status : knownRequestStatuses())
        m_status->addItem(AccessRequestModel::statusDisplayName(status), status);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(statusRadio);
    statusRow->addWidget(m_status);
    statusRow->addStretch();
    auto *scope = new QVBoxLayout;
    scope->addWidget(allRadio);
    scope->addLayout(statusRow);
    scope->addWidget(m_shownRadio);

    m_email->addItem(tr("Kept"), int(EmailMode::Keep));
    m_email->addItem(tr("Left out"), int(EmailMode::Omit));
    m_email->addItem(tr("Replaced by a hash (SHA-256)"), int(EmailMode::Hash));
    m_email->setToolTip(tr("A hash lets rows of the same person be matched across exports; anyone "
                           "with a list of addresses can compute it too."));

    auto *current = new QListWidgetItem(m_repo.id, m_repos);
    current->setData(Qt::UserRole, -1);
    current->setFlags(Qt::ItemIsUserCheckable); // always exported: checked, not changeable
    current->setCheckState(Qt::Checked);
    for (const RepoSummary &repo : otherRepos) {
        if (repo.key() == m_repo.key())
            continue;
        auto *item = new QListWidgetItem(repoColumnText(repo), m_repos);
        item->setData(Qt::UserRole, int(m_others.size()));
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
        item->setCheckState(Qt::Unchecked);
        m_others.append(repo);
    }
    m_repos->setMaximumHeight(110);

    auto *browse = new QPushButton(tr("&Browse…"), this);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    // Documents when the desktop has one, else the home folder: a default that can be written.
    QDir folder(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
    if (!folder.exists())
        folder = QDir::home();
    m_path->setText(folder.filePath(m_repo.name() + QStringLiteral("-access-requests.json")));

    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setObjectName(QStringLiteral("exportMessage"));
    m_export->setDefault(true);
    m_buttons->addButton(m_export, QDialogButtonBox::ActionRole);

    auto *form = new QFormLayout;
    form->addRow(tr("&Format:"), m_format);
    form->addRow(QString(), m_bom);
    form->addRow(tr("Requests:"), scope);
    form->addRow(tr("E-&mail addresses:"), m_email);
    form->addRow(tr("Re&positories:"), m_repos);
    auto *pathLabel = new QLabel(tr("&Save to:"), this); // a layout as the field: the buddy by hand
    pathLabel->setBuddy(m_path);
    form->addRow(pathLabel, pathRow);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);

    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        // The file name follows the format.
        const QFileInfo file(m_path->text());
        if (!m_path->text().isEmpty())
            m_path->setText(file.dir().filePath(file.completeBaseName() + QLatin1Char('.') + suffixOf(format())));
        updateState();
    });
    connect(m_scopeGroup, &QButtonGroup::idClicked, this, &ExportDialog::updateState);
    connect(m_status, &QComboBox::activated, this, [statusRadio] { statusRadio->setChecked(true); });
    connect(m_repos, &QListWidget::itemChanged, this, &ExportDialog::updateState);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_path, &QLineEdit::textChanged, this, &ExportDialog::updateState);
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, [this] {
        if (m_running)
            cancelExport();
        else
            reject();
    });
    connect(m_writer, &ReportExportJob::progress, this, [this](int written, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(written);
    });
    connect(m_writer, &ReportExportJob::finished, this,
            [this](ReportFile::Outcome outcome, const QString &error) {
                if (outcome == ReportFile::Outcome::Saved)
                    finish(true, m_requestCount < 0
                                     ? tr("Saved the Hub's access report to %1.").arg(m_path->text())
                                     : tr("Exported %Ln request(s) to %1.", nullptr, m_requestCount)
                                           .arg(m_path->text()));
                else if (outcome == ReportFile::Outcome::Cancelled)
                    finish(false, tr("Export cancelled: no file was written."));
                else
                    finish(false, tr("Could not write %1: %2.").arg(m_path->text(), error));
            });
    if (session) {
        connect(session, &ReviewSession::loadStarted, this, &ExportDialog::updateState);
        connect(session, &ReviewSession::loadFinished, this, &ExportDialog::updateState);
    }
    updateState();
}

ExportDialog::~ExportDialog()
{
    if (m_loader)
        m_loader->cancel();
    if (m_download)
        m_download->cancel();
}

ExportDialog::Format ExportDialog::format() const
{
    return Format(m_format->currentData().toInt());
}

ExportDialog::Scope ExportDialog::scope() const
{
    return Scope(m_scopeGroup->checkedId());
}

void ExportDialog::setFormat(Format format)
{
    m_format->setCurrentIndex(m_format->findData(format));
}

void ExportDialog::setScope(Scope scope, const QString &status)
{
    m_scopeGroup->button(scope)->setChecked(true);
    if (!status.isEmpty())
        m_status->setCurrentIndex(m_status->findData(status));
    updateState();
}

void ExportDialog::setPath(const QString &path)
{
    m_path->setText(path);
}

QString ExportDialog::message() const
{
    return m_message->text();
}

bool ExportDialog::isRunning() const
{
    return m_running;
}

void ExportDialog::updateState()
{
    const bool hubFile = format() == HubOwnReport;
    const bool sameRepo = m_session && m_session->repo().key() == m_repo.key();
    const bool loaded = sameRepo && m_session->isLoaded();
    int merged = 0;
    for (int i = 0; i < m_repos->count(); ++i)
        merged += m_repos->item(i)->data(Qt::UserRole).toInt() >= 0 && m_repos->item(i)->checkState() == Qt::Checked;
    // The Hub's file is saved as it is: nothing can be chosen in it.
    const bool idle = !m_running;
    m_format->setEnabled(idle);
    m_bom->setEnabled(idle && format() == CsvFormat);
    for (QAbstractButton *button : m_scopeGroup->buttons())
        button->setEnabled(idle && !hubFile);
    m_shownRadio->setEnabled(idle && !hubFile && m_shownRows && merged == 0);
    m_status->setEnabled(idle && !hubFile);
    m_email->setEnabled(idle && !hubFile);
    m_repos->setEnabled(idle && !hubFile && scope() != ShownRows);
    m_path->setEnabled(idle);
    m_export->setEnabled(idle && !m_path->text().trimmed().isEmpty() && (hubFile ? sameRepo : loaded));
    m_buttons->button(QDialogButtonBox::Close)->setText(m_running ? tr("&Cancel") : tr("&Close"));
    if (idle && !loaded && !hubFile)
        m_message->setText(sameRepo ? tr("Waiting for the access requests to load…")
                                    : tr("Another repository is selected: export it from the window."));
}

void ExportDialog::browse()
{
    const QString filter = format() == CsvFormat        ? tr("CSV files (*.csv)")
                           : format() == JsonLinesFormat ? tr("JSON Lines files (*.jsonl)")
                                                         : tr("JSON files (*.json)");
    auto *dialog = new QFileDialog(this, tr("Export To"), m_path->text(), filter);
    dialog->setObjectName(QStringLiteral("exportFileDialog"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(suffixOf(format()));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, m_path, &QLineEdit::setText);
    dialog->open(); // not exec(): no nested event loop
}

ExportDialog::MakeRepos ExportDialog::selectedRepoRequests()
{
    const QString name = repoColumnText(m_repo);
    const QList<GateField> form = m_session->gateFields();
    // An O(1) copy here on the UI thread; the writers read its packed rows on the worker.
    const AccessRequestModel::Snapshot rows = m_session->model()->snapshot();
    if (scope() == ShownRows && m_shownRows) {
        QList<int> shown;
        if (auto *proxy = qobject_cast<QAbstractProxyModel *>(m_shownRows.data())) {
            shown.reserve(proxy->rowCount());
            for (int row = 0; row < proxy->rowCount(); ++row)
                shown.append(proxy->mapToSource(proxy->index(row, 0)).row()); // as the table orders them
        }
        m_requestCount = int(shown.size());
        return [=] { return QList<RepoRows>{{name, form, std::make_shared<SnapshotRows>(rows, shown)}}; };
    }
    const QString status = scope() == OneStatus ? m_status->currentData().toString() : QString();
    m_requestCount = status.isEmpty() ? rows.size() : m_session->model()->countOf(status);
    return [=] {
        return QList<RepoRows>{{name, form, std::make_shared<SnapshotRows>(rows, rowsInReportOrder(rows, status))}};
    };
}

void ExportDialog::startExport()
{
    if (m_running || !m_export->isEnabled())
        return;
    m_running = true;
    m_progress->setRange(0, 0); // busy
    m_message->setText(tr("Exporting…"));
    updateState();
    if (format() == HubOwnReport) {
        startHubReport();
        return;
    }
    QList<ReportLoader::Source> others;
    for (int i = 0; i < m_repos->count(); ++i) {
        const int index = m_repos->item(i)->data(Qt::UserRole).toInt();
        if (index >= 0 && m_repos->item(i)->checkState() == Qt::Checked)
            others.append({m_others.at(index), repoColumnText(m_others.at(index))});
    }
    const MakeRepos selected = selectedRepoRequests();
    if (others.isEmpty()) {
        writeFile(selected);
        return;
    }
    // Other repos are loaded as `hubgate export` loads them.
    m_loader = new ReportLoader(m_client, this);
    connect(m_loader, &ReportLoader::progress, this, [this](int loaded) {
        m_message->setText(tr("Loading the other repositories: %Ln request(s) so far…", nullptr, loaded));
    });
    connect(m_loader, &ReportLoader::finished, this, [this, selected](bool ok) {
        ReportLoader *loader = m_loader;
        m_loader = nullptr;
        loader->deleteLater();
        if (!ok) {
            finish(false, tr("Could not load the access requests of %1: %2")
                              .arg(loader->failedRepo().id, loader->error().message()));
            return;
        }
        const QList<RepoRequests> loaded = loader->result();
        for (const RepoRequests &repo : loaded)
            m_requestCount += int(repo.requests.size());
        writeFile([selected, loaded] { return selected() + rowsOf(loaded); });
    });
    m_loader->start(others, scope() == OneStatus ? m_status->currentData().toString() : QString(),
                    format() == CsvFormat);
}

void ExportDialog::writeFile(const MakeRepos &repos)
{
    m_message->setText(tr("Writing %Ln request(s)…", nullptr, m_requestCount));
    ReportOptions options;
    options.format = format() == CsvFormat         ? ReportFormat::Csv
                     : format() == JsonLinesFormat ? ReportFormat::JsonLines
                                                   : ReportFormat::HubJson;
    options.email = EmailMode(m_email->currentData().toInt());
    options.byteOrderMark = options.format == ReportFormat::Csv && m_bom->isChecked();
    m_writer->start(repos, options, m_path->text().trimmed());
}

void ExportDialog::startHubReport()
{
    m_requestCount = -1;
    m_message->setText(tr("Downloading the Hub's access report…"));
    m_download = downloadHubReport(m_client, m_repo);
    connect(m_download, &HubJob::finished, this, [this](HubJob *job) {
        if (!job->isOk()) {
            finish(false, job->error().kind == HubError::Kind::Cancelled
                              ? tr("Export cancelled: no file was written.")
                              : tr("Could not download the Hub's access report: %1")
                                    .arg(job->error().message()));
            return;
        }
        m_writer->startSaving(job->body(), m_path->text().trimmed());
    });
}

void ExportDialog::cancelExport()
{
    if (!m_running)
        return;
    m_message->setText(tr("Cancelling…"));
    if (m_loader) {
        m_loader->cancel();
        m_loader->deleteLater();
        m_loader = nullptr;
        finish(false, tr("Export cancelled: no file was written."));
        return;
    }
    if (m_download)
        m_download->cancel(); // its finished() reports the cancel
    m_writer->cancel();       // its finished() reports the cancel
}

void ExportDialog::finish(bool saved, const QString &message)
{
    m_running = false;
    m_progress->setRange(0, 1);
    m_progress->setValue(saved ? 1 : 0);
    updateState();
    m_message->setText(message);
    Q_EMIT exportFinished(saved);
}

} // namespace hubgate
