#pragma once
// Sign-in: choose the Hub, paste a token (or pick one found on this computer), check it live
// with whoami-v2, see who it belongs to and what it may do, then sign in. A new Hub address
// with no token accepts too: the caller then loads the token stored for that Hub.

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
class QPushButton;
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
    // Without a keychain the token can only be kept for the session: the box is unticked and
    // disabled, with the reason.
    void setKeychainAvailable(bool available, const QString &reason = {});
    // The Hub address is set from outside (--endpoint, HF_ENDPOINT, demo): shown, not editable.
    void setEndpointLocked(const QString &reason);
    // The Hub the token was checked against; differs from the one given when the user changed it.
    QUrl endpoint() const;
    bool endpointChanged() const { return endpoint() != m_initialEndpoint; }
    void focusHubAddress();

private:
    void onTokenEdited();
    void onHubAddressEdited();
    void updateRemember();
    void updateOkButton();
    void onFoundTokenChosen(int index);
    void check();
    void onChecked(HubJob *job);
    void showState(const QString &text, const QString &style);

    HubClient *m_client;
    QList<DiscoveredToken> m_found;
    QUrl m_initialEndpoint;
    QLineEdit *m_hubEdit;
    QLabel *m_hubProblem;
    QLabel *m_intro;
    QLineEdit *m_tokenEdit;
    QComboBox *m_foundBox = nullptr;
    QLabel *m_notice;
    QLabel *m_sourceLabel;
    QLabel *m_result;
    QPushButton *m_retry; // shown when the Hub could not be reached
    QLabel *m_warning;
    QCheckBox *m_remember;
    QLabel *m_rememberNote;
    QString m_keychainReason; // why there is none; empty when there is one
    QDialogButtonBox *m_buttons;
    QTimer m_debounce;
    QTimer m_hubDebounce;
    QPointer<HubJob> m_job;
    Account m_account;
    QString m_checkedToken;
    QString m_source;
};

} // namespace hubgate
