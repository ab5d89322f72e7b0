#pragma once
// Sign-in: paste a token (or pick one found on this computer), check it live with whoami-v2,
// see who it belongs to and what it may do, then sign in.

#include "auth/tokendiscovery.h"
#include "hub/account.h"
#include "hub/hubjob.h"

#include <QDialog>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;

namespace hubgate {

class HubClient;
class HubJob;

class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    SignInDialog(QNetworkAccessManager *nam, const QUrl &endpoint,
                 const QList<DiscoveredToken> &foundTokens, QWidget *parent = nullptr);

    QString token() const;
    const Account &account() const { return m_account; }
    QString tokenSource() const { return m_source; }
    bool rememberToken() const;
    // Shown above the form, e.g. why sign-in is needed again.
    void setNotice(const QString &text);

private:
    void onTokenEdited();
    void onFoundTokenChosen(int index);
    void check();
    void onChecked(HubJob *job);
    void showState(const QString &text, const QString &style);

    HubClient *m_client;
    QList<DiscoveredToken> m_found;
    QLineEdit *m_tokenEdit;
    QComboBox *m_foundBox = nullptr;
    QLabel *m_notice;
    QLabel *m_sourceLabel;
    QLabel *m_result;
    QLabel *m_warning;
    QCheckBox *m_remember;
    QDialogButtonBox *m_buttons;
    QTimer m_debounce;
    QPointer<HubJob> m_job;
    Account m_account;
    QString m_checkedToken;
    QString m_source;
};

} // namespace hubgate
