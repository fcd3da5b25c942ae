#include "app/cli/command.h"

#include "app/cli/blockingcalls.h"
#include "models/database.h"
#include "models/profile.h"
#include "models/profilestore.h"
#include "sync/apiclient.h"
#include "sync/credentialstore.h"
#include "sync/session.h"
#include "sync/ssosignin.h"

#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QIODevice>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCliLogin, "qm.cli.login")

namespace qm {

namespace {

QString readPassword(QIODevice *in)
{
    if (!in)
        return {};
    QByteArray line = in->readLine();
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    return QString::fromUtf8(line);
}

} // namespace

// Keeps a successful sign-in, password or single sign-on alike: the tokens in the keychain,
// then the profile, which becomes the current one.
static ExitCode keepSignIn(CliContext &context, const ProfileInfo &info, const Tokens &tokens,
                           ApiClient *client)
{
    // The keychain first: without it nothing may be stored, not even the profile.
    CredentialStore store;
    const QString key = CredentialStore::keyFor(info.portal, info.username);
    if (blocking::writeTokens(store, key, tokens) != CredentialStore::Status::Ok) {
        // The portal session would be unusable: end it rather than leave it open.
        std::unique_ptr<ApiJob> revoke(client->signOut());
        blocking::wait(revoke.get());
        return context.fail(CliError::secureStorageUnavailable({}));
    }

    const QString directory = context.profileOption.isEmpty()
                                  ? profiles::directoryFor(info.portal, info.username)
                                  : QDir(context.profileOption).absolutePath();
    QString reason;
    if (!QDir().mkpath(directory))
        return context.fail(
            {ExitCode::Error, QStringLiteral("cannot create the profile directory %1")
                                  .arg(QDir::toNativeSeparators(directory))});
    auto db = Database::open(profiles::cachePath(directory), &reason);
    if (!db)
        return context.fail({ExitCode::Error, QStringLiteral("cannot open the cache: ") + reason});
    if (!ProfileStore(*db).save(info, &reason))
        return context.fail(
            {ExitCode::Error, QStringLiteral("cannot save the profile: ") + reason});
    profiles::setCurrent(directory);
    qCInfo(lcCliLogin) << "signed in; profile" << directory;

    context.out << QStringLiteral("Signed in as %1 (%2) at %3")
                       .arg(info.displayName, info.role, info.accountName)
                << Qt::endl;
    return ExitCode::Ok;
}

// The message and exit code of a single sign-on that did not end signed in.
static CliError ssoError(const SsoSignIn &sso, const QUrl &portal)
{
    switch (sso.failure()) {
    case SsoSignIn::Failure::None:
        break;
    case SsoSignIn::Failure::Api:
        if (sso.apiError())
            return CliError::fromApiError(*sso.apiError());
        break;
    case SsoSignIn::Failure::NotOffered:
        return {ExitCode::Error,
                QStringLiteral("%1 does not offer single sign-on; sign in with --user NAME "
                               "--password-stdin")
                    .arg(portal.toString())};
    case SsoSignIn::Failure::Denied:
        return {
            ExitCode::NotSignedIn,
            QStringLiteral("sign-in refused in the browser (%1)").arg(sso.authorizationError())};
    case SsoSignIn::Failure::StateMismatch:
        return {ExitCode::NotSignedIn,
                QStringLiteral("the browser's answer does not belong to this sign-in (state "
                               "mismatch); nothing was signed in")};
    case SsoSignIn::Failure::InvalidRedirect:
        return {ExitCode::NotSignedIn,
                QStringLiteral("the browser's answer has no authorization code")};
    case SsoSignIn::Failure::TimedOut:
        return {ExitCode::NotSignedIn,
                QStringLiteral("no sign-in from the browser in time; run qm login again")};
    case SsoSignIn::Failure::Cancelled:
        return {ExitCode::Error, QStringLiteral("cancelled")};
    case SsoSignIn::Failure::ListenFailed:
        return {ExitCode::Error,
                QStringLiteral("cannot listen on 127.0.0.1 for the browser's answer")};
    }
    return {ExitCode::Error, QStringLiteral("single sign-on failed")};
}

static ExitCode runSsoLogin(CliContext &context, const QUrl &portal)
{
    bool ok = false;
    const int timeoutSeconds = qEnvironmentVariableIntValue("QM_SSO_TIMEOUT", &ok);
    SsoSignIn sso(portal, SsoSignIn::browserFromEnvironment(),
                  ok && timeoutSeconds > 0 ? timeoutSeconds * 1000 : 5 * 60 * 1000);
    QObject::connect(&sso, &SsoSignIn::authorizationUrlReady, &sso, [&context](const QUrl &url) {
        context.out << QStringLiteral("Sign in in your browser. If it does not open, open this "
                                      "address:")
                    << Qt::endl
                    << url.toString(QUrl::FullyEncoded) << Qt::endl;
    });
    if (!sso.isFinished()) {
        QEventLoop loop;
        QObject::connect(&sso, &SsoSignIn::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (sso.failure() != SsoSignIn::Failure::None)
        return context.fail(ssoError(sso, portal));
    return keepSignIn(context, sso.profile(), sso.tokens(), sso.client());
}

static ExitCode runLogin(CliContext &context, const QCommandLineParser &args)
{
    if (!args.positionalArguments().isEmpty())
        return context.fail(
            {ExitCode::Usage, QStringLiteral("login takes no arguments; see qm login --help")});
    const bool sso = args.isSet(QStringLiteral("sso"));
    if (sso && (args.isSet(QStringLiteral("user")) || args.isSet(QStringLiteral("password-stdin"))))
        return context.fail(
            {ExitCode::Usage,
             QStringLiteral("--sso signs in through the browser: no --user or --password-stdin")});
    if (!args.isSet(QStringLiteral("portal")) ||
        (!sso &&
         (!args.isSet(QStringLiteral("user")) || !args.isSet(QStringLiteral("password-stdin")))))
        return context.fail(
            {ExitCode::Usage, QStringLiteral("login needs --portal URL and either --user NAME "
                                             "--password-stdin or --sso")});
    const auto portal = parsePortalUrl(args.value(QStringLiteral("portal")));
    if (!portal)
        return context.fail(
            {ExitCode::Usage,
             QStringLiteral("not a portal address: '%1' (expected http:// or https://)")
                 .arg(args.value(QStringLiteral("portal")))});
    if (sso)
        return runSsoLogin(context, *portal);
    const QString username = args.value(QStringLiteral("user")).trimmed();
    if (username.isEmpty())
        return context.fail({ExitCode::Usage, QStringLiteral("--user must not be empty")});
    const QString password = readPassword(context.in);
    if (password.isEmpty())
        return context.fail({ExitCode::Usage, QStringLiteral("no password on standard input")});

    SignIn signIn(*portal, username, password);
    blocking::wait(&signIn);
    if (signIn.error())
        return context.fail(CliError::fromApiError(*signIn.error()));
    return keepSignIn(context, signIn.profile(), signIn.tokens(), signIn.client());
}

Command loginCommand()
{
    return {
        QStringLiteral("login"),
        QStringLiteral("--portal URL (--user NAME --password-stdin | --sso)"),
        QStringLiteral("Sign in to a portal and make it the current profile"),
        QStringLiteral(
            "Signs in to the portal with the password read from the first line of standard input,\n"
            "keeps the tokens in the OS keychain (never anywhere else), saves who the profile\n"
            "belongs to and makes it the current profile. Without a usable keychain nothing is\n"
            "stored and the command fails.\n"
            "\n"
            "With --sso the portal's single sign-on is used instead: qm prints the address of\n"
            "the portal's sign-in page and opens it in the browser (the command in QM_BROWSER,\n"
            "if set, is run with the address as its last argument), waits up to 5 minutes for\n"
            "the sign-in there and receives the answer on 127.0.0.1."),
        {
            QCommandLineOption(
                QStringLiteral("portal"),
                QStringLiteral("The portal's address, e.g. https://portal.example.com."),
                QStringLiteral("URL")),
            QCommandLineOption(QStringLiteral("user"), QStringLiteral("The user name."),
                               QStringLiteral("NAME")),
            QCommandLineOption(QStringLiteral("password-stdin"),
                               QStringLiteral("Read the password from standard input.")),
            QCommandLineOption(QStringLiteral("sso"),
                               QStringLiteral("Sign in with the portal's single sign-on, in the "
                                              "browser.")),
        },
        runLogin,
    };
}

} // namespace qm
