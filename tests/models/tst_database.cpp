#include "models/database.h"
#include "models/schema.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sqlite3.h>

using namespace qm;

namespace {

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

QVariant scalar(const Database &db, const QString &statement)
{
    QSqlQuery q(db.connection());
    if (!q.exec(statement) || !q.next())
        return {};
    return q.value(0);
}

// Writes a SQLite file directly (not through Database) with the given statements.
void makeSqliteFile(const QString &path, const QStringList &statements)
{
    const QString name = QStringLiteral("raw-%1").arg(quintptr(&path));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        for (const QString &s : statements)
            QVERIFY2(q.exec(s), qPrintable(s));
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace

class tst_Database final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pragmasAreSet();
    void migratesFromEmptyToLatest();
    void reopensWithoutMigratingAgain();
    void upgradesVersion1Cache();
    void upgradesVersion4Cache();
    void upgradesVersion7Cache();
    void refusesNewerSchema();
    void refusesForeignFiles_data();
    void refusesForeignFiles();
    void writeCommitsOrRollsBack();
    void nestedWriteFails();
    void groupCommitsItsWritesTogether();
    void twoConnectionsInTwoThreads();
    void sqliteKeepsNoMemoryCount();
};

void tst_Database::pragmasAreSet()
{
    QTemporaryDir dir;
    QString error;
    const auto db = Database::open(dir.filePath(QStringLiteral("cache.sqlite")), &error);
    QVERIFY2(db, qPrintable(error));
    QCOMPARE(scalar(*db, QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    QCOMPARE(scalar(*db, QStringLiteral("PRAGMA synchronous")).toInt(), 2); // FULL
    QCOMPARE(scalar(*db, QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
    QVERIFY(scalar(*db, QStringLiteral("PRAGMA busy_timeout")).toInt() >= 1000);
    // Reads go through a memory map of the file (SQLite caps it at its build's limit).
    QVERIFY(scalar(*db, QStringLiteral("PRAGMA mmap_size")).toLongLong() >= qint64(1) << 30);
}

void tst_Database::migratesFromEmptyToLatest()
{
    QTemporaryDir dir;
    QString error;
    const QString path = dir.filePath(QStringLiteral("sub/dir/cache.sqlite"));
    const auto db = Database::open(path, &error);
    QVERIFY2(db, qPrintable(error));
    QVERIFY(Database::latestSchemaVersion() >= 1);
    QCOMPARE(db->schemaVersion(), Database::latestSchemaVersion());
    QCOMPARE(scalar(*db, QStringLiteral("PRAGMA application_id")).toInt(), schema::ApplicationId);
    const QStringList tables{QStringLiteral("profile_meta"), QStringLiteral("products"),
                             QStringLiteral("packs"),        QStringLiteral("prices"),
                             QStringLiteral("stock"),        QStringLiteral("feed_items"),
                             QStringLiteral("sync_state"),   QStringLiteral("products_fts")};
    for (const QString &t : tables) {
        QSqlQuery q(db->connection());
        q.prepare(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = ?"));
        q.addBindValue(t);
        QVERIFY(q.exec() && q.next());
        QVERIFY2(q.value(0).toInt() == 1, qPrintable(t));
    }
    // Versions are strictly increasing, so each step is applied exactly once.
    int previous = 0;
    for (const auto &m : schema::migrations()) {
        QVERIFY(m.version > previous);
        previous = m.version;
    }
}

void tst_Database::reopensWithoutMigratingAgain()
{
    QTemporaryDir dir;
    QString error;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    {
        const auto db = Database::open(path, &error);
        QVERIFY2(db, qPrintable(error));
        QVERIFY(db->write(
            [&](QString *) {
                QSqlQuery q(db->connection());
                return q.exec(QStringLiteral("INSERT INTO profile_meta VALUES ('k', 'v')"));
            },
            &error));
    }
    const auto again = Database::open(path, &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(
        scalar(*again, QStringLiteral("SELECT value FROM profile_meta WHERE key = 'k'")).toString(),
        QStringLiteral("v"));
}

void tst_Database::upgradesVersion1Cache()
{
    // A cache as version 1 left it: triggers kept the full-text index in step.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    QStringList statements = schema::migrations().first().statements;
    statements
        << QStringLiteral("PRAGMA user_version = 1")
        << QStringLiteral(
               "INSERT INTO products(sku, name, base_uom) VALUES ('V1-1', 'Saved wing nut', 'EA')");
    makeSqliteFile(path, statements);

    QString error;
    const auto db = Database::open(path, &error);
    QVERIFY2(db, qPrintable(error));
    QCOMPARE(db->schemaVersion(), Database::latestSchemaVersion());
    QCOMPARE(
        scalar(*db, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"))
            .toInt(),
        0);
    // What version 1 indexed is still found, and the index is consistent.
    QCOMPARE(scalar(*db, QStringLiteral(
                             "SELECT rowid FROM products_fts WHERE products_fts MATCH 'wing'"))
                 .toInt(),
             scalar(*db, QStringLiteral("SELECT id FROM products WHERE sku = 'V1-1'")).toInt());
    QSqlQuery check(db->connection());
    QVERIFY(check.exec(QStringLiteral(
        "INSERT INTO products_fts(products_fts, rank) VALUES ('integrity-check', 1)")));
}

void tst_Database::upgradesVersion4Cache()
{
    // A cache as version 4 left it: products indexed by CatalogStore, no search facets.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    QStringList statements;
    for (const schema::Migration &step : schema::migrations()) {
        if (step.version <= 4)
            statements += step.statements;
    }
    statements
        << QStringLiteral("PRAGMA user_version = 4")
        << QStringLiteral("INSERT INTO products(sku, name, brand, category_path, attributes,"
                          " attribute_text, base_uom) VALUES ('V4-1', 'Saved wing nut', 'Acme',"
                          " 'Fasteners > Nuts', '{\"material\":\"Brass\"}', 'Brass', 'EA')")
        << QStringLiteral("INSERT INTO products(sku, name, base_uom) VALUES ('V4-2', 'Saved hook',"
                          " 'EA')")
        << QStringLiteral("INSERT INTO products_fts(rowid, sku, name, description, brand,"
                          " attribute_text, category_path, search_terms) SELECT id, sku, name,"
                          " description, brand, attribute_text, category_path, search_terms"
                          " FROM products");
    makeSqliteFile(path, statements);

    QString error;
    const auto db = Database::open(path, &error);
    QVERIFY2(db, qPrintable(error));
    QCOMPARE(db->schemaVersion(), Database::latestSchemaVersion());
    // The index was rebuilt from the products: both are found, by one-letter prefixes too.
    QCOMPARE(
        scalar(*db, QStringLiteral("SELECT rowid FROM products_fts WHERE products_fts MATCH 'w*'"))
            .toInt(),
        scalar(*db, QStringLiteral("SELECT id FROM products WHERE sku = 'V4-1'")).toInt());
    QCOMPARE(scalar(*db, QStringLiteral(
                             "SELECT count(*) FROM products_fts WHERE products_fts MATCH 'saved'"))
                 .toInt(),
             2);
    QVERIFY(scalar(*db, QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'products_fts'"))
                .toString()
                .contains(QLatin1String("prefix = '1 2 3'")));
    QSqlQuery check(db->connection());
    QVERIFY(check.exec(QStringLiteral(
        "INSERT INTO products_fts(products_fts, rank) VALUES ('integrity-check', 1)")));
    // The material facet reads the attribute; order counts start empty.
    QCOMPARE(
        scalar(*db, QStringLiteral("SELECT material FROM products WHERE sku = 'V4-1'")).toString(),
        QStringLiteral("Brass"));
    QVERIFY(
        scalar(*db, QStringLiteral("SELECT material FROM products WHERE sku = 'V4-2'")).isNull());
    QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM product_order_counts")).toInt(), 0);
}

void tst_Database::upgradesVersion7Cache()
{
    // A cache as version 7 left it, with a cart and a queued list change: version 8 adds the
    // order tables and keeps everything else.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    QStringList statements;
    for (const schema::Migration &step : schema::migrations()) {
        if (step.version <= 7)
            statements += step.statements;
    }
    statements << QStringLiteral("PRAGMA user_version = 7")
               << QStringLiteral("INSERT INTO carts(id, name, created_at, updated_at, used_at)"
                                 " VALUES (1, 'Site', '2026-01-01', '2026-01-01', '2026-01-01')")
               << QStringLiteral("INSERT INTO cart_lines(cart_id, position, code, sku, uom,"
                                 " quantity, requested_quantity, source, added_at)"
                                 " VALUES (1, 1, 'A', 'A', 'EA', 4, 4, 'typed', '2026-01-01')")
               << QStringLiteral("INSERT INTO list_outbox(list_id, op, idempotency_key, body,"
                                 " created_at, updated_at) VALUES ('l1', 'put', 'k1', '{}',"
                                 " '2026-01-01', '2026-01-01')");
    makeSqliteFile(path, statements);

    QString error;
    const auto db = Database::open(path, &error);
    QVERIFY2(db, qPrintable(error));
    QCOMPARE(db->schemaVersion(), Database::latestSchemaVersion());
    QCOMPARE(scalar(*db, QStringLiteral("SELECT quantity FROM cart_lines")).toInt(), 4);
    QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM list_outbox")).toInt(), 1);
    for (const char *table : {"order_outbox", "orders", "account_info"})
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table)))
                     .toInt(),
                 0);
    // The outbox takes only the four states, and one entry per client order id.
    QSqlQuery q(db->connection());
    const QString insert = QStringLiteral(
        "INSERT INTO order_outbox(client_order_id, state, body, queued_at, updated_at)"
        " VALUES ('%1', '%2', '{}', '2026-01-01', '2026-01-01')");
    QVERIFY(q.exec(insert.arg(QLatin1String("c1"), QLatin1String("queued"))));
    QVERIFY(!q.exec(insert.arg(QLatin1String("c2"), QLatin1String("lost"))));
    QVERIFY(!q.exec(insert.arg(QLatin1String("c1"), QLatin1String("sent"))));
}

void tst_Database::refusesNewerSchema()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    makeSqliteFile(
        path,
        {QStringLiteral("PRAGMA application_id = %1").arg(schema::ApplicationId),
         QStringLiteral("CREATE TABLE future(x)"),
         QStringLiteral("PRAGMA user_version = %1").arg(Database::latestSchemaVersion() + 1)});
    const QByteArray before = fileHash(path);
    QVERIFY(!before.isEmpty());
    QString error;
    const auto db = Database::open(path, &error);
    QVERIFY(!db);
    QVERIFY2(error.contains(QStringLiteral("newer")), qPrintable(error));
    QCOMPARE(fileHash(path), before);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
}

void tst_Database::refusesForeignFiles_data()
{
    QTest::addColumn<QByteArray>("content"); // raw bytes, or empty to build a SQLite file
    QTest::addColumn<QStringList>("statements");
    QTest::addColumn<QString>("expected");

    QTest::newRow("text file") << QByteArray("name,qty\nbolt,3\n") << QStringList()
                               << QStringLiteral("not a SQLite database");
    QByteArray noise(8192, '\0');
    for (int i = 0; i < noise.size(); ++i)
        noise[i] = char((i * 131 + 7) % 251);
    QTest::newRow("binary noise") << noise << QStringList()
                                  << QStringLiteral("not a SQLite database");
    QTest::newRow("other application's database")
        << QByteArray()
        << QStringList{QStringLiteral("CREATE TABLE invoices(id INTEGER PRIMARY KEY)")}
        << QStringLiteral("not a Quartermaster cache");
    QTest::newRow("other application id")
        << QByteArray() << QStringList{QStringLiteral("PRAGMA application_id = 42")}
        << QStringLiteral("not a Quartermaster cache");
    QTest::newRow("versioned, no application id")
        << QByteArray() << QStringList{QStringLiteral("PRAGMA user_version = 1")}
        << QStringLiteral("not a Quartermaster cache");
}

void tst_Database::refusesForeignFiles()
{
    QFETCH(QByteArray, content);
    QFETCH(QStringList, statements);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    if (!content.isEmpty()) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    } else {
        makeSqliteFile(path, statements);
    }
    const QByteArray before = fileHash(path);
    QString error;
    const auto db = Database::open(path, &error);
    QVERIFY(!db);
    QVERIFY2(error.contains(expected), qPrintable(error));
    QCOMPARE(fileHash(path), before);
}

void tst_Database::writeCommitsOrRollsBack()
{
    QTemporaryDir dir;
    QString error;
    const auto db = Database::open(dir.filePath(QStringLiteral("cache.sqlite")), &error);
    QVERIFY2(db, qPrintable(error));
    const auto insert = [&](const char *key) {
        QSqlQuery q(db->connection());
        q.prepare(QStringLiteral("INSERT INTO profile_meta VALUES (?, 'v')"));
        q.addBindValue(QString::fromLatin1(key));
        return q.exec();
    };
    const auto count = [&] {
        return scalar(*db, QStringLiteral("SELECT count(*) FROM profile_meta")).toInt();
    };

    QVERIFY(db->write([&](QString *) { return insert("a"); }, &error));
    QCOMPARE(count(), 1);

    // The work refuses: its message comes back, its insert is undone.
    QVERIFY(!db->write(
        [&](QString *why) {
            insert("b");
            *why = QStringLiteral("changed my mind");
            return false;
        },
        &error));
    QCOMPARE(error, QStringLiteral("changed my mind"));
    QCOMPARE(count(), 1);

    // A failing statement (duplicate key) after a good one: nothing of it stays.
    QVERIFY(!db->write([&](QString *) { return insert("c") && insert("a"); }, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(count(), 1);
    QVERIFY(!db->inTransaction());
}

// Writes inside a group are savepoints of one transaction: each failing one is undone alone,
// the rest are committed together, and nothing is visible to another connection before.
void tst_Database::groupCommitsItsWritesTogether()
{
    QTemporaryDir dir;
    QString error;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    const auto db = Database::open(path, &error);
    QVERIFY2(db, qPrintable(error));
    const auto reader = Database::open(path, &error);
    QVERIFY2(reader, qPrintable(error));
    const auto insert = [&](const char *key) {
        QSqlQuery q(db->connection());
        q.prepare(QStringLiteral("INSERT INTO profile_meta VALUES (?, 'v')"));
        q.addBindValue(QString::fromLatin1(key));
        return q.exec();
    };
    const auto count = [&](Database &on) {
        return scalar(on, QStringLiteral("SELECT count(*) FROM profile_meta")).toInt();
    };

    QVERIFY2(db->beginGroup(&error), qPrintable(error));
    QVERIFY(!db->beginGroup(&error));
    QVERIFY(db->write([&](QString *) { return insert("a"); }, &error));
    QVERIFY(!db->write([&](QString *) { return insert("b") && insert("a"); }, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!db->write(
        [&](QString *why) {
            insert("c");
            *why = QStringLiteral("changed my mind");
            return false;
        },
        &error));
    QCOMPARE(error, QStringLiteral("changed my mind"));
    QVERIFY(db->write([&](QString *) { return insert("d"); }, &error));
    QCOMPARE(count(*reader), 0);
    QVERIFY2(db->endGroup(true, &error), qPrintable(error));
    QCOMPARE(count(*reader), 2); // a and d
    QVERIFY(!db->endGroup(true, &error));

    // A group rolled back leaves nothing.
    QVERIFY2(db->beginGroup(&error), qPrintable(error));
    QVERIFY(db->write([&](QString *) { return insert("e"); }, &error));
    QVERIFY(db->endGroup(false, &error));
    QCOMPARE(count(*db), 2);
    QVERIFY(!db->inTransaction());
}

void tst_Database::nestedWriteFails()
{
    QTemporaryDir dir;
    QString error;
    const auto db = Database::open(dir.filePath(QStringLiteral("cache.sqlite")), &error);
    QVERIFY2(db, qPrintable(error));
    QString inner;
    QVERIFY(!db->write([&](QString *) { return db->write([](QString *) { return true; }, &inner); },
                       &error));
    QVERIFY(inner.contains(QStringLiteral("nested")));
}

void tst_Database::twoConnectionsInTwoThreads()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    QString error;
    const auto mine = Database::open(path, &error);
    QVERIFY2(mine, qPrintable(error));

    // A second connection on the same file, opened and written in another thread, while
    // this thread keeps its own connection open.
    bool workerOk = false;
    QString workerError;
    std::unique_ptr<QThread> worker(QThread::create([&] {
        const auto theirs = Database::open(path, &workerError);
        if (!theirs)
            return;
        workerOk = theirs->write(
            [&](QString *) {
                QSqlQuery q(theirs->connection());
                return q.exec(QStringLiteral("INSERT INTO profile_meta VALUES ('from', 'worker')"));
            },
            &workerError);
    }));
    worker->start();
    QVERIFY(worker->wait(30000));
    QVERIFY2(workerOk, qPrintable(workerError));
    QCOMPARE(scalar(*mine, QStringLiteral("SELECT value FROM profile_meta WHERE key = 'from'"))
                 .toString(),
             QStringLiteral("worker"));
}

void tst_Database::sqliteKeepsNoMemoryCount()
{
    // Two connections on two threads must not queue on SQLite's process-wide memory count:
    // Database::open turns it off before SQLite's first use, and SQLite then reports nothing.
    QTemporaryDir dir;
    QString error;
    const auto db = Database::open(dir.filePath(QStringLiteral("cache.sqlite")), &error);
    QVERIFY2(db, qPrintable(error));
    QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM products")).toInt(), 0);
    sqlite3_int64 current = -1;
    sqlite3_int64 highest = -1;
    QCOMPARE(sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &current, &highest, 0), SQLITE_OK);
    QCOMPARE(current, sqlite3_int64(0));
    QCOMPARE(highest, sqlite3_int64(0));
}

QTEST_GUILESS_MAIN(tst_Database)
#include "tst_database.moc"
