// Benchmark: the first sync of a large catalog (100,000 and 1,000,000 products by default)
// from a real qm-portal into a fresh cache, beside sqlite3 importing the same rows, and the
// delta sync of 1,000 changes after it.
//
//   bench_catalog [--dir DIR] [--page-size N] [--no-delta] [PRODUCTS...]
//
// For each product count it
//  - starts qm-portal (QM_PORTAL_BIN) with the demo supplier on a free loopback port, on the
//    SQLite database DIR/portal-PRODUCTS.sqlite: generated the first time (about 6 minutes at
//    1,000,000 products), reused afterwards. DIR defaults to $QM_BENCH_DIR, else
//    qm-bench-catalog in the temporary directory;
//  - signs in as the demo buyer and syncs a fresh cache in a child process (this executable
//    with --sync-child, running the app's SyncEngine), so that the peak RSS it reports is the
//    client's alone; QM_BENCH_CHILD_WRAPPER (e.g. "perf record -g -o sync.data") is put in
//    front of the child's command line to profile it;
//  - writes the synced products, packs, prices, discounts and stock as CSV files and times
//    `sqlite3 DB < script`: the same tables and indexes, full-text index included, filled
//    with .import in one transaction (the cache's durability settings);
//  - applies 1,000 changes on the portal (qm-portal --apply-demo-changes 1000) and times
//    the delta sync of the same cache.
// The portal database keeps the changes, so a later run starts from a changed catalog.
// It measures and prints; it never fails on time.

#include "models/searchindex.h"
#include "sync/apiclient.h"
#include "sync/syncengine.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>
#include <sys/resource.h>

using namespace qm;

namespace {

constexpr int ChangeCount = 1000;

int fail(const QString &why)
{
    std::fprintf(stderr, "bench_catalog: %s\n", qPrintable(why));
    return 1;
}

qint64 cpuMsOf(const rusage &usage)
{
    return qint64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

// --sync-child PORTAL CACHE PAGE_SIZE, tokens as JSON on standard input: one SyncEngine run,
// printed as one JSON object with the process's own CPU time and peak RSS.
int syncChild(const QStringList &args)
{
    if (args.size() < 5)
        return fail(QStringLiteral("--sync-child PORTAL CACHE PAGE_SIZE"));
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read the tokens"));
    const auto tokens = Tokens::fromJson(in.readAll());
    if (!tokens)
        return fail(QStringLiteral("no tokens on standard input"));

    SyncEngine::Options options;
    options.portal = QUrl(args.at(2));
    options.cachePath = args.at(3);
    if (const int pageSize = args.at(4).toInt(); pageSize > 0)
        options.pageSize = pageSize;
    options.transferTimeoutMs = 600000;
    SyncEngine engine(options);
    engine.setTokens(*tokens);
    QSignalSpy finished(&engine, &SyncEngine::finished);
    engine.start();
    if (!finished.wait(3600000))
        return fail(QStringLiteral("the sync did not finish"));
    const auto result = finished.first().first().value<SyncResult>();
    if (!result.ok)
        return fail(result.error ? result.error->toLogString() : result.storageError);

    // The writer merges the full-text index's segments after the run, in the background; the
    // process's CPU time and peak RSS include it.
    QElapsedTimer merge;
    merge.start();
    engine.waitForIndexMerge();
    const qint64 mergeMs = merge.elapsed();

    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    QJsonArray feeds;
    for (const FeedSyncResult &f : result.feeds)
        feeds.append(QJsonObject{{QStringLiteral("feed"), feedName(f.feed)},
                                 {QStringLiteral("entries"), f.upserts + f.deletes},
                                 {QStringLiteral("pages"), f.pages},
                                 {QStringLiteral("verified"), f.verified}});
    const QJsonObject out{{QStringLiteral("elapsed_ms"), result.elapsedMs},
                          {QStringLiteral("index_merge_ms"), mergeMs},
                          {QStringLiteral("cpu_ms"), cpuMsOf(usage)},
                          {QStringLiteral("max_rss_kb"), qint64(usage.ru_maxrss)},
                          {QStringLiteral("feeds"), feeds}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}

QString portalBinary()
{
    return qEnvironmentVariable("QM_PORTAL_BIN", QStringLiteral("qm-portal"));
}

// qm-portal serving the demo supplier from one SQLite file until destroyed.
class Portal final
{
public:
    ~Portal()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(30000)) {
                m_process.kill();
                m_process.waitForFinished(5000);
            }
        }
    }

