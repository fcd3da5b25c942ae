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

// Version 4: carts and quick order.
//
// A cart line is one product in one unit of measure: adding the same SKU and unit again
// merges into the existing line (cart_lines_item). `code` is what the user typed, pasted
// or scanned; `requested_quantity` what was asked for before the line rules adjusted it.
// unit_price, line_total, price_currency and price_note cache the last pricing of the line (NULL
// until priced) so that the cart table can sort by them in SQL; the pricing engine stays the source
// of truth.
//
// The undo journal is persistent and per cart: one cart_actions row per edit (seq counts
// up per cart; carts.undo_seq is the last applied one, later ones can be redone) and one
// cart_action_lines row per line it touched, with the line as JSON before and after the
// edit (NULL: the line did not exist), so undo and redo are set-based SQL however many
// lines an edit touched.
Migration version4()
{
    return {
        4,
        {
            QStringLiteral("CREATE TABLE carts ("
                           " id INTEGER PRIMARY KEY,"
                           " name TEXT NOT NULL,"
                           " created_at TEXT NOT NULL,"
                           " updated_at TEXT NOT NULL,"
                           " used_at TEXT NOT NULL,"
                           " archived INTEGER NOT NULL DEFAULT 0,"
                           " undo_seq INTEGER NOT NULL DEFAULT 0"
                           ")"),
            QStringLiteral("CREATE UNIQUE INDEX carts_name ON carts(name COLLATE NOCASE)"
                           " WHERE archived = 0"),
            QStringLiteral("CREATE INDEX carts_used ON carts(archived, used_at)"),
            QStringLiteral("CREATE TABLE cart_lines ("
                           " id INTEGER PRIMARY KEY,"
                           " cart_id INTEGER NOT NULL REFERENCES carts(id) ON DELETE CASCADE,"
                           " position INTEGER NOT NULL,"
                           " code TEXT NOT NULL,"
                           " sku TEXT NOT NULL COLLATE NOCASE,"
                           " uom TEXT NOT NULL,"
                           " quantity INTEGER NOT NULL CHECK (quantity > 0),"
                           " requested_quantity INTEGER NOT NULL,"
                           " source TEXT NOT NULL"
                           "  CHECK (source IN ('typed', 'pasted', 'imported', 'scanned')),"
                           " note TEXT NOT NULL DEFAULT '',"
                           " added_at TEXT NOT NULL,"
                           " unit_price INTEGER,"
                           " line_total INTEGER,"
                           " price_currency TEXT,"
                           " price_note TEXT"
                           ")"),
            QStringLiteral("CREATE UNIQUE INDEX cart_lines_item ON cart_lines(cart_id, sku, uom)"),
            QStringLiteral("CREATE INDEX cart_lines_position ON cart_lines(cart_id, position)"),
            QStringLiteral(
                "CREATE INDEX cart_lines_code ON cart_lines(cart_id, code COLLATE NOCASE)"),
            QStringLiteral("CREATE INDEX cart_lines_line_total ON cart_lines(cart_id, line_total)"),
            QStringLiteral("CREATE TABLE cart_actions ("
                           " cart_id INTEGER NOT NULL REFERENCES carts(id) ON DELETE CASCADE,"
                           " seq INTEGER NOT NULL,"
                           " kind TEXT NOT NULL,"
                           " line_count INTEGER NOT NULL,"
                           " done_at TEXT NOT NULL,"
                           " PRIMARY KEY (cart_id, seq)"
                           ") WITHOUT ROWID"),
            QStringLiteral("CREATE TABLE cart_action_lines ("
                           " cart_id INTEGER NOT NULL,"
                           " seq INTEGER NOT NULL,"
                           " line_id INTEGER NOT NULL,"
                           " before_json TEXT,"
                           " after_json TEXT,"
                           " PRIMARY KEY (cart_id, seq, line_id),"
                           " FOREIGN KEY (cart_id, seq) REFERENCES cart_actions(cart_id, seq)"
                           "  ON DELETE CASCADE"
                           ") WITHOUT ROWID"),
            QStringLiteral("CREATE TABLE unresolved_codes ("
                           " id INTEGER PRIMARY KEY,"
                           " code TEXT NOT NULL,"
                           " origin TEXT NOT NULL"
                           "  CHECK (origin IN ('typed', 'pasted', 'imported', 'scanned')),"
                           " seen_at TEXT NOT NULL,"
                           " cart_id INTEGER REFERENCES carts(id) ON DELETE SET NULL,"
                           " symbology TEXT NOT NULL DEFAULT '',"
                           " quantity INTEGER,"
                           " resolved INTEGER NOT NULL DEFAULT 0"
                           ")"),
            QStringLiteral(
                "CREATE INDEX unresolved_codes_open ON unresolved_codes(resolved, seen_at)"),
            QStringLiteral("CREATE INDEX unresolved_codes_cart ON unresolved_codes(cart_id)"),
        }};
}

