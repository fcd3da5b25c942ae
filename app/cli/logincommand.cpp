#include "app/cli/command.h"

#include "app/cli/blockingcalls.h"
#include "models/database.h"
#include "models/profile.h"
#include "models/profilestore.h"
#include "sync/apiclient.h"
#include "sync/credentialstore.h"
#include "sync/session.h"

#include <QCommandLineParser>
#include <QDir>
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

static ExitCode runLogin(CliContext &context, const QCommandLineParser &args)
{
    if (!args.positionalArguments().isEmpty())
        return context.fail(
            {ExitCode::Usage, QStringLiteral("login takes no arguments; see qm login --help")});
    if (!args.isSet(QStringLiteral("portal")) || !args.isSet(QStringLiteral("user")) ||
        !args.isSet(QStringLiteral("password-stdin")))
        return context.fail(
            {ExitCode::Usage,
             QStringLiteral("login needs --portal URL --user NAME --password-stdin")});
    const auto portal = parsePortalUrl(args.value(QStringLiteral("portal")));
    if (!portal)
        return context.fail(
            {ExitCode::Usage,
             QStringLiteral("not a portal address: '%1' (expected http:// or https://)")
                 .arg(args.value(QStringLiteral("portal")))});
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
    const ProfileInfo &info = signIn.profile();

    // The keychain first: without it nothing may be stored, not even the profile.
    CredentialStore store;
    const QString key = CredentialStore::keyFor(info.portal, info.username);
    if (blocking::writeTokens(store, key, signIn.tokens()) != CredentialStore::Status::Ok) {
        // The portal session would be unusable: end it rather than leave it open.
        std::unique_ptr<ApiJob> revoke(signIn.client()->signOut());
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

Command loginCommand()
{
    return {
        QStringLiteral("login"),
        QStringLiteral("--portal URL --user NAME --password-stdin"),
        QStringLiteral("Sign in to a portal and make it the current profile"),
        QStringLiteral(
            "Signs in to the portal with the password read from the first line of standard input,\n"
            "keeps the tokens in the OS keychain (never anywhere else), saves who the profile\n"
            "belongs to and makes it the current profile. Without a usable keychain nothing is\n"
            "stored and the command fails."),
        {
            QCommandLineOption(
                QStringLiteral("portal"),
                QStringLiteral("The portal's address, e.g. https://portal.example.com."),
                QStringLiteral("URL")),
            QCommandLineOption(QStringLiteral("user"), QStringLiteral("The user name."),
                               QStringLiteral("NAME")),
            QCommandLineOption(QStringLiteral("password-stdin"),
                               QStringLiteral("Read the password from standard input.")),
        },
        runLogin,
    };
}

} // namespace qm
