#include "ui/appcontroller.h"

#include "core/version.h"
#include "models/database.h"
#include "models/profile.h"
#include "models/profiledirectory.h"
#include "sync/accountadmin.h"
#include "sync/apiclient.h"
#include "sync/companyaccounts.h"
#include "sync/credentialstore.h"
#include "sync/orderactions.h"
#include "sync/syncengine.h"
#include "sync/syncscheduler.h"
#include "sync/thumbnailcache.h"
#include "ui/errormessages.h"
#include "ui/mainwindow.h"
#include "ui/orderhistoryview.h"
#include "ui/productdetailview.h"
#include "ui/searchfield.h"
#include "ui/signindialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QNetworkInformation>
#include <QPixmap>
#include <QSettings>
#include <QTimer>
#include <QTranslator>

#include <cstdio>
#include <utility>

Q_LOGGING_CATEGORY(lcApp, "qm.ui.app")

namespace qm {

AppController::AppController(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<qm::Tokens>();
    qRegisterMetaType<qm::SyncProgress>();
    qRegisterMetaType<qm::SyncResult>();
}

AppController::~AppController()
{
    delete m_scheduler;
    m_scheduler = nullptr;
    delete m_sync;
    m_sync = nullptr;
    delete m_window.data();
    delete m_dialog.data();
    for (QTranslator *t : std::as_const(m_translators)) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
}

QString AppController::usage()
{
    return QStringLiteral(
        "Usage: quartermaster [--profile DIR] [--portal URL --user NAME --password-stdin]\n"
        "                     [--page "
        "catalog|cart|quick-order|lists|orders|outbox|approvals|account|company]\n"
        "                     [--search TEXT] [--screenshot FILE]\n"
        "                     [--settle-ms N]\n\n"
        "  --profile DIR       Use the profile in DIR instead of the current one.\n"
        "  --portal URL        Sign in to this portal at start (with --user and "
        "--password-stdin).\n"
        "  --user NAME         The user to sign in as.\n"
        "  --password-stdin    Read the password from the first line of standard input.\n"
        "  --page PAGE         Show this page of the main window first: catalog (the\n"
        "                      default), cart, quick-order, lists, orders, outbox,\n"
        "                      approvals (for users who may approve orders), account (for\n"
        "                      administrators) or company (for approvers and administrators\n"
        "                      of a parent company).\n"
        "  --search TEXT       Search the catalog for TEXT at start, as if typed.\n"
        "  --screenshot FILE   After the first sync, select the first product, save the window\n"
        "                      as a PNG image and quit. Without a sign-in it saves the sign-in\n"
        "                      dialog instead.\n"
        "  --settle-ms N       Wait N milliseconds before the screenshot (default 600).\n"
        "  --help, --version\n");
}

bool AppController::parseArguments(const QStringList &arguments, Options *options, QString *error)
{
    QCommandLineParser parser;
    const QCommandLineOption profile(QStringLiteral("profile"), {}, QStringLiteral("DIR"));
    const QCommandLineOption portal(QStringLiteral("portal"), {}, QStringLiteral("URL"));
    const QCommandLineOption user(QStringLiteral("user"), {}, QStringLiteral("NAME"));
    const QCommandLineOption passwordStdin(QStringLiteral("password-stdin"), {});
    const QCommandLineOption screenshot(QStringLiteral("screenshot"), {}, QStringLiteral("FILE"));
    const QCommandLineOption settle(QStringLiteral("settle-ms"), {}, QStringLiteral("N"));
    const QCommandLineOption page(QStringLiteral("page"), {}, QStringLiteral("PAGE"));
    const QCommandLineOption search(QStringLiteral("search"), {}, QStringLiteral("TEXT"));
    parser.addOptions({profile, portal, user, passwordStdin, screenshot, settle, page, search});
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return false;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *error = QStringLiteral("unexpected argument '%1'")
                     .arg(parser.positionalArguments().constFirst());
        return false;
    }
    options->profileDir = parser.value(profile);
    if (parser.isSet(portal)) {
        options->portal = QUrl(parser.value(portal), QUrl::StrictMode);
        if (!options->portal.isValid() || options->portal.host().isEmpty()) {
            *error = QStringLiteral("--portal needs a URL such as https://portal.example.com");
            return false;
        }
    }
    options->username = parser.value(user);
    options->passwordStdin = parser.isSet(passwordStdin);
    const bool any = parser.isSet(portal) || parser.isSet(user) || options->passwordStdin;
    const bool all = parser.isSet(portal) && parser.isSet(user) && options->passwordStdin;
    if (any && !all) {
        *error = QStringLiteral("--portal, --user and --password-stdin go together");
        return false;
    }
    options->screenshotFile = parser.value(screenshot);
    options->searchText = parser.value(search).trimmed();
    if (parser.isSet(settle)) {
        bool ok = false;
        options->settleMs = parser.value(settle).toInt(&ok);
        if (!ok || options->settleMs < 0) {
            *error = QStringLiteral("--settle-ms needs a number of milliseconds");
            return false;
        }
    }
    if (parser.isSet(page)) {
        const QString name = parser.value(page);
        if (name == u"catalog") {
            options->page = MainWindow::Page::Catalog;
        } else if (name == u"cart") {
            options->page = MainWindow::Page::Cart;
        } else if (name == u"quick-order") {
            options->page = MainWindow::Page::QuickOrder;
        } else if (name == u"lists") {
            options->page = MainWindow::Page::Lists;
        } else if (name == u"orders") {
            options->page = MainWindow::Page::Orders;
        } else if (name == u"outbox") {
            options->page = MainWindow::Page::Outbox;
        } else if (name == u"approvals") {
            options->page = MainWindow::Page::Approvals;
        } else if (name == u"account") {
            options->page = MainWindow::Page::Account;
        } else if (name == u"company") {
            options->page = MainWindow::Page::Company;
        } else {
            *error = QStringLiteral("--page needs catalog, cart, quick-order, lists, orders, "
                                    "outbox, approvals, account or company, not '%1'")
                         .arg(name);
            return false;
        }
    }
    return true;
}

