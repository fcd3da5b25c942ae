#include "app/cli/command.h"

#include "app/cli/blockingcalls.h"
#include "app/cli/cliprofile.h"
#include "models/profilestore.h"
#include "sync/apiclient.h"
#include "sync/apierror.h"
#include "sync/credentialstore.h"
#include "sync/session.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCliWhoami, "qm.cli.whoami")

namespace qm {

namespace {

enum class Session
{
    SignedIn,    // tokens in the keychain (and, with --online, accepted by the portal)
    SignedOut,   // no tokens in the keychain
    Unavailable, // no keychain to ask
    Expired,     // --online: the portal refused the tokens even after a refresh
};

QString sessionKey(Session session)
{
    switch (session) {
    case Session::SignedIn:
        return QStringLiteral("signed_in");
    case Session::SignedOut:
        return QStringLiteral("signed_out");
    case Session::Unavailable:
        return QStringLiteral("secure_storage_unavailable");
    case Session::Expired:
        break;
    }
    return QStringLiteral("session_expired");
}

QString sessionText(Session session)
{
    switch (session) {
    case Session::SignedIn:
        return QStringLiteral("signed in");
    case Session::SignedOut:
        return QStringLiteral("signed out");
    case Session::Unavailable:
        return QStringLiteral("secure storage unavailable");
    case Session::Expired:
        break;
    }
    return QStringLiteral("session expired");
}

// Asks the portal who the tokens belong to. Rotated tokens go back to the keychain; a
// fresh /me updates the cached profile. Returns the error that ended the check, if any.
std::optional<CliError> confirmOnline(CliProfile &profile, CredentialStore &store,
                                      const Tokens &tokens, Session *session)
{
    ApiClient api(profile.info().portal);
    api.setTokens(tokens);
    std::optional<Tokens> rotated;
    QObject::connect(&api, &ApiClient::tokensChanged, &api,
                     [&rotated](const Tokens &t) { rotated = t; });
    std::unique_ptr<ApiJob> job(api.get(QStringLiteral("/api/v1/me")));
    blocking::wait(job.get());
    if (rotated && blocking::writeTokens(store, profile.keychainKey(), *rotated) !=
                       CredentialStore::Status::Ok)
        qCWarning(lcCliWhoami) << "could not keep the refreshed tokens in the keychain";

    if (const auto &error = job->error()) {
        const CliError cliError = CliError::fromApiError(*error);
        if (cliError.code == ExitCode::NotSignedIn)
            *session = Session::Expired;
        return cliError;
    }
    const QJsonObject me = QJsonDocument::fromJson(job->body()).object();
    if (const auto info = profileInfoFromMe(me, profile.info().portal)) {
        QString reason;
        if (info->username.compare(profile.info().username, Qt::CaseInsensitive) != 0)
            return CliError{ExitCode::Error,
                            QStringLiteral("the portal says these tokens belong to %1, not %2")
                                .arg(info->username, profile.info().username)};
        if (!ProfileStore(profile.database()).save(*info, &reason))
            qCWarning(lcCliWhoami) << "could not update the cached profile:" << reason;
    }
    // Re-read what was just saved (or keep the cached profile if /me could not be used).
    CliError reopenError;
    if (auto reopened = CliProfile::open(profile.directory(), &reopenError))
        profile = std::move(*reopened);
    return std::nullopt;
}

} // namespace

static ExitCode runWhoami(CliContext &context, const QCommandLineParser &args)
{
    if (!args.positionalArguments().isEmpty())
        return context.fail(
            {ExitCode::Usage, QStringLiteral("whoami takes no arguments; see qm whoami --help")});
    CliError error;
    auto profile = CliProfile::open(context.profileOption, &error);
    if (!profile)
        return context.fail(error);

    CredentialStore store;
    Tokens tokens;
    Session session = Session::SignedOut;
    switch (blocking::readTokens(store, profile->keychainKey(), &tokens)) {
    case CredentialStore::Status::Ok:
        session = tokens.isEmpty() ? Session::SignedOut : Session::SignedIn;
        break;
    case CredentialStore::Status::NotFound:
        break;
    case CredentialStore::Status::Unavailable:
        session = Session::Unavailable;
        break;
    }

    const bool online = args.isSet(QStringLiteral("online"));
    std::optional<CliError> failure;
    if (online) {
        if (session == Session::SignedOut)
            failure = CliError{ExitCode::NotSignedIn,
                               QStringLiteral("signed out; run qm login --portal URL --user "
                                              "NAME --password-stdin")};
        else if (session == Session::Unavailable)
            failure = CliError::secureStorageUnavailable({});
        else
            failure = confirmOnline(*profile, store, tokens, &session);
    }

    const ProfileInfo &info = profile->info();
    if (args.isSet(QStringLiteral("json"))) {
        const QJsonObject whoami{
            {QStringLiteral("username"), info.username},
            {QStringLiteral("display_name"), info.displayName},
            {QStringLiteral("role"), info.role},
            {QStringLiteral("capabilities"), QJsonArray::fromStringList(info.permissions)},
            {QStringLiteral("account_code"), info.accountCode},
            {QStringLiteral("account_name"), info.accountName},
            {QStringLiteral("currency"), info.currency},
            {QStringLiteral("portal"), info.portal.toString()},
            {QStringLiteral("portal_name"), info.portalName},
            {QStringLiteral("profile_dir"), QDir::toNativeSeparators(profile->directory())},
            {QStringLiteral("session"), sessionKey(session)},
            {QStringLiteral("checked_online"), online && !failure},
        };
        context.out << QJsonDocument(whoami).toJson(QJsonDocument::Indented);
    } else {
        context.out << info.displayName << " <" << info.username << ">, " << info.role << '\n'
                    << "Account:      " << info.accountName << " (" << info.accountCode << "), "
                    << info.currency << '\n'
                    << "Portal:       " << info.portalName << ", " << info.portal.toString() << '\n'
                    << "Capabilities: " << info.permissions.join(QStringLiteral(", ")) << '\n'
                    << "Session:      " << sessionText(session)
                    << (online && !failure ? " (confirmed by the portal)" : "") << '\n'
                    << "Profile:      " << QDir::toNativeSeparators(profile->directory()) << '\n';
    }
    context.out.flush();
    if (failure)
        return context.fail(*failure);
    return ExitCode::Ok;
}

Command whoamiCommand()
{
    return {
        QStringLiteral("whoami"),
        QStringLiteral("[--online] [--json]"),
        QStringLiteral("Show who the profile is signed in as"),
        QStringLiteral(
            "Shows the user, role, capabilities, account and portal of the profile from its\n"
            "cache (no network needed) and whether its tokens are in the keychain. With\n"
            "--online the portal confirms the session (GET /api/v1/me) and the cached profile is\n"
            "updated from its answer; an expired session exits with code 3."),
        {QCommandLineOption(QStringLiteral("online"),
                            QStringLiteral("Ask the portal to confirm the session.")),
         QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print the answer as JSON."))},
        runWhoami,
    };
}

} // namespace qm
