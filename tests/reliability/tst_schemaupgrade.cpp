#include "core/clock.h"
#include "models/cartstore.h"
#include "models/catalogquery.h"
#include "models/catalogstore.h"
#include "models/coderesolver.h"
#include "models/database.h"
#include "models/liststore.h"
#include "models/orderstore.h"
#include "models/schema.h"
#include "reliability/cachefile.h"
#include "reliability/fixturerows.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace qm;
using cachefile::RawFile;

namespace {

QString cell(const QVariant &v)
{
    if (v.isNull())
        return QStringLiteral("null");
    if (v.typeId() == QMetaType::QByteArray)
        return QStringLiteral("x'%1'").arg(QString::fromLatin1(v.toByteArray().toHex()));
    if (v.typeId() == QMetaType::LongLong)
        return QStringLiteral("i:%1").arg(v.toLongLong());
    if (v.typeId() == QMetaType::Double)
        return QStringLiteral("r:%1").arg(v.toDouble(), 0, 'g', 17);
    return QStringLiteral("t:") + v.toString();
}

// Every row of `table`, `columns` only, each row as one line, in a stable order.
QStringList tableRows(RawFile &file, const QString &table, const QStringList &columns)
{
    QStringList quoted;
    for (const QString &c : columns)
        quoted << QStringLiteral("\"%1\"").arg(c);
    const QString list = quoted.join(u", ");
    QStringList lines;
    QString error;
    const auto rows =
        file.rows(QStringLiteral("SELECT %1 FROM \"%2\" ORDER BY %1").arg(list, table), &error);
    if (!error.isEmpty())
        lines << QStringLiteral("error: ") + error;
    for (const QVariantList &row : rows) {
        QStringList cells;
        for (const QVariant &v : row)
            cells << cell(v);
        lines << cells.join(u" | ");
    }
    return lines;
}

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// The columns a step resets on purpose so that feeds are pulled again (version 3: products
// and prices; version 12: part numbers; see schema.cpp); they are checked separately.
QStringList resetForRepull(const QString &table)
{
    if (table == u"feed_items")
        return {QStringLiteral("hash")};
    if (table == u"sync_state")
        return {QStringLiteral("cursor"), QStringLiteral("digest"), QStringLiteral("resyncing"),
                QStringLiteral("generation")};
    return {};
}

} // namespace

class tst_SchemaUpgrade final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void fixtureMatchesItsSchema_data();
    void fixtureMatchesItsSchema();
    void upgradesKeepingEveryRow_data();
    void upgradesKeepingEveryRow();
    void storesReadUpgradedCache_data();
    void storesReadUpgradedCache();
    void refusesNewerCacheUntouched();

private:
    void addVersions();
    // Loads fixture `version` into a new file in the test's directory.
    QString load(int version);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_SchemaUpgrade::initTestCase()
{
    QLoggingCategory::setFilterRules(QStringLiteral("qm.models.database.info=false"));
}

void tst_SchemaUpgrade::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_SchemaUpgrade::addVersions()
{
    QTest::addColumn<int>("version");
    for (const schema::Migration &step : schema::migrations()) {
        // Every schema version this build knows has a fixture; a new migration without
        // one fails here.
        QVERIFY2(QFile::exists(cachefile::fixturePath(step.version)),
                 qPrintable(QStringLiteral("no fixture %1: add it with make_cache_fixtures "
                                           "(tests/data/cache-schemas/README.md)")
                                .arg(cachefile::fixturePath(step.version))));
        QTest::addRow("v%d", step.version) << step.version;
    }
}

QString tst_SchemaUpgrade::load(int version)
{
    const QString path = m_dir->filePath(QStringLiteral("v%1.db").arg(version));
    QString error;
    if (!cachefile::loadDump(cachefile::fixturePath(version), path, &error)) {
        qWarning("%s", qPrintable(error));
        return {};
    }
    return path;
}

void tst_SchemaUpgrade::fixtureMatchesItsSchema_data()
{
    addVersions();
}