bool AppController::start(const QStringList &arguments)
{
    if (arguments.contains(QLatin1String("--help")) || arguments.contains(QLatin1String("-h"))) {
        std::fputs(usage().toLocal8Bit().constData(), stdout);
        m_exitCode = 0;
        return false;
    }
    if (arguments.contains(QLatin1String("--version"))) {
        std::fputs("quartermaster " QM_VERSION "\n", stdout);
        m_exitCode = 0;
        return false;
    }
    Options options;
    QString error;
    if (!parseArguments(arguments, &options, &error)) {
        std::fprintf(stderr, "quartermaster: %s\n\n", error.toLocal8Bit().constData());
        std::fputs(usage().toLocal8Bit().constData(), stderr);
        m_exitCode = 2;
        return false;
    }
    if (options.passwordStdin) {
        QFile in;
        if (in.open(stdin, QIODevice::ReadOnly)) {
            QByteArray line = in.readLine();
            while (line.endsWith('\n') || line.endsWith('\r'))
                line.chop(1);
            options.password = QString::fromUtf8(line);
        }
    }
    start(options);
    return true;
}

void AppController::start(const Options &options)
{
    m_options = options;
    installTranslators();
    // The icon is a resource of the quartermaster executable (absent in tests).
    if (QFile::exists(QStringLiteral(":/icons/quartermaster.svg"))) {
        QIcon icon;
        icon.addFile(QStringLiteral(":/icons/quartermaster.svg"));
        icon.addFile(QStringLiteral(":/icons/quartermaster-256.png"));
        QApplication::setWindowIcon(icon);
    }
    m_credentials = std::make_unique<CredentialStore>();
    watchNetwork();

    if (!m_options.portal.isEmpty() && !m_options.username.isEmpty()) {
        // Signed in from the command line: the dialog does the work without being shown,
        // and appears only if it fails.
        m_dialog = new SignInDialog;
        m_dialog->setPortal(m_options.portal);
        m_dialog->setUsername(m_options.username);
        m_dialog->setPassword(m_options.password);
        connect(m_dialog, &QDialog::accepted, this, &AppController::onSignedIn);
        connect(m_dialog, &SignInDialog::failed, this, [this] {
            m_exitCode = 1;
            showSignIn();
        });
        connect(m_dialog, &QDialog::rejected, qApp, &QCoreApplication::quit);
        m_dialog->signIn();
        m_options.password.clear();
        return;
    }
    openStoredProfile();
}

