#pragma once

#include "models/profilestore.h"
#include "sync/session.h"
#include "sync/ssosignin.h"
#include "sync/tokens.h"

#include <QDialog>
#include <QPointer>
#include <QUrl>

#include <memory>

class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTimer;

namespace qm {

// Signs a user in to a portal: portal URL, username, password. Remembers the URL and
// username (QSettings), never the password. Signing in fetches the tokens and /me; on
// success the dialog is accepted and holds the result. Errors stay in the dialog, in
// words; Cancel during a sign-in stops it.
//
// When the portal offers single sign-on (checked whenever the address changes), a "Sign in
// with single sign-on" button appears: it opens the portal's sign-in page in the browser
// and waits for it (SsoSignIn), with Cancel to stop waiting.
class SignInDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit SignInDialog(QWidget *parent = nullptr);
    ~SignInDialog() override;

    void setPortal(const QUrl &portal);
    void setUsername(const QString &username);
    void setPassword(const QString &password);
    // A note above the fields, e.g. why the user has to sign in again.
    void setMessage(const QString &message);

    bool isBusy() const { return m_signIn != nullptr || m_sso != nullptr; }
    // Whether the portal in the address field offers single sign-on (once checked).
    bool ssoOffered() const { return m_ssoOffered; }
    // False once the portal said it signs in through single sign-on only: the username and
    // password rows and the Sign in button are hidden then.
    bool passwordAccepted() const { return m_passwordAccepted; }
    // How single sign-on opens the browser (QDesktopServices::openUrl by default), and how
    // long it waits for the sign-in there.
    void setBrowser(SsoSignIn::Browser browser) { m_browser = std::move(browser); }
    void setSsoTimeout(int ms) { m_ssoTimeoutMs = ms; }
    QString errorText() const;

    // The result, after accepted().
    QUrl portal() const { return m_portal; }
    QString username() const { return m_username; }
    Tokens tokens() const { return m_tokens; }
    ProfileInfo profileInfo() const { return m_info; }

public Q_SLOTS:
    // Starts signing in with what the fields hold (the Sign in button does this).
    void signIn();
    // Starts single sign-on with the portal in the address field (the SSO button does this).
    void signInWithSso();
    void reject() override;

Q_SIGNALS:
    // A sign-in attempt ended without success; the error is shown.
    void failed(const QString &message);
    // The portal in the address field was checked for single sign-on.
    void ssoChecked(bool offered);
    // Single sign-on sent the browser to `url`.
    void ssoStarted(const QUrl &url);

private:
    void onSignedIn();
    void checkSso();
    void dropSsoCheck();
    void onSsoChecked();
    void onSsoFinished();
    void keep(const ProfileInfo &info, const Tokens &tokens);
    void fail(const QString &message);
    void setBusy(bool busy);
    void updateButtons();

    QLabel *m_message;
    QLineEdit *m_portalEdit;
    QLineEdit *m_usernameEdit;
    QLineEdit *m_passwordEdit;
    QLabel *m_errorIcon;
    QLabel *m_error;
    QProgressBar *m_progress;
    QDialogButtonBox *m_buttons;
    QPushButton *m_signInButton;
    QPushButton *m_ssoButton;
    QLabel *m_ssoWaiting;
    QTimer *m_ssoCheckTimer;

    QPointer<SignIn> m_signIn;
    QPointer<SsoCheck> m_ssoCheck;
    QPointer<SsoSignIn> m_sso;
    SsoSignIn::Browser m_browser;
    int m_ssoTimeoutMs = 5 * 60 * 1000;
    bool m_ssoOffered = false;
    bool m_passwordAccepted = true;
    QFormLayout *m_form = nullptr;
    QUrl m_portal;
    QString m_username;
    Tokens m_tokens;
    ProfileInfo m_info;
};

} // namespace qm
