// Benchmark: the first sync of a demo catalog from a real qm-portal into an empty cache.
//
//   bench_firstsync [PRODUCTS] [PAGE_SIZE]     (defaults: 20000, 1000)
//
// QM_BENCH_SKIP_SYNC=1 leaves out the engine run (to profile the cache writes alone).
//
// Starts qm-portal --demo (QM_PORTAL_BIN, as ctest sets it; QM_TEST_BACKEND picks SQLite
// or PostgreSQL), signs in as the demo buyer, runs SyncEngine and prints the time. For
// scale it also times a plain import of the same entries into SQLite (one table of key and
// payload, one transaction): the floor that any cache of these rows must pay.
// It measures; it never fails on time.

#include "support/feedpuller.h"
#include "support/httpclient.h"
#include "support/portalprocess.h"

#include "models/catalogstore.h"
#include "models/database.h"
#include "sync/apiclient.h"
#include "sync/syncengine.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>
#include <ctime>

using namespace qm;

namespace {

int fail(const QString &why)
{
    std::fprintf(stderr, "bench_firstsync: %s\n", qPrintable(why));
    return 1;
}

// Inserts every live entry of `pulls` into a fresh SQLite table; returns the milliseconds.
qint64 plainImportMs(const QString &path, const QList<test::FeedPull> &pulls, QString *error)
{
    qint64 elapsed = -1;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("baseline"));
        db.setDatabaseName(path);
        if (!db.open()) {
            *error = db.lastError().text();
        } else {
            QSqlQuery q(db);
            q.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
            q.exec(QStringLiteral("PRAGMA synchronous = FULL"));
            q.exec(QStringLiteral("CREATE TABLE entries (feed INTEGER, key TEXT, payload TEXT, "
                                  "PRIMARY KEY (feed, key))"));
            QElapsedTimer timer;
            timer.start();
            db.transaction();
            q.prepare(QStringLiteral("INSERT INTO entries VALUES (?, ?, ?)"));
            int feed = 0;
            for (const test::FeedPull &pull : pulls) {
                for (auto it = pull.entries.cbegin(); it != pull.entries.cend(); ++it) {
                    q.bindValue(0, feed);
                    q.bindValue(1, it.key());
                    q.bindValue(2, QString::fromUtf8(it.value()));
                    q.exec();
                }
                ++feed;
            }
            db.commit();
            elapsed = timer.elapsed();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("baseline"));
    return elapsed;
}

// Applies the pulled items again, in pages of `pageSize`, to a fresh cache through
// CatalogStore alone (no network); returns the milliseconds.
qint64 storeOnlyMs(const QString &path, const QList<test::FeedPull> &pulls, int pageSize,
                   qint64 *cpuMs, QString *error)
{
    const auto db = Database::open(path, error);
    if (!db)
        return -1;
    CatalogStore store(*db);
    QElapsedTimer timer;
    timer.start();
    const std::clock_t cpuStart = std::clock();
    for (qsizetype f = 0; f < pulls.size(); ++f) {
        const Feed feed = catalogFeeds().at(f);
        const QList<FeedItem> &items = pulls.at(f).items;
        for (qsizetype i = 0; i < items.size(); i += pageSize) {
            FeedPage page;
            page.items = items.mid(i, pageSize);
            page.next = page.items.last().seq;
            page.hasMore = i + pageSize < items.size();
            if (!store.applyPage(feed, page, error))
                return -1;
        }
    }
    *cpuMs = qint64(std::clock() - cpuStart) * 1000 / CLOCKS_PER_SEC;
    return timer.elapsed();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int products = args.size() > 1 ? args.at(1).toInt() : 20000;
    const int pageSize = args.size() > 2 ? args.at(2).toInt() : 1000;
    if (products <= 0 || pageSize <= 0)
        return fail(QStringLiteral("usage: bench_firstsync [PRODUCTS] [PAGE_SIZE]"));

    QElapsedTimer timer;
    timer.start();
    test::PortalProcess portal;
    QString error;
    if (!portal.start(
            {QStringLiteral("--demo"), QStringLiteral("--products"), QString::number(products)},
            &error))
        return fail(error);
    const qint64 demoMs = timer.elapsed();

    ApiClient api(portal.url());
    ApiJob *job = api.signIn(QStringLiteral("buyer@bayside.example"), QStringLiteral("demo"));
    QSignalSpy signedIn(job, &ApiJob::finished);
    if (!signedIn.wait(120000) || job->error())
        return fail(QStringLiteral("sign-in failed"));

    QTemporaryDir dir;
    SyncEngine::Options options;
    options.portal = portal.url();
    options.cachePath = dir.filePath(QStringLiteral("cache.sqlite"));
    options.pageSize = pageSize;
    SyncEngine engine(options);
    engine.setTokens(api.tokens());
    QSignalSpy finished(&engine, &SyncEngine::finished);
    timer.restart();
    const std::clock_t cpuStart = std::clock();
    if (qEnvironmentVariableIsSet("QM_BENCH_SKIP_SYNC")) {
        SyncResult skipped;
        skipped.ok = true;
        Q_EMIT engine.finished(skipped);
    } else {
        engine.start();
    }
    if (finished.isEmpty() && !finished.wait(1800000))
        return fail(QStringLiteral("the sync did not finish"));
    const qint64 syncMs = timer.elapsed();
    const qint64 syncCpuMs = qint64(std::clock() - cpuStart) * 1000 / CLOCKS_PER_SEC;
    const auto result = finished.first().first().value<SyncResult>();
    if (!result.ok)
        return fail(result.error ? result.error->toLogString() : result.storageError);

    qint64 entries = 0;
    for (const FeedSyncResult &f : result.feeds)
        entries += f.upserts + f.deletes;

    // The same entries, pulled again outside the engine, imported as plainly as possible.
    test::HttpClient http(portal.url());
    const QString token = http.accessToken(QStringLiteral("buyer@bayside.example"));
    QList<test::FeedPull> pulls;
    timer.restart();
    for (Feed f : catalogFeeds())
        pulls << test::pullFeed(http, token, f, pageSize);
    const qint64 pullMs = timer.elapsed();
    const qint64 importMs =
        plainImportMs(dir.filePath(QStringLiteral("baseline.sqlite")), pulls, &error);
    qint64 storeCpuMs = 0;
    const qint64 storeMs = storeOnlyMs(dir.filePath(QStringLiteral("store-only.sqlite")), pulls,
                                       pageSize, &storeCpuMs, &error);

    std::printf("backend                     %s\n",
                qPrintable(test::backendName(test::backendFromEnvironment())));
    std::printf("demo products               %d (portal ready in %lld ms)\n", products, demoMs);
    std::printf("page size                   %d\n", pageSize);
    std::printf("first sync                  %lld ms for %lld entries (%.0f entries/s), client CPU "
                "%lld ms\n",
                syncMs, entries, syncMs > 0 ? 1000.0 * double(entries) / double(syncMs) : 0.0,
                syncCpuMs);
    for (const FeedSyncResult &f : result.feeds)
        std::printf("  %-8s                  %lld entries, %lld pages, verified %s\n",
                    qPrintable(feedName(f.feed)), f.upserts + f.deletes, f.pages,
                    f.verified ? "yes" : "no");
    std::printf("baseline: HTTP pull only    %lld ms\n", pullMs);
    std::printf("baseline: SQLite import     %lld ms (key + payload rows, one transaction)\n",
                importMs);
    std::printf("cache writes alone          %lld ms, %lld ms CPU (CatalogStore::applyPage of the "
                "same pages)\n",
                storeMs, storeCpuMs);
    return 0;
}