void AppController::installTranslators()
{
    if (!m_translators.isEmpty())
        return;
    const QLocale locale;
    auto *qt = new QTranslator(this);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        m_translators.append(qt);
    } else {
        delete qt;
    }
    auto *app = new QTranslator(this);
    // English (and the C locale) use the English catalogue for its plural forms.
    if (app->load(locale, QStringLiteral("quartermaster"), QStringLiteral("_"),
                  QStringLiteral(":/i18n")) ||
        app->load(QStringLiteral("quartermaster_en"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(app);
        m_translators.append(app);
    } else {
        delete app;
    }
}

namespace {
bool isLoopback(const QUrl &url)
{
    const QHostAddress host(url.host());
    return url.host() == QLatin1String("localhost") || (!host.isNull() && host.isLoopback());
}
} // namespace

bool AppController::portalIsLoopback() const
{
    return isLoopback(m_options.portal) || (!m_profile.isEmpty() && isLoopback(m_profile.portal));
}

void AppController::watchNetwork()
{
    // A loopback portal is reachable whatever the system says about the network.
    if (isLoopback(m_options.portal))
        return;
    if (!QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability))
        return;
    connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, this,
            [this](QNetworkInformation::Reachability reachability) {
                onReachabilityChanged(int(reachability));
            });
}

void AppController::onReachabilityChanged(int reachability)
{
    if (!m_window || !m_scheduler || portalIsLoopback())
        return;
    const auto r = QNetworkInformation::Reachability(reachability);
    if (r == QNetworkInformation::Reachability::Disconnected) {
        m_window->setOnline(false);
        m_scheduler->setOnline(false);
    } else if (r == QNetworkInformation::Reachability::Online) {
        // Back online: catch up. The scheduler asks when it knew the network was down; the
        // last sync may also have failed for want of a network the system never reported.
        const bool knewOffline = !m_scheduler->isOnline();
        m_scheduler->setOnline(true);
        if (!knewOffline && !m_window->isOnline())
            m_scheduler->request(SyncScheduler::Reason::BackOnline);
    }
}

void AppController::openStoredProfile()
{
    const QString directory =
        m_options.profileDir.isEmpty() ? profiles::current() : m_options.profileDir;
    if (directory.isEmpty() || !QFileInfo::exists(profiles::cachePath(directory))) {
        showSignIn();
        return;
    }
    QString error;
    if (!openProfile(directory, &error)) {
        showSignIn(ErrorMessages::cacheUnavailable(error));
        return;
    }
    if (m_profile.isEmpty()) {
        showSignIn();
        return;
    }
    const QString key = CredentialStore::keyFor(m_profile.portal, m_profile.username);
    m_credentials->read(key, [this, guard = QPointer<AppController>(this)](
                                 CredentialStore::Status status, const Tokens &tokens) {
        if (!guard)
            return;
        if (status == CredentialStore::Status::Ok && !tokens.isEmpty()) {
            m_tokens = tokens;
            openMainWindow();
            m_scheduler->setSignedIn(true);
            m_scheduler->request(SyncScheduler::Reason::SignIn);
        } else if (status == CredentialStore::Status::Unavailable) {
            m_sessionOnly = true;
            showSignIn(ErrorMessages::sessionOnly());
        } else {
            showSignIn();
        }
    });
}

