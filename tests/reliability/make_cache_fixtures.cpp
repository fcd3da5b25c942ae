// Writes the schema fixtures of tests/data/cache-schemas: for each requested version N, a
// cache migrated with steps 1..N of models/schema.cpp and filled with representative rows
// in plain SQL for that version's shape, dumped as `sqlite3 FILE .dump` writes it with the
// application id and user version in front. See tests/data/cache-schemas/README.md.
//
//   make_cache_fixtures [--sqlite3 PROGRAM] [--overwrite] OUTPUT-DIR VERSION...
//
// An existing fixture is left alone unless --overwrite is given: a released fixture
// stands for files on users' disks and is never regenerated.

#include "core/account.h"
#include "core/order.h"
#include "core/requisitionlist.h"
#include "models/liststore.h"
#include "models/schema.h"
#include "reliability/cachefile.h"
#include "reliability/fixturerows.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>

using namespace qm;
using cachefile::RawFile;

namespace {

struct Filler
{
    RawFile &file;
    int version;
    QString error;

    bool run(const QString &statement, const QVariantList &values = {})
    {
        return error.isEmpty() && file.run(statement, values, &error);
    }
};

QString compactJson(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

struct ProductRow
{
    const char *sku, *name, *description, *brand, *categoryCode, *categoryPath, *attributes,
        *attributeText, *searchTerms, *baseUom;
    int minOrderQty, orderMultiple, discontinued;
    const char *packLabel;
    int packQuantity, maxOrderQty;
    const char *skuKey;
};

const ProductRow Products[] = {
    {"A4-80", "Hex bolt M8x80 stainless A4", "DIN 933, fully threaded", "Fixwell", "FAS-BOLT",
     "Fasteners > Bolts", R"({"material":"A4","thread":"M8"})", "A4 M8", "A4 80", "EA", 1, 1, 0,
     "Each", 1, 5000, "A480"},
    {"M8X40-ZN", "Hex bolt M8x40 zinc plated", "DIN 933, class 8.8", "Fixwell", "FAS-BOLT",
     "Fasteners > Bolts", R"({"material":"steel","thread":"M8"})", "steel M8", "M8 40 ZN", "EA", 50,
     50, 0, "Each", 1, 0, "M8X40ZN"},
    {"W-8-A2", "Washer 8.4 mm A2", "DIN 125", "Fixwell", "FAS-WASH", "Fasteners > Washers",
     R"({"material":"A2"})", "A2", "W 8 A2", "EA", 100, 100, 0, "Box of 100", 100, 0, "W8A2"},
    {"GLV-NIT-L", "Nitrile gloves, size L", "Puderfrei, Größe L", "Handfest", "PPE-GLOVE",
     "Safety > Gloves", R"({"material":"nitrile","size":"L"})", "nitrile L", "GLV NIT L", "BX", 1,
     1, 0, "Box of 100", 1, 0, "GLVNITL"},
    {"TAPE-PTFE", "PTFE thread seal tape 12 mm × 12 m", "", "Sealo", "PLB-SEAL",
     "Plumbing > Sealing", R"({"material":"PTFE"})", "PTFE", "TAPE PTFE", "EA", 1, 1, 1, "Each", 1,
     0, "TAPEPTFE"},
    {"DRL-HSS-8", "HSS drill bit Ø 8 mm", "Ground, 118° point", "Bohrwerk", "TLS-DRILL",
     "Tools > Drill bits", R"({"material":"HSS","diameter":"8"})", "HSS 8", "DRL HSS 8", "EA", 1, 1,
     0, "Each", 1, 200, "DRLHSS8"},
};

bool fillCatalog(Filler &f)
{
    const bool v3 = f.version >= 3;
    int id = 100;
    for (const ProductRow &p : Products) {
        ++id;
        QVariantList values{id,
                            QString::fromUtf8(p.sku),
                            QString::fromUtf8(p.name),
                            QString::fromUtf8(p.description),
                            QString::fromUtf8(p.brand),
                            QString::fromUtf8(p.categoryCode),
                            QString::fromUtf8(p.categoryPath),
                            QString::fromUtf8(p.attributes),
                            QString::fromUtf8(p.attributeText),
                            QString::fromUtf8(p.searchTerms),
                            QString::fromUtf8(p.baseUom),
                            p.minOrderQty,
                            p.orderMultiple,
                            p.discontinued,
                            QString::fromUtf8(p.packLabel),
                            p.packQuantity};
        QString statement = QStringLiteral(
            "INSERT INTO products(id, sku, name, description, brand, category_code, category_path,"
            " attributes, attribute_text, search_terms, base_uom, min_order_qty, order_multiple,"
            " discontinued, pack_label, pack_quantity%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            " ?, ?, ?, ?, ?%2)");
        if (v3) {
            statement =
                statement.arg(QStringLiteral(", max_order_qty, sku_key"), QStringLiteral(", ?, ?"));
            values << p.maxOrderQty << QString::fromUtf8(p.skuKey);
        } else {
            statement = statement.arg(QString(), QString());
        }
        if (!f.run(statement, values))
            return false;
        // Every product sells in its base unit; the first three also by the box or case.
        const QString gtin = QStringLiteral("40123450%1").arg(id, 5, 10, QLatin1Char('0'));
        if (!f.run(QStringLiteral("INSERT INTO packs(product_id, uom, position, name, quantity,"
                                  " gtin, gtin14) VALUES (?, ?, 0, ?, 1, ?, ?)"),
                   {id, QString::fromUtf8(p.baseUom), QString::fromUtf8(p.packLabel), gtin,
                    QStringLiteral("0") + gtin}))
            return false;
        if (id <= 103 &&
            !f.run(
                QStringLiteral("INSERT INTO packs(product_id, uom, position, name, quantity,"
                               " gtin, gtin14) VALUES (?, 'CS', 1, 'Case of 500', 500, '', NULL)"),
                {id}))
            return false;
    }
    // Prices: a list price for every product; the A4-80 also has a contract tier; the
    // drill a dated promotion.
    id = 0;
    for (const ProductRow &p : Products) {
        const QString sku = QString::fromUtf8(p.sku);
        const qint64 list = sku == fixturerows::Sku ? fixturerows::ListPriceUnits : 1000 + 731 * id;
        ++id;
        if (!f.run(QStringLiteral("INSERT INTO prices(sku, position, currency, kind, uom, min_qty,"
                                  " unit_price, valid_from, valid_to)"
                                  " VALUES (?, 0, ?, 'list', ?, 1, ?, NULL, NULL)"),
                   {sku, fixturerows::Currency, QString::fromUtf8(p.baseUom), list}))
            return false;
    }
    if (!f.run(QStringLiteral("INSERT INTO prices(sku, position, currency, kind, uom, min_qty,"
                              " unit_price, valid_from, valid_to)"
                              " VALUES (?, 1, ?, 'contract', 'EA', ?, ?, '2026-01-01', NULL)"),
               {fixturerows::Sku, fixturerows::Currency, fixturerows::ContractMinQty,
                fixturerows::ContractPriceUnits}) ||
        !f.run(QStringLiteral("INSERT INTO prices(sku, position, currency, kind, uom, min_qty,"
                              " unit_price, valid_from, valid_to) VALUES ('DRL-HSS-8', 1, 'EUR',"
                              " 'contract', 'EA', 10, 29900, '2026-03-01', '2026-06-30')")))
        return false;
    // Stock in two warehouses, one of them with a receipt on the way.
    if (!f.run(QStringLiteral(
            "INSERT INTO stock(sku, position, warehouse, warehouse_name, on_hand, lead_time_days,"
            " next_receipt_date, next_receipt_qty)"
            " SELECT sku, 0, 'MAIN', 'Main warehouse', 1200 - id, 2, NULL, 0 FROM products;"
            "")) ||
        !f.run(QStringLiteral(
            "INSERT INTO stock(sku, position, warehouse, warehouse_name, on_hand, lead_time_days,"
            " next_receipt_date, next_receipt_qty)"
            " SELECT sku, 1, 'NORD', 'Hamburg', 0, 7, '2026-12-10', 500 FROM products"
            " WHERE id % 2 = 1")))
        return false;
    if (f.version >= 2 &&
        !f.run(QStringLiteral("INSERT INTO products_fts(rowid, sku, name, description, brand,"
                              " attribute_text, category_path, search_terms)"
                              " SELECT id, sku, name, description, brand, attribute_text,"
                              " category_path, search_terms FROM products")))
        return false;
    // The search vocabulary: the index's terms longer than its prefix index covers.
    if (f.version >= 10 && !(f.run(QStringLiteral("CREATE VIRTUAL TABLE temp.fts_terms"
                                                  " USING fts5vocab(main, products_fts, row)")) &&
                             f.run(QStringLiteral("INSERT INTO search_vocabulary(term) SELECT term"
                                                  " FROM temp.fts_terms WHERE length(term) > 3")) &&
                             f.run(QStringLiteral("DROP TABLE temp.fts_terms"))))
        return false;
    if (v3) {
        if (!f.run(QStringLiteral("INSERT INTO part_numbers(part_number, sku, description) VALUES"
                                  " ('CUST-1001', 'A4-80', 'Bolt for hull fittings'),"
                                  " ('CUST-1002', 'W-8-A2', NULL),"
                                  " ('hb-gloves-l', 'GLV-NIT-L', 'Gloves, workshop')")) ||
            // Each part number's key, as CodeResolver::codeKey makes it (version 12).
            (f.version >= 12 && !f.run(QStringLiteral("UPDATE part_numbers SET part_key ="
                                                      " upper(replace(part_number, '-', ''))"))) ||
            !f.run(QStringLiteral("INSERT INTO discounts(sku, position, currency, category,"
                                  " percent, valid_from, valid_to) VALUES"
                                  " ('DRL-HSS-8', 0, 'EUR', 'Tools', 50000, NULL, NULL),"
                                  " ('GLV-NIT-L', 0, 'EUR', 'Safety', 75000, '2026-01-01',"
                                  " '2026-12-31')")))
            return false;
    }
    return true;
}

bool fillFeeds(Filler &f)
{
    // Per-entry hashes, and per feed a cursor, count and digest that agree with them.
    QStringList feeds{QStringLiteral("INSERT INTO feed_items(feed, key, hash, generation)"
                                     " SELECT 'products', sku, 7919 * id, 1 FROM products"),
                      QStringLiteral("INSERT INTO feed_items(feed, key, hash, generation)"
                                     " SELECT DISTINCT 'prices', sku, 104729 * length(sku), 1"
                                     " FROM prices"),
                      QStringLiteral("INSERT INTO feed_items(feed, key, hash, generation)"
                                     " SELECT DISTINCT 'stock', sku, 15485863 * length(sku), 1"
                                     " FROM stock")};
    if (f.version >= 3)
        feeds << QStringLiteral("INSERT INTO feed_items(feed, key, hash, generation)"
                                " SELECT 'part_numbers', part_number, 31337 * length(part_number),"
                                " 1 FROM part_numbers");
    if (f.version >= 5)
        feeds << QStringLiteral("INSERT INTO feed_items(feed, key, hash, generation)"
                                " SELECT 'lists', id, 271828 * version, 1 FROM lists"
                                " WHERE version > 0");
    if (f.version >= 8)
        feeds << QStringLiteral("INSERT INTO feed_items(feed, key, hash, generation)"
                                " SELECT 'orders', number, 314159 * sequence, 1 FROM orders");
    for (const QString &statement : feeds) {
        if (!f.run(statement))
            return false;
    }
    return f.run(QStringLiteral(
        "INSERT INTO sync_state(feed, cursor, count, digest, generation, resyncing,"
        " last_pulled_at, verified_at)"
        " SELECT feed, 40 * count(*), count(*), sum(hash), 1, 0, '2026-03-02T07:59:12.000Z',"
        " '2026-03-02T07:59:12.000Z' FROM feed_items GROUP BY feed"));
}

bool fillProfile(Filler &f)
{
    return f.run(
        QStringLiteral("INSERT INTO profile_meta(key, value) VALUES"
                       " ('portal', 'https://portal.example.com'), ('username', 'dana.buyer'),"
                       " ('display_name', 'Dana Buyer'), ('role', 'buyer'),"
                       " ('permissions', '[\"catalog.read\",\"orders.create\"]'),"
                       " ('account_code', 'C-10042'), ('account_name', 'Harbour Marine Services'),"
                       " ('currency', 'EUR'), ('portal_name', 'Example Supply')"));
}

bool fillCarts(Filler &f)
{
    return f.run(
               QStringLiteral(
                   "INSERT INTO carts(id, name, created_at, updated_at, used_at, archived, "
                   "undo_seq)"
                   " VALUES (1, ?, '2026-03-02T08:15:00.000Z', '2026-03-02T08:21:40.250Z',"
                   " '2026-03-02T08:21:40.250Z', 0, 2),"
                   " (2, 'Site B - March', '2026-02-20T13:00:00.000Z', '2026-02-20T13:05:00.000Z',"
                   " '2026-02-20T13:05:00.000Z', 1, 0)"),
               {fixturerows::CartName}) &&
           f.run(QStringLiteral(
                     "INSERT INTO cart_lines(id, cart_id, position, code, sku, uom, quantity,"
                     " requested_quantity, source, note, added_at, unit_price, line_total,"
                     " price_currency, price_note) VALUES"
                     " (11, 1, 1, 'a4-80', 'A4-80', 'EA', ?, 240, 'typed', 'for the hull',"
                     "  '2026-03-02T08:15:03.000Z', 1850, 462500, 'EUR', 'contract'),"
                     " (12, 1, 2, '04012345000103', 'W-8-A2', 'CS', 2, 2, 'scanned', '',"
                     "  '2026-03-02T08:16:10.000Z', NULL, NULL, NULL, NULL),"
                     " (13, 1, 3, 'CUST-1002', 'W-8-A2', 'EA', 100, 80, 'pasted', '',"
                     "  '2026-03-02T08:17:00.000Z', 4331, 433100, 'EUR', 'list'),"
                     " (14, 2, 1, 'M8X40-ZN', 'M8X40-ZN', 'EA', 150, 150, 'imported', 'row 2',"
                     "  '2026-02-20T13:00:30.000Z', NULL, NULL, NULL, NULL)"),
                 {fixturerows::CartLineQuantity}) &&
           f.run(QStringLiteral("INSERT INTO cart_actions(cart_id, seq, kind, line_count, done_at)"
                                " VALUES (1, 1, 'add-lines', 3, '2026-03-02T08:17:00.000Z'),"
                                " (1, 2, 'set-quantity', 1, '2026-03-02T08:21:40.250Z')")) &&
           f.run(QStringLiteral(
               "INSERT INTO cart_action_lines(cart_id, seq, line_id, before_json, after_json)"
               " SELECT 1, 1, id, NULL, json_array(id, cart_id, position, code, sku, uom,"
               "  CASE id WHEN 11 THEN 240 ELSE quantity END, requested_quantity, source, note,"
               "  added_at) FROM cart_lines WHERE cart_id = 1")) &&
           f.run(QStringLiteral(
               "INSERT INTO cart_action_lines(cart_id, seq, line_id, before_json, after_json)"
               " SELECT 1, 2, id, json_array(id, cart_id, position, code, sku, uom, 240,"
               "  requested_quantity, source, note, added_at), json_array(id, cart_id, position,"
               "  code, sku, uom, quantity, requested_quantity, source, note, added_at)"
               " FROM cart_lines WHERE id = 11")) &&
           f.run(QStringLiteral(
               "INSERT INTO unresolved_codes(id, code, origin, seen_at, cart_id, symbology,"
               " quantity, resolved) VALUES"
               " (1, '4006381333931', 'scanned', '2026-03-02T08:16:30.000Z', 1, ']E0', 2, 0),"
               " (2, 'XX-999', 'typed', '2026-02-20T13:01:00.000Z', NULL, '', NULL, 1)"));
}

bool fillLists(Filler &f)
{
    QList<RequisitionListLine> lines;
    RequisitionListLine line;
    line.sku = QStringLiteral("DRL-HSS-8");
    line.quantity = Decimal::fromInt(5);
    lines << line;
    const QString putBody =
        QString::fromUtf8(ListStore::putBody(QStringLiteral("Site kit"), lines));
    return f.run(QStringLiteral(
                     "INSERT INTO lists(id, name, version, updated_at, updated_by, conflict_of, "
                     "notice,"
                     " created_at) VALUES"
                     " ('5a0d7a52-3c1b-4d6e-8f00-00000000aa01', ?, 3, '2026-02-28T16:00:00.000Z',"
                     "  'Dana Buyer', NULL, '', '2026-01-10T09:00:00.000Z'),"
                     " ('5a0d7a52-3c1b-4d6e-8f00-00000000aa02', 'Site kit', 0, NULL, '', NULL, '',"
                     "  '2026-03-01T10:00:00.000Z')"),
                 {fixturerows::ListName}) &&
           f.run(QStringLiteral(
               "INSERT INTO list_lines(list_id, position, sku, quantity, unit, note) VALUES"
               " ('5a0d7a52-3c1b-4d6e-8f00-00000000aa01', 0, 'A4-80', '200', 'EA', ''),"
               " ('5a0d7a52-3c1b-4d6e-8f00-00000000aa01', 1, 'GLV-NIT-L', '2.5', 'BX',"
               "  'size L only'),"
               " ('5a0d7a52-3c1b-4d6e-8f00-00000000aa02', 0, 'DRL-HSS-8', '5', '', '')")) &&
           f.run(QStringLiteral(
                     "INSERT INTO list_outbox(id, list_id, op, base_version, idempotency_key, body,"
                     " state, last_error, attempts, created_at, updated_at) VALUES"
                     " (1, '5a0d7a52-3c1b-4d6e-8f00-00000000aa02', 'put', 0,"
                     "  '9e3f2a10-7b6c-4d5e-a1f2-00000000bb01', ?, 'pending', NULL, 0,"
                     "  '2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.000Z'),"
                     " (2, '5a0d7a52-3c1b-4d6e-8f00-00000000aa01', 'delete', 3,"
                     "  '9e3f2a10-7b6c-4d5e-a1f2-00000000bb02', NULL, 'failed',"
                     "  '{\"status\":403,\"title\":\"Forbidden\"}', 1,"
                     "  '2026-03-01T11:00:00.000Z', '2026-03-01T11:00:05.000Z')"),
                 {putBody});
}

OrderSubmission submission(const QString &key, const QString &sku, qint64 quantity,
                           qint64 unitPrice)
{
    OrderSubmission s;
    s.clientOrderId = key;
    s.shipTo = QStringLiteral("HQ");
    s.poNumber = QStringLiteral("PO-") + key.right(4);
    s.contact.name = QStringLiteral("Dana Buyer");
    OrderSubmissionLine line;
    line.sku = sku;
    line.uom = QStringLiteral("EA");
    line.quantity = quantity;
    line.unitPrice = Decimal::fromUnits(unitPrice);
    line.priceVersion = QStringLiteral("2026-03-02T07:59:12Z");
    s.lines << line;
    return s;
}

Order order(const QString &number, const QString &key, OrderStatus status, qint64 sequence,
            const QString &placedAt)
{
    Order o;
    o.number = number;
    o.clientOrderId = key;
    o.status = status;
    o.sequence = sequence;
    o.placedAt = QDateTime::fromString(placedAt, Qt::ISODate);
    o.placedBy = QStringLiteral("Dana Buyer");
    o.shipTo = QStringLiteral("HQ");
    o.poNumber = QStringLiteral("PO-") + number.right(4);
    o.currency = QStringLiteral("EUR");
    OrderLine line;
    line.lineNo = 1;
    line.sku = fixturerows::Sku;
    line.description = QStringLiteral("Hex bolt M8x80 stainless A4");
    line.uom = QStringLiteral("EA");
    line.quantity = 400;
    line.unitPrice = Decimal::fromUnits(fixturerows::ContractPriceUnits);
    line.lineTotal = Decimal::fromUnits(400 * fixturerows::ContractPriceUnits);
    line.priceRule = QStringLiteral("contract");
    o.lines << line;
    o.subtotal = line.lineTotal;
    OrderEvent event;
    event.at = o.placedAt;
    event.status = OrderStatus::Submitted;
    event.by = o.placedBy;
    o.timeline << event;
    return o;
}

bool fillOrders(Filler &f)
{
    struct Outbox
    {
        QString key, state;
        qint64 quantity;
        int attempts, problemStatus;
        const char *problem, *orderNumber;
        int sequence;
        const char *lastError;
    };
    const Outbox entries[] = {
        {fixturerows::QueuedOrderKey, QStringLiteral("queued"), 300, 2, 0, nullptr, nullptr, 0,
         "network unreachable"},
        {fixturerows::SendingOrderKey, QStringLiteral("sending"), 100, 1, 0, nullptr, nullptr, 0,
         ""},
        {fixturerows::RefusedOrderKey, QStringLiteral("needs-attention"), 120, 1, 409,
         R"({"type":"https://portal.example.com/problems/price-changed","title":"Prices changed","status":409})",
         nullptr, 0, ""},
        {fixturerows::SentOrderKey, QStringLiteral("sent"), 400, 1, 0, nullptr, "SO-300412", 2, ""},
    };
    int id = 0;
    for (const Outbox &e : entries) {
        ++id;
        const OrderSubmission s =
            submission(e.key, fixturerows::Sku, e.quantity, fixturerows::ContractPriceUnits);
        if (!f.run(QStringLiteral(
                       "INSERT INTO order_outbox(id, client_order_id, state, body, cart_name,"
                       " expected_total, currency, queued_at, updated_at, attempts,"
                       " next_attempt_at, last_error, problem_status, problem, order_number,"
                       " sequence, replaced_by) VALUES (?, ?, ?, ?, ?, ?, 'EUR', ?, ?, ?, ?, ?,"
                       " ?, ?, ?, ?, NULL)"),
                   {id, e.key, e.state, compactJson(s.toJson()), fixturerows::CartName,
                    e.quantity * fixturerows::ContractPriceUnits,
                    QStringLiteral("2026-03-02T08:3%1:00.000Z").arg(id),
                    QStringLiteral("2026-03-02T08:4%1:00.000Z").arg(id), e.attempts,
                    id == 1 ? QVariant(QStringLiteral("2026-03-02T09:00:00.000Z")) : QVariant(),
                    QString::fromUtf8(e.lastError), e.problemStatus,
                    e.problem ? QVariant(QString::fromUtf8(e.problem)) : QVariant(),
                    e.orderNumber ? QVariant(QString::fromUtf8(e.orderNumber)) : QVariant(),
                    e.sequence}))
            return false;
    }
    const Order sent = order(fixturerows::SentOrderNumber, fixturerows::SentOrderKey,
                             OrderStatus::Confirmed, 2, QStringLiteral("2026-03-02T08:44:02Z"));
    const Order history = order(fixturerows::HistoryOrderNumber, QString(), OrderStatus::Delivered,
                                5, QStringLiteral("2026-01-15T10:20:00Z"));
    for (const Order &o : {sent, history}) {
        const QJsonObject json = o.toJson();
        if (!f.run(QStringLiteral(
                       "INSERT INTO orders(number, client_order_id, status, sequence, placed_at,"
                       " placed_by, ship_to, po_number, notes, subtotal, currency, payload)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)"),
                   {o.number, o.clientOrderId.isEmpty() ? QVariant() : QVariant(o.clientOrderId),
                    json.value(u"status").toString(), o.sequence,
                    o.placedAt.toUTC().toString(Qt::ISODate), o.placedBy, o.shipTo, o.poNumber,
                    o.subtotal.units(), o.currency, compactJson(json)}))
            return false;
    }
    AccountInfo account;
    account.code = QStringLiteral("C-10042");
    account.name = QStringLiteral("Harbour Marine Services");
    account.currency = QStringLiteral("EUR");
    account.paymentTerms = QStringLiteral("Net 30");
    account.creditLimit = Decimal::fromInt(50000);
    account.balance = Decimal::fromInt(12000);
    account.openOrders = Decimal::fromUnits(400 * fixturerows::ContractPriceUnits);
    account.availableCredit = account.creditLimit - account.balance - account.openOrders;
    ShipToLocation hq;
    hq.code = QStringLiteral("HQ");
    hq.name = QStringLiteral("Head office");
    hq.isDefault = true;
    hq.address.line1 = QStringLiteral("Kaistraße 4");
    hq.address.city = QStringLiteral("Kiel");
    hq.address.postalCode = QStringLiteral("24103");
    hq.address.country = QStringLiteral("DE");
    account.shipTo << hq;
    return f.run(QStringLiteral("INSERT INTO account_info(id, payload, etag, fetched_at)"
                                " VALUES (1, ?, '\"acct-7\"', '2026-03-02T08:00:00.000Z')"),
                 {compactJson(account.toJson())});
}

bool fill(RawFile &file, int version, QString *error)
{
    Filler f{file, version, {}};
    bool ok = f.run(QStringLiteral("BEGIN")) && fillProfile(f) && fillCatalog(f);
    if (ok && version >= 4)
        ok = fillCarts(f);
    if (ok && version >= 5)
        ok = fillLists(f);
    if (ok && version >= 6)
        ok = f.run(QStringLiteral("INSERT INTO product_order_counts(sku, count) VALUES"
                                  " ('A4-80', 12), ('GLV-NIT-L', 4)"));
    if (ok && version >= 7)
        ok = f.run(QStringLiteral("UPDATE sync_state SET index_pending = 0"));
    if (ok && version >= 8)
        ok = fillOrders(f);
    ok = ok && fillFeeds(f) && f.run(QStringLiteral("COMMIT"));
    if (!ok && error)
        *error = f.error;
    return ok;
}

bool writeFixture(const QString &sqlite3, const QString &outputDir, int version, QString *error)
{
    QTemporaryDir work;
    const QString dbPath = work.filePath(QStringLiteral("cache.db"));
    {
        RawFile file(dbPath);
        if (!cachefile::migrateTo(file, version, error) || !fill(file, version, error))
            return false;
        if (file.userVersion() != version) {
            *error = QStringLiteral("the migrations stop at version %1").arg(file.userVersion());
            return false;
        }
    }
    QProcess dump;
    dump.start(sqlite3, {QStringLiteral("-batch"), dbPath, QStringLiteral(".dump")});
    if (!dump.waitForFinished(60000) || dump.exitStatus() != QProcess::NormalExit ||
        dump.exitCode() != 0) {
        *error = QStringLiteral("%1 .dump failed: %2%3")
                     .arg(sqlite3, dump.errorString(),
                          QString::fromLocal8Bit(dump.readAllStandardError()));
        return false;
    }
    QFile out(QStringLiteral("%1/v%2.sql").arg(outputDir).arg(version));
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = QStringLiteral("cannot write %1: %2").arg(out.fileName(), out.errorString());
        return false;
    }
    const QByteArray header =
        QStringLiteral("-- A Quartermaster client cache at schema version %1, as released: see "
                       "README.md.\n-- Never edit or regenerate this file.\n"
                       "PRAGMA application_id=%2;\nPRAGMA user_version=%1;\n")
            .arg(version)
            .arg(schema::ApplicationId)
            .toUtf8();
    out.write(header);
    out.write(dump.readAllStandardOutput());
    return out.flush();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    QString sqlite3 = QStringLiteral("sqlite3");
    bool overwrite = false;
    QString outputDir;
    QList<int> versions;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == u"--sqlite3" && i + 1 < args.size()) {
            sqlite3 = args.at(++i);
        } else if (a == u"--overwrite") {
            overwrite = true;
        } else if (outputDir.isEmpty()) {
            outputDir = a;
        } else {
            bool ok = false;
            const int v = a.toInt(&ok);
            if (!ok || v < 1 || v > schema::migrations().last().version) {
                std::fprintf(stderr, "not a schema version of this build: %s\n", qPrintable(a));
                return 2;
            }
            versions << v;
        }
    }
    if (outputDir.isEmpty() || versions.isEmpty()) {
        std::fprintf(stderr,
                     "usage: make_cache_fixtures [--sqlite3 PROGRAM] [--overwrite] OUTPUT-DIR "
                     "VERSION...\n");
        return 2;
    }
    QDir().mkpath(outputDir);
    int failures = 0;
    for (int v : versions) {
        const QString path = QStringLiteral("%1/v%2.sql").arg(outputDir).arg(v);
        if (QFile::exists(path) && !overwrite) {
            std::printf("%s exists: left as it is (a released fixture is never regenerated)\n",
                        qPrintable(path));
            continue;
        }
        QString error;
        if (!writeFixture(sqlite3, outputDir, v, &error)) {
            std::fprintf(stderr, "v%d: %s\n", v, qPrintable(error));
            ++failures;
            continue;
        }
        std::printf("wrote %s\n", qPrintable(path));
    }
    return failures == 0 ? 0 : 1;
}
