// Benchmark: quick-order files to priced carts, re-pricing, and scans to cart lines.
//
//   bench_cart [PRODUCTS]     (default: 100000 products in the cache)
//
// Fills a cache with PRODUCTS products (packs, list and contract prices, part numbers) the
// way a sync does (CatalogStore::applyPage), then measures:
//  - a 10,000- and a 100,000-line CSV file -> read, resolved, priced, applied to a cart and
//    the cart priced, beside the time the sqlite3 command line tool takes to `.import` the
//    same file into a table (the floor of getting those rows into SQLite at all);
//  - re-pricing a 10,000-line cart (cached item terms), and storing its prices;
//  - a scan (scanner text with symbology identifier) -> cart line: p50, p95, max.
// It measures; it never fails on time.

#include "models/catalogfixtures.h"

#include "core/scaninput.h"
#include "import/quickorderrows.h"
#include "import/spreadsheetreader.h"
#include "models/cartpricing.h"
#include "models/cartstore.h"
#include "models/catalogstore.h"
#include "models/database.h"
#include "models/quickorderimport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace qm;
using namespace qm::test;

namespace {

QString skuOf(int n)
{
    return QStringLiteral("BEN-%1").arg(n, 6, 10, QChar(u'0'));
}

bool fillCatalog(Database &db, int count)
{
    QList<Product> products;
    QList<ProductPrices> priceList;
    QList<CustomerPartNumber> partNumbers;
    products.reserve(count);
    priceList.reserve(count);
    for (int i = 0; i < count; ++i) {
        Product p = product(skuOf(i), QStringLiteral("Bench part %1").arg(i), i + 1);
        if (i % 7 == 0)
            p.minOrderQty = 10;
        if (i % 11 == 0)
            p.orderMultiple = 5;
        products << p;
        priceList << prices(p.sku, {rule(PriceRule::Kind::List, "EA", 1, "2.4000"),
                                    rule(PriceRule::Kind::List, "EA", 100, "2.1000"),
                                    rule(PriceRule::Kind::Contract, "EA", 1, "2.2500"),
                                    rule(PriceRule::Kind::List, "BX", 1, "190.0000")});
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

struct Timings
{
    qint64 readMs = 0;
    qint64 previewMs = 0;
    qint64 applyMs = 0;
    qint64 priceMs = 0;
    qint64 lines = 0;
    QuickOrderImport::Summary summary;
};

std::optional<Timings> fileToPricedCart(Database &db, const QString &path, QString *error)
{
    Timings t;
    QElapsedTimer timer;
    timer.start();
    const import::ReadResult read = import::readFile(path);
    if (!read.ok()) {
        *error = read.error;
        return std::nullopt;
    }
    const QList<QuickOrderEntry> entries = QuickOrderImport::entriesFromRows(
        import::quickOrderRows(read.table).rows, LineSource::Imported);
    t.readMs = timer.restart();
    CartStore store(db);
    const auto cart = store.createCart(QFileInfo(path).fileName(), error);
    if (!cart)
        return std::nullopt;
    QuickOrderImport quickOrder(db, cart->id);
    if (!quickOrder.preview(entries, error))
        return std::nullopt;
    t.previewMs = timer.restart();
    if (!quickOrder.apply(error))
        return std::nullopt;
    t.applyMs = timer.restart();
    CartPricing pricing(db);
    pricing.addTerms(quickOrder.terms());
    if (!pricing.load(cart->id, error))
        return std::nullopt;
    const pricing::CartTotals totals = pricing.totals();
    t.priceMs = timer.elapsed();
    t.lines = pricing.lines().size();
    t.summary = quickOrder.summary();
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
    const int products = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 100000;
    QTemporaryDir dir;
    QString error;
    const auto db = Database::open(dir.filePath(QStringLiteral("cache.sqlite")), &error);
    if (!db)
        return fail(error);
    QElapsedTimer timer;
    timer.start();
    if (!fillCatalog(*db, products))
        return fail(QStringLiteral("cannot fill the cache"));
    std::printf("cache                        %d products (filled in %lld ms)\n", products,
                timer.elapsed());

    for (const int lines : {10000, 100000}) {
        const QString csv = dir.filePath(QStringLiteral("order-%1.csv").arg(lines));
        if (!writeOrderFile(csv, lines, products))
            return fail(QStringLiteral("cannot write %1").arg(csv));
        const auto t = fileToPricedCart(*db, csv, &error);
        if (!t)
            return fail(error);
        const qint64 total = t->readMs + t->previewMs + t->applyMs + t->priceMs;
        const qint64 baseline =
            sqliteImportMs(csv, dir.filePath(QStringLiteral("plain-%1.sqlite").arg(lines)));
        std::printf("%6d-line CSV -> priced cart %lld ms (read %lld, resolve+rules+price %lld, "
                    "apply %lld, price cart %lld); %lld cart lines, %d unknown, %d adjusted\n",
                    lines, total, t->readMs, t->previewMs, t->applyMs, t->priceMs, t->lines,
                    t->summary.unknown, t->summary.adjusted);
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
        std::printf("re-price 10,000-line cart    median %.1f ms, best %.1f ms (load lines and "
                    "terms %lld ms; store prices for sorting %lld ms)\n",
                    double(percentile(runs, 0.5)) / 1000.0, double(percentile(runs, 0.0)) / 1000.0,
                    loadMs, storeMs);
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