void AppController::showSignIn(const QString &message)
{
    if (!m_dialog) {
        m_dialog = new SignInDialog(m_window);
        connect(m_dialog, &QDialog::accepted, this, &AppController::onSignedIn);
        connect(m_dialog, &QDialog::rejected, this, [this] {
            m_addingAccount = false;
            m_dialog->deleteLater();
            if (m_window)
                return;
            // Signing in to a switched-to profile was cancelled: back to the one before.
            if (!m_returnTo.isEmpty()) {
                const QString back = std::exchange(m_returnTo, QString());
                QTimer::singleShot(0, this, [this, back] {
                    switchProfile(back);
                    m_returnTo.clear(); // no way back from the way back: Cancel there quits
                });
                return;
            }
            // Without a window there is nothing left to show.
            qApp->quit();
        });
    }
    if (!m_profile.isEmpty()) {
        m_dialog->setPortal(m_profile.portal);
        m_dialog->setUsername(m_profile.username);
    }
    if (!message.isEmpty())
        m_dialog->setMessage(message);
    if (m_window)
        m_dialog->setWindowModality(Qt::WindowModal);
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();

    if (!m_options.screenshotFile.isEmpty() && !m_window && !m_screenshotTaken) {
        QPointer<SignInDialog> dialog = m_dialog;
        QTimer::singleShot(m_options.settleMs, this, [this, dialog] {
            if (dialog && !m_screenshotTaken)
                takeScreenshot(dialog);
        });
    }
}

bool AppController::openProfile(const QString &directory, QString *error)
{
    if (!QDir().mkpath(directory)) {
        *error = QDir::toNativeSeparators(directory);
        return false;
    }
    auto db = Database::open(profiles::cachePath(directory), error);
    if (!db)
        return false;
    m_db = std::move(db);
    m_profileDir = QDir(directory).absolutePath();
    m_profile = ProfileStore(*m_db).load();
    return true;
}

void AppController::onSignedIn()
{
    SignInDialog *dialog = m_dialog;
    if (!dialog)
        return;
    const ProfileInfo info = dialog->profileInfo();
    const Tokens tokens = dialog->tokens();
    dialog->deleteLater();
    m_dialog = nullptr;

    const QString directory = m_options.profileDir.isEmpty() || m_addingAccount
                                  ? profiles::directoryFor(info.portal, info.username)
                                  : m_options.profileDir;
    if (m_addingAccount) {
        m_addingAccount = false;
        m_options.profileDir = directory; // from now on the open profile
        m_tokens = {};
        m_sessionOnly = false;
    }
    if (QDir(directory).absolutePath() != m_profileDir || !m_db) {
        closeProfile();
        QString error;
        if (!openProfile(directory, &error)) {
            showSignIn(ErrorMessages::cacheUnavailable(error));
            return;
        }
    }
    QString error;
    if (!ProfileStore(*m_db).save(info, &error))
        qCWarning(lcApp) << "cannot save the profile identity:" << error;
    m_profile = info;
    profiles::setCurrent(m_profileDir);

    m_sessionOnly = false;
    persistTokens(tokens);
    openMainWindow();
    m_scheduler->setSignedIn(true);
    m_scheduler->request(SyncScheduler::Reason::SignIn);
}

namespace {

// The thumbnail client never refreshes: only the sync rotates the refresh token, so two
// clients never present the same one. After a 401 thumbnails come from the cache until the
// next sync brings a new access token.
Tokens accessOnly(Tokens tokens)
{
    tokens.refreshToken.clear();
    return tokens;
}

} // namespace

void AppController::openThumbnails()
{
    if (!m_thumbnails) {
        m_thumbnailApi = new ApiClient(m_profile.portal, this);
        m_thumbnails = new ThumbnailCache(ThumbnailCache::directoryFor(m_profileDir), this);
        m_thumbnails->setApiClient(m_thumbnailApi);
    }
    m_thumbnailApi->setTokens(accessOnly(m_tokens));
    m_window->detailView()->setThumbnailCache(m_thumbnails);
}