// Version 5: saved lists (requisition lists) of the account.
//
// `lists` and `list_lines` hold the server's state as the lists feed and the answers to the
// client's own changes deliver it; version 0 marks a list the server does not know (yet):
// one created here whose create has not been accepted. `conflict_of` marks a conflicting
// copy (the id of the list whose server version the local edit met); `notice` a code the
// UI explains (a delete that was not applied because the list changed on the server).
//
// `list_outbox` holds the changes still to send, in the order they are sent (id). A change
// is a PUT (body: the list's name and lines as JSON) or a DELETE, made on top of
// `base_version` (0: a create; NULL: on top of whatever the change before it for the same
// list returns). A change that was never sent (attempts = 0) absorbs later edits; once a
// send was attempted its key and body are fixed, so that a retry repeats it exactly.
// `state` is 'pending' (to send), 'failed' (refused by the portal: `last_error` holds its
// problem document; it stays until the user acts).
Migration version5()
{
    return {5,
            {
                QStringLiteral("CREATE TABLE lists ("
                               " id TEXT PRIMARY KEY NOT NULL,"
                               " name TEXT NOT NULL,"
                               " version INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0),"
                               " updated_at TEXT,"
                               " updated_by TEXT NOT NULL DEFAULT '',"
                               " conflict_of TEXT,"
                               " notice TEXT NOT NULL DEFAULT '',"
                               " created_at TEXT NOT NULL"
                               ") WITHOUT ROWID"),
                QStringLiteral("CREATE TABLE list_lines ("
                               " list_id TEXT NOT NULL REFERENCES lists(id) ON DELETE CASCADE,"
                               " position INTEGER NOT NULL,"
                               " sku TEXT NOT NULL,"
                               " quantity TEXT NOT NULL,"
                               " unit TEXT NOT NULL DEFAULT '',"
                               " note TEXT NOT NULL DEFAULT '',"
                               " PRIMARY KEY (list_id, position)"
                               ") WITHOUT ROWID"),
                QStringLiteral("CREATE TABLE list_outbox ("
                               " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                               " list_id TEXT NOT NULL,"
                               " op TEXT NOT NULL CHECK (op IN ('put', 'delete')),"
                               " base_version INTEGER CHECK (base_version >= 0),"
                               " idempotency_key TEXT NOT NULL UNIQUE,"
                               " body TEXT,"
                               " state TEXT NOT NULL DEFAULT 'pending'"
                               "  CHECK (state IN ('pending', 'failed')),"
                               " last_error TEXT,"
                               " attempts INTEGER NOT NULL DEFAULT 0,"
                               " created_at TEXT NOT NULL,"
                               " updated_at TEXT NOT NULL,"
                               " CHECK ((op = 'put') = (body IS NOT NULL))"
                               ")"),
                QStringLiteral("CREATE INDEX list_outbox_list ON list_outbox(list_id, id)"),
            }};
}

// Version 6: search as you type at catalog scale.
//
// The full-text index is built again from the products table with a prefix index for
// one-, two- and three-character prefixes as well, so that the first keystrokes of a
// search do not scan every term. `material` is the product's "material" attribute as a
// column (generated from the attributes JSON, so that CatalogStore writes nothing new) and,
// with brand and category, indexed for the search facets. `product_order_counts` says how
// often this account has ordered a product; search ranks by it when relevance ties. It is
// empty until order history is synced into it.
Migration version6()
{
    return {
        6,
        {
            QStringLiteral("DROP TABLE products_fts"),
            QStringLiteral("CREATE VIRTUAL TABLE products_fts USING fts5("
                           " sku, name, description, brand, attribute_text, category_path,"
                           " search_terms,"
                           " content = 'products', content_rowid = 'id',"
                           " tokenize = \"unicode61 remove_diacritics 2 tokenchars '-'\","
                           " prefix = '1 2 3')"),
            QStringLiteral("INSERT INTO products_fts(products_fts) VALUES ('rebuild')"),
            QStringLiteral("ALTER TABLE products ADD COLUMN material TEXT GENERATED ALWAYS AS"
                           " (json_extract(attributes, '$.material')) VIRTUAL"),
            QStringLiteral("CREATE INDEX products_brand ON products(brand COLLATE NOCASE)"),
            QStringLiteral("CREATE INDEX products_category_path"
                           " ON products(category_path COLLATE NOCASE)"),
            QStringLiteral("CREATE INDEX products_material ON products(material COLLATE NOCASE)"),
            QStringLiteral("CREATE TABLE product_order_counts ("
                           " sku TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,"
                           " count INTEGER NOT NULL DEFAULT 0"
                           ") WITHOUT ROWID"),
        }};
}

