#include "app/cli/command.h"

#include "app/cli/blockingcalls.h"
#include "app/cli/clijson.h"
#include "app/cli/cliprofile.h"
#include "models/profile.h"
#include "sync/credentialstore.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qm {

namespace {

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

QJsonObject entryJson(const ProfileEntry &entry)
{
    const ProfileInfo &info = entry.info;
    return {
        {QStringLiteral("name"), entry.name},
        {QStringLiteral("profile_dir"), QDir::toNativeSeparators(entry.directory)},
        {QStringLiteral("current"), entry.current},
        {QStringLiteral("address"), orNull(entry.address())},
        {QStringLiteral("portal"), orNull(info.portal.toString())},
        {QStringLiteral("portal_name"), orNull(info.portalName)},
        {QStringLiteral("username"), orNull(info.username)},
        {QStringLiteral("display_name"), orNull(info.displayName)},
        {QStringLiteral("account_code"), orNull(info.accountCode)},
        {QStringLiteral("account_name"), orNull(info.accountName)},
        {QStringLiteral("last_sync"), clijson::dateTime(entry.lastSync)},
        {QStringLiteral("cache_bytes"), entry.cacheBytes},
        {QStringLiteral("outbox_orders"), entry.outboxOrders},
        {QStringLiteral("outbox_list_changes"), entry.outboxListChanges},
        {QStringLiteral("error"), orNull(entry.error)},
    };
}

ExitCode usage(CliContext &context, const QString &message)
{
    return context.fail({ExitCode::Usage, message + QStringLiteral("; see qm profiles --help")});
}

ExitCode runLs(CliContext &context, const QCommandLineParser &args, const QString &root)
{
    const QList<ProfileEntry> entries = profiles::list(root);
    if (args.isSet(QStringLiteral("json"))) {
        QJsonArray items;
        for (const ProfileEntry &entry : entries)
            items.append(entryJson(entry));
        const QString current = profiles::current();
        const QJsonObject document{
            {QStringLiteral("profiles_dir"), QDir::toNativeSeparators(root)},
            {QStringLiteral("current_dir"),
             current.isEmpty() ? QJsonValue() : QJsonValue(QDir::toNativeSeparators(current))},
            {QStringLiteral("profiles"), items},
        };
        context.out << QJsonDocument(document).toJson(QJsonDocument::Indented);
        return ExitCode::Ok;
    }
    if (entries.isEmpty()) {
        context.out << "No profiles in " << QDir::toNativeSeparators(root)
                    << "; sign in with qm login." << Qt::endl;
        return ExitCode::Ok;
    }
    for (const ProfileEntry &entry : entries) {
        context.out << (entry.current ? "* " : "  ") << entry.name << '\n';
        if (!entry.error.isEmpty()) {
            context.out << "    cannot read the cache: " << entry.error << '\n';
            continue;
        }
        const ProfileInfo &info = entry.info;
        context.out << "    " << info.displayName << " <" << info.username << ">, "
                    << info.accountName << " (" << info.accountCode << ")\n"
                    << "    " << info.portalName << ", " << info.portal.toString() << '\n'
                    << "    last sync "
                    << (entry.lastSync.isValid() ? entry.lastSync.toUTC().toString(Qt::ISODate)
                                                 : QStringLiteral("never"))
                    << ", cache " << entry.cacheBytes << " bytes";
        if (entry.outboxOrders > 0 || entry.outboxListChanges > 0)
            context.out << ", unsent: " << entry.outboxOrders << " orders, "
                        << entry.outboxListChanges << " list changes";
        context.out << '\n';
    }
    context.out.flush();
    return ExitCode::Ok;
}

ExitCode runUse(CliContext &context, const QStringList &words, const QString &root)
{
    if (words.size() != 1)
        return usage(context, QStringLiteral("profiles use needs one NAME"));
    CliError error;
    const auto entry = cliprofiles::find(profiles::list(root), words.constFirst(), &error);
    if (!entry)
        return context.fail(error);
    if (!entry->error.isEmpty())
        return context.fail(
            {ExitCode::Error, QStringLiteral("cannot use %1: %2").arg(entry->name, entry->error)});
    profiles::setCurrent(entry->directory);
    context.out << "Current profile: " << entry->name << " (" << entry->info.displayName << " at "
                << entry->info.accountName << ")" << Qt::endl;
    return ExitCode::Ok;
}

QString lostWork(const ProfileEntry &entry)
{
    QStringList parts;
    if (entry.outboxOrders > 0)
        parts << QStringLiteral("%1 unsent order(s)").arg(entry.outboxOrders);
    if (entry.outboxListChanges > 0)
        parts << QStringLiteral("%1 unsent list change(s)").arg(entry.outboxListChanges);
    return parts.join(QStringLiteral(" and "));
}

ExitCode runRemove(CliContext &context, const QCommandLineParser &args, const QStringList &words,
                   const QString &root)
{
    if (words.size() != 1)
        return usage(context, QStringLiteral("profiles remove needs one NAME"));
    const QList<ProfileEntry> entries = profiles::list(root);
    CliError error;
    const auto entry = cliprofiles::find(entries, words.constFirst(), &error);
    if (!entry)
        return context.fail(error);
    if (!entry->error.isEmpty() && !args.isSet(QStringLiteral("force")))
        return context.fail(
            {ExitCode::Error,
             QStringLiteral("cannot read the cache of %1 (%2), so its unsent work is unknown; "
                            "add --force to remove it anyway")
                 .arg(entry->name, entry->error)});
    const QString lost = lostWork(*entry);
    if (!args.isSet(QStringLiteral("yes")))
        return usage(
            context,
            QStringLiteral("removing %1 deletes its folder and cache%2; add --yes to "
                           "confirm")
                .arg(entry->name, lost.isEmpty() ? QString() : QStringLiteral(" with ") + lost));
    if (!lost.isEmpty() && !args.isSet(QStringLiteral("force")))
        return context.fail(
            {ExitCode::Error,
             QStringLiteral("%1 has %2 that would be lost; send them first (qm sync) or add "
                            "--force to remove it anyway")
                 .arg(entry->name, lost)});

    // The keychain entry first: a folder is never deleted with its tokens left behind. Two
    // folders of one portal account share the entry; the other one still needs it.
    bool keptTokens = false;
    if (!entry->info.isEmpty()) {
        const QString key = CredentialStore::keyFor(entry->info.portal, entry->info.username);
        for (const ProfileEntry &other : entries) {
            if (other.directory != entry->directory && !other.info.isEmpty() &&
                CredentialStore::keyFor(other.info.portal, other.info.username) == key)
                keptTokens = true;
        }
        if (!keptTokens) {
            CredentialStore store;
            if (blocking::removeTokens(store, key) == CredentialStore::Status::Unavailable)
                return context.fail(CliError::secureStorageUnavailable(
                    QStringLiteral("cannot remove the tokens of %1 from the keychain; nothing "
                                   "was removed")
                        .arg(entry->name)));
        }
    }
    if (!QDir(entry->directory).removeRecursively())
        return context.fail(
            {ExitCode::Error, QStringLiteral("could not delete all of %1; its tokens are already "
                                             "gone from the keychain")
                                  .arg(QDir::toNativeSeparators(entry->directory))});
    if (entry->current)
        profiles::setCurrent(QString());
    context.out << "Removed " << entry->name;
    if (keptTokens)
        context.out << " (its keychain entry stays: another profile folder of " << entry->address()
                    << " uses it)";
    if (!lost.isEmpty())
        context.out << "; " << lost << " discarded";
    context.out << '.' << Qt::endl;
    return ExitCode::Ok;
}

} // namespace

