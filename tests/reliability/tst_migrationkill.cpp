#include "models/database.h"
#include "models/schema.h"
#include "reliability/cachefile.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>

using namespace qm;
using cachefile::RawFile;

namespace {

// Products added to the version 1 fixture so that its upgrade takes long enough to be
// interrupted at every step (each product brings two packs, two prices, stock and three
// feed entries).
constexpr int BigCatalogProducts = 10000;
constexpr int DefaultRuns = 50;

int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok ? value : fallback;
}

void removeCache(const QString &path)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
}

// What one child process did.
struct ChildRun
{
    qint64 migratingNs = 0; // from "opening" until it exited or was killed
    bool finished = false;  // it exited on its own before the kill
    QString failure;
};

// Runs cacheopen on `path` and kills it `killAfterNs` after it reported that it is opening
// the file (never, for a negative value).
ChildRun runChild(const QString &path, qint64 killAfterNs)
{
    ChildRun result;
    QProcess child;
    child.start(QStringLiteral(QM_CACHEOPEN_BIN), {path});
    if (!child.waitForStarted(10000)) {
        result.failure = QStringLiteral("cacheopen did not start: ") + child.errorString();
        return result;
    }
    while (!child.canReadLine()) {
        if (!child.waitForReadyRead(10000)) {
            result.failure = QStringLiteral("cacheopen never said it was opening");
            child.kill();
            child.waitForFinished();
            return result;
        }
    }
    QElapsedTimer clock;
    clock.start();
    if (child.readLine().trimmed() != "opening") {
        result.failure = QStringLiteral("unexpected output of cacheopen");
        child.kill();
        child.waitForFinished();
        return result;
    }
    if (killAfterNs >= 0) {
        // The delay is the point of the test: sleep most of it, spin the rest.
        const qint64 sleepUs = killAfterNs / 1000 - 2000;
        if (sleepUs > 0)
            QThread::usleep(static_cast<unsigned long>(sleepUs));
        while (clock.nsecsElapsed() < killAfterNs && child.state() == QProcess::Running)
            ;
        // state() only changes when the event loop notices the exit: ask the process
        // itself whether it is still there by waiting zero milliseconds.
        result.finished = child.waitForFinished(0);
        if (!result.finished)
            child.kill();
    }
    child.waitForFinished(60000);
    result.migratingNs = clock.nsecsElapsed();
    if (killAfterNs < 0 || result.finished) {
        result.finished = true;
        if (child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0)
            result.failure = QStringLiteral("cacheopen failed: ") +
                             QString::fromLocal8Bit(child.readAllStandardError());
    }
    return result;
}

} // namespace

class tst_MigrationKill final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void killDuringMigrationLeavesAWholeVersion();

private:
    QTemporaryDir m_dir;
    QString m_bigV1;                        // the enlarged version 1 fixture, copied per run
    QMap<int, QStringList> m_schemaAt;      // what a clean migration to each version holds
    QMap<QString, qint64> m_upgradedCounts; // rows after an uninterrupted upgrade
    qint64 m_migrationNs = 0;               // the shortest uninterrupted upgrade measured
};

