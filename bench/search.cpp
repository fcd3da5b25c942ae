// Benchmark: catalog search at scale.
//
//   bench_search [PRODUCTS] [--cache FILE] [--ranges [--merge]] [--slowest N]
//                                              (default: 1000000 products in the cache)
//
// --cache FILE keeps the filled cache in FILE and, when FILE already holds a cache of
// PRODUCTS products, measures against it without filling it again.
// --ranges first builds the full-text index again as a first sync leaves it: in ranges
// (searchindex::beginRanges to completeRanges), none merged. With --merge, a PageWriter then
// merges its segments (PageWriter::mergeIndexWhenIdle, as after a sync) while the searches
// run, and paces itself as it does beside any search (readactivity); the searches typed
// during the merge are also shown apart. Both change FILE's index.
// --slowest N also prints the N typed prefixes whose search takes longest, each timed as
// the median of 5 more runs: where to look first when typing is slow.
//
// Fills a cache with PRODUCTS generated fastener and safety products (brands, categories,
// materials, packs with GTINs, stock for most, a customer part number for every 50th, an
// order count for every 20th), written straight into the tables in one transaction with
// the full-text index rebuilt at the end (a fixture, not a sync), then measures with
// CatalogQuery, as the GUI and `qm search` call it:
//  - search as you type: every prefix (1..12 characters) of typical queries, the first
//    page of 200 results (CatalogModel::BatchSize), and the facet counts of the same text;
//  - queries with typing slips, and the corrections shown for them;
//  - facet filters: searches and browsing narrowed by brand, category, material, in stock;
//  - exact lookups: a SKU or a GTIN (any length) through product() and as a search.
// It prints p50, p95 and max per group. It measures; it never fails on time.

#include "models/catalogquery.h"
#include "models/database.h"
#include "models/pagewriter.h"
#include "models/searchindex.h"
#include "models/searchtext.h"
#include "models/sql.h"

#include "core/gtin.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>

using namespace qm;