// Version 7: `index_pending` marks a products feed whose first pull fills the products table
// without the full-text index; the pull builds the index once when it completes (in the
// transaction that finishes it), which is several times cheaper than indexing page by page.
// Persisted, so a pull resumed after a crash or restart still ends with a complete index.
Migration version7()
{
    return {7,
            {QStringLiteral("ALTER TABLE sync_state ADD COLUMN"
                            " index_pending INTEGER NOT NULL DEFAULT 0")}};
}

// Version 8: orders.
//
// `order_outbox` holds every order placed from this profile, in the order it is sent (id).
// `body` is the request exactly as it was queued (canonical JSON of the submission): every
// send repeats it with `client_order_id` as the Idempotency-Key, so the portal never creates
// it twice. `state` follows queued -> sending -> sent, or needs-attention when the portal
// refused it (`problem_status` and `problem`, the problem+json document as received); a
// send without an answer puts it back to queued with `last_error` and `next_attempt_at`.
// A sent entry keeps the portal's `order_number` and `sequence`; `replaced_by` is the
// client order id of the order that replaced a refused one after a price review. Money is
// in Decimal units.
//
// `orders` caches the account's orders as the portal last served them (orders feed, submit
// and decision answers): `payload` is the order's canonical JSON, the other columns copy
// what the history filters and sorts by. `sequence` is the order's version; a copy with a
// lower or equal sequence never replaces the cached one.
//
// `account_info` is one row: the answer of GET /api/v1/account with its ETag.
Migration version8()
{
    return {
        8,
        {
            QStringLiteral("CREATE TABLE order_outbox ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " client_order_id TEXT UNIQUE NOT NULL,"
                           " state TEXT NOT NULL DEFAULT 'queued'"
                           "  CHECK (state IN ('queued', 'sending', 'needs-attention', 'sent')),"
                           " body TEXT NOT NULL,"
                           " cart_name TEXT NOT NULL DEFAULT '',"
                           " expected_total INTEGER NOT NULL DEFAULT 0,"
                           " currency TEXT NOT NULL DEFAULT '',"
                           " queued_at TEXT NOT NULL,"
                           " updated_at TEXT NOT NULL,"
                           " attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),"
                           " next_attempt_at TEXT,"
                           " last_error TEXT NOT NULL DEFAULT '',"
                           " problem_status INTEGER NOT NULL DEFAULT 0,"
                           " problem TEXT,"
                           " order_number TEXT,"
                           " sequence INTEGER NOT NULL DEFAULT 0,"
                           " replaced_by TEXT"
                           ")"),
            QStringLiteral("CREATE INDEX order_outbox_state ON order_outbox(state, id)"),
            QStringLiteral("CREATE TABLE orders ("
                           " number TEXT PRIMARY KEY NOT NULL,"
                           " client_order_id TEXT,"
                           " status TEXT NOT NULL,"
                           " sequence INTEGER NOT NULL CHECK (sequence >= 1),"
                           " placed_at TEXT NOT NULL,"
                           " placed_by TEXT NOT NULL DEFAULT '',"
                           " ship_to TEXT NOT NULL DEFAULT '',"
                           " po_number TEXT NOT NULL DEFAULT '',"
                           " notes TEXT NOT NULL DEFAULT '',"
                           " subtotal INTEGER NOT NULL,"
                           " currency TEXT NOT NULL,"
                           " payload TEXT NOT NULL"
                           ") WITHOUT ROWID"),
            QStringLiteral("CREATE INDEX orders_placed_at ON orders(placed_at)"),
            QStringLiteral("CREATE INDEX orders_status ON orders(status, placed_at)"),
            QStringLiteral("CREATE INDEX orders_client_order_id ON orders(client_order_id)"
                           " WHERE client_order_id IS NOT NULL"),
            QStringLiteral("CREATE TABLE account_info ("
                           " id INTEGER PRIMARY KEY CHECK (id = 1),"
                           " payload TEXT NOT NULL,"
                           " etag TEXT NOT NULL DEFAULT '',"
                           " fetched_at TEXT NOT NULL"
                           ")"),
        }};
}

