#include "server/migrations.h"

#include "server/dbconnection.h"

#include <QLoggingCategory>
#include <QStringList>

namespace qm {

namespace {
Q_LOGGING_CATEGORY(lcMigrations, "qm.portal.migrations")

// {{ID}} is an auto-assigned 64-bit key; everything else is plain SQL both backends accept.
// Flags are SMALLINT 0/1, money is BIGINT in 1/10000 of the currency unit, dates are ISO
// text (YYYY-MM-DD), instants are Unix seconds.
struct Step
{
    int version;
    const char *description;
    QList<const char *> statements;
};

const QList<Step> &steps()
{
    static const QList<Step> all{
        {1,
         "catalog, accounts, users, stock, orders, change feeds and tokens",
         {
             "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
             "CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
             "INSERT INTO counters (name, value) VALUES ('feed_seq', 0)",

             "CREATE TABLE catalogs (id {{ID}}, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, "
             "currency TEXT NOT NULL DEFAULT 'USD')",
             "CREATE TABLE accounts (id {{ID}}, parent_id BIGINT REFERENCES accounts(id), "
             "code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, currency TEXT NOT NULL, "
             "catalog_id BIGINT NOT NULL REFERENCES catalogs(id), "
             "viewers_see_prices SMALLINT NOT NULL DEFAULT 1, "
             "credit_limit BIGINT NOT NULL DEFAULT 0, payment_terms TEXT NOT NULL DEFAULT 'Net "
             "30')",
             "CREATE INDEX accounts_parent ON accounts (parent_id)",
             "CREATE TABLE users (id {{ID}}, account_id BIGINT NOT NULL REFERENCES accounts(id), "
             "username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, email TEXT NOT NULL, "
             "role TEXT NOT NULL, password_hash TEXT NOT NULL, active SMALLINT NOT NULL DEFAULT 1)",
             "CREATE INDEX users_account ON users (account_id)",
             "CREATE TABLE ship_to_locations (id {{ID}}, "
             "account_id BIGINT NOT NULL REFERENCES accounts(id), code TEXT NOT NULL, "
             "name TEXT NOT NULL, line1 TEXT NOT NULL, line2 TEXT, city TEXT NOT NULL, "
             "region TEXT NOT NULL, postal_code TEXT NOT NULL, country TEXT NOT NULL, "
             "is_default SMALLINT NOT NULL DEFAULT 0, UNIQUE (account_id, code))",

             "CREATE TABLE categories (id {{ID}}, parent_id BIGINT REFERENCES categories(id), "
             "code TEXT NOT NULL UNIQUE, name TEXT NOT NULL)",
             "CREATE TABLE products (id {{ID}}, sku TEXT NOT NULL UNIQUE, name TEXT NOT NULL, "
             "description TEXT NOT NULL, brand TEXT NOT NULL, "
             "category_id BIGINT NOT NULL REFERENCES categories(id), base_uom TEXT NOT NULL, "
             "min_order_qty BIGINT NOT NULL DEFAULT 1, order_multiple BIGINT NOT NULL DEFAULT 1, "
             "discontinued SMALLINT NOT NULL DEFAULT 0)",
             "CREATE TABLE product_attributes ("
             "product_id BIGINT NOT NULL REFERENCES products(id) ON DELETE CASCADE, "
             "name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (product_id, name))",
             "CREATE TABLE packs (product_id BIGINT NOT NULL REFERENCES products(id) ON DELETE "
             "CASCADE, "
             "uom TEXT NOT NULL, name TEXT NOT NULL, quantity BIGINT NOT NULL, gtin TEXT UNIQUE, "
             "PRIMARY KEY (product_id, uom))",
             "CREATE TABLE catalog_products (catalog_id BIGINT NOT NULL REFERENCES catalogs(id), "
             "product_id BIGINT NOT NULL REFERENCES products(id) ON DELETE CASCADE, "
             "PRIMARY KEY (catalog_id, product_id))",
             "CREATE INDEX catalog_products_product ON catalog_products (product_id)",
             // catalog_id NULL: a list price for everyone; otherwise that catalog's contract price.
             "CREATE TABLE price_rules (id {{ID}}, "
             "product_id BIGINT NOT NULL REFERENCES products(id) ON DELETE CASCADE, "
             "catalog_id BIGINT REFERENCES catalogs(id), uom TEXT NOT NULL, "
             "min_qty BIGINT NOT NULL DEFAULT 1, unit_price BIGINT NOT NULL, "
             "valid_from TEXT, valid_to TEXT)",
             "CREATE INDEX price_rules_product ON price_rules (product_id)",
             "CREATE TABLE warehouses (id {{ID}}, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL)",
             "CREATE TABLE stock (product_id BIGINT NOT NULL REFERENCES products(id) ON DELETE "
             "CASCADE, "
             "warehouse_id BIGINT NOT NULL REFERENCES warehouses(id), on_hand BIGINT NOT NULL, "
             "lead_time_days INTEGER NOT NULL DEFAULT 0, next_receipt_date TEXT, "
             "next_receipt_qty BIGINT NOT NULL DEFAULT 0, PRIMARY KEY (product_id, warehouse_id))",

             "CREATE TABLE orders (id {{ID}}, account_id BIGINT NOT NULL REFERENCES accounts(id), "
             "user_id BIGINT REFERENCES users(id), ship_to_id BIGINT REFERENCES "
             "ship_to_locations(id), "
             "number TEXT NOT NULL UNIQUE, placed_at TEXT NOT NULL, status TEXT NOT NULL, "
             "currency TEXT NOT NULL, total BIGINT NOT NULL)",
             "CREATE INDEX orders_account ON orders (account_id, placed_at)",
             "CREATE TABLE order_lines (order_id BIGINT NOT NULL REFERENCES orders(id) ON DELETE "
             "CASCADE, "
             "line_no INTEGER NOT NULL, product_id BIGINT REFERENCES products(id) ON DELETE SET "
             "NULL, "
             "sku TEXT NOT NULL, description TEXT NOT NULL, uom TEXT NOT NULL, "
             "quantity BIGINT NOT NULL, unit_price BIGINT NOT NULL, PRIMARY KEY (order_id, "
             "line_no))",
             "CREATE INDEX order_lines_product ON order_lines (product_id)",

             // The materialised change feeds. feed: 1 products, 2 prices, 3 stock; the scope of
             // the catalog feeds is the catalog. A tombstone has deleted = 1 and no payload.
             // (Version 2 adds feed 4, part numbers, scoped by the account.)
             "CREATE TABLE feed_entries (scope_id BIGINT NOT NULL, feed SMALLINT NOT NULL, "
             "key TEXT NOT NULL, seq BIGINT NOT NULL, deleted SMALLINT NOT NULL DEFAULT 0, "
             "hash BIGINT NOT NULL DEFAULT 0, payload TEXT, changed_at BIGINT NOT NULL, "
             "PRIMARY KEY (scope_id, feed, key))",
             "CREATE UNIQUE INDEX feed_entries_seq ON feed_entries (scope_id, feed, seq)",
             "CREATE INDEX feed_entries_tombstones ON feed_entries (changed_at) WHERE deleted = 1",
             "CREATE TABLE feed_stats (scope_id BIGINT NOT NULL, feed SMALLINT NOT NULL, "
             "live_count BIGINT NOT NULL, digest BIGINT NOT NULL, PRIMARY KEY (scope_id, feed))",
             "CREATE TABLE feed_horizon (scope_id BIGINT NOT NULL, feed SMALLINT NOT NULL, "
             "purged_through BIGINT NOT NULL, PRIMARY KEY (scope_id, feed))",

             // One sign-in is a token family; refresh tokens rotate within it.
             "CREATE TABLE token_families (id {{ID}}, "
             "user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE, "
             "created_at BIGINT NOT NULL, revoked_at BIGINT)",
             "CREATE TABLE refresh_tokens (id {{ID}}, "
             "family_id BIGINT NOT NULL REFERENCES token_families(id) ON DELETE CASCADE, "
             "token_hash TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL, "
             "expires_at BIGINT NOT NULL, used_at BIGINT)",
             "CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)",
             "CREATE TABLE access_tokens (id {{ID}}, "
             "family_id BIGINT NOT NULL REFERENCES token_families(id) ON DELETE CASCADE, "
             "token_hash TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL, "
             "expires_at BIGINT NOT NULL, revoked_at BIGINT)",
             "CREATE INDEX access_tokens_family ON access_tokens (family_id)",
         }},
        {2,
         "maximum order quantities, category discounts and customer part numbers",
         {
             "ALTER TABLE products ADD COLUMN max_order_qty BIGINT NOT NULL DEFAULT 0",
             // A catalog's percentage off on a category and everything below it; percent in
             // 1/10000 (125000 is 12.5 %), dates inclusive, NULL open.
             "CREATE TABLE category_discounts (id {{ID}}, "
             "catalog_id BIGINT NOT NULL REFERENCES catalogs(id), "
             "category_id BIGINT NOT NULL REFERENCES categories(id), percent BIGINT NOT NULL, "
             "valid_from TEXT, valid_to TEXT)",
             "CREATE INDEX category_discounts_catalog ON category_discounts (catalog_id)",
             "CREATE INDEX products_category ON products (category_id)",
             // An account's own codes for products. Part numbers compare case-insensitively
             // (the client looks them up that way), hence the second unique index. A product
             // with part numbers cannot be deleted before they are: their tombstones go out
             // through the FeedWriter.
             "CREATE TABLE customer_part_numbers ("
             "account_id BIGINT NOT NULL REFERENCES accounts(id), "
             "product_id BIGINT NOT NULL REFERENCES products(id), part_number TEXT NOT NULL, "
             "description TEXT, PRIMARY KEY (account_id, part_number))",
             "CREATE UNIQUE INDEX customer_part_numbers_folded ON customer_part_numbers "
             "(account_id, lower(part_number))",
             "CREATE INDEX customer_part_numbers_product ON customer_part_numbers "
             "(account_id, product_id)",
         }},
        {3,
         "saved lists and idempotency keys",
         {
             // An account's saved (requisition) lists; the id is the UUID the client chose.
             // `lines` is the canonical JSON array of the lines; updated_at is Unix seconds.
             // A deleted list's row is removed; its tombstone goes out through the
             // FeedWriter (feed 5, scoped by the account like part numbers).
             "CREATE TABLE requisition_lists (id TEXT PRIMARY KEY, "
             "account_id BIGINT NOT NULL REFERENCES accounts(id), name TEXT NOT NULL, "
             "version BIGINT NOT NULL, updated_at BIGINT NOT NULL, updated_by TEXT NOT NULL, "
             "lines TEXT NOT NULL)",
             "CREATE INDEX requisition_lists_account ON requisition_lists (account_id)",
             // The outcome of each mutation sent with an Idempotency-Key, per (account, user,
             // key). status is NULL while the first request is still being processed.
             // retention: 0 kept for the configured hours, 1 kept forever.
             "CREATE TABLE idempotency_keys (account_id BIGINT NOT NULL, "
             "user_id BIGINT NOT NULL, idem_key TEXT NOT NULL, method TEXT NOT NULL, "
             "path TEXT NOT NULL, body_sha256 TEXT NOT NULL, retention SMALLINT NOT NULL, "
             "created_at BIGINT NOT NULL, status INTEGER, content_type TEXT, etag TEXT, "
             "response_body TEXT, PRIMARY KEY (account_id, user_id, idem_key))",
             "CREATE INDEX idempotency_keys_created ON idempotency_keys (retention, created_at)",
         }},
        {4,
         "orders through the API: approval, credit, timeline and shipments",
         {
             // client_order_id is the UUID the client chose (its Idempotency-Key); unique per
             // account for ever. History orders have none (NULLs do not collide). version is
             // the order's `sequence`: 1 when placed, one more on every change. contact is
             // the canonical JSON object of the submission's contact.
             "ALTER TABLE orders ADD COLUMN client_order_id TEXT",
             "ALTER TABLE orders ADD COLUMN po_number TEXT",
             "ALTER TABLE orders ADD COLUMN requested_delivery TEXT",
             "ALTER TABLE orders ADD COLUMN notes TEXT",
             "ALTER TABLE orders ADD COLUMN contact TEXT",
             "ALTER TABLE orders ADD COLUMN version BIGINT NOT NULL DEFAULT 1",
             "ALTER TABLE orders ADD COLUMN approval_required SMALLINT NOT NULL DEFAULT 0",
             "ALTER TABLE orders ADD COLUMN approval_reason TEXT",
             "ALTER TABLE orders ADD COLUMN decided_by TEXT",
             "ALTER TABLE orders ADD COLUMN decided_at BIGINT",
             "ALTER TABLE orders ADD COLUMN decision_comment TEXT",
             "CREATE UNIQUE INDEX orders_client_order_id ON orders (account_id, client_order_id)",
             "CREATE INDEX orders_status ON orders (account_id, status)",
             // Version 1 called confirmed history orders 'open'.
             "UPDATE orders SET status = 'confirmed' WHERE status = 'open'",
             "ALTER TABLE order_lines ADD COLUMN price_rule TEXT",
             "ALTER TABLE order_lines ADD COLUMN backordered BIGINT NOT NULL DEFAULT 0",
             "ALTER TABLE order_lines ADD COLUMN expected_on TEXT",
             // The timeline: one row per status change; at is Unix seconds.
             "CREATE TABLE order_events (id {{ID}}, "
             "order_id BIGINT NOT NULL REFERENCES orders(id) ON DELETE CASCADE, "
             "at BIGINT NOT NULL, status TEXT NOT NULL, by_name TEXT, note TEXT)",
             "CREATE INDEX order_events_order ON order_events (order_id, id)",
             "CREATE TABLE shipments (id {{ID}}, "
             "order_id BIGINT NOT NULL REFERENCES orders(id) ON DELETE CASCADE, "
             "code TEXT NOT NULL UNIQUE, carrier TEXT NOT NULL, tracking_number TEXT NOT NULL, "
             "tracking_url TEXT)",
             "CREATE INDEX shipments_order ON shipments (order_id)",
             "CREATE TABLE shipment_events (id {{ID}}, "
             "shipment_id BIGINT NOT NULL REFERENCES shipments(id) ON DELETE CASCADE, "
             "at BIGINT NOT NULL, status TEXT NOT NULL, location TEXT)",
             "CREATE INDEX shipment_events_shipment ON shipment_events (shipment_id, id)",
             // Money in 1/10000 like credit_limit; NULL: the user has no spending limit.
             "ALTER TABLE users ADD COLUMN spending_limit BIGINT",
             "ALTER TABLE accounts ADD COLUMN balance BIGINT NOT NULL DEFAULT 0",
             // An order with a line in this category (or one below it) needs approval.
             "CREATE TABLE approval_rules (account_id BIGINT NOT NULL REFERENCES accounts(id), "
             "category_id BIGINT NOT NULL REFERENCES categories(id), "
             "PRIMARY KEY (account_id, category_id))",
         }},
        {5,
         "account administration: audit events, default and inactive ship-to locations",
         {
             // Who changed what in an account, and when (Unix seconds). action is e.g.
             // "user.updated"; target_kind "user" or "location"; changes is the canonical JSON
             // object {field: [old, new]} of what the change set.
             "CREATE TABLE audit_events (id {{ID}}, "
             "account_id BIGINT NOT NULL REFERENCES accounts(id), "
             "actor_id BIGINT REFERENCES users(id), at BIGINT NOT NULL, action TEXT NOT NULL, "
             "target_kind TEXT NOT NULL, target_id BIGINT NOT NULL, changes TEXT NOT NULL)",
             "CREATE INDEX audit_events_account ON audit_events (account_id, id)",
             "ALTER TABLE users ADD COLUMN default_location_id BIGINT "
             "REFERENCES ship_to_locations(id)",
             // An inactive location stays on the orders that used it but takes no new ones.
             "ALTER TABLE ship_to_locations ADD COLUMN active SMALLINT NOT NULL DEFAULT 1",
         }},
        {6,
         "authorization codes for single sign-on",
         {
             // OAuth 2.0 authorization codes (RFC 6749 §4.1 with PKCE, RFC 7636): only the
             // SHA-256 of a code is kept, like tokens. used_at is set by the one exchange a
             // code allows; family_id is the sign-in it started, ended when the code is
             // presented again.
             "CREATE TABLE authorization_codes (id {{ID}}, code_hash TEXT NOT NULL UNIQUE, "
             "client_id TEXT NOT NULL, redirect_uri TEXT NOT NULL, "
             "user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE, "
             "code_challenge TEXT NOT NULL, created_at BIGINT NOT NULL, "
             "expires_at BIGINT NOT NULL, used_at BIGINT, "
             "family_id BIGINT REFERENCES token_families(id) ON DELETE SET NULL)",
             "CREATE INDEX authorization_codes_expires ON authorization_codes (expires_at)",
         }},
        {7,
         "the overdue part of each account's balance",
         {
             // Money in 1/10000 like balance: what is past its due date.
             "ALTER TABLE accounts ADD COLUMN overdue BIGINT NOT NULL DEFAULT 0",
         }},
    };
    return all;
}

QString render(const char *statement, DbConnection::Dialect dialect)
{
    QString sql = QString::fromUtf8(statement);
    sql.replace(QStringLiteral("{{ID}}"),
                dialect == DbConnection::Dialect::Postgres
                    ? QStringLiteral("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
                    : QStringLiteral("INTEGER PRIMARY KEY"));
    return sql;
}

void ensureVersionTable(DbConnection &db)
{
    db.write([&db] {
        db.execute(
            QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"));
        Statement count = db.prepare(QStringLiteral("SELECT COUNT(*) FROM schema_version"));
        count.exec();
        if (count.next() && count.int64(0) == 0)
            db.prepare(QStringLiteral("INSERT INTO schema_version (version) VALUES (0)")).exec();
    });
}

} // namespace

int Migrations::latestVersion()
{
    return steps().constLast().version;
}

int Migrations::currentVersion(DbConnection &db)
{
    Statement q = db.prepare(QStringLiteral("SELECT version FROM schema_version"));
    q.exec();
    return q.next() ? int(q.int64(0)) : 0;
}

void Migrations::apply(DbConnection &db)
{
    apply(db, latestVersion());
}

void Migrations::apply(DbConnection &db, int version)
{
    // Two processes may start on a fresh PostgreSQL database at once: the advisory lock makes
    // the second wait and then find the schema current.
    if (db.isPostgres())
        db.execute(QStringLiteral("SELECT pg_advisory_lock(7106190)"));
    try {
        ensureVersionTable(db);
        const int current = currentVersion(db);
        if (current > latestVersion())
            throw DbError(
                QStringLiteral("the database has schema version %1, newer than this qm-portal "
                               "(%2); use a newer qm-portal")
                    .arg(current)
                    .arg(latestVersion()));
        for (const Step &step : steps()) {
            if (step.version <= current || step.version > version)
                continue;
            db.write([&db, &step] {
                for (const char *statement : step.statements)
                    db.execute(render(statement, db.dialect()));
                db.prepare(QStringLiteral("UPDATE schema_version SET version = ?"))
                    .bind(step.version)
                    .exec();
            });
            qCInfo(lcMigrations, "schema version %d: %s", step.version, step.description);
        }
    } catch (...) {
        if (db.isPostgres())
            db.execute(QStringLiteral("SELECT pg_advisory_unlock(7106190)"));
        throw;
    }
    if (db.isPostgres())
        db.execute(QStringLiteral("SELECT pg_advisory_unlock(7106190)"));
}

} // namespace qm