// A fixture is a cache of exactly its version: same application id and user version, and
// the same schema as the compiled-in steps 1..N build. Fails if a shipped step is edited.
void tst_SchemaUpgrade::fixtureMatchesItsSchema()
{
    QFETCH(int, version);
    const QString path = load(version);
    QVERIFY(!path.isEmpty());
    RawFile fixture(path);
    QCOMPARE(fixture.userVersion(), version);
    QCOMPARE(fixture.scalar(QStringLiteral("PRAGMA application_id")).toLongLong(),
             qint64(schema::ApplicationId));
    QCOMPARE(fixture.scalar(QStringLiteral("PRAGMA integrity_check")).toString(),
             QStringLiteral("ok"));

    RawFile clean(m_dir->filePath(QStringLiteral("clean.db")));
    QString error;
    QVERIFY2(cachefile::migrateTo(clean, version, &error), qPrintable(error));
    QCOMPARE(cachefile::schemaEntries(fixture), cachefile::schemaEntries(clean));

    // Representative rows in every table the version has.
    const auto counts = cachefile::rowCounts(fixture);
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        QVERIFY2(it.value() > 0, qPrintable(QStringLiteral("%1 is empty").arg(it.key())));
}

void tst_SchemaUpgrade::upgradesKeepingEveryRow_data()
{
    addVersions();
}

// Opening a fixture through Database::open brings it to the latest schema with every row of
// every table as it was (in the columns the fixture's version has), a sound file and no
// broken foreign key.
void tst_SchemaUpgrade::upgradesKeepingEveryRow()
{
    QFETCH(int, version);
    const QString path = load(version);
    QVERIFY(!path.isEmpty());

    QMap<QString, QStringList> columns;
    QMap<QString, QStringList> before;
    // Version 3's reset, checked on its own: per feed cursor, digest, resyncing, generation.
    const QString feedStateQuery = QStringLiteral(
        "SELECT feed, cursor, digest, resyncing, generation FROM sync_state ORDER BY feed");
    const QString hashQuery =
        QStringLiteral("SELECT feed, key, hash FROM feed_items ORDER BY feed, key");
    QList<QVariantList> feedStates;
    QList<QVariantList> hashes;
    {
        RawFile file(path);
        for (const QString &table : cachefile::dataTables(file)) {
            QStringList c = cachefile::storedColumns(file, table);
            if (version < 12) {
                for (const QString &reset : resetForRepull(table))
                    c.removeAll(reset);
            }
            columns.insert(table, c);
            before.insert(table, tableRows(file, table, c));
        }
        QVERIFY(before.value(QStringLiteral("products")).size() >= 5);
        feedStates = file.rows(feedStateQuery);
        hashes = file.rows(hashQuery);
    }

    {
        QString error;
        const auto db = Database::open(path, &error);
        QVERIFY2(db, qPrintable(error));
        QCOMPARE(db->schemaVersion(), Database::latestSchemaVersion());
    }

    RawFile file(path);
    QCOMPARE(file.userVersion(), Database::latestSchemaVersion());
    QCOMPARE(file.scalar(QStringLiteral("PRAGMA integrity_check")).toString(),
             QStringLiteral("ok"));
    QString error;
    QVERIFY(file.rows(QStringLiteral("PRAGMA foreign_key_check"), &error).isEmpty());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QStringList tablesAfter = cachefile::dataTables(file);
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        QVERIFY2(tablesAfter.contains(it.key()),
                 qPrintable(QStringLiteral("table %1 was dropped").arg(it.key())));
        const QStringList after = tableRows(file, it.key(), columns.value(it.key()));
        if (after != it.value())
            qWarning().noquote() << it.key() << "before:" << it.value() << "\nafter:" << after;
        QCOMPARE(after.size(), it.value().size());
        QVERIFY2(after == it.value(), qPrintable(it.key()));
    }
    // The full-text index holds every product.
    QCOMPARE(file.scalar(QStringLiteral("SELECT count(*) FROM products_fts")).toLongLong(),
             file.scalar(QStringLiteral("SELECT count(*) FROM products")).toLongLong());
    // The search vocabulary holds every term of the index longer than its prefix index
    // covers (models/searchindex.h).
    QVERIFY2(file.run(QStringLiteral("CREATE VIRTUAL TABLE temp.fts_terms"
                                     " USING fts5vocab(main, products_fts, row)"),
                      {}, &error),
             qPrintable(error));
    QVERIFY(file.scalar(QStringLiteral("SELECT count(*) FROM search_vocabulary")).toLongLong() > 0);
    QCOMPARE(file.scalar(QStringLiteral("SELECT count(*) FROM temp.fts_terms"
                                        " WHERE length(term) > 3 AND term NOT IN"
                                        " (SELECT term FROM search_vocabulary)"))
                 .toLongLong(),
             0);

    if (version < 12) {
        // Version 3 asks for the products and prices feeds again, version 12 for the part
        // numbers, and only those: their entry hashes, cursors and digests go to zero and a
        // resync starts.
        const auto repulled = [version](const QVariant &feed) {
            return (version < 3 &&
                    (feed.toString() == u"products" || feed.toString() == u"prices")) ||
                   feed.toString() == u"part_numbers";
        };
        for (QVariantList &row : feedStates) {
            if (repulled(row.at(0)))
                row = {row.at(0), qint64(0), qint64(0), qint64(1), row.at(4).toLongLong() + 1};
        }
        for (QVariantList &row : hashes) {
            if (repulled(row.at(0)))
                row[2] = qint64(0);
        }
        if (version < 3)
            QCOMPARE(feedStates.size(), 3);
        QCOMPARE(file.rows(feedStateQuery), feedStates);
        QCOMPARE(file.rows(hashQuery), hashes);
    }
    // Version 12 keys every part number as CodeResolver::codeKey() does.
    const QList<QVariantList> keys =
        file.rows(QStringLiteral("SELECT part_number, part_key FROM part_numbers"));
    if (version >= 3)
        QVERIFY(!keys.isEmpty());
    for (const QVariantList &row : keys)
        QCOMPARE(row.at(1).toString(), CodeResolver::codeKey(row.at(0).toString()));
}