void AppController::openOrderActions()
{
    if (!m_orderActions) {
        m_orderActionsApi = new ApiClient(m_profile.portal, this);
        m_orderActions = new OrderActions(m_orderActionsApi, m_db.get(), this);
        // Like the thumbnails, the actions never refresh (the sync rotates the refresh
        // token): after a 401 a sync brings a new access token, and the user tries again.
        connect(m_orderActions, &OrderActions::failed, this,
                [this](const QString &, const ApiError &error) {
                    if (error.code == ApiError::Code::SessionExpired && m_scheduler)
                        m_scheduler->request(SyncScheduler::Reason::Manual);
                });
    }
    m_orderActionsApi->setTokens(accessOnly(m_tokens));
    m_window->setOrderActions(m_orderActions);
}

void AppController::openAccountAdmin()
{
    if (!m_accountAdmin) {
        m_accountAdminApi = new ApiClient(m_profile.portal, this);
        m_accountAdmin = new AccountAdmin(m_accountAdminApi, this);
        // Like the order actions: after a 401 a sync brings a new access token.
        connect(m_accountAdmin, &AccountAdmin::failed, this, [this](const ApiError &error) {
            if (error.code == ApiError::Code::SessionExpired && m_scheduler)
                m_scheduler->request(SyncScheduler::Reason::Manual);
        });
    }
    if (!m_company) {
        m_company = new CompanyAccounts(m_accountAdminApi, this);
        connect(m_company, &CompanyAccounts::failed, this, [this](const ApiError &error) {
            if (error.code == ApiError::Code::SessionExpired && m_scheduler)
                m_scheduler->request(SyncScheduler::Reason::Manual);
        });
    }
    m_accountAdminApi->setTokens(accessOnly(m_tokens));
    m_window->setAccountAdmin(m_accountAdmin);
    m_window->setCompanyAccounts(m_company);
}

void AppController::persistTokens(const Tokens &tokens)
{
    m_tokens = tokens;
    if (m_thumbnailApi)
        m_thumbnailApi->setTokens(accessOnly(tokens));
    if (m_orderActionsApi)
        m_orderActionsApi->setTokens(accessOnly(tokens));
    if (m_accountAdminApi)
        m_accountAdminApi->setTokens(accessOnly(tokens));
    if (m_sessionOnly || m_profile.isEmpty())
        return;
    const QString key = CredentialStore::keyFor(m_profile.portal, m_profile.username);
    m_credentials->write(
        key, tokens, [this, guard = QPointer<AppController>(this)](CredentialStore::Status status) {
            if (!guard || status == CredentialStore::Status::Ok)
                return;
            // No keychain: keep the tokens in memory for this session only, and say so.
            qCWarning(lcApp)
                << "secure storage unavailable; the sign-in lasts for this session only";
            m_sessionOnly = true;
            if (m_window)
                m_window->setSessionOnly(true);
        });
}