namespace {

QString skuOf(int n)
{
    return QStringLiteral("QM-%1").arg(n, 7, 10, QChar(u'0'));
}

QString gtinOf(int n)
{
    return gtin::withCheckDigit(QStringLiteral("400%1").arg(n, 9, 10, QChar(u'0')));
}

struct Kind
{
    const char16_t *name;
    const char16_t *category;
    bool sized; // metric size and length
};

const Kind Kinds[] = {
    {u"Hex bolt", u"Fasteners > Bolts > Hex bolts", true},
    {u"Carriage bolt", u"Fasteners > Bolts > Carriage bolts", true},
    {u"Socket head cap screw", u"Fasteners > Screws > Socket screws", true},
    {u"Countersunk screw", u"Fasteners > Screws > Machine screws", true},
    {u"Wood screw", u"Fasteners > Screws > Wood screws", true},
    {u"Self-tapping screw", u"Fasteners > Screws > Sheet metal screws", true},
    {u"Hex nut", u"Fasteners > Nuts > Hex nuts", false},
    {u"Nyloc nut", u"Fasteners > Nuts > Lock nuts", false},
    {u"Wing nut", u"Fasteners > Nuts > Wing nuts", false},
    {u"Flat washer", u"Fasteners > Washers", false},
    {u"Spring washer", u"Fasteners > Washers", false},
    {u"Threaded rod", u"Fasteners > Rods", true},
    {u"Wedge anchor", u"Anchors > Mechanical", true},
    {u"Blind rivet", u"Fasteners > Rivets", true},
    {u"Butt hinge", u"Hardware > Hinges", false},
    {u"Shackle", u"Lifting > Shackles", false},
    {u"Hose clamp", u"Plumbing > Clamps", false},
    {u"Cable tie", u"Electrical > Cable management", true},
    {u"Nitrile gloves", u"PPE > Gloves", false},
    {u"Safety glasses", u"PPE > Eyewear", false},
    {u"HSS drill bit", u"Tools > Drilling", true},
    {u"Pipe fitting", u"Plumbing > Fittings", false},
};

const char16_t *const Materials[] = {
    u"Steel",
    u"Zinc plated steel",
    u"Galvanized steel",
    u"Stainless steel A2 (304)",
    u"Stainless steel A4 (316)",
    u"Brass",
    u"Aluminium",
    u"Nylon",
    u"Nitrile",
};

const char16_t *const Brands[] = {u"Harbor Pro", u"Boltex",    u"Fixwell",    u"Ironclad",
                                  u"Nordfast",   u"SafeHands", u"Voltix",     u"Stahlwerk",
                                  u"ProGrip",    u"Keystone",  u"Anchorline", u"Tecfix",
                                  u"Marinex",    u"Duraforge", u"Quickset",   u"Bluepeak"};

const int Sizes[] = {3, 4, 5, 6, 8, 10, 12, 14, 16, 20, 24};
const int Lengths[] = {8, 10, 12, 16, 20, 25, 30, 35, 40, 45, 50, 60, 70, 80, 100, 120, 150, 200};

QString s(const char16_t *text)
{
    return QString::fromUtf16(text);
}

bool fill(Database &db, int count, QString *error)
{
    QRandomGenerator random(42);
    return db.write(
        [&](QString *writeError) {
            const QSqlDatabase c = db.connection();
            QSqlQuery products(c);
            QSqlQuery packs(c);
            QSqlQuery stock(c);
            QSqlQuery partNumbers(c);
            QSqlQuery orderCounts(c);
            if (!sql::prepare(
                    products,
                    QStringLiteral("INSERT INTO products(id, sku, name, description, brand,"
                                   " category_code, category_path, attributes, attribute_text,"
                                   " search_terms, base_uom, pack_label, pack_quantity)"
                                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'EA', 'Each', 1)"),
                    writeError) ||
                !sql::prepare(packs,
                              QStringLiteral("INSERT INTO packs(product_id, uom, position, name,"
                                             " quantity, gtin, gtin14) VALUES (?, 'EA', 0,"
                                             " 'Each', 1, ?, ?)"),
                              writeError) ||
                !sql::prepare(stock,
                              QStringLiteral("INSERT INTO stock(sku, position, warehouse,"
                                             " on_hand, lead_time_days) VALUES (?, 0, 'W1', ?, 2)"),
                              writeError) ||
                !sql::prepare(
                    partNumbers,
                    QStringLiteral("INSERT INTO part_numbers(part_number, sku) VALUES (?, ?)"),
                    writeError) ||
                !sql::prepare(
                    orderCounts,
                    QStringLiteral("INSERT INTO product_order_counts(sku, count) VALUES (?, ?)"),
                    writeError))
                return false;
            for (int i = 0; i < count; ++i) {
                const Kind &kind = Kinds[random.bounded(int(std::size(Kinds)))];
                Product p;
                p.sku = skuOf(i);
                p.brand = s(Brands[random.bounded(int(std::size(Brands)))]);
                const QString material = s(Materials[random.bounded(int(std::size(Materials)))]);
                p.name = s(kind.name);
                if (kind.sized) {
                    const int size = Sizes[random.bounded(int(std::size(Sizes)))];
                    const int length = Lengths[random.bounded(int(std::size(Lengths)))];
                    p.name += QStringLiteral(" M%1 \u00d7 %2 mm").arg(size).arg(length);
                    p.attributes.insert(QStringLiteral("size"),
                                        QStringLiteral("M%1 \u00d7 %2 mm").arg(size).arg(length));
                } else {
                    p.name +=
                        QStringLiteral(" M%1").arg(Sizes[random.bounded(int(std::size(Sizes)))]);
                }
                p.name += QStringLiteral(", ") + material.toLower();
                p.description = QStringLiteral("%1 from %2 in %3. Item %4 of the %5 range.")
                                    .arg(s(kind.name), p.brand, material.toLower())
                                    .arg(i)
                                    .arg(random.bounded(1000));
                p.attributes.insert(QStringLiteral("material"), material);
                p.categoryPath = s(kind.category).split(QStringLiteral(" > "));
                QJsonObject attributes;
                for (auto it = p.attributes.cbegin(); it != p.attributes.cend(); ++it)
                    attributes.insert(it.key(), it.value());

                products.bindValue(0, i + 1);
                products.bindValue(1, p.sku);
                products.bindValue(2, p.name);
                products.bindValue(3, p.description);
                products.bindValue(4, p.brand);
                products.bindValue(5, QStringLiteral("C%1").arg(int(&kind - Kinds)));
                products.bindValue(6, s(kind.category));
                products.bindValue(
                    7, QString::fromUtf8(QJsonDocument(attributes).toJson(QJsonDocument::Compact)));
                products.bindValue(8, p.attributes.values().join(u' '));
                products.bindValue(9, searchtext::indexTerms(p));
                if (!sql::exec(products, writeError))
                    return false;
                const QString gtin = gtinOf(i);
                packs.bindValue(0, i + 1);
                packs.bindValue(1, gtin);
                packs.bindValue(2, gtin::normalized(gtin));
                if (!sql::exec(packs, writeError))
                    return false;
                if (i % 5 != 0) {
                    stock.bindValue(0, p.sku);
                    stock.bindValue(1, i % 3 == 0 ? 0 : random.bounded(1, 5000));
                    if (!sql::exec(stock, writeError))
                        return false;
                }
                if (i % 50 == 0) {
                    partNumbers.bindValue(0, QStringLiteral("CPN-%1").arg(i, 7, 10, QChar(u'0')));
                    partNumbers.bindValue(1, p.sku);
                    if (!sql::exec(partNumbers, writeError))
                        return false;
                }
                if (i % 20 == 0) {
                    orderCounts.bindValue(0, p.sku);
                    orderCounts.bindValue(1, random.bounded(1, 50));
                    if (!sql::exec(orderCounts, writeError))
                        return false;
                }
            }
            return searchindex::rebuild(c, writeError);
        },
        error);
}

// Builds products_fts again a range of products per transaction, as a first sync of the
// catalog does: ranges of 20,000 while the later feeds are pulled (about the first 300,000
// products of a million), then ranges of 50,000 (SyncEngine::Options). Nothing is merged.
bool indexInRanges(Database &db, int count, int *ranges, QString *error)
{
    *ranges = 0;
    qint64 after = 0;
    for (bool complete = false; !complete; ++*ranges) {
        const qint64 size = after < std::min(300'000, count * 3 / 10) ? 20'000 : 50'000;
        complete = after + size >= count;
        if (!db.write(
                [&](QString *why) {
                    const QSqlDatabase c = db.connection();
                    return (after > 0 || searchindex::beginRanges(c, why)) &&
                           searchindex::indexRange(c, after,
                                                   complete ? std::nullopt
                                                            : std::optional<qint64>(after + size),
                                                   why) &&
                           (!complete || searchindex::completeRanges(c, why));
                },
                error))
            return false;
        after += size;
    }
    return true;
}

struct Timings
{
    QString name;
    QList<double> ms;

    void add(qint64 nanoseconds) { ms.append(double(nanoseconds) / 1e6); }
    void print()
    {
        if (ms.isEmpty())
            return;
        std::sort(ms.begin(), ms.end());
        const auto at = [this](double q) {
            return ms.at(std::min<qsizetype>(ms.size() - 1, qsizetype(q * double(ms.size()))));
        };
        std::printf("%-44s n=%5lld  p50 %8.3f ms  p95 %8.3f ms  max %8.3f ms\n", qPrintable(name),
                    static_cast<long long>(ms.size()), at(0.50), at(0.95), ms.last());
    }
};

template<typename Work>
void measure(Timings &t, Work work)
{
    QElapsedTimer timer;
    timer.start();
    work();
    t.add(timer.nsecsElapsed());
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("qm.*.info=false"));
    int count = 1'000'000;
    QString cachePath;
    bool ranges = false;
    bool merge = false;
    int slowest = 0;
    const QStringList args = app.arguments().mid(1);
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args.at(i) == u"--cache" && i + 1 < args.size())
            cachePath = args.at(++i);
        else if (args.at(i) == u"--ranges")
            ranges = true;
        else if (args.at(i) == u"--merge")
            merge = true;
        else if (args.at(i) == u"--slowest" && i + 1 < args.size())
            slowest = args.at(++i).toInt();
        else
            count = args.at(i).toInt();
    }
    if (count < 100 || (merge && !ranges)) {
        std::fprintf(stderr,
                     "usage: bench_search [PRODUCTS >= 100] [--cache FILE] [--ranges [--merge]]"
                     " [--slowest N]\n");
        return 2;
    }
    QTemporaryDir dir;
    if (cachePath.isEmpty())
        cachePath = dir.filePath(QStringLiteral("cache.sqlite"));
    const bool reuse = QFileInfo::exists(cachePath);
    QString error;
    auto db = Database::open(cachePath, &error);
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    if (reuse) {
        const qint64 held = CatalogQuery(*db).productCount();
        if (held != count) {
            std::fprintf(stderr, "%s holds %lld products, not %d\n", qPrintable(cachePath),
                         static_cast<long long>(held), count);
            return 1;
        }
        std::printf("cache with %d products reused from %s\n\n", count, qPrintable(cachePath));
    } else {
        QElapsedTimer fillTimer;
        fillTimer.start();
        if (!fill(*db, count, &error)) {
            std::fprintf(stderr, "cannot fill the cache: %s\n", qPrintable(error));
            return 1;
        }
        std::printf("cache with %d products filled in %.1f s\n\n", count,
                    double(fillTimer.elapsed()) / 1000.0);
    }

    if (ranges) {
        QElapsedTimer indexTimer;
        indexTimer.start();
        int built = 0;
        if (!indexInRanges(*db, count, &built, &error)) {
            std::fprintf(stderr, "cannot build the index in ranges: %s\n", qPrintable(error));
            return 1;
        }
        std::printf("full-text index built in %d ranges in %.1f s, not merged\n\n", built,
                    double(indexTimer.elapsed()) / 1000.0);
    }
    // The merge after a sync, on the page writer's thread and connection.
    PageWriter writer;
    std::atomic<bool> merging = false;
    std::atomic<qint64> mergeMs = 0;
    std::thread mergeWaiter;
    if (merge) {
        if (!writer.open(cachePath, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        merging = true;
        writer.mergeIndexWhenIdle();
        mergeWaiter = std::thread([&] {
            QElapsedTimer mergeTimer;
            mergeTimer.start();
            writer.waitForIdleWork();
            mergeMs = mergeTimer.elapsed();
            merging = false;
        });
    }

    CatalogQuery query(*db);
    const QDate day = QDate::currentDate();
    constexpr int Page = 200; // CatalogModel::BatchSize

    // Search as you type: every prefix of what people type.
    const QStringList typed{
        QStringLiteral("hex bolt m8x40"),  QStringLiteral("m10 washer"),
        QStringLiteral("ss socket head"),  QStringLiteral("qm-0423117"),
        QStringLiteral("galv hinge"),      QStringLiteral("nitrile gloves"),
        QStringLiteral("cable tie 200"),   QStringLiteral("zinc plated nut"),
        QStringLiteral("brass wing nut"),  QStringLiteral("a4 nyloc m12"),
        QStringLiteral("40mm wood screw"), QStringLiteral("marine shackle"),
        QStringLiteral("m8 x 40 stainl"),  QStringLiteral("cpn-00421"),
        QStringLiteral("rust resistant"),  QStringLiteral("t\u00e9cfix anchor")};
    Timings results{QStringLiteral("typing: results (first 200)"), {}};
    Timings facets{QStringLiteral("typing: facet counts"), {}};
    Timings both{QStringLiteral("typing: results + facet counts"), {}};
    Timings duringMerge{QStringLiteral("typing: results while the index merged"), {}};
    Timings byLength[13];
    for (int n = 1; n <= 12; ++n)
        byLength[n].name = QStringLiteral("  results, %1 characters typed").arg(n);
    for (const QString &text : typed) {
        for (int n = 1; n <= std::min<int>(12, int(text.size())); ++n) {
            const QString prefix = text.left(n);
            QElapsedTimer timer;
            timer.start();
            const auto rows = query.search(prefix, Page, 0, day);
            const qint64 searched = timer.nsecsElapsed();
            results.add(searched);
            if (merging)
                duringMerge.add(searched);
            byLength[n].add(searched);
            const auto counted = query.facets(prefix, {});
            const qint64 total = timer.nsecsElapsed();
            facets.add(total - searched);
            both.add(total);
            Q_UNUSED(rows);
            Q_UNUSED(counted);
        }
    }

    // Typing slips: whole queries with a word nothing starts with, searched for as the words
    // one slip away, or as two words typed together (models/spelling.h), and what the bar
    // above the table says about them;
    // among them, queries that have no slip ("stainles" starts "stainless", "tei" is too
    // short), which pay for looking.
    const QStringList slipped{
        QStringLiteral("hex blot m8"),        QStringLiteral("galvanised wahser"),
        QStringLiteral("nitrle gloves"),      QStringLiteral("stainles socket head"),
        QStringLiteral("nyloc nutt m10"),     QStringLiteral("cable tei 200"),
        QStringLiteral("wood scerw 40mm"),    QStringLiteral("brass wign nut"),
        QStringLiteral("carriage bolts m12"), QStringLiteral("shackel marine"),
        QStringLiteral("hexbolt m8"),         QStringLiteral("woodscrew 40mm")};
    Timings slipChecks{QStringLiteral("typing: the slip check alone (corrections())"), {}};
    for (const QString &text : typed) {
        for (int n = 1; n <= std::min<int>(12, int(text.size())); ++n)
            measure(slipChecks, [&] { query.corrections(text.left(n)); });
    }
    Timings slips{QStringLiteral("slips: results (first 200) and corrections"), {}};
    for (const QString &text : slipped) {
        QStringList taken;
        for (const spelling::Correction &c : query.corrections(text))
            taken << c.typed + QStringLiteral(" -> ") + c.examples.join(u'|');
        std::printf("slips in \"%s\": %s\n", qPrintable(text),
                    taken.isEmpty() ? "none" : qPrintable(taken.join(QStringLiteral(", "))));
    }
    std::printf("\n");
    for (int round = 0; round < 5; ++round) {
        for (const QString &text : slipped) {
            measure(slips, [&] {
                query.search(text, Page, 0, day);
                query.corrections(text);
            });
        }
    }

    // Facet filters.
    Timings filtered{QStringLiteral("facets: filtered search (first 200)"), {}};
    Timings filteredCounts{QStringLiteral("facets: counts with filters"), {}};
    Timings browsed{QStringLiteral("facets: browse without text (first 200)"), {}};
    Timings browseCounts{QStringLiteral("facets: counts without text"), {}};
    QList<SearchFilter> filters;
    for (const char16_t *brand : {u"Boltex", u"SafeHands", u"Marinex"}) {
        SearchFilter f;
        f.brand = s(brand);
        filters << f;
    }
    for (const char16_t *category : {u"Fasteners > Bolts", u"PPE > Gloves", u"Fasteners"}) {
        SearchFilter f;
        f.category = s(category);
        filters << f;
    }
    for (const char16_t *material : {u"Brass", u"Stainless steel A4 (316)"}) {
        SearchFilter f;
        f.material = s(material);
        filters << f;
    }
    {
        SearchFilter f;
        f.inStockOnly = true;
        filters << f;
        f.brand = QStringLiteral("Fixwell");
        f.material = QStringLiteral("Steel");
        filters << f;
    }
    for (const SearchFilter &f : std::as_const(filters)) {
        for (const QString &text : {QStringLiteral("hex"), QStringLiteral("bolt m8"),
                                    QStringLiteral("washer"), QStringLiteral("gloves")}) {
            measure(filtered, [&] { query.search(text, f, Page, 0, day); });
            measure(filteredCounts, [&] { query.facets(text, f); });
        }
        measure(browsed, [&] { query.browse(QString(), f, Page, day); });
        measure(browseCounts, [&] { query.facets(QString(), f); });
    }
    measure(browseCounts, [&] { query.facets(QString(), {}); });

    // Exact lookups.
    Timings bySku{QStringLiteral("exact: product(SKU)"), {}};
    Timings byGtin{QStringLiteral("exact: product(GTIN-13 / -12 / -14)"), {}};
    Timings searchSku{QStringLiteral("exact: search(SKU), first hit"), {}};
    Timings searchGtin{QStringLiteral("exact: search(GTIN), first hit"), {}};
    QRandomGenerator random(7);
    for (int i = 0; i < 1000; ++i) {
        const int n = random.bounded(count);
        const QString sku = skuOf(n);
        QString gtin = gtinOf(n);
        if (i % 3 == 1)
            gtin.prepend(u'0'); // as GTIN-14
        measure(bySku, [&] { query.product(sku.toLower()); });
        measure(byGtin, [&] { query.product(gtin); });
        measure(searchSku, [&] { query.search(sku, 1, 0, day); });
        measure(searchGtin, [&] { query.search(gtin, 1, 0, day); });
    }

    // The slowest typed prefixes, each timed again.
    QList<QPair<double, QString>> perPrefix;
    if (slowest > 0) {
        for (const QString &text : typed) {
            for (int n = 1; n <= std::min<int>(12, int(text.size())); ++n) {
                const QString prefix = text.left(n);
                Timings runs{prefix, {}};
                for (int run = 0; run < 5; ++run)
                    measure(runs, [&] { query.search(prefix, Page, 0, day); });
                std::sort(runs.ms.begin(), runs.ms.end());
                perPrefix.append({runs.ms.at(2), prefix});
            }
        }
        std::sort(perPrefix.begin(), perPrefix.end(),
                  [](const auto &a, const auto &b) { return a.first > b.first; });
        perPrefix.resize(std::min<qsizetype>(slowest, perPrefix.size()));
    }

    if (mergeWaiter.joinable()) {
        mergeWaiter.join();
        std::printf("full-text index merged by the page writer in %.1f s, beside the searches\n",
                    double(mergeMs.load()) / 1000.0);
    }
    results.print();
    duringMerge.print();
    for (int n = 1; n <= 12; ++n)
        byLength[n].print();
    facets.print();
    both.print();
    slipChecks.print();
    slips.print();
    filtered.print();
    filteredCounts.print();
    browsed.print();
    browseCounts.print();
    bySku.print();
    byGtin.print();
    searchSku.print();
    searchGtin.print();
    if (!perPrefix.isEmpty())
        std::printf("\nslowest typed prefixes (median of 5 runs):\n");
    for (const auto &[ms, prefix] : std::as_const(perPrefix))
        std::printf("  %8.3f ms  \"%s\"\n", ms, qPrintable(prefix));
    return 0;
}
