#pragma once

#include "models/profilestore.h"
#include "sync/session.h"
#include "sync/tokens.h"

#include <QDialog>
#include <QPointer>
#include <QUrl>

#include <memory>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace qm {

// Signs a user in to a portal: portal URL, username, password. Remembers the URL and
// username (QSettings), never the password. Signing in fetches the tokens and /me; on
// success the dialog is accepted and holds the result. Errors stay in the dialog, in
// words; Cancel during a sign-in stops it.
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

    bool isBusy() const { return m_signIn != nullptr; }
    QString errorText() const;

    // The result, after accepted().
    QUrl portal() const { return m_portal; }
    QString username() const { return m_username; }
    Tokens tokens() const { return m_tokens; }
    ProfileInfo profileInfo() const { return m_info; }

public Q_SLOTS:
    // Starts signing in with what the fields hold (the Sign in button does this).
    void signIn();
    void reject() override;

Q_SIGNALS:
    // A sign-in attempt ended without success; the error is shown.
    void failed(const QString &message);

private:
    void onSignedIn();
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

    QPointer<SignIn> m_signIn;
    QUrl m_portal;
    QString m_username;
    Tokens m_tokens;
    ProfileInfo m_info;
};

} // namespace qm
