// Benchmark: quick-order files to priced carts, re-pricing, and scans to cart lines.
//
//   bench_cart [PRODUCTS] [--sync-fill] [--cache FILE] [--lines N]
//
// PRODUCTS defaults to 100000. --cache FILE keeps the filled cache in FILE and, when FILE
// already holds a cache of PRODUCTS products, measures against it without filling it again
// (the carts the runs add stay in it). --lines N measures only the N-line file.
//
// Fills a cache with PRODUCTS products (packs, list and contract prices, part numbers): the
// rows a sync writes, written directly in one transaction with the full-text index rebuilt
// after (a few seconds per 100,000 products), or with --sync-fill the way a sync writes them
// (CatalogStore::applyPage; minutes at 1,000,000). Then measures:
//  - a 10,000- and a 100,000-line CSV file -> read, resolved, priced, applied to a cart and
//    the cart priced, beside the time the sqlite3 command line tool takes to `.import` the
//    same file into a table (the floor of getting those rows into SQLite at all);
//  - re-pricing a 10,000-line cart (cached item terms), and storing its prices;
//  - a scan (scanner text with symbology identifier) -> cart line: p50, p95, max.
// It measures; it never fails on time.

#include "models/catalogfixtures.h"

#include "core/feeds.h"
#include "core/gtin.h"
#include "core/scaninput.h"
#include "import/quickorderrows.h"
#include "import/spreadsheetreader.h"
#include "models/cartpricing.h"
#include "models/cartstore.h"
#include "models/catalogstore.h"
#include "models/coderesolver.h"
#include "models/database.h"
#include "models/quickorderimport.h"
#include "models/searchindex.h"
#include "models/searchtext.h"
#include "models/sqlbatch.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace qm;
using namespace qm::test;