    bool start(const QString &dbPath, int products, QString *error)
    {
        m_db = QStringLiteral("sqlite:") + dbPath;
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(portalBinary(),
                        {QStringLiteral("--db"), m_db, QStringLiteral("--bind"),
                         QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QStringLiteral("0"),
                         QStringLiteral("--demo"), QStringLiteral("--products"),
                         QString::number(products), QStringLiteral("--access-log"),
                         QStringLiteral("/dev/null")});
        static const QRegularExpression listening(
            QStringLiteral("^qm-portal listening on (http://\\S+)$"),
            QRegularExpression::MultilineOption);
        while (m_process.state() != QProcess::NotRunning || m_process.bytesAvailable() > 0) {
            m_output += m_process.readAll();
            const auto match = listening.match(QString::fromUtf8(m_output));
            if (match.hasMatch()) {
                m_url = QUrl(match.captured(1));
                return true;
            }
            m_process.waitForReadyRead(1000);
        }
        *error = QStringLiteral("qm-portal did not start:\n%1").arg(QString::fromUtf8(m_output));
        return false;
    }

    // Runs qm-portal once more on the same database (a maintenance mode) and waits for it.
    bool maintenance(const QStringList &args, QString *output) const
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(portalBinary(), QStringList{QStringLiteral("--db"), m_db} + args);
        const bool ok = process.waitForFinished(3600000) &&
                        process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
        *output = QString::fromUtf8(process.readAll()).trimmed();
        return ok;
    }

    QUrl url() const { return m_url; }
    QString output() const { return QString::fromUtf8(m_output); }

private:
    QProcess m_process;
    QString m_db;
    QUrl m_url;
    QByteArray m_output;
};

struct ChildSync
{
    qint64 wallMs = 0; // the child process from start to exit
    QJsonObject result;
};

std::optional<ChildSync> runChildSync(const QUrl &portal, const QString &cachePath, int pageSize,
                                      const Tokens &tokens, QString *error)
{
    QStringList command =
        qEnvironmentVariable("QM_BENCH_CHILD_WRAPPER").split(u' ', Qt::SkipEmptyParts);
    command << QCoreApplication::applicationFilePath() << QStringLiteral("--sync-child")
            << portal.toString() << cachePath << QString::number(pageSize);
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer timer;
    timer.start();
    child.start(command.takeFirst(), command);
    child.write(tokens.toJson());
    child.closeWriteChannel();
    if (!child.waitForFinished(3600000) || child.exitStatus() != QProcess::NormalExit ||
        child.exitCode() != 0) {
        *error = QStringLiteral("the syncing child failed (exit code %1)").arg(child.exitCode());
        return std::nullopt;
    }
    ChildSync sync;
    sync.wallMs = timer.elapsed();
    const QList<QByteArray> lines = child.readAllStandardOutput().trimmed().split('\n');
    sync.result = QJsonDocument::fromJson(lines.last()).object();
    if (sync.result.isEmpty()) {
        *error = QStringLiteral("the syncing child printed no result");
        return std::nullopt;
    }
    return sync;
}

qint64 entriesOf(const QJsonObject &result)
{
    qint64 n = 0;
    for (const QJsonValue &f : result.value(u"feeds").toArray())
        n += f.toObject().value(u"entries").toInteger();
    return n;
}

void printSync(const char *label, const ChildSync &sync)
{
    const QJsonObject &r = sync.result;
    const qint64 entries = entriesOf(r);
    const qint64 ms = r.value(u"elapsed_ms").toInteger();
    std::printf("%-27s %lld ms for %lld entries (%.0f entries/s); index merged in the "
                "background %lld ms after; client CPU %lld ms, peak RSS %.1f MB; child process "
                "%lld ms\n",
                label, ms, entries, ms > 0 ? 1000.0 * double(entries) / double(ms) : 0.0,
                r.value(u"index_merge_ms").toInteger(), r.value(u"cpu_ms").toInteger(),
                double(r.value(u"max_rss_kb").toInteger()) / 1024.0, sync.wallMs);
    for (const QJsonValue &v : r.value(u"feeds").toArray()) {
        const QJsonObject f = v.toObject();
        std::printf("  %-25s %lld entries, %lld pages, verified %s\n",
                    qPrintable(f.value(u"feed").toString()), f.value(u"entries").toInteger(),
                    f.value(u"pages").toInteger(), f.value(u"verified").toBool() ? "yes" : "no");
    }
}

// Runs the sqlite3 command line tool on `database` with `script` on standard input.
bool runSqlite3(const QString &database, const QByteArray &script, QByteArray *out, QString *error)
{
    QProcess sqlite;
    sqlite.start(QStringLiteral("sqlite3"), {QStringLiteral("-batch"), database});
    sqlite.write(script);
    sqlite.closeWriteChannel();
    if (!sqlite.waitForFinished(3600000) || sqlite.exitStatus() != QProcess::NormalExit ||
        sqlite.exitCode() != 0) {
        *error = QStringLiteral("sqlite3 failed: %1%2")
                     .arg(sqlite.errorString(), QString::fromUtf8(sqlite.readAllStandardError()));
        return false;
    }
    if (out)
        *out = sqlite.readAllStandardOutput();
    return true;
}