void tst_SchemaUpgrade::storesReadUpgradedCache_data()
{
    addVersions();
}

// What the application reads through its stores survives the upgrade: prices, search, part
// numbers, carts with their undo history, lists and their changes, the order outbox and
// order history.
void tst_SchemaUpgrade::storesReadUpgradedCache()
{
    QFETCH(int, version);
    const QString path = load(version);
    QVERIFY(!path.isEmpty());
    QString error;
    const auto db = Database::open(path, &error);
    QVERIFY2(db, qPrintable(error));

    CatalogQuery catalog(*db);
    QCOMPARE(catalog.productCount(), 6);
    const auto product = catalog.product(fixturerows::Sku);
    QVERIFY(product);
    QCOMPARE(product->product.sku, fixturerows::Sku);
    QVERIFY(product->prices);
    QCOMPARE(product->prices->currency, fixturerows::Currency);
    const auto contract =
        std::find_if(product->prices->rules.cbegin(), product->prices->rules.cend(),
                     [](const PriceRule &r) { return r.kind == PriceRule::Kind::Contract; });
    QVERIFY(contract != product->prices->rules.cend());
    QCOMPARE(contract->unitPrice.units(), fixturerows::ContractPriceUnits);
    QCOMPARE(contract->minQty, fixturerows::ContractMinQty);
    QCOMPARE(contract->validFrom, QDate(2026, 1, 1));
    const auto list =
        std::find_if(product->prices->rules.cbegin(), product->prices->rules.cend(),
                     [](const PriceRule &r) { return r.kind == PriceRule::Kind::List; });
    QVERIFY(list != product->prices->rules.cend());
    QCOMPARE(list->unitPrice.units(), fixturerows::ListPriceUnits);
    QVERIFY(product->stock);

    const auto found = catalog.search(fixturerows::SearchWord, 10, 0, QDate(2026, 3, 2));
    QVERIFY(std::any_of(found.cbegin(), found.cend(),
                        [](const ProductSummary &p) { return p.sku == fixturerows::Sku; }));
    const auto umlaut = catalog.search(QStringLiteral("Größe"), 10, 0, QDate(2026, 3, 2));
    QCOMPARE(umlaut.size(), 1);
    QCOMPARE(umlaut.first().sku, QStringLiteral("GLV-NIT-L"));

    CatalogStore feeds(*db);
    QCOMPARE(feeds.state(Feed::Stock).count, 6);
    QCOMPARE(feeds.state(Feed::Products).resyncing, version < 3);

    if (version >= 3) {
        const auto byPartNumber = catalog.product(QStringLiteral("cust-1001"));
        QVERIFY(byPartNumber);
        QCOMPARE(byPartNumber->product.sku, fixturerows::Sku);
    }

    CartStore carts(*db);
    if (version >= 4) {
        const auto cart = carts.findCart(fixturerows::CartName);
        QVERIFY(cart);
        QCOMPARE(cart->lineCount, 3);
        QList<StoredPrice> prices;
        const QList<CartLine> lines = carts.lines(cart->id, &prices);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(prices.size(), 3);
        QCOMPARE(lines.first().sku, fixturerows::Sku);
        QCOMPARE(lines.first().quantity, fixturerows::CartLineQuantity);
        QCOMPARE(lines.first().requestedQuantity, 240);
        QCOMPARE(lines.first().source, LineSource::Typed);
        QCOMPARE(prices.first().unitPrice, std::optional<qint64>(fixturerows::ContractPriceUnits));
        const auto undo = carts.undoStep(cart->id);
        QVERIFY(undo);
        QCOMPARE(undo->edit, CartEdit::SetQuantity);
        // The journal still works: undoing the quantity edit restores the earlier one.
        QVERIFY2(carts.undo(cart->id, &error), qPrintable(error));
        QCOMPARE(carts.line(lines.first().id)->quantity, 240);
        QCOMPARE(carts.unresolvedCodes().size(), 1);
    } else {
        QVERIFY(!carts.currentCart());
    }

    if (version >= 5) {
        ListStore lists(*db);
        const auto all = lists.lists();
        QVERIFY(std::any_of(all.cbegin(), all.cend(), [](const ListInfo &l) {
            return l.list.name == fixturerows::ListName && l.list.lines.size() == 2;
        }));
        QCOMPARE(lists.outbox().size(), 2);
    }

    OrderStore orders(*db);
    if (version >= 8) {
        QCOMPARE(orders.outbox().size(), 4);
        const auto refused = orders.outboxOrder(fixturerows::RefusedOrderKey);
        QVERIFY(refused);
        QCOMPARE(refused->state, OutboxState::NeedsAttention);
        QCOMPARE(refused->problemStatus, 409);
        QCOMPARE(refused->submission.clientOrderId, fixturerows::RefusedOrderKey);
        const auto queued = orders.outboxOrder(fixturerows::QueuedOrderKey);
        QVERIFY(queued);
        QCOMPARE(queued->state, OutboxState::Queued);
        QCOMPARE(queued->submission.lines.size(), 1);
        QCOMPARE(queued->submission.lines.first().quantity, 300);
        QCOMPARE(orders.outboxOrder(fixturerows::SendingOrderKey)->state, OutboxState::Sending);
        const auto sent = orders.outboxOrder(fixturerows::SentOrderKey);
        QVERIFY(sent);
        QCOMPARE(sent->state, OutboxState::Sent);
        QCOMPARE(sent->orderNumber, fixturerows::SentOrderNumber);
        const auto cached = orders.order(fixturerows::SentOrderNumber);
        QVERIFY(cached);
        QVERIFY(cached->placedHere);
        const auto history = orders.order(fixturerows::HistoryOrderNumber);
        QVERIFY(history);
        QCOMPARE(history->order.status, OrderStatus::Delivered);
        QCOMPARE(history->order.lines.size(), 1);
        QVERIFY(orders.account());
    } else {
        QVERIFY(orders.outbox().isEmpty());
    }
}

// A cache written by a newer Quartermaster is refused with a message that says so, and not
// a byte of it changes.
void tst_SchemaUpgrade::refusesNewerCacheUntouched()
{
    const int latest = Database::latestSchemaVersion();
    const QString path = load(latest);
    QVERIFY(!path.isEmpty());
    {
        RawFile file(path);
        QString error;
        QVERIFY2(file.exec(QStringLiteral("PRAGMA user_version = %1").arg(latest + 1), &error),
                 qPrintable(error));
    }
    const QByteArray hash = fileHash(path);
    QVERIFY(!hash.isEmpty());
    const QStringList filesBefore = QDir(m_dir->path()).entryList(QDir::Files);

    QString error;
    QVERIFY(!Database::open(path, &error));
    QVERIFY2(error.contains(QStringLiteral("written by a newer version of Quartermaster")),
             qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("cache schema %1").arg(latest + 1)), qPrintable(error));
    QCOMPARE(fileHash(path), hash);
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files), filesBefore);
}

QTEST_GUILESS_MAIN(tst_SchemaUpgrade)
#include "tst_schemaupgrade.moc"
