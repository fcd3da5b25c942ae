#pragma once

#include "models/profilestore.h"
#include "sync/tokens.h"
#include "ui/mainwindow.h"
#include "ui/signindialog.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <memory>

class QTranslator;

namespace qm {

class AccountAdmin;
class CompanyAccounts;
class ApiClient;
class CredentialStore;
class OrderActions;
class Database;
class SyncController;
class ThumbnailCache;
class SyncScheduler;
struct SyncResult;

// The desktop app's composition root: reads the command line, signs in (stored tokens,
// --password-stdin or the sign-in dialog), opens the profile's cache, shows the main
// window and runs syncs through a SyncController on a worker thread, when a SyncScheduler
// says so: at sign-in, on demand, when the network comes back and every few minutes (Tools →
// Sync Settings). Rotated tokens go to the keychain; when there is none, they stay in memory
// for this session.
class AppController final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString profileDir; // --profile; empty: the current profile
        QUrl portal;        // --portal
        QString username;   // --user
        bool passwordStdin = false;
        QString password;       // read from stdin when passwordStdin
        QString screenshotFile; // --screenshot FILE: grab the window and quit
        int settleMs = 600;     // --settle-ms
        MainWindow::Page page = MainWindow::Page::Catalog; // --page: shown at start
        QString searchText;                                // --search: typed at start
    };

    explicit AppController(QObject *parent = nullptr);
    ~AppController() override;

    // Parses `arguments` (program name first), reads the password from stdin if asked,
    // and starts. Returns false (with exitCode() set) on bad arguments.
    bool start(const QStringList &arguments);
    void start(const Options &options);
    int exitCode() const { return m_exitCode; }

    MainWindow *mainWindow() const { return m_window; }
    SignInDialog *signInDialog() const { return m_dialog; }
    QString profileDir() const { return m_profileDir; }
    bool isSessionOnly() const { return m_sessionOnly; }
    // While a profile is open.
    SyncScheduler *syncScheduler() const { return m_scheduler; }
    OrderActions *orderActions() const { return m_orderActions; }

    static bool parseArguments(const QStringList &arguments, Options *options, QString *error);
    static QString usage();

Q_SIGNALS:
    // The main window is up with a signed-in profile.
    void signedIn();
    void syncFinished(const qm::SyncResult &result);

private:
    void installTranslators();
    void openStoredProfile();
    void showSignIn(const QString &message = {});
    void onSignedIn();
    bool openProfile(const QString &directory, QString *error);
    void openMainWindow();
    void persistTokens(const Tokens &tokens);
    void startSync();
    // Sends the order outbox now (after a submit, Send Now or Retry); after the running sync
    // when one runs.
    void pushOrders();
    void onReachabilityChanged(int reachability);
    bool portalIsLoopback() const;
    void onSyncFinished(const SyncResult &result);
    void onSessionExpired();
    void signOut();
    // File → Switch Account: closes the open profile and opens `directory` with its tokens
    // from the keychain, or asks to sign in to it (Cancel returns to the profile before).
    void switchProfile(const QString &directory);
    // File → Switch Account → Add Account: the sign-in dialog for one more account; the
    // open profile stays open until the new one is signed in.
    void addAccount();
    void closeProfile();
    void watchNetwork();
    void takeScreenshot(QWidget *widget);
    // The thumbnail cache of the open profile and the client it fetches through.
    void openThumbnails();
    // The approvals queue and decisions, on this thread with a client of their own.
    void openOrderActions();
    // The account administration, likewise with a client of its own.
    void openAccountAdmin();

    Options m_options;
    int m_exitCode = 0;
    std::unique_ptr<CredentialStore> m_credentials;
    std::unique_ptr<Database> m_db;
    QString m_profileDir;
    ProfileInfo m_profile;
    Tokens m_tokens;
    bool m_sessionOnly = false;
    bool m_screenshotTaken = false;
    bool m_pushing = false;       // the run going is a push of the outbox only
    bool m_pushPending = false;   // push again when the running sync ends
    bool m_addingAccount = false; // the sign-in dialog is for another account
    QString
        m_returnTo; // the profile to go back to when signing in to a switched-to one is cancelled
    QPointer<SignInDialog> m_dialog;
    QPointer<MainWindow> m_window;
    SyncController *m_sync = nullptr;
    ThumbnailCache *m_thumbnails = nullptr;
    ApiClient *m_thumbnailApi = nullptr;
    OrderActions *m_orderActions = nullptr;
    ApiClient *m_orderActionsApi = nullptr;
    AccountAdmin *m_accountAdmin = nullptr;
    ApiClient *m_accountAdminApi = nullptr;
    CompanyAccounts *m_company = nullptr; // through m_accountAdminApi
    SyncScheduler *m_scheduler = nullptr;
    QList<QTranslator *> m_translators;
};

} // namespace qm