void tst_MigrationKill::initTestCase()
{
    QLoggingCategory::setFilterRules(QStringLiteral("qm.models.database.info=false"));
    QVERIFY(m_dir.isValid());
    QElapsedTimer setup;
    setup.start();
    m_bigV1 = m_dir.filePath(QStringLiteral("big-v1.db"));
    QString error;
    QVERIFY2(cachefile::loadDump(cachefile::fixturePath(1), m_bigV1, &error), qPrintable(error));
    {
        RawFile file(m_bigV1);
        QCOMPARE(file.userVersion(), 1);
        // Plain version 1 SQL, like the fixture's own rows; the version 1 triggers index
        // the products.
        const QString fill =
            QStringLiteral(
                "BEGIN;"
                "INSERT INTO products(id, sku, name, description, brand, category_code,"
                " category_path, attributes, attribute_text, search_terms, base_uom)"
                " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1)"
                " SELECT 10000 + i, printf('GEN-%06d', i), printf('Generated part %d', i),"
                " 'Bulk catalog entry', 'Brand ' || (i % 40), 'GEN-' || (i % 25),"
                " 'Generated > Group ' || (i % 25), json_object('material', 'M' || (i % 12)),"
                " 'M' || (i % 12), printf('GEN %06d', i), 'EA' FROM n;"
                "INSERT INTO packs(product_id, uom, position, name, quantity, gtin, gtin14)"
                " SELECT id, 'EA', 0, 'Each', 1, printf('2%012d', id), printf('02%012d', id)"
                " FROM products WHERE id > 10000;"
                "INSERT INTO packs(product_id, uom, position, name, quantity, gtin, gtin14)"
                " SELECT id, 'BX', 1, 'Box of 50', 50, '', NULL FROM products WHERE id > 10000;"
                "INSERT INTO prices(sku, position, currency, kind, uom, min_qty, unit_price)"
                " SELECT sku, 0, 'EUR', 'list', 'EA', 1, 1000 + id FROM products WHERE id > 10000;"
                "INSERT INTO prices(sku, position, currency, kind, uom, min_qty, unit_price)"
                " SELECT sku, 1, 'EUR', 'contract', 'EA', 100, 900 + id FROM products"
                " WHERE id > 10000;"
                "INSERT INTO stock(sku, position, warehouse, on_hand, lead_time_days)"
                " SELECT sku, 0, 'MAIN', id % 500, 3 FROM products WHERE id > 10000;"
                "INSERT INTO feed_items(feed, key, hash, generation)"
                " SELECT f.feed, p.sku, p.id * 7919, 1 FROM products p,"
                " (SELECT 'products' AS feed UNION ALL SELECT 'prices' UNION ALL SELECT 'stock') f"
                " WHERE p.id > 10000;"
                "UPDATE sync_state SET count = (SELECT count(*) FROM feed_items"
                " WHERE feed_items.feed = sync_state.feed);"
                "COMMIT;")
                .arg(BigCatalogProducts);
        QVERIFY2(file.exec(fill, &error), qPrintable(error));
        QCOMPARE(file.scalar(QStringLiteral("PRAGMA integrity_check")).toString(),
                 QStringLiteral("ok"));
    }
    qInfo("version 1 cache with %d products built in %lld ms (%lld bytes)", BigCatalogProducts + 6,
          setup.elapsed(), qint64(QFile(m_bigV1).size()));

    // The reference: a clean migration, one step at a time, of the same file.
    const QString reference = m_dir.filePath(QStringLiteral("reference.db"));
    QVERIFY(QFile::copy(m_bigV1, reference));
    {
        RawFile file(reference);
        for (const schema::Migration &step : schema::migrations()) {
            QVERIFY2(cachefile::migrateTo(file, step.version, &error), qPrintable(error));
            QCOMPARE(file.userVersion(), step.version);
            m_schemaAt.insert(step.version, cachefile::schemaEntries(file));
        }
    }

    // Uninterrupted upgrades through Database::open in a child process: how long the
    // migration takes, and what it leaves.
    const QString measured = m_dir.filePath(QStringLiteral("measured.db"));
    QList<qint64> durations;
    for (int i = 0; i < 3; ++i) {
        removeCache(measured);
        QVERIFY(QFile::copy(m_bigV1, measured));
        const ChildRun run = runChild(measured, -1);
        QVERIFY2(run.failure.isEmpty(), qPrintable(run.failure));
        durations << run.migratingNs;
    }
    {
        RawFile file(measured);
        QCOMPARE(file.userVersion(), Database::latestSchemaVersion());
        m_upgradedCounts = cachefile::rowCounts(file);
        QCOMPARE(cachefile::schemaEntries(file), m_schemaAt.value(Database::latestSchemaVersion()));
    }
    {
        RawFile file(reference);
        QCOMPARE(cachefile::rowCounts(file), m_upgradedCounts);
    }
    QCOMPARE(m_upgradedCounts.value(QStringLiteral("products")), BigCatalogProducts + 6);
    // The shortest: the machine's load varies, and kill delays spread over the shortest
    // upgrade seen interrupt most runs.
    std::sort(durations.begin(), durations.end());
    m_migrationNs = durations.at(0);
    qInfo("upgrade 1 -> %d through Database::open: %lld / %lld / %lld ms (sorted)",
          Database::latestSchemaVersion(), durations.at(0) / 1000000, durations.at(1) / 1000000,
          durations.at(2) / 1000000);
}

