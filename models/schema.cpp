#include "models/schema.h"

namespace qm::schema {

namespace {

// Version 1: the catalog cache.
//
// Prices and stock are keyed by SKU rather than by a foreign key to products because the
// three feeds arrive independently: a price may land before its product does.
// The full-text index is external content over products (kept in step by triggers until
// version 2).
// `search_terms` holds extra tokens that the tokenizer alone would not produce (the
// parts of "A4-80", "M8x40"); see searchtext.h.
Migration version1()
{
    return {
        1,
        {
            QStringLiteral("PRAGMA application_id = %1").arg(ApplicationId),
            QStringLiteral("CREATE TABLE profile_meta ("
                           " key TEXT PRIMARY KEY NOT NULL,"
                           " value TEXT NOT NULL"
                           ") WITHOUT ROWID"),
            QStringLiteral("CREATE TABLE products ("
                           " id INTEGER PRIMARY KEY,"
                           " sku TEXT NOT NULL UNIQUE COLLATE NOCASE,"
                           " name TEXT NOT NULL,"
                           " description TEXT NOT NULL DEFAULT '',"
                           " brand TEXT NOT NULL DEFAULT '',"
                           " category_code TEXT NOT NULL DEFAULT '',"
                           " category_path TEXT NOT NULL DEFAULT '',"
                           " attributes TEXT NOT NULL DEFAULT '{}',"
                           " attribute_text TEXT NOT NULL DEFAULT '',"
                           " search_terms TEXT NOT NULL DEFAULT '',"
                           " base_uom TEXT NOT NULL,"
                           " min_order_qty INTEGER NOT NULL DEFAULT 1,"
                           " order_multiple INTEGER NOT NULL DEFAULT 1,"
                           " discontinued INTEGER NOT NULL DEFAULT 0,"
                           " pack_label TEXT NOT NULL DEFAULT '',"
                           " pack_quantity INTEGER NOT NULL DEFAULT 1"
                           ")"),
            QStringLiteral("CREATE TABLE packs ("
                           " product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,"
                           " uom TEXT NOT NULL,"
                           " position INTEGER NOT NULL,"
                           " name TEXT NOT NULL,"
                           " quantity INTEGER NOT NULL,"
                           " gtin TEXT NOT NULL DEFAULT '',"
                           " gtin14 TEXT,"
                           " PRIMARY KEY (product_id, uom)"
                           ") WITHOUT ROWID"),
            QStringLiteral("CREATE INDEX packs_gtin14 ON packs(gtin14) WHERE gtin14 IS NOT NULL"),
            QStringLiteral("CREATE TABLE prices ("
                           " sku TEXT NOT NULL,"
                           " position INTEGER NOT NULL,"
                           " currency TEXT NOT NULL,"
                           " kind TEXT NOT NULL CHECK (kind IN ('list', 'contract')),"
                           " uom TEXT NOT NULL,"
                           " min_qty INTEGER NOT NULL,"
                           " unit_price INTEGER NOT NULL,"
                           " valid_from TEXT,"
                           " valid_to TEXT"
                           ")"),
            QStringLiteral("CREATE INDEX prices_sku ON prices(sku)"),
            QStringLiteral("CREATE TABLE stock ("
                           " sku TEXT NOT NULL,"
                           " position INTEGER NOT NULL,"
                           " warehouse TEXT NOT NULL,"
                           " warehouse_name TEXT NOT NULL DEFAULT '',"
                           " on_hand INTEGER NOT NULL,"
                           " lead_time_days INTEGER NOT NULL,"
                           " next_receipt_date TEXT,"
                           " next_receipt_qty INTEGER NOT NULL DEFAULT 0"
                           ")"),
            QStringLiteral("CREATE INDEX stock_sku ON stock(sku)"),
            QStringLiteral("CREATE TABLE feed_items ("
                           " feed TEXT NOT NULL,"
                           " key TEXT NOT NULL,"
                           " hash INTEGER NOT NULL,"
                           " generation INTEGER NOT NULL,"
                           " PRIMARY KEY (feed, key)"
                           ") WITHOUT ROWID"),
            QStringLiteral("CREATE TABLE sync_state ("
                           " feed TEXT PRIMARY KEY NOT NULL,"
                           " cursor INTEGER NOT NULL DEFAULT 0,"
                           " count INTEGER NOT NULL DEFAULT 0,"
                           " digest INTEGER NOT NULL DEFAULT 0,"
                           " generation INTEGER NOT NULL DEFAULT 0,"
                           " resyncing INTEGER NOT NULL DEFAULT 0,"
                           " last_pulled_at TEXT,"
                           " verified_at TEXT"
                           ") WITHOUT ROWID"),
            QStringLiteral("CREATE VIRTUAL TABLE products_fts USING fts5("
                           " sku, name, description, brand, attribute_text, category_path,"
                           " search_terms,"
                           " content = 'products', content_rowid = 'id',"
                           " tokenize = \"unicode61 remove_diacritics 2 tokenchars '-'\","
                           " prefix = '2 3')"),
            QStringLiteral("CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN"
                           " INSERT INTO products_fts(rowid, sku, name, description, brand,"
                           "  attribute_text, category_path, search_terms)"
                           " VALUES (new.id, new.sku, new.name, new.description, new.brand,"
                           "  new.attribute_text, new.category_path, new.search_terms);"
                           " END"),
            QStringLiteral("CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN"
                           " INSERT INTO products_fts(products_fts, rowid, sku, name, description,"
                           "  brand, attribute_text, category_path, search_terms)"
                           " VALUES ('delete', old.id, old.sku, old.name, old.description,"
                           "  old.brand, old.attribute_text, old.category_path, old.search_terms);"
                           " END"),
            QStringLiteral("CREATE TRIGGER products_fts_update AFTER UPDATE ON products BEGIN"
                           " INSERT INTO products_fts(products_fts, rowid, sku, name, description,"
                           "  brand, attribute_text, category_path, search_terms)"
                           " VALUES ('delete', old.id, old.sku, old.name, old.description,"
                           "  old.brand, old.attribute_text, old.category_path, old.search_terms);"
                           " INSERT INTO products_fts(rowid, sku, name, description, brand,"
                           "  attribute_text, category_path, search_terms)"
                           " VALUES (new.id, new.sku, new.name, new.description, new.brand,"
                           "  new.attribute_text, new.category_path, new.search_terms);"
                           " END"),
        }};
}

// Version 2: CatalogStore keeps the full-text index in step itself. A virtual table
// written from a trigger makes FTS5 flush its pending terms at every statement, which made
// a first sync twenty times slower than the inserts alone.
Migration version2()
{
    return {2,
            {
                QStringLiteral("DROP TRIGGER products_fts_insert"),
                QStringLiteral("DROP TRIGGER products_fts_delete"),
                QStringLiteral("DROP TRIGGER products_fts_update"),
            }};
}

// Version 3: what ordering needs. The maximum order quantity of a product; the category
// discounts of each SKU's prices entry (currency repeated, so an entry with discounts but no
// rules keeps it); the account's customer part numbers (the part_numbers feed), compared
// case-insensitively; and `sku_key`, the SKU without separators in upper case, for "did you
// mean" suggestions (see CodeResolver::codeKey).
//
// The products and prices feeds are pulled again once: their entries may have carried
// fields the previous schema had no columns for. Zero hashes make every re-delivered entry
// differ from what is stored, so it is rewritten; what is not delivered again is swept.
Migration version3()
{
    return {
        3,
        {
            QStringLiteral(
                "ALTER TABLE products ADD COLUMN max_order_qty INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE products ADD COLUMN sku_key TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("CREATE INDEX products_sku_key ON products(sku_key)"),
            QStringLiteral("CREATE TABLE discounts ("
                           " sku TEXT NOT NULL,"
                           " position INTEGER NOT NULL,"
                           " currency TEXT NOT NULL,"
                           " category TEXT NOT NULL,"
                           " percent INTEGER NOT NULL,"
                           " valid_from TEXT,"
                           " valid_to TEXT"
                           ")"),
            QStringLiteral("CREATE INDEX discounts_sku ON discounts(sku)"),
            QStringLiteral("CREATE TABLE part_numbers ("
                           " part_number TEXT PRIMARY KEY COLLATE NOCASE,"
                           " sku TEXT NOT NULL,"
                           " description TEXT"
                           ")"),
            QStringLiteral("CREATE INDEX part_numbers_sku ON part_numbers(sku)"),
            QStringLiteral("UPDATE feed_items SET hash = 0 WHERE feed IN ('products', 'prices')"),
            QStringLiteral("UPDATE sync_state SET cursor = 0, digest = 0, resyncing = 1,"
                           " generation = generation + 1 WHERE feed IN ('products', 'prices')"),
        }};
}

} // namespace

const QList<Migration> &migrations()
{
    static const QList<Migration> steps{version1(), version2(), version3()};
    return steps;
}

} // namespace qm::schema
