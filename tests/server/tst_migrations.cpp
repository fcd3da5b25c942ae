#include "server/dbconnection.h"
#include "server/dburl.h"
#include "server/migrations.h"

#include <QTest>

#include <memory>

using namespace qm;

// The portal's schema upgrades, from an empty database and from a database of the previous
// schema that holds data.
class tst_Migrations final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void fromEmpty();
    void ordersFromVersion3();
    void administrationFromVersion4();
    void authorizationCodesFromVersion4();

private:
    std::unique_ptr<DbConnection> m_db;
};

void tst_Migrations::init()
{
    QString error;
    m_db = DbConnection::open(*DbUrl::parse(u"sqlite::memory:", &error));
    QVERIFY(m_db);
}

void tst_Migrations::fromEmpty()
{
    Migrations::apply(*m_db);
    QCOMPARE(Migrations::currentVersion(*m_db), Migrations::latestVersion());
    QVERIFY(Migrations::latestVersion() >= 4);
    // Applying again changes nothing.
    Migrations::apply(*m_db);
    QCOMPARE(Migrations::currentVersion(*m_db), Migrations::latestVersion());
}

void tst_Migrations::ordersFromVersion3()
{
    Migrations::apply(*m_db, 3);
    QCOMPARE(Migrations::currentVersion(*m_db), 3);
    m_db->write([&] {
        for (const char *sql : {
                 "INSERT INTO catalogs (id, code, name) VALUES (1, 'C', 'Catalog')",
                 "INSERT INTO accounts (id, code, name, currency, catalog_id, credit_limit) "
                 "VALUES (1, 'A', 'Account', 'USD', 1, 1000000)",
                 "INSERT INTO users (id, account_id, username, display_name, email, role, "
                 "password_hash) VALUES (1, 1, 'u', 'U', 'u@example.com', 'buyer', 'x')",
                 "INSERT INTO orders (id, account_id, user_id, number, placed_at, status, "
                 "currency, total) VALUES (1, 1, 1, 'SO-1', '2026-01-01T00:00:00Z', 'open', "
                 "'USD', 50000)",
                 "INSERT INTO orders (id, account_id, user_id, number, placed_at, status, "
                 "currency, total) VALUES (2, 1, 1, 'SO-2', '2025-01-01T00:00:00Z', "
                 "'delivered', 'USD', 70000)",
                 "INSERT INTO order_lines (order_id, line_no, sku, description, uom, quantity, "
                 "unit_price) VALUES (1, 1, 'A-1', 'Bolt', 'EA', 5, 10000)",
             })
            m_db->execute(QString::fromLatin1(sql));
    });

    Migrations::apply(*m_db);
    QCOMPARE(Migrations::currentVersion(*m_db), Migrations::latestVersion());
    Statement q = m_db->prepare(QStringLiteral(
        "SELECT number, status, version, approval_required, client_order_id FROM orders "
        "ORDER BY id"));
    q.exec();
    QVERIFY(q.next());
    QCOMPARE(q.text(1), QStringLiteral("confirmed")); // 'open' is no status any more
    QCOMPARE(q.int64(2), 1);
    QCOMPARE(q.int64(3), 0);
    QVERIFY(q.isNull(4));
    QVERIFY(q.next());
    QCOMPARE(q.text(1), QStringLiteral("delivered"));
    QVERIFY(!q.next());

    Statement line = m_db->prepare(
        QStringLiteral("SELECT backordered, price_rule, expected_on FROM order_lines"));
    line.exec();
    QVERIFY(line.next());
    QCOMPARE(line.int64(0), 0);
    QVERIFY(line.isNull(1) && line.isNull(2));

    Statement account = m_db->prepare(QStringLiteral(
        "SELECT a.balance, u.spending_limit FROM accounts a JOIN users u ON u.account_id = a.id"));
    account.exec();
    QVERIFY(account.next());
    QCOMPARE(account.int64(0), 0);
    QVERIFY(account.isNull(1)); // no spending limit unless one is set

    // client_order_id is unique per account; history orders without one do not collide.
    m_db->write([&] {
        m_db->execute(QStringLiteral("UPDATE orders SET client_order_id = 'k' WHERE id = 1"));
    });
    bool refused = false;
    try {
        m_db->write([&] {
            m_db->execute(QStringLiteral("UPDATE orders SET client_order_id = 'k' WHERE id = 2"));
        });
    } catch (const DbError &) {
        refused = true;
    }
    QVERIFY(refused);
}