namespace {

QString skuOf(int n)
{
    return QStringLiteral("BEN-%1").arg(n, 6, 10, QChar(u'0'));
}

// The bench's products, packs, prices and part numbers, product `i` of `count`.
Product benchProduct(int i)
{
    Product p = product(skuOf(i), QStringLiteral("Bench part %1").arg(i), i + 1);
    if (i % 7 == 0)
        p.minOrderQty = 10;
    if (i % 11 == 0)
        p.orderMultiple = 5;
    return p;
}

ProductPrices benchPrices(const QString &sku)
{
    return prices(sku, {rule(PriceRule::Kind::List, "EA", 1, "2.4000"),
                        rule(PriceRule::Kind::List, "EA", 100, "2.1000"),
                        rule(PriceRule::Kind::Contract, "EA", 1, "2.2500"),
                        rule(PriceRule::Kind::List, "BX", 1, "190.0000")});
}

// The same cache as fillCatalog() writes through the sync path, written directly: the rows
// CatalogStore would write, many to a statement, in one transaction, then the full-text
// index rebuilt from them. Only for this fixture; minutes faster at 1,000,000 products.
bool fillCatalogDirect(Database &db, int count)
{
    const QSqlDatabase connection = db.connection();
    QString error;
    const auto dateText = [](QDate d) {
        return d.isValid() ? QVariant(d.toString(Qt::ISODate))
                           : QVariant(QMetaType(QMetaType::QString));
    };
    constexpr int Batch = 20000; // products generated at a time
    const bool ok = db.write(
        [&](QString *e) {
            for (int first = 0; first < count; first += Batch) {
                const int n = std::min(Batch, count - first);
                QList<Product> products;
                QList<ProductPrices> priceList;
                products.reserve(n);
                priceList.reserve(n);
                for (int i = first; i < first + n; ++i) {
                    products << benchProduct(i);
                    priceList << benchPrices(products.constLast().sku);
                }
                const bool written =
                    sql::insertRows(
                        connection,
                        QStringLiteral("INSERT INTO products(id, sku, name, description, brand,"
                                       " category_code, category_path, attributes,"
                                       " attribute_text, search_terms, base_uom, min_order_qty,"
                                       " order_multiple, discontinued, pack_label,"
                                       " pack_quantity, max_order_qty, sku_key) VALUES "),
                        QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                        18, n,
                        [&](QSqlQuery &q, qsizetype i) {
                            const Product &p = products.at(i);
                            const Pack *sales = nullptr;
                            for (const Pack &pack : p.packs) {
                                if (pack.quantity >= p.orderMultiple &&
                                    (!sales || pack.quantity < sales->quantity))
                                    sales = &pack;
                            }
                            if (!sales) {
                                for (const Pack &pack : p.packs) {
                                    if (!sales || pack.quantity > sales->quantity)
                                        sales = &pack;
                                }
                            }
                            q.addBindValue(first + i + 1);
                            q.addBindValue(p.sku);
                            q.addBindValue(p.name);
                            q.addBindValue(p.description);
                            q.addBindValue(p.brand);
                            q.addBindValue(p.categoryCode);
                            q.addBindValue(p.categoryPath.join(QStringLiteral(" > ")));
                            q.addBindValue(QString::fromUtf8(
                                canonicalJson(p.toJson().value(u"attributes").toObject())));
                            q.addBindValue(p.attributes.values().join(u' '));
                            q.addBindValue(searchtext::indexTerms(p));
                            q.addBindValue(p.baseUom);
                            q.addBindValue(p.minOrderQty);
                            q.addBindValue(p.orderMultiple);
                            q.addBindValue(p.discontinued ? 1 : 0);
                            q.addBindValue(sales ? sales->name : QStringLiteral(""));
                            q.addBindValue(sales ? sales->quantity : qint64(1));
                            q.addBindValue(p.maxOrderQty);
                            q.addBindValue(CodeResolver::codeKey(p.sku));
                        },
                        e) &&
                    sql::insertRows(
                        connection,
                        QStringLiteral("INSERT INTO packs(product_id, uom, position, name,"
                                       " quantity, gtin, gtin14) VALUES "),
                        QStringLiteral("(?, ?, ?, ?, ?, ?, ?)"), 7, qsizetype(n) * 2,
                        [&](QSqlQuery &q, qsizetype i) {
                            const Pack &pk = products.at(i / 2).packs.at(i % 2);
                            q.addBindValue(first + i / 2 + 1);
                            q.addBindValue(pk.uom);
                            q.addBindValue(i % 2);
                            q.addBindValue(pk.name);
                            q.addBindValue(pk.quantity);
                            q.addBindValue(pk.gtin);
                            q.addBindValue(gtin::normalized(pk.gtin));
                        },
                        e) &&
                    sql::insertRows(
                        connection,
                        QStringLiteral("INSERT INTO prices(sku, position, currency, kind, uom,"
                                       " min_qty, unit_price, valid_from, valid_to) VALUES "),
                        QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?)"), 9, qsizetype(n) * 4,
                        [&](QSqlQuery &q, qsizetype i) {
                            const ProductPrices &pp = priceList.at(i / 4);
                            const PriceRule &r = pp.rules.at(i % 4);
                            q.addBindValue(pp.sku);
                            q.addBindValue(i % 4);
                            q.addBindValue(pp.currency);
                            q.addBindValue(r.kind == PriceRule::Kind::Contract
                                               ? QStringLiteral("contract")
                                               : QStringLiteral("list"));
                            q.addBindValue(r.uom);
                            q.addBindValue(r.minQty);
                            q.addBindValue(r.unitPrice.units());
                            q.addBindValue(dateText(r.validFrom));
                            q.addBindValue(dateText(r.validTo));
                        },
                        e);
                if (!written)
                    return false;
            }
            const int partNumbers = (count + 9) / 10;
            return sql::insertRows(
                       connection,
                       QStringLiteral("INSERT INTO part_numbers(part_number, sku, description)"
                                      " VALUES "),
                       QStringLiteral("(?, ?, NULL)"), 2, partNumbers,
                       [&](QSqlQuery &q, qsizetype i) {
                           q.addBindValue(QStringLiteral("CPN-%1").arg(i * 10));
                           q.addBindValue(skuOf(int(i) * 10));
                       },
                       e) &&
                   searchindex::rebuild(connection, e);
        },
        &error);
    if (!ok)
        std::fprintf(stderr, "bench_cart: %s\n", qPrintable(error));
    return ok;
}

bool fillCatalog(Database &db, int count)
{
    QList<Product> products;
    QList<ProductPrices> priceList;
    QList<CustomerPartNumber> partNumbers;
    products.reserve(count);
    priceList.reserve(count);
    for (int i = 0; i < count; ++i) {
        const Product p = benchProduct(i);
        products << p;
        priceList << benchPrices(p.sku);
        if (i % 10 == 0)
            partNumbers << partNumber(QStringLiteral("CPN-%1").arg(i), p.sku);
    }
    CatalogStore store(db);
    return fillCache(store, products, priceList, {}, partNumbers);
}