// The tables a first sync fills with the catalog's rows (the feeds' domain tables).
const QStringList &domainTables()
{
    static const QStringList tables{QStringLiteral("products"), QStringLiteral("packs"),
                                    QStringLiteral("prices"), QStringLiteral("discounts"),
                                    QStringLiteral("stock")};
    return tables;
}

struct SqliteImport
{
    qint64 ms = 0;
    qint64 rows = 0;
};

// Exports the domain tables of `cache` as CSV, then times sqlite3 creating the same tables,
// indexes and full-text index (with its vocabulary) in a new file and importing the CSV files in
// one transaction.
std::optional<SqliteImport> sqliteImport(const QString &cache, const QDir &work, QString *error)
{
    const QString quoted = QStringLiteral("'%1'");
    QStringList names;
    for (const QString &t : domainTables())
        names << quoted.arg(t);
    names << quoted.arg(QStringLiteral("products_fts"))
          << quoted.arg(QStringLiteral("search_vocabulary"));
    QByteArray schema;
    if (!runSqlite3(cache,
                    QStringLiteral("SELECT sql || ';' FROM sqlite_master WHERE tbl_name IN (%1)"
                                   " AND sql IS NOT NULL ORDER BY type = 'index', rowid;\n")
                        .arg(names.join(u','))
                        .toUtf8(),
                    &schema, error))
        return std::nullopt;

    // sqlite3's .import cannot fill a table with a generated column (products.material):
    // the copy computes it in its index instead, which costs the same.
    QString ddl = QString::fromUtf8(schema);
    static const QRegularExpression generated(
        QStringLiteral(",\\s*(\\w+) \\w+ GENERATED ALWAYS AS \\((.*)\\) VIRTUAL"));
    for (auto m = generated.match(ddl); m.hasMatch(); m = generated.match(ddl)) {
        const QString column = m.captured(1);
        const QString expression = m.captured(2);
        ddl.remove(m.capturedStart(), m.capturedLength());
        ddl.replace(u'(' + column + u' ', u'(' + expression + u' ');
    }

    QByteArray exportScript = ".mode csv\n";
    QByteArray importScript =
        "PRAGMA journal_mode = WAL;\nPRAGMA synchronous = FULL;\n" + ddl.toUtf8() + "BEGIN;\n";
    SqliteImport result;
    for (const QString &t : domainTables()) {
        const QString csv = work.filePath(t + QStringLiteral(".csv"));
        QByteArray columns;
        if (!runSqlite3(
                cache,
                QStringLiteral("SELECT group_concat(name, ', ') FROM pragma_table_info('%1');\n")
                    .arg(t)
                    .toUtf8(),
                &columns, error))
            return std::nullopt;
        exportScript += QStringLiteral(".output '%1'\nSELECT %2 FROM %3;\n")
                            .arg(csv, QString::fromUtf8(columns.trimmed()), t)
                            .toUtf8();
        importScript += QStringLiteral(".import --csv '%1' %2\n").arg(csv, t).toUtf8();
    }
    // The full-text index and its vocabulary, built as the client builds them.
    for (const QString &statement : searchindex::rebuildStatements())
        importScript += statement.toUtf8() + ";\n";
    importScript += "COMMIT;\n";
    if (!runSqlite3(cache, exportScript, nullptr, error))
        return std::nullopt;

    QByteArray counts;
    QStringList countSql;
    for (const QString &t : domainTables())
        countSql << QStringLiteral("(SELECT count(*) FROM %1)").arg(t);
    if (!runSqlite3(cache, "SELECT " + countSql.join(u'+').toUtf8() + ";\n", &counts, error))
        return std::nullopt;
    result.rows = counts.trimmed().toLongLong();

    const QString target = work.filePath(QStringLiteral("sqlite3-import.sqlite"));
    QFile::remove(target);
    QElapsedTimer timer;
    timer.start();
    if (!runSqlite3(target, importScript, nullptr, error))
        return std::nullopt;
    result.ms = timer.elapsed();
    for (const QString &t : domainTables())
        QFile::remove(work.filePath(t + QStringLiteral(".csv")));
    QFile::remove(target);
    return result;
}

