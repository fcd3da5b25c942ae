#include "app/cli/command.h"

#include "app/cli/blockingcalls.h"
#include "app/cli/clijson.h"
#include "app/cli/cliprofile.h"
#include "app/cli/syncrun.h"
#include "core/feeds.h"
#include "sync/credentialstore.h"
#include "sync/syncengine.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QLocale>

namespace qm {

namespace {

// Writes rotated tokens to the keychain as they arrive and lets the command wait until
// every write has finished before it exits.
class TokenWriter final
{
public:
    TokenWriter(CredentialStore &store, QString key)
        : m_store(store)
        , m_key(std::move(key))
    {}

    void write(const Tokens &tokens)
    {
        ++m_pending;
        m_store.write(m_key, tokens, [this](CredentialStore::Status status) {
            if (status != CredentialStore::Status::Ok)
                m_failed = true;
            if (--m_pending == 0)
                m_loop.quit();
        });
    }
    // Returns false if a write failed.
    bool waitForAll()
    {
        if (m_pending > 0)
            m_loop.exec();
        return !m_failed;
    }

private:
    CredentialStore &m_store;
    QString m_key;
    QEventLoop m_loop;
    int m_pending = 0;
    bool m_failed = false;
};

// What the portal serves at most per page (server/ caps `limit` there too).
constexpr int MaxPageSize = 5000;

QString feedLine(const FeedSyncResult &f)
{
    if (f.skipped)
        return feedName(f.feed).leftJustified(8) +
               QStringLiteral(": not permitted for this user, skipped");
    QString line = QStringLiteral("%1: %2 updated, %3 removed, %4 pages")
                       .arg(feedName(f.feed).leftJustified(8))
                       .arg(f.upserts)
                       .arg(f.deletes)
                       .arg(f.pages);
    if (f.resynced)
        line += QStringLiteral(", re-pulled in full");
    line += f.verified ? QStringLiteral(", verified") : QStringLiteral(", NOT verified");
    return line;
}

} // namespace

// Signs in with the profile's stored tokens, runs the engine (a full sync or only the
// outboxes) and waits for it.
std::optional<SyncResult> runSyncEngineQuietly(CliContext &context, bool pushOnly, bool live,
                                               CliError *error, int pageSize, bool pageLines)
{
    auto profile = CliProfile::open(context.profileOption, error);
    if (!profile)
        return std::nullopt;
    CredentialStore store;
    const auto tokens = profile->readTokens(store, error);
    if (!tokens)
        return std::nullopt;
    profile->closeDatabase();

    SyncEngine::Options options;
    options.portal = profile->info().portal;
    options.cachePath = profile->cachePath();
    if (pageSize > 0)
        options.pageSize = pageSize;
    SyncEngine engine(options);
    engine.setTokens(*tokens);

    TokenWriter writer(store, profile->keychainKey());
    QObject::connect(&engine, &SyncEngine::tokensChanged, &engine,
                     [&](const Tokens &t) { writer.write(t); });

    int lastFeedIndex = -1;
    qint64 pagesCommitted = 0;
    QObject::connect(&engine, &SyncEngine::progress, &engine, [&](const SyncProgress &p) {
        // The engine reports a page after its transaction (entries and cursor) committed.
        if (pageLines) {
            context.out << QStringLiteral("page %1 committed: %2 page %3, %4 entries")
                               .arg(++pagesCommitted)
                               .arg(feedName(p.feed))
                               .arg(p.pages)
                               .arg(p.itemsApplied)
                        << Qt::endl;
        }
        if (!live)
            return;
        if (lastFeedIndex >= 0 && p.feedIndex != lastFeedIndex)
            context.err << '\n';
        lastFeedIndex = p.feedIndex;
        context.err << '\r' << feedName(p.feed).leftJustified(12) << ' ' << p.itemsApplied;
        if (p.itemsExpected >= 0)
            context.err << " / " << p.itemsExpected;
        context.err << "   " << Qt::flush;
    });

    QEventLoop loop;
    SyncResult result;
    bool finished = false;
    QObject::connect(&engine, &SyncEngine::finished, &loop, [&](const SyncResult &r) {
        result = r;
        finished = true;
        loop.quit();
    });
    if (pushOnly)
        engine.push();
    else
        engine.start();
    if (!finished)
        loop.exec();
    if (live && lastFeedIndex >= 0)
        context.err << '\n' << Qt::flush;
    // The segments of a new full-text index are merged before the command exits (8–9 s
    // after a first sync of a million products, nothing after most syncs).
    QElapsedTimer merge;
    merge.start();
    engine.waitForIndexMerge();
    if (live && merge.elapsed() >= 500)
        context.err << QStringLiteral("search index merged in %1 s")
                           .arg(QLocale::c().toString(merge.elapsed() / 1000.0, 'f', 1))
                    << Qt::endl;

    if (!writer.waitForAll()) {
        *error = CliError::secureStorageUnavailable(
            QStringLiteral("the renewed sign-in could not be saved; run qm login again"));
        return std::nullopt;
    }
    return result;
}

// Returns the result, or the exit code of a failure it reported.
std::optional<SyncResult> runSyncEngine(CliContext &context, bool pushOnly, bool live,
                                        ExitCode *failure, int pageSize, bool pageLines)
{
    CliError error;
    const auto run = runSyncEngineQuietly(context, pushOnly, live, &error, pageSize, pageLines);
    if (!run) {
        *failure = context.fail(error);
        return std::nullopt;
    }
    const SyncResult &result = *run;
    if (!result.ok) {
        if (result.cancelled)
            *failure = context.fail({ExitCode::Error, QStringLiteral("sync cancelled")});
        else if (result.error)
            *failure = context.fail(CliError::fromApiError(*result.error));
        else
            *failure = context.fail({ExitCode::Error, QStringLiteral("cannot write the cache: ") +
                                                          result.storageError});
        return std::nullopt;
    }
    return result;
}

QString listPushLine(const ListPushResult &lists)
{
    return QStringLiteral("lists sent: %1 accepted, %2 kept as conflicting copies, %3 refused,"
                          " %4 to send later")
        .arg(lists.accepted)
        .arg(lists.conflicts)
        .arg(lists.failed)
        .arg(lists.deferred);
}

QString orderPushLine(const OrderPushResult &orders)
{
    return QStringLiteral("orders sent: %1 accepted, %2 need attention (see qm outbox), %3 to send"
                          " later")
        .arg(orders.accepted)
        .arg(orders.refused)
        .arg(orders.deferred);
}

static ExitCode runSync(CliContext &context, const QCommandLineParser &args)
{
    if (!args.positionalArguments().isEmpty())
        return context.fail(
            {ExitCode::Usage, QStringLiteral("sync takes no arguments; see qm sync --help")});
    const bool json = args.isSet(QStringLiteral("json"));
    int pageSize = 0;
    if (args.isSet(QStringLiteral("page-size"))) {
        bool ok = false;
        pageSize = args.value(QStringLiteral("page-size")).toInt(&ok);
        if (!ok || pageSize < 1 || pageSize > MaxPageSize)
            return context.fail(
                {ExitCode::Usage, QStringLiteral("--page-size must be a whole number from 1 to %1")
                                      .arg(MaxPageSize)});
    }
    ExitCode failure = ExitCode::Error;
    const auto result = runSyncEngine(context, false, context.progressOnStderr && !json, &failure,
                                      pageSize, args.isSet(QStringLiteral("progress")));
    if (!result)
        return failure;

    if (json) {
        context.out << QJsonDocument(clijson::syncResult(*result)).toJson(QJsonDocument::Indented);
    } else {
        const ListPushResult &lists = result->lists;
        if (lists.accepted + lists.conflicts + lists.failed + lists.deferred > 0)
            context.out << listPushLine(lists) << '\n';
        const OrderPushResult &orders = result->orders;
        if (orders.accepted + orders.refused + orders.deferred > 0)
            context.out << orderPushLine(orders) << '\n';
        for (const FeedSyncResult &f : result->feeds)
            context.out << feedLine(f) << '\n';
        context.out << QStringLiteral("Synced in %1 s")
                           .arg(QLocale::c().toString(result->elapsedMs / 1000.0, 'f', 1))
                    << Qt::endl;
    }
    return ExitCode::Ok;
}

Command syncCommand()
{
    return {
        QStringLiteral("sync"),
        QStringLiteral("[--json] [--page-size N] [--progress]"),
        QStringLiteral("Send queued orders and pull the catalog, prices, stock and orders"),
        QStringLiteral(
            "Sends the saved-list changes made offline (see qm list) and the queued orders (see\n"
            "qm outbox), then pulls every feed (products, prices, stock, part numbers, lists,\n"
            "orders) from where the last sync stopped, verifies the cache against the portal's\n"
            "count and hash, fetches the account (qm account) and prints a summary.\n"
            "Progress goes to stderr when it is a terminal. Rotated tokens are written back to\n"
            "the keychain."),
        {QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print the summary as JSON.")),
         QCommandLineOption(
             QStringLiteral("page-size"),
             QStringLiteral("Diagnostic: ask for pages of N entries (default 1000)."),
             QStringLiteral("N")),
         QCommandLineOption(
             QStringLiteral("progress"),
             QStringLiteral("Diagnostic: print \"page N committed: ...\" on stdout as\n"
                            "each page is written to the cache."))},
        runSync,
    };
}

} // namespace qm