// A cache killed at a random moment of its upgrade is at a version some step committed,
// with exactly that version's schema and a sound file, and opens normally afterwards with
// every row of an uninterrupted upgrade.
void tst_MigrationKill::killDuringMigrationLeavesAWholeVersion()
{
    const int runs = envInt("QM_MIGRATION_KILL_RUNS", DefaultRuns);
    quint32 seed = QRandomGenerator::system()->generate();
    bool seeded = false;
    const quint32 fixedSeed = qEnvironmentVariable("QM_MIGRATION_KILL_SEED").toUInt(&seeded);
    if (seeded)
        seed = fixedSeed;
    qInfo("%d runs, seed %u (QM_MIGRATION_KILL_SEED=%u repeats them)", runs, seed, seed);
    QRandomGenerator random(seed);

    const int latest = Database::latestSchemaVersion();
    QMap<int, int> killedAt;
    int finishedFirst = 0;
    const QString path = m_dir.filePath(QStringLiteral("run.db"));
    for (int run = 1; run <= runs; ++run) {
        removeCache(path);
        QVERIFY(QFile::copy(m_bigV1, path));
        const qint64 delayNs = qint64(random.bounded(double(m_migrationNs)));
        const ChildRun child = runChild(path, delayNs);
        QVERIFY2(child.failure.isEmpty(), qPrintable(child.failure));

        int version = 0;
        {
            RawFile killed(path);
            version = killed.userVersion();
            qInfo("run %d: %s after %.1f ms at schema %d", run,
                  child.finished ? "finished" : "killed", double(delayNs) / 1e6, version);
            QVERIFY2(version >= 1 && version <= latest,
                     qPrintable(QStringLiteral("run %1: user_version %2").arg(run).arg(version)));
            QCOMPARE(killed.scalar(QStringLiteral("PRAGMA integrity_check")).toString(),
                     QStringLiteral("ok"));
            // Never between: the schema is exactly what the steps up to `version` build.
            QCOMPARE(cachefile::schemaEntries(killed), m_schemaAt.value(version));
        }
        if (child.finished) {
            ++finishedFirst;
            QCOMPARE(version, latest);
        } else {
            killedAt[version] += 1;
        }

        QString error;
        {
            const auto db = Database::open(path, &error);
            QVERIFY2(db, qPrintable(error));
            QCOMPARE(db->schemaVersion(), latest);
        }
        RawFile file(path);
        QCOMPARE(cachefile::rowCounts(file), m_upgradedCounts);
        QCOMPARE(file.scalar(QStringLiteral("PRAGMA integrity_check")).toString(),
                 QStringLiteral("ok"));
    }

    QStringList summary;
    for (auto it = killedAt.cbegin(); it != killedAt.cend(); ++it)
        summary << QStringLiteral("schema %1: %2").arg(it.key()).arg(it.value());
    qInfo("%d runs (seed %u): killed at %s; finished before the kill: %d", runs, seed,
          qPrintable(summary.isEmpty() ? QStringLiteral("none") : summary.join(u", ")),
          finishedFirst);
    // With delays spread over the measured upgrade, many runs must have been interrupted
    // before the last step committed; otherwise the test proved nothing.
    int interrupted = 0;
    for (auto it = killedAt.cbegin(); it != killedAt.cend(); ++it)
        interrupted += it.key() < latest ? it.value() : 0;
    if (runs >= 10)
        QVERIFY2(interrupted >= runs / 4, "the kills came too late to interrupt the upgrade");
}

QTEST_GUILESS_MAIN(tst_MigrationKill)
#include "tst_migrationkill.moc"