// Version 9: a SKU's price rules, category discounts and stock rows are stored together,
// in (sku, position) order (WITHOUT ROWID tables keyed by the pair, which the write path
// keeps unique: it deletes a SKU's rows before it inserts them numbered from 0). Reading
// the terms of many products found each row through the SKU index and then the table, one
// B-tree descent per row; now one descent per SKU reads all its rows. The rows are copied
// as they are, so nothing is pulled again.
Migration version9()
{
    QStringList steps;
    const auto clustered = [&steps](const QString &table, const QString &columns,
                                    const QString &names) {
        steps << QStringLiteral("CREATE TABLE %1_v9 (%2, PRIMARY KEY (sku, position))"
                                " WITHOUT ROWID")
                     .arg(table, columns)
              << QStringLiteral("INSERT INTO %1_v9(%2) SELECT %2 FROM %1").arg(table, names)
              << QStringLiteral("DROP TABLE %1").arg(table)
              << QStringLiteral("ALTER TABLE %1_v9 RENAME TO %1").arg(table);
    };
    clustered(QStringLiteral("prices"),
              QStringLiteral("sku TEXT NOT NULL, position INTEGER NOT NULL,"
                             " currency TEXT NOT NULL,"
                             " kind TEXT NOT NULL CHECK (kind IN ('list', 'contract')),"
                             " uom TEXT NOT NULL, min_qty INTEGER NOT NULL,"
                             " unit_price INTEGER NOT NULL, valid_from TEXT, valid_to TEXT"),
              QStringLiteral("sku, position, currency, kind, uom, min_qty, unit_price,"
                             " valid_from, valid_to"));
    clustered(QStringLiteral("discounts"),
              QStringLiteral("sku TEXT NOT NULL, position INTEGER NOT NULL,"
                             " currency TEXT NOT NULL, category TEXT NOT NULL,"
                             " percent INTEGER NOT NULL, valid_from TEXT, valid_to TEXT"),
              QStringLiteral("sku, position, currency, category, percent, valid_from, valid_to"));
    clustered(QStringLiteral("stock"),
              QStringLiteral("sku TEXT NOT NULL, position INTEGER NOT NULL,"
                             " warehouse TEXT NOT NULL,"
                             " warehouse_name TEXT NOT NULL DEFAULT '',"
                             " on_hand INTEGER NOT NULL, lead_time_days INTEGER NOT NULL,"
                             " next_receipt_date TEXT,"
                             " next_receipt_qty INTEGER NOT NULL DEFAULT 0"),
              QStringLiteral("sku, position, warehouse, warehouse_name, on_hand,"
                             " lead_time_days, next_receipt_date, next_receipt_qty"));
    return {9, steps};
}

// Version 10: `search_vocabulary` lists the terms of the full-text index longer than its
// prefix index covers (models/searchindex.h), so that search can look up the terms a
// typed prefix stands for instead of having FTS5 merge their document lists. Filled from
// the index as it is; page by page afterwards.
Migration version10()
{
    return {10,
            {
                QStringLiteral("CREATE TABLE search_vocabulary (term TEXT PRIMARY KEY NOT NULL)"
                               " WITHOUT ROWID"),
                QStringLiteral("CREATE VIRTUAL TABLE temp.products_fts_terms_v10"
                               " USING fts5vocab(main, products_fts, row)"),
                QStringLiteral("INSERT INTO search_vocabulary(term) SELECT term"
                               " FROM temp.products_fts_terms_v10 WHERE length(term) > 3"),
                QStringLiteral("DROP TABLE temp.products_fts_terms_v10"),
            }};
}

// Version 11: `indexed_through` says how far a pending full-text index has come. The sync
// builds the index of a first products pull a range of products at a time, each range in a
// transaction of its own, while the writer would otherwise wait for the next feeds' pages.
// While `index_pending` is set, products_fts holds exactly the products whose ids are at most
// `indexed_through`; a build interrupted by a crash goes on from there.
Migration version11()
{
    return {11,
            {QStringLiteral("ALTER TABLE sync_state ADD COLUMN"
                            " indexed_through INTEGER NOT NULL DEFAULT 0")}};
}

// Version 12: `part_key`, a customer part number without separators in upper case
// (CodeResolver::codeKey), as `sku_key` is for SKUs: a part number typed or pasted without its
// separators ("bmg003292" for BMG-003292) is found by it. The keys of the part numbers already
// stored are filled with their common separators taken out, and the feed is pulled again once
// so that the writer stores each key as codeKey() makes it.
Migration version12()
{
    return {
        12,
        {QStringLiteral("ALTER TABLE part_numbers ADD COLUMN part_key TEXT NOT NULL DEFAULT ''"),
         QStringLiteral("UPDATE part_numbers SET part_key = upper(replace(replace(replace("
                        "replace(replace(part_number, '-', ''), ' ', ''), '.', ''), '/', ''),"
                        " '_', ''))"),
         QStringLiteral("CREATE INDEX part_numbers_part_key ON part_numbers(part_key)"),
         QStringLiteral("UPDATE feed_items SET hash = 0 WHERE feed = 'part_numbers'"),
         QStringLiteral("UPDATE sync_state SET cursor = 0, digest = 0, resyncing = 1,"
                        " generation = generation + 1 WHERE feed = 'part_numbers'")}};
}

} // namespace

const QList<Migration> &migrations()
{
    static const QList<Migration> steps{version1(), version2(),  version3(),  version4(),
                                        version5(), version6(),  version7(),  version8(),
                                        version9(), version10(), version11(), version12()};
    return steps;
}

} // namespace qm::schema
