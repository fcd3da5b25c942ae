#include "app/cli/command.h"

#include "app/cli/blockingcalls.h"
#include "app/cli/cliprofile.h"
#include "sync/apiclient.h"
#include "sync/credentialstore.h"

#include <QCommandLineParser>

namespace qm {

static ExitCode runLogout(CliContext &context, const QCommandLineParser &args)
{
    if (!args.positionalArguments().isEmpty())
        return context.fail(
            {ExitCode::Usage, QStringLiteral("logout takes no arguments; see qm logout --help")});
    CliError error;
    const auto profile = CliProfile::open(context.profileOption, &error);
    if (!profile)
        return context.fail(error);
    CredentialStore store;
    const auto tokens = profile->readTokens(store, &error);
    if (!tokens)
        return context.fail(error);

    ApiClient api(profile->info().portal);
    api.setTokens(*tokens);
    std::unique_ptr<ApiJob> revoke(api.signOut());
    blocking::wait(revoke.get());
    // The tokens go even when the portal cannot be reached: they are this computer's copy.
    if (blocking::removeTokens(store, profile->keychainKey()) ==
        CredentialStore::Status::Unavailable)
        return context.fail(CliError::secureStorageUnavailable({}));
    if (revoke->error()) {
        context.out << "Signed out on this computer; the portal could not be told ("
                    << CliError::fromApiError(*revoke->error()).message << ")." << Qt::endl;
        return ExitCode::Ok;
    }
    context.out << "Signed out of " << profile->info().accountName << " at "
                << profile->info().portal.toString() << '.' << Qt::endl;
    return ExitCode::Ok;
}

Command logoutCommand()
{
    return {
        QStringLiteral("logout"),
        QString(),
        QStringLiteral("Sign out: revoke the session and remove the tokens"),
        QStringLiteral(
            "Revokes the profile's session on the portal and removes its tokens from the\n"
            "keychain. The cached catalog stays; qm search and qm product keep working offline."),
        QList<QCommandLineOption>(),
        runLogout,
    };
}

} // namespace qm