int benchOne(int products, const QDir &dir, int pageSize, bool delta)
{
    std::printf("== %d products ==\n", products);
    std::fflush(stdout);
    const QString dbPath = dir.filePath(QStringLiteral("portal-%1.sqlite").arg(products));
    const bool reused = QFileInfo::exists(dbPath);
    QElapsedTimer timer;
    timer.start();
    Portal portal;
    QString error;
    if (!portal.start(dbPath, products, &error))
        return fail(error);
    std::printf("portal                      %s in %lld ms (%s)\n", reused ? "reused" : "generated",
                timer.elapsed(), qPrintable(dbPath));

    // Signed in afresh for each sync: a long first sync rotates the refresh token.
    ApiClient api(portal.url());
    const auto signIn = [&api] {
        ApiJob *job = api.signIn(QStringLiteral("buyer@bayside.example"), QStringLiteral("demo"));
        QSignalSpy signedIn(job, &ApiJob::finished);
        return signedIn.wait(120000) && !job->error();
    };
    if (!signIn())
        return fail(QStringLiteral("sign-in failed"));

    QTemporaryDir work(dir.filePath(QStringLiteral("work-XXXXXX")));
    if (!work.isValid())
        return fail(QStringLiteral("cannot create a working directory in %1").arg(dir.path()));
    const QString cache = work.filePath(QStringLiteral("cache.sqlite"));
    const auto first = runChildSync(portal.url(), cache, pageSize, api.tokens(), &error);
    if (!first)
        return fail(error);
    printSync("first sync", *first);
    // Free pages (left by the full-text index's merges, for one) count in the file's size.
    QByteArray freeBytes;
    const bool freeKnown = runSqlite3(cache,
                                      "SELECT (SELECT freelist_count FROM pragma_freelist_count) * "
                                      "page_size FROM pragma_page_size;\n",
                                      &freeBytes, &error);
    std::printf("cache file                  %.0f MB (%s MB of it free pages)\n",
                double(QFileInfo(cache).size()) / 1e6,
                freeKnown
                    ? qPrintable(QString::number(freeBytes.trimmed().toDouble() / 1e6, 'f', 1))
                    : "unknown");
    std::fflush(stdout);

    const auto imported = sqliteImport(cache, QDir(work.path()), &error);
    if (!imported)
        return fail(error);
    const qint64 syncMs = first->result.value(u"elapsed_ms").toInteger();
    std::printf("sqlite3 .import             %lld ms for %lld rows (same tables and indexes, "
                "full-text index rebuilt, one transaction)\n",
                imported->ms, imported->rows);
    std::printf("first sync / sqlite3        %.2f\n",
                imported->ms > 0 ? double(syncMs) / double(imported->ms) : 0.0);
    std::fflush(stdout);

    if (delta) {
        QString output;
        timer.restart();
        if (!portal.maintenance(
                {QStringLiteral("--apply-demo-changes"), QString::number(ChangeCount)}, &output))
            return fail(QStringLiteral("--apply-demo-changes failed: %1").arg(output));
        std::printf("portal changes              %lld ms: %s\n", timer.elapsed(),
                    qPrintable(output.section(u'\n', 0, 0)));
        if (!signIn())
            return fail(QStringLiteral("sign-in failed"));
        const auto second = runChildSync(portal.url(), cache, pageSize, api.tokens(), &error);
        if (!second)
            return fail(error);
        printSync("delta sync", *second);
    }
    std::fflush(stdout);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments();
    if (args.size() > 1 && args.at(1) == u"--sync-child")
        return syncChild(args);

    QString dirPath = qEnvironmentVariable(
        "QM_BENCH_DIR", QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation))
                            .filePath(QStringLiteral("qm-bench-catalog")));
    int pageSize = 0; // the engine's own
    bool delta = true;
    QList<int> counts;
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == u"--dir" && i + 1 < args.size()) {
            dirPath = args.at(++i);
        } else if (a == u"--page-size" && i + 1 < args.size()) {
            pageSize = args.at(++i).toInt();
        } else if (a == u"--no-delta") {
            delta = false;
        } else if (const int n = a.toInt(); n > 0) {
            counts << n;
        } else {
            return fail(QStringLiteral(
                "usage: bench_catalog [--dir DIR] [--page-size N] [--no-delta] [PRODUCTS...]"));
        }
    }
    if (counts.isEmpty())
        counts = {100000, 1000000};
    if (!QDir().mkpath(dirPath))
        return fail(QStringLiteral("cannot create %1").arg(dirPath));
    std::printf("portal databases in %s; page size %s\n", qPrintable(dirPath),
                pageSize > 0 ? qPrintable(QString::number(pageSize)) : "the engine's default");
    for (int n : counts) {
        if (const int rc = benchOne(n, QDir(dirPath), pageSize, delta); rc != 0)
            return rc;
    }
    return 0;
}
