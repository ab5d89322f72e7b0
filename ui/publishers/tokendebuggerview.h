#pragma once
// The token debugger: an ID token (or a CI log excerpt) decoded here, its checks, and a claim by
// claim comparison with each publisher, in sentences too. The issuer's keys and the real
// exchange are buttons: nothing is sent before the user presses one.

#include "oidc/tokendebugger.h"
#include "publishers/trustedpublisher.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace hubgate {

class HubClient;

class TokenDebuggerView : public QWidget
{
    Q_OBJECT
public:
    explicit TokenDebuggerView(HubClient *client, QWidget *parent = nullptr);

    void setPublishers(const QList<TrustedPublisher> &publishers);
    void setResource(const QString &resource, const QString &displayName); // for the exchange
    TokenDebugger *debugger() const { return m_debugger; }

    QPlainTextEdit *input() const { return m_input; }
    QTreeWidget *checksTree() const { return m_checks; }
    QTreeWidget *comparisonTree() const { return m_comparison; }
    QPushButton *fetchKeysButton() const { return m_fetchKeys; }
    QPushButton *exchangeButton() const { return m_exchange; }
    QString verdictText() const;
    QString exchangeResult() const;

    enum ComparisonColumn { ClaimColumn, ExpectedColumn, ActualColumn, DerivedColumn, VerdictColumn };

Q_SIGNALS:
    void exchangeDone(bool ok);

private:
    void refresh();
    void onExchange(TokenExchangeJob *job);

    HubClient *m_client;
    TokenDebugger *m_debugger;
    QString m_resource;
    QString m_resourceName;
    QPlainTextEdit *m_input;
    QLabel *m_inputStatus;
    QPlainTextEdit *m_decoded;
    QTreeWidget *m_checks;
    QTreeWidget *m_comparison;
    QLabel *m_verdict;
    QPushButton *m_fetchKeys;
    QPushButton *m_exchange;
    QLabel *m_result;
};

} // namespace hubgate