static ExitCode runProfiles(CliContext &context, const QCommandLineParser &args)
{
    const QStringList words = args.positionalArguments();
    const QString action = words.value(0, QStringLiteral("ls"));
    const QString root = profiles::defaultRoot();
    if (action == u"ls") {
        if (words.size() > 1)
            return usage(context, QStringLiteral("profiles ls takes no arguments"));
        return runLs(context, args, root);
    }
    if (action == u"use")
        return runUse(context, words.mid(1), root);
    if (action == u"remove")
        return runRemove(context, args, words.mid(1), root);
    return usage(context, QStringLiteral("unknown profiles action '%1'").arg(action));
}

Command profilesCommand()
{
    return {
        QStringLiteral("profiles"),
        QStringLiteral("[ls [--json] | use NAME | remove NAME --yes [--force]]"),
        QStringLiteral("List, switch and remove the portal accounts on this computer"),
        QStringLiteral(
            "Every portal account signed in to on this computer has a profile folder of its own\n"
            "under the profiles directory, with its own cache. Without an action, lists them:\n"
            "portal, user, account, last sync, cache size and unsent work; '*' marks the\n"
            "current profile, the one qm and the app use without --profile.\n"
            "NAME is the folder name, username@host:port, or a username only one profile has.\n"
            "  use NAME     make it the current profile (for qm and the app)\n"
            "  remove NAME  delete its keychain entry, then its folder; needs --yes, and\n"
            "               --force too when orders or list changes are still unsent"),
        {QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print the list as JSON.")),
         QCommandLineOption(QStringLiteral("yes"), QStringLiteral("Confirm the removal.")),
         QCommandLineOption(QStringLiteral("force"),
                            QStringLiteral("Remove even when unsent work would be lost."))},
        runProfiles,
    };
}

} // namespace qm