void AppController::openMainWindow()
{
    const bool created = !m_window;
    if (!m_window) {
        m_window = new MainWindow(*m_db);
        connect(m_window, &MainWindow::syncRequested, this, [this] {
            if (m_scheduler)
                m_scheduler->request(SyncScheduler::Reason::Manual);
        });
        connect(m_window, &MainWindow::syncIntervalChanged, this, [this](int minutes) {
            if (m_scheduler)
                m_scheduler->setIntervalMinutes(minutes);
        });
        connect(m_window, &MainWindow::cancelSyncRequested, this, [this] {
            if (m_sync)
                m_sync->cancel();
        });
        connect(m_window, &MainWindow::signOutRequested, this, &AppController::signOut);
        connect(m_window, &MainWindow::switchProfileRequested, this, &AppController::switchProfile);
        connect(m_window, &MainWindow::addAccountRequested, this, &AppController::addAccount);
        connect(m_window, &MainWindow::sendOrdersRequested, this, &AppController::pushOrders);
        m_window->showPage(m_options.page);
        if (!m_options.searchText.isEmpty())
            m_window->searchField()->setText(m_options.searchText);
    }
    if (!m_sync) {
        SyncEngine::Options options;
        options.portal = m_profile.portal;
        options.cachePath = profiles::cachePath(m_profileDir);
        m_sync = new SyncController(options, this);
        connect(m_sync, &SyncController::started, m_window, &MainWindow::onSyncStarted);
        connect(m_sync, &SyncController::progress, m_window, &MainWindow::onSyncProgress);
        connect(m_sync, &SyncController::finished, this, &AppController::onSyncFinished);
        connect(m_sync, &SyncController::tokensChanged, this, &AppController::persistTokens);
        connect(m_sync, &SyncController::sessionExpired, this, &AppController::onSessionExpired);
    }
    openThumbnails();
    openOrderActions();
    openAccountAdmin();
    if (!m_scheduler) {
        m_scheduler = new SyncScheduler(this);
        m_scheduler->setIntervalMinutes(SyncScheduler::loadIntervalMinutes(QSettings()));
        if (QNetworkInformation *network = QNetworkInformation::instance();
            network && !portalIsLoopback())
            m_scheduler->setOnline(network->reachability() !=
                                   QNetworkInformation::Reachability::Disconnected);
        connect(m_scheduler, &SyncScheduler::startRequested, this, &AppController::startSync);
        connect(m_scheduler, &SyncScheduler::skipped, m_window, &MainWindow::onSyncSkippedOffline);
    }
    m_window->setProfile(m_profile);
    m_window->setProfileDirectory(m_profileDir);
    m_returnTo.clear();
    // The approvals, account and company pages exist once the window knows what the user may
    // do.
    if (created && (m_options.page == MainWindow::Page::Approvals ||
                    m_options.page == MainWindow::Page::Account ||
                    m_options.page == MainWindow::Page::Company))
        m_window->showPage(m_options.page);
    m_window->setSessionOnly(m_sessionOnly);
    m_window->show();
    Q_EMIT signedIn();
}

void AppController::startSync()
{
    if (!m_sync || m_sync->isRunning() || m_tokens.isEmpty())
        return;
    m_pushing = false;
    m_pushPending = false; // a full sync sends the outbox first
    m_sync->setTokens(m_tokens);
    m_sync->start();
    if (m_scheduler)
        m_scheduler->syncStarted();
}

void AppController::pushOrders()
{
    if (!m_sync || m_tokens.isEmpty())
        return;
    if (m_sync->isRunning()) {
        // The order may have been queued after the run read the outbox: push once more.
        m_pushPending = true;
        return;
    }
    m_pushing = true;
    m_sync->setTokens(m_tokens);
    m_sync->push();
    // The scheduler counts a push as a run, so that a sync asked for meanwhile waits for it.
    if (m_scheduler)
        m_scheduler->syncStarted();
}

void AppController::onSyncFinished(const SyncResult &result)
{
    const bool pushed = m_pushing;
    m_pushing = false;
    if (m_window) {
        if (pushed)
            m_window->onOrdersPushed(result);
        else
            m_window->onSyncFinished(result);
        if (result.ok)
            m_window->setOnline(true);
        else if (result.error)
            m_window->setOnline(!ErrorMessages::isConnectivity(*result.error));
    }
    Q_EMIT syncFinished(result);
    if (m_scheduler)
        m_scheduler->syncFinished(result.ok          ? SyncScheduler::Outcome::Succeeded
                                  : result.cancelled ? SyncScheduler::Outcome::Cancelled
                                                     : SyncScheduler::Outcome::Failed);
    if (m_pushPending && !(m_sync && m_sync->isRunning())) {
        m_pushPending = false;
        pushOrders();
    }

    if (!m_options.screenshotFile.isEmpty() && !m_screenshotTaken && m_window) {
        QTimer::singleShot(m_options.settleMs, this, [this] {
            if (!m_window || m_screenshotTaken)
                return;
            m_window->selectFirstProduct();
            if (m_window->currentPage() == MainWindow::Page::Orders)
                m_window->orderHistoryView()->selectFirstOrder();
            // One more pass of the event loop so the detail pane lays out.
            QTimer::singleShot(m_options.settleMs / 2, this, [this] {
                if (m_window)
                    takeScreenshot(m_window);
            });
        });
    }
}