void tst_Migrations::administrationFromVersion4()
{
    Migrations::apply(*m_db, 4);
    QCOMPARE(Migrations::currentVersion(*m_db), 4);
    m_db->write([&] {
        for (const char *sql : {
                 "INSERT INTO catalogs (id, code, name) VALUES (1, 'C', 'Catalog')",
                 "INSERT INTO accounts (id, code, name, currency, catalog_id) "
                 "VALUES (1, 'A', 'Account', 'USD', 1)",
                 "INSERT INTO users (id, account_id, username, display_name, email, role, "
                 "password_hash, spending_limit) VALUES (1, 1, 'u', 'U', 'u@example.com', "
                 "'buyer', 'x', 50000)",
                 "INSERT INTO ship_to_locations (id, account_id, code, name, line1, city, region, "
                 "postal_code, country, is_default) VALUES (1, 1, 'HQ', 'Head office', '1 A St', "
                 "'C', 'R', '1', 'US', 1)",
             })
            m_db->execute(QString::fromLatin1(sql));
    });

    Migrations::apply(*m_db);
    QCOMPARE(Migrations::currentVersion(*m_db), Migrations::latestVersion());
    // Existing users keep their data and have no default location; existing locations stay
    // active; the audit trail starts empty.
    Statement user = m_db->prepare(
        QStringLiteral("SELECT spending_limit, default_location_id FROM users WHERE id = 1"));
    user.exec();
    QVERIFY(user.next());
    QCOMPARE(user.int64(0), 50000);
    QVERIFY(user.isNull(1));
    Statement location =
        m_db->prepare(QStringLiteral("SELECT active, is_default FROM ship_to_locations"));
    location.exec();
    QVERIFY(location.next());
    QCOMPARE(location.int64(0), 1);
    QCOMPARE(location.int64(1), 1);
    Statement events = m_db->prepare(QStringLiteral("SELECT COUNT(*) FROM audit_events"));
    events.exec();
    QVERIFY(events.next());
    QCOMPARE(events.int64(0), 0);

    // A default location must be one of the locations.
    bool refused = false;
    try {
        m_db->write([&] {
            m_db->execute(QStringLiteral("UPDATE users SET default_location_id = 99 WHERE id = 1"));
        });
    } catch (const DbError &) {
        refused = true;
    }
    QVERIFY(refused);
}

void tst_Migrations::authorizationCodesFromVersion4()
{
    Migrations::apply(*m_db, 4);
    QCOMPARE(Migrations::currentVersion(*m_db), 4);
    m_db->write([&] {
        for (const char *sql : {
                 "INSERT INTO catalogs (id, code, name) VALUES (1, 'C', 'Catalog')",
                 "INSERT INTO accounts (id, code, name, currency, catalog_id) "
                 "VALUES (1, 'A', 'Account', 'USD', 1)",
                 "INSERT INTO users (id, account_id, username, display_name, email, role, "
                 "password_hash) VALUES (1, 1, 'u', 'U', 'u@example.com', 'buyer', 'x')",
                 "INSERT INTO token_families (id, user_id, created_at) VALUES (7, 1, 100)",
             })
            m_db->execute(QString::fromLatin1(sql));
    });

    Migrations::apply(*m_db);
    QCOMPARE(Migrations::currentVersion(*m_db), Migrations::latestVersion());
    const auto insertCode = [&](const QString &hash) {
        m_db->write([&] {
            m_db
                ->prepare(QStringLiteral(
                    "INSERT INTO authorization_codes (code_hash, client_id, redirect_uri, "
                    "user_id, code_challenge, created_at, expires_at, family_id) "
                    "VALUES (?, 'quartermaster', 'http://127.0.0.1:5000/cb', 1, 'c', 100, 160, 7)"))
                .bind(hash)
                .exec();
        });
    };
    insertCode(QStringLiteral("h1"));
    // A code's digest is unique.
    bool refused = false;
    try {
        insertCode(QStringLiteral("h1"));
    } catch (const DbError &) {
        refused = true;
    }
    QVERIFY(refused);
    Statement q = m_db->prepare(
        QStringLiteral("SELECT user_id, family_id, used_at FROM authorization_codes"));
    q.exec();
    QVERIFY(q.next());
    QCOMPARE(q.int64(0), 1);
    QCOMPARE(q.int64(1), 7);
    QVERIFY(q.isNull(2));
    QVERIFY(!q.next());
}

QTEST_GUILESS_MAIN(tst_Migrations)
#include "tst_migrations.moc"