// A quick-order CSV: codes as buyers write them (SKUs in any case, GTINs, part numbers),
// quantities, a unit now and then, a few unknown codes.
bool writeOrderFile(const QString &path, int lines, int products)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QRandomGenerator random(7);
    file.write("Item number,Quantity,Unit\n");
    for (int i = 0; i < lines; ++i) {
        const int n = int(random.bounded(products));
        QString code;
        QString unit;
        switch (i % 10) {
        case 0:
            code = gtin13(qint64(n + 1) * 10 + 1); // the box
            break;
        case 1:
            code = skuOf(n).toLower();
            break;
        case 2:
            code = QStringLiteral("CPN-%1").arg(n - n % 10);
            break;
        case 3:
            if (i % 100 == 3)
                code = QStringLiteral("NOPE-%1").arg(i);
            else
                code = skuOf(n);
            break;
        case 4:
            code = skuOf(n);
            unit = QStringLiteral("BX");
            break;
        default:
            code = skuOf(n);
        }
        file.write(
            QStringLiteral("%1,%2,%3\n").arg(code).arg(1 + random.bounded(250)).arg(unit).toUtf8());
    }
    return true;
}

// How long the sqlite3 tool takes to import the file into a fresh database; -1 if it is
// not installed.
qint64 sqliteImportMs(const QString &csv, const QString &dbPath)
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    if (tool.isEmpty())
        return -1;
    QProcess process;
    QElapsedTimer timer;
    timer.start();
    process.start(tool, {dbPath});
    process.write(QStringLiteral("PRAGMA journal_mode=WAL;\nPRAGMA synchronous=FULL;\n"
                                 ".mode csv\n.import '%1' lines\n")
                      .arg(csv)
                      .toUtf8());
    process.closeWriteChannel();
    process.waitForFinished(600000);
    return timer.elapsed();
}

// Processor time of this process, for figures taken while other work shares the cores
// (std::clock: CPU time on POSIX systems).
class CpuTimer
{
public:
    CpuTimer()
        : m_start(std::clock())
    {}
    qint64 restart()
    {
        const std::clock_t now = std::clock();
        const qint64 ms = qint64(now - m_start) * 1000 / CLOCKS_PER_SEC;
        m_start = now;
        return ms;
    }

private:
    std::clock_t m_start;
};

struct Timings
{
    // Processor time of the same steps.
    qint64 readCpu = 0;
    qint64 previewCpu = 0;
    qint64 applyCpu = 0;
    qint64 priceCpu = 0;
    qint64 storeCpu = 0;
    qint64 readMs = 0;
    qint64 previewMs = 0;
    qint64 applyMs = 0;
    qint64 priceMs = 0;
    qint64 storeMs = 0; // writing the cart's prices for sorting (not part of the total)
    qint64 stored = 0;
    qint64 lines = 0;
    QuickOrderImport::Summary summary;
    QuickOrderImport::Timings preview;
};

std::optional<Timings> fileToPricedCart(Database &db, const QString &path, QString *error)
{
    Timings t;
    QElapsedTimer timer;
    timer.start();
    CpuTimer cpu;
    const import::ReadResult read = import::readFile(path);
    if (!read.ok()) {
        *error = read.error;
        return std::nullopt;
    }
    const QList<QuickOrderEntry> entries = QuickOrderImport::entriesFromRows(
        import::quickOrderRows(read.table).rows, LineSource::Imported);
    t.readMs = timer.restart();
    t.readCpu = cpu.restart();
    CartStore store(db);
    const auto cart = store.createCart(QFileInfo(path).fileName(), error);
    if (!cart)
        return std::nullopt;
    QuickOrderImport quickOrder(db, cart->id);
    if (!quickOrder.preview(entries, error))
        return std::nullopt;
    t.previewMs = timer.restart();
    t.previewCpu = cpu.restart();
    if (!quickOrder.apply(error))
        return std::nullopt;
    t.applyMs = timer.restart();
    t.applyCpu = cpu.restart();
    CartPricing pricing(db);
    pricing.addTerms(quickOrder.terms());
    if (!pricing.load(cart->id, error))
        return std::nullopt;
    const pricing::CartTotals totals = pricing.totals();
    t.priceMs = timer.restart();
    t.priceCpu = cpu.restart();
    if (!pricing.store(error))
        return std::nullopt;
    t.storeMs = timer.elapsed();
    t.storeCpu = cpu.restart();
    t.stored = pricing.lastStoredCount();
    t.lines = pricing.lines().size();
    t.summary = quickOrder.summary();
    t.preview = quickOrder.timings();
    Q_UNUSED(totals);
    return t;
}

