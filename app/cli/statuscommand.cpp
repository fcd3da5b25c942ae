#include "app/cli/command.h"

#include "app/cli/blockingcalls.h"
#include "app/cli/clijson.h"
#include "app/cli/cliprofile.h"
#include "core/feeds.h"
#include "models/catalogquery.h"
#include "models/catalogstore.h"
#include "models/database.h"
#include "sync/credentialstore.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

namespace qm {

namespace {
QString credentialsState(CredentialStore::Status status)
{
    switch (status) {
    case CredentialStore::Status::Ok:
        return QStringLiteral("stored");
    case CredentialStore::Status::NotFound:
        return QStringLiteral("missing");
    case CredentialStore::Status::Unavailable:
        break;
    }
    return QStringLiteral("unavailable");
}
} // namespace

static ExitCode runStatus(CliContext &context, const QCommandLineParser &args)
{
    if (!args.positionalArguments().isEmpty())
        return context.fail(
            {ExitCode::Usage, QStringLiteral("status takes no arguments; see qm status --help")});
    CliError error;
    const auto profile = CliProfile::open(context.profileOption, &error);
    if (!profile)
        return context.fail(error);

    CredentialStore store;
    Tokens tokens;
    const QString credentials =
        credentialsState(blocking::readTokens(store, profile->keychainKey(), &tokens));

    const CatalogStore catalog(profile->database());
    QJsonArray feeds;
    for (Feed feed : catalogFeeds())
        feeds.append(clijson::feedState(catalog.state(feed)));
    // A first sync that stopped before its full-text index was complete: search finds only
    // the products indexed so far until the next sync completes it.
    const auto pendingIndex = catalog.pendingIndex();
    QJsonObject searchIndex{{QStringLiteral("complete"), !pendingIndex.has_value()}};
    if (pendingIndex) {
        searchIndex.insert(QStringLiteral("indexed"), pendingIndex->indexed);
        searchIndex.insert(QStringLiteral("products"), pendingIndex->products);
    }
    const QJsonObject status{
        {QStringLiteral("profile"), clijson::profile(profile->info())},
        {QStringLiteral("profile_dir"), QDir::toNativeSeparators(profile->directory())},
        {QStringLiteral("cache_path"), QDir::toNativeSeparators(profile->cachePath())},
        {QStringLiteral("schema_version"), profile->database().schemaVersion()},
        {QStringLiteral("credentials"), credentials},
        {QStringLiteral("product_count"), CatalogQuery(profile->database()).productCount()},
        {QStringLiteral("feeds"), feeds},
        {QStringLiteral("search_index"), searchIndex},
    };

    if (args.isSet(QStringLiteral("json"))) {
        context.out << QJsonDocument(status).toJson(QJsonDocument::Indented);
        return ExitCode::Ok;
    }
    const ProfileInfo &info = profile->info();
    context.out << "Profile:     " << info.displayName << " <" << info.username << ">, "
                << info.role << '\n'
                << "Account:     " << info.accountName << " (" << info.accountCode << ")\n"
                << "Portal:      " << info.portalName << ", " << info.portal.toString() << '\n'
                << "Credentials: " << credentials << '\n'
                << "Cache:       " << QDir::toNativeSeparators(profile->cachePath()) << " (schema "
                << profile->database().schemaVersion() << ")\n"
                << "Products:    " << CatalogQuery(profile->database()).productCount() << '\n'
                << "Search:      "
                << (pendingIndex ? QStringLiteral("%1 of %2 products indexed; the next sync"
                                                  " completes the index")
                                       .arg(pendingIndex->indexed)
                                       .arg(pendingIndex->products)
                                 : QStringLiteral("every product indexed"))
                << '\n';
    for (const auto &value : std::as_const(feeds)) {
        const QJsonObject f = value.toObject();
        context.out
            << "  " << f.value(QStringLiteral("feed")).toString().leftJustified(12) << " cursor "
            << QString::number(f.value(QStringLiteral("cursor")).toInteger()).rightJustified(8)
            << "  count "
            << QString::number(f.value(QStringLiteral("count")).toInteger()).rightJustified(8)
            << "  digest " << f.value(QStringLiteral("digest")).toString() << "  last pull "
            << (f.value(QStringLiteral("last_pull")).isNull()
                    ? QStringLiteral("never")
                    : f.value(QStringLiteral("last_pull")).toString())
            << (f.value(QStringLiteral("verified")).toBool() ? "  verified" : "  not verified")
            << '\n';
    }
    context.out.flush();
    return ExitCode::Ok;
}

Command statusCommand()
{
    return {
        QStringLiteral("status"),
        QStringLiteral("[--json]"),
        QStringLiteral("Show the profile, the cache and the state of every feed"),
        QStringLiteral(
            "Shows who the profile belongs to, whether its tokens are in the keychain, where the\n"
            "cache is, its schema version, whether search covers every product (a first sync\n"
            "that stopped early may have indexed only part of them), and per feed the cursor,\n"
            "the number of entries, the digest, when it was last pulled and whether it was\n"
            "verified against the portal."),
        {QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print the status as JSON."))},
        runStatus,
    };
}

} // namespace qm