void AppController::onSessionExpired()
{
    m_tokens = {};
    if (m_scheduler)
        m_scheduler->setSignedIn(false);
    if (!m_sessionOnly && !m_profile.isEmpty())
        m_credentials->remove(CredentialStore::keyFor(m_profile.portal, m_profile.username),
                              [](CredentialStore::Status) {});
    showSignIn(ErrorMessages::sessionExpired());
}

void AppController::signOut()
{
    if (m_sync)
        m_sync->cancel();
    if (!m_tokens.isEmpty()) {
        // Revoke on the portal; the local tokens go whether or not it answers.
        auto *api = new ApiClient(m_profile.portal, this);
        api->setTokens(m_tokens);
        ApiJob *job = api->signOut();
        connect(job, &ApiJob::finished, api, &QObject::deleteLater);
    }
    if (!m_sessionOnly)
        m_credentials->remove(CredentialStore::keyFor(m_profile.portal, m_profile.username),
                              [](CredentialStore::Status) {});
    m_tokens = {};
    m_sessionOnly = false;
    const ProfileInfo previous = m_profile;
    closeProfile();
    m_profile = previous; // to prefill the dialog
    showSignIn(tr("You are signed out. The catalog stays on this computer for the next sign-in."));
}

void AppController::switchProfile(const QString &directory)
{
    if (directory.isEmpty() || (m_window && profiles::sameDirectory(directory, m_profileDir)))
        return;
    if (m_dialog) {
        m_dialog->deleteLater();
        m_dialog = nullptr;
    }
    if (m_sync)
        m_sync->cancel();
    const QString previous = m_profileDir;
    closeProfile();
    m_tokens = {};
    m_sessionOnly = false;
    m_pushing = false;
    m_pushPending = false;
    m_addingAccount = false;
    m_returnTo = previous;
    m_options.profileDir = directory;
    profiles::setCurrent(directory);
    openStoredProfile();
}

void AppController::addAccount()
{
    m_addingAccount = true;
    showSignIn();
    // Another account: the portal is likely the same, the user is not.
    if (m_dialog)
        m_dialog->setUsername({});
}

void AppController::closeProfile()
{
    delete m_scheduler;
    m_scheduler = nullptr;
    delete m_sync;
    m_sync = nullptr;
    if (m_window)
        m_window->detailView()->setThumbnailCache(nullptr);
    delete m_thumbnails;
    m_thumbnails = nullptr;
    delete m_thumbnailApi;
    m_thumbnailApi = nullptr;
    if (m_window)
        m_window->setOrderActions(nullptr);
    delete m_orderActions;
    m_orderActions = nullptr;
    delete m_orderActionsApi;
    m_orderActionsApi = nullptr;
    if (m_window) {
        m_window->setAccountAdmin(nullptr);
        m_window->setCompanyAccounts(nullptr);
    }
    delete m_accountAdmin;
    m_accountAdmin = nullptr;
    delete m_company;
    m_company = nullptr;
    delete m_accountAdminApi;
    m_accountAdminApi = nullptr;
    if (m_window) {
        // The window's models read the cache until the window is gone.
        MainWindow *window = m_window;
        m_window = nullptr;
        window->hide();
        Database *db = m_db.release();
        connect(window, &QObject::destroyed, [db] { delete db; });
        window->deleteLater();
    }
    m_db.reset();
    m_profileDir.clear();
    m_profile = {};
}

void AppController::takeScreenshot(QWidget *widget)
{
    m_screenshotTaken = true;
    const QPixmap pixmap = widget->grab();
    const bool saved = pixmap.save(m_options.screenshotFile, "PNG");
    if (!saved)
        std::fprintf(stderr, "quartermaster: cannot write %s\n",
                     qPrintable(m_options.screenshotFile));
    qApp->exit(saved ? m_exitCode : 1);
}

} // namespace qm