qint64 percentile(QList<qint64> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(std::min<qsizetype>(values.size() - 1, qsizetype(p * double(values.size()))));
}

int fail(const QString &why)
{
    std::fprintf(stderr, "bench_cart: %s\n", qPrintable(why));
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("qm.*.info=false"));
    int products = 100000;
    bool syncFill = false;
    QString cachePath;
    QList<int> lineCounts{10000, 100000};
    const QString usage =
        QStringLiteral("usage: bench_cart [PRODUCTS] [--sync-fill] [--cache FILE] [--lines N]");
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        const bool hasValue = i + 1 < argc;
        if (arg == u"--sync-fill") {
            syncFill = true;
        } else if (arg == u"--cache" && hasValue) {
            cachePath = QString::fromLocal8Bit(argv[++i]);
        } else if (arg == u"--lines" && hasValue &&
                   QString::fromLocal8Bit(argv[i + 1]).toInt() > 0) {
            lineCounts = {QString::fromLocal8Bit(argv[++i]).toInt()};
        } else if (arg.toInt() > 0) {
            products = arg.toInt();
        } else {
            return fail(usage);
        }
    }
    QTemporaryDir dir;
    // QM_BENCH_KEEP=1 keeps the cache and the files for a look with sqlite3.
    if (qEnvironmentVariableIntValue("QM_BENCH_KEEP") == 1) {
        dir.setAutoRemove(false);
        std::printf("files in %s\n", qPrintable(dir.path()));
    }
    QString error;
    if (cachePath.isEmpty())
        cachePath = dir.filePath(QStringLiteral("cache.sqlite"));
    const bool reuse = QFileInfo::exists(cachePath);
    const auto db = Database::open(cachePath, &error);
    if (!db)
        return fail(error);
    QElapsedTimer timer;
    timer.start();
    if (reuse) {
        QSqlQuery q(db->connection());
        if (!q.exec(QStringLiteral("SELECT count(*) FROM products")) || !q.next() ||
            q.value(0).toInt() != products)
            return fail(QStringLiteral("%1 does not hold a cache of %2 products")
                            .arg(cachePath)
                            .arg(products));
        // The carts of an earlier run go, so that every run starts from the same cache.
        CartStore carts(*db);
        for (const CartInfo &cart : carts.carts(true)) {
            if (!carts.deleteCart(cart.id, &error))
                return fail(error);
        }
        std::printf("cache                        %d products (reused %s)\n", products,
                    qPrintable(cachePath));
    } else {
        if (!(syncFill ? fillCatalog(*db, products) : fillCatalogDirect(*db, products)))
            return fail(QStringLiteral("cannot fill the cache"));
        std::printf("cache                        %d products (filled %s in %lld ms)\n", products,
                    syncFill ? "through the sync path" : "directly", timer.elapsed());
    }

    for (const int lines : std::as_const(lineCounts)) {
        const QString csv = dir.filePath(QStringLiteral("order-%1.csv").arg(lines));
        if (!writeOrderFile(csv, lines, products))
            return fail(QStringLiteral("cannot write %1").arg(csv));
        const auto t = fileToPricedCart(*db, csv, &error);
        if (!t)
            return fail(error);
        const qint64 total = t->readMs + t->previewMs + t->applyMs + t->priceMs;
        const qint64 baseline =
            sqliteImportMs(csv, dir.filePath(QStringLiteral("plain-%1.sqlite").arg(lines)));
        std::printf("%6d-line CSV -> priced cart %lld ms (read %lld, preview %lld, apply %lld, "
                    "price cart %lld); %lld cart lines, %d unknown, %d adjusted\n",
                    lines, total, t->readMs, t->previewMs, t->applyMs, t->priceMs, t->lines,
                    t->summary.unknown, t->summary.adjusted);
        std::printf("       processor time %lld ms (read %lld, preview %lld, apply %lld, price "
                    "cart %lld)\n",
                    t->readCpu + t->previewCpu + t->applyCpu + t->priceCpu, t->readCpu,
                    t->previewCpu, t->applyCpu, t->priceCpu);
        std::printf("       preview: resolve codes %lld, suggestions %lld%s, terms %lld, group "
                    "and cart lines %lld, line rules and prices %lld ms\n",
                    t->preview.resolveMs, t->preview.suggestMs,
                    t->preview.suggestedBeside ? " (beside the terms: the wait after them)" : "",
                    t->preview.termsMs, t->preview.cartMs, t->preview.priceMs);
        std::printf("       then storing the prices for sorting: %lld ms, processor %lld ms "
                    "(%lld lines written)\n",
                    t->storeMs, t->storeCpu, t->stored);
        if (baseline >= 0)
            std::printf("%6d-line CSV, sqlite3 .import  %lld ms (%.1fx)\n", lines, baseline,
                        baseline > 0 ? double(total) / double(baseline) : 0.0);
    }

    // Re-pricing a 10,000-line cart with its terms cached.
    {
        CartStore store(*db);
        const auto cart = store.createCart(QStringLiteral("reprice"), &error);
        QList<NewLine> lines;
        for (int i = 0; i < 10000; ++i) {
            NewLine l;
            l.code = l.sku = skuOf(i * (products / 10000));
            l.uom = QStringLiteral("EA");
            l.quantity = 1 + i % 300;
            lines << l;
        }
        if (!cart || !store.addLines(cart->id, lines, {}, &error))
            return fail(error);
        CartPricing pricing(*db);
        timer.restart();
        if (!pricing.load(cart->id, &error))
            return fail(error);
        const qint64 loadMs = timer.elapsed();
        QList<qint64> runs;
        for (int run = 0; run < 20; ++run) {
            timer.restart();
            pricing.setDay(QDate::currentDate().addDays(run % 2));
            pricing.reprice();
            const pricing::CartTotals totals = pricing.totals();
            runs << timer.nsecsElapsed() / 1000;
            Q_UNUSED(totals);
        }
        timer.restart();
        if (!pricing.store(&error))
            return fail(error);
        const qint64 storeMs = timer.elapsed();
        const qint64 storedFirst = pricing.lastStoredCount();
        // Another day with the same prices: nothing to write.
        pricing.setDay(pricing.day().addDays(1));
        pricing.reprice();
        timer.restart();
        if (!pricing.store(&error))
            return fail(error);
        const qint64 storeAgainMs = timer.elapsed();
        std::printf("re-price 10,000-line cart    median %.1f ms, best %.1f ms (load lines and "
                    "terms %lld ms; store prices for sorting %lld ms for %lld lines, again after "
                    "a re-price %lld ms for %lld lines)\n",
                    double(percentile(runs, 0.5)) / 1000.0, double(percentile(runs, 0.0)) / 1000.0,
                    loadMs, storeMs, storedFirst, storeAgainMs, pricing.lastStoredCount());
    }

    // Scan to cart line: interpret, resolve, rules, price, write, one scan at a time.
    {
        CartStore store(*db);
        const auto cart = store.createCart(QStringLiteral("scans"), &error);
        if (!cart)
            return fail(error);
        QRandomGenerator random(3);
        QList<qint64> micros;
        for (int i = 0; i < 1000; ++i) {
            const int n = int(random.bounded(products));
            const QString text = i % 2 ? QStringLiteral("]E0") + gtin13(qint64(n + 1) * 10)
                                       : QStringLiteral("]C1010") + gtin13(qint64(n + 1) * 10 + 1) +
                                             QStringLiteral("3012");
            timer.restart();
            const scan::ScanResult scanned = scan::interpret(text);
            QuickOrderEntry entry;
            entry.line = 1;
            entry.code = scanned.code;
            entry.quantity = scanned.quantity.value_or(1);
            entry.quantityText = QString::number(*entry.quantity);
            entry.source = LineSource::Scanned;
            entry.symbology = scanned.symbology;
            QuickOrderImport quickOrder(*db, cart->id);
            if (!scanned.isValid() || !quickOrder.preview({entry}, &error) ||
                !quickOrder.apply(&error))
                return fail(scanned.isValid() ? error : scanned.error);
            micros << timer.nsecsElapsed() / 1000;
        }
        std::printf("scan -> cart line            p50 %.2f ms, p95 %.2f ms, max %.2f ms (%lld "
                    "lines in the cart)\n",
                    double(percentile(micros, 0.5)) / 1000.0,
                    double(percentile(micros, 0.95)) / 1000.0,
                    double(percentile(micros, 1.0)) / 1000.0, store.lineCount(cart->id));
    }
    return 0;
}
