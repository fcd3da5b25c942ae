#include "server/demosupplier.h"

#include "server/bulkinserter.h"
#include "server/crypto.h"
#include "server/dbconnection.h"
#include "server/democatalog.h"
#include "server/demoorders.h"
#include "server/demoproductwriter.h"
#include "server/feedpayloads.h"
#include "server/feedwriter.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QTimeZone>
#include <QUuid>
#include <QtConcurrent>

namespace qm {

namespace {
Q_LOGGING_CATEGORY(lcDemo, "qm.portal.demo")

struct AccountSpec
{
    qint64 id;
    qint64 parentId;
    const char *code;
    const char16_t *name;
    int catalog;
    bool viewersSeePrices;
    qint64 creditLimitDollars;
    const char *terms;
};

const QList<AccountSpec> &accountSpecs()
{
    static const QList<AccountSpec> all{
        {1, 0, "BMG", u"Bayside Marine Group", 0, true, 250000, "Net 30"},
        {2, 1, "BMG-YARD", u"Bayside Marine — Boatyard Services", 0, true, 80000, "Net 30"},
        {3, 1, "BMG-FLEET", u"Bayside Marine — Fleet Maintenance", 0, true, 60000, "Net 30"},
        {4, 0, "CRF", u"Cedar Ridge Facilities", 1, false, 120000, "Net 45"},
        {5, 0, "NEC", u"Northgate Electrical Contractors", 2, true, 150000, "2% 10, Net 30"},
    };
    return all;
}

struct UserSpec
{
    qint64 id;
    qint64 accountId;
    const char *username;
    const char16_t *displayName;
    const char *role;
    bool active;
};

const QList<UserSpec> &userSpecs()
{
    static const QList<UserSpec> all{
        {1, 1, "buyer@bayside.example", u"Maria Delgado", "buyer", true},
        {2, 1, "approver@bayside.example", u"Tom Whitaker", "approver", true},
        {3, 1, "admin@bayside.example", u"Priya Raman", "account_admin", true},
        {4, 1, "viewer@bayside.example", u"Kevin O’Brien", "viewer", true},
        {5, 2, "buyer@yard.bayside.example", u"Luis Ortega", "buyer", true},
        {6, 3, "buyer@fleet.bayside.example", u"Hannah Kim", "buyer", true},
        {7, 4, "buyer@cedarridge.example", u"Denise Carter", "buyer", true},
        {8, 4, "viewer@cedarridge.example", u"Sam Patel", "viewer", true},
        {9, 5, "buyer@northgate.example", u"Jordan Lee", "buyer", true},
        {10, 1, "former.buyer@bayside.example", u"Alex Morgan", "buyer", false},
    };
    return all;
}

struct ShipToSpec
{
    qint64 accountId;
    const char *code;
    const char16_t *name;
    const char16_t *line1;
    const char16_t *line2;
    const char16_t *city;
    const char *region;
    const char *postalCode;
    bool isDefault;
};

const QList<ShipToSpec> &shipToSpecs()
{
    static const QList<ShipToSpec> all{
        {1, "HQ", u"Bayside Marine Group — Head office", u"1200 Harbor View Drive", nullptr,
         u"Annapolis", "MD", "21403", true},
        {1, "ANN-SHOP", u"Annapolis marina shop", u"80 Compromise Street", u"Dock B", u"Annapolis",
         "MD", "21401", false},
        {1, "BAL-YARD", u"Baltimore Inner Harbor yard", u"2100 Boston Street", nullptr,
         u"Baltimore", "MD", "21231", false},
        {2, "MAIN", u"Boatyard — main yard", u"4410 Shipyard Road", nullptr, u"Norfolk", "VA",
         "23523", true},
        {2, "PAINT", u"Boatyard — paint and fibreglass shed", u"4416 Shipyard Road", u"Building 3",
         u"Norfolk", "VA", "23523", false},
        {2, "HAMPTON", u"Hampton service dock", u"55 Marina Road", nullptr, u"Hampton", "VA",
         "23669", false},
        {3, "DEPOT", u"Fleet maintenance depot", u"215 Marine Terminal Way", nullptr, u"Portland",
         "ME", "04101", true},
        {3, "BOS-DOCK", u"Boston service dock", u"1 Black Falcon Avenue", u"Pier 2", u"Boston",
         "MA", "02210", false},
        {4, "PLANT", u"Cedar Ridge — central plant", u"3300 Cedar Ridge Parkway", nullptr,
         u"Denver", "CO", "80210", true},
        {4, "NORTH", u"Cedar Ridge — north campus", u"9150 Federal Boulevard",
         u"Facilities, Building C", u"Westminster", "CO", "80031", false},
        {4, "LAKEWOOD", u"Lakewood office park", u"12600 West Colfax Avenue", u"Suite 100",
         u"Lakewood", "CO", "80215", false},
        {4, "AURORA", u"Aurora community center", u"14949 East Alameda Parkway", nullptr, u"Aurora",
         "CO", "80012", false},
        {5, "WAREHOUSE", u"Northgate — warehouse", u"7700 Industrial Boulevard", nullptr,
         u"Brooklyn Park", "MN", "55428", true},
        {5, "RIVERSIDE", u"Job site — Riverside Medical Center", u"2450 Riverside Avenue",
         u"Contractor gate 4", u"Minneapolis", "MN", "55454", false},
        {5, "STPAUL", u"Job site — St. Paul transit garage", u"820 Westminster Street", nullptr,
         u"Saint Paul", "MN", "55130", false},
    };
    return all;
}

// The saved lists each demo account starts with: a name, who saved it last, and groups of
// lines (the first `count` products of a category in the account's catalog, by SKU).
struct DemoListGroup
{
    const char *categoryCode;
    int count;
    const char *quantity;
    const char *note;
};

struct DemoListSpec
{
    qint64 accountId;
    qint64 userId;
    const char16_t *name;
    QList<DemoListGroup> groups;
};

const QList<DemoListSpec> &listSpecs()
{
    static const QList<DemoListSpec> all{
        {1,
         1,
         u"Weekly site consumables",
         {{"PPE-GLV", 3, "12", nullptr},
          {"ELE-TIE", 2, "5", "for the pontoon cable runs"},
          {"PPE-EYE", 1, "6", nullptr}}},
        {1,
         2,
         u"Workshop restock",
         {{"FAS-BLT", 3, "2", nullptr},
          {"FAS-NUT", 3, "2", nullptr},
          {"FAS-WSH", 2, "1.5", "bay 3 drawers"}}},
        {4,
         7,
         u"Monthly facilities safety kit",
         {{"PPE-HIV", 2, "10", nullptr},
          {"PPE-HRG", 2, "4", nullptr},
          {"PPE-GLV", 2, "24", nullptr}}},
        {5,
         9,
         u"Van stock \u2014 electrical",
         {{"ELE-SUP", 3, "10", nullptr},
          {"ELE-DEV", 2, "20", nullptr},
          {"ELE-BRK", 2, "4", "check the panel brand first"}}},
    };
    return all;
}

QString latin1(const char *text)
{
    return QString::fromLatin1(text);
}

void setMeta(DbConnection &db, const QString &key, const QString &value)
{
    db.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO "
                              "UPDATE SET value = excluded.value"))
        .bind(key)
        .bind(value)
        .exec();
}

qint64 countRows(DbConnection &db, const QString &sql)
{
    Statement q = db.prepare(sql);
    q.exec();
    return q.next() ? q.int64(0) : 0;
}

// Runs `generate(from, to)` for the next batch on another thread while the caller writes the
// current one.
template<typename Generate>
class BatchPipeline final
{
public:
    using Batch = std::invoke_result_t<Generate, qint64, qint64>;

    BatchPipeline(Generate generate, qint64 total, qint64 batchSize)
        : m_generate(std::move(generate))
        , m_total(total)
        , m_batchSize(batchSize)
    {
        startNext();
    }
    ~BatchPipeline()
    {
        if (m_next.isValid())
            m_next.waitForFinished();
    }
    bool hasNext() const { return m_next.isValid(); }
    Batch take()
    {
        Batch batch = m_next.result();
        m_next = QFuture<Batch>();
        startNext();
        return batch;
    }

private:
    void startNext()
    {
        if (m_from >= m_total)
            return;
        const qint64 from = m_from;
        const qint64 to = qMin(m_total, m_from + m_batchSize);
        m_from = to;
        m_next = QtConcurrent::run([this, from, to] { return m_generate(from, to); });
    }

    Generate m_generate;
    qint64 m_total;
    qint64 m_batchSize;
    qint64 m_from = 0;
    QFuture<Batch> m_next;
};

// Writes the demo's saved lists and their lists feed entries. Ids are name-based UUIDs, so the
// same demo always has the same lists.
void seedLists(DbConnection &db, FeedWriter &feeds, const QDateTime &now)
{
    const QUuid space = QUuid::fromString(u"6f1d2c3b-4a59-4e68-8d7c-0b1a2f3e4d5c");
    for (const DemoListSpec &spec : listSpecs()) {
        RequisitionList list;
        list.name = QString::fromUtf16(spec.name);
        list.id =
            QUuid::createUuidV5(space, QStringLiteral("%1/%2").arg(spec.accountId).arg(list.name))
                .toString(QUuid::WithoutBraces);
        list.version = 1;
        list.updatedAt = now;
        for (const DemoListGroup &group : spec.groups) {
            Statement q = db.prepare(QStringLiteral(
                "SELECT p.sku FROM products p JOIN catalog_products cp ON cp.product_id = p.id "
                "JOIN accounts a ON a.catalog_id = cp.catalog_id "
                "JOIN categories c ON c.id = p.category_id "
                "WHERE a.id = ? AND c.code = ? AND p.discontinued = 0 ORDER BY p.sku LIMIT ?"));
            q.bind(spec.accountId).bind(latin1(group.categoryCode)).bind(group.count).exec();
            while (q.next()) {
                RequisitionListLine line;
                line.sku = q.text(0);
                line.quantity = *Decimal::parse(QString::fromLatin1(group.quantity));
                if (group.note)
                    line.note = latin1(group.note);
                list.lines.append(line);
            }
        }
        Statement user = db.prepare(QStringLiteral("SELECT display_name FROM users WHERE id = ?"));
        user.bind(spec.userId).exec();
        list.updatedBy = user.next() ? user.text(0) : QString();

        QJsonArray lines;
        for (const RequisitionListLine &line : std::as_const(list.lines))
            lines.append(line.toJson());
        db.prepare(QStringLiteral("INSERT INTO requisition_lists (id, account_id, name, version, "
                                  "updated_at, updated_by, lines) VALUES (?, ?, ?, ?, ?, ?, ?)"))
            .bind(list.id)
            .bind(spec.accountId)
            .bind(list.name)
            .bind(list.version)
            .bind(now.toSecsSinceEpoch())
            .bind(list.updatedBy)
            .bind(QString::fromUtf8(QJsonDocument(lines).toJson(QJsonDocument::Compact)))
            .exec();
        feeds.putList(spec.accountId, list.id, list);
    }
}

// Balances, spending limits and one approval rule, so that demo orders meet credit checks and
// approvals: Maria Delgado (Bayside) may order up to 5,000 on her own and every Bayside order
// with tools (category TOO and below) needs an approver; Fleet Maintenance is close to its
// credit limit and has invoices past due.
void seedCreditAndApproval(DbConnection &db)
{
    static const struct
    {
        qint64 accountId;
        qint64 balanceDollars;
        qint64 overdueDollars;
    } balances[] = {
        {1, 42000, 3800}, {2, 12500, 0}, {3, 55000, 9200}, {4, 30000, 0}, {5, 61000, 1450}};
    for (const auto &b : balances)
        db.prepare(QStringLiteral("UPDATE accounts SET balance = ?, overdue = ? WHERE id = ?"))
            .bind(b.balanceDollars * 10000)
            .bind(b.overdueDollars * 10000)
            .bind(b.accountId)
            .exec();
    static const struct
    {
        qint64 userId;
        qint64 limitDollars;
    } limits[] = {{1, 5000}, {5, 2500}, {6, 2500}, {7, 10000}};
    for (const auto &l : limits)
        db.prepare(QStringLiteral("UPDATE users SET spending_limit = ? WHERE id = ?"))
            .bind(l.limitDollars * 10000)
            .bind(l.userId)
            .exec();
    db.prepare(QStringLiteral("INSERT INTO approval_rules (account_id, category_id) "
                              "SELECT 1, id FROM categories WHERE code = 'TOO'"))
        .exec();
}

} // namespace

QString DemoSupplier::meta(DbConnection &db, const QString &key)
{
    Statement q = db.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    q.bind(key).exec();
    return q.next() ? q.text(0) : QString();
}

std::optional<DemoSupplier::Outcome> DemoSupplier::ensure(DbConnection &db, const Params &params,
                                                          QString *refusal)
{
    const QString seed = meta(db, QStringLiteral("demo_seed"));
    const QString products = meta(db, QStringLiteral("demo_products"));
    if (!seed.isEmpty()) {
        if (seed == QString::number(params.seed) && products == QString::number(params.products))
            return Outcome::Reused;
        *refusal =
            QStringLiteral(
                "the database already holds the demo generated with --products %1 --seed %2; "
                "start with those options, or use an empty database")
                .arg(products, seed);
        return std::nullopt;
    }
    const qint64 rows = countRows(
        db,
        QStringLiteral("SELECT (SELECT COUNT(*) FROM accounts) + (SELECT COUNT(*) FROM products) "
                       "+ (SELECT COUNT(*) FROM users)"));
    if (rows > 0) {
        *refusal = QStringLiteral(
            "the database holds portal data that is not the demo; --demo only uses an empty "
            "database or its own demo");
        return std::nullopt;
    }
    generate(db, params);
    return Outcome::Created;
}

void DemoSupplier::generate(DbConnection &db, const Params &params)
{
    QElapsedTimer timer;
    timer.start();
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const DemoCatalog catalog(params.seed, today);

    // Every demo user has the published password "demo", so one Argon2id hash (slow on
    // purpose) serves them all.
    const QList<UserSpec> &users = userSpecs();
    const QString passwordHash = crypto::hashPassword(password());
    if (passwordHash.isEmpty())
        throw DbError(QStringLiteral("could not hash the demo password"));

    // A big page cache keeps the feed indexes in memory while they grow.
    const bool sqlite = !db.isPostgres();
    if (sqlite)
        db.execute(QStringLiteral("PRAGMA cache_size = -262144"));
    const auto restoreCache = qScopeGuard([&db, sqlite] {
        try {
            if (sqlite) {
                db.execute(QStringLiteral("PRAGMA cache_size = -65536"));
                // Move the whole catalog from the write-ahead log into the database file now,
                // rather than keep a log as large as the database.
                db.execute(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
            } else {
                // Statistics for the planner now: until autovacuum gets to the freshly
                // filled tables, PostgreSQL plans as if they were empty (a price lookup for
                // one order line took a third of a second).
                db.execute(QStringLiteral("ANALYZE"));
            }
        } catch (const DbError &) {
            // Only tuning; the data is committed either way.
        }
    });

    db.write([&] {
        setMeta(db, QStringLiteral("portal_name"), name());
        setMeta(db, QStringLiteral("demo_seed"), QString::number(params.seed));
        setMeta(db, QStringLiteral("demo_products"), QString::number(params.products));
        setMeta(db, QStringLiteral("demo_generated_on"), today.toString(Qt::ISODate));
        setMeta(db, QStringLiteral("demo_next_index"), QString::number(params.products));

        DemoProductWriter::Ids ids;
        qint64 categoryId = 0;
        for (const DemoCategory &c : DemoCatalog::categories()) {
            db
                .prepare(QStringLiteral(
                    "INSERT INTO categories (id, parent_id, code, name) VALUES (?, ?, ?, ?)"))
                .bind(++categoryId)
                .bind(c.parentCode.isEmpty() ? QVariant(QMetaType::fromType<qlonglong>())
                                             : QVariant(ids.categories.value(c.parentCode)))
                .bind(c.code)
                .bind(c.name)
                .exec();
            ids.categories.insert(c.code, categoryId);
        }
        for (int c = 0; c < DemoProduct::CatalogCount; ++c) {
            ids.catalogs[c] = c + 1;
            ids.currencies[c] = QStringLiteral("USD");
            db.prepare(QStringLiteral(
                           "INSERT INTO catalogs (id, code, name, currency) VALUES (?, ?, ?, ?)"))
                .bind(ids.catalogs[c])
                .bind(DemoCatalog::catalogCode(c))
                .bind(DemoCatalog::catalogName(c))
                .bind(ids.currencies[c])
                .exec();
        }
        for (const AccountSpec &a : accountSpecs()) {
            db.prepare(QStringLiteral(
                           "INSERT INTO accounts (id, parent_id, code, name, currency, catalog_id, "
                           "viewers_see_prices, credit_limit, payment_terms) VALUES (?, ?, ?, ?, "
                           "?, ?, ?, ?, ?)"))
                .bind(a.id)
                .bind(a.parentId ? QVariant(a.parentId)
                                 : QVariant(QMetaType::fromType<qlonglong>()))
                .bind(latin1(a.code))
                .bind(QString::fromUtf16(a.name))
                .bind(QStringLiteral("USD"))
                .bind(ids.catalogs[a.catalog])
                .bind(a.viewersSeePrices ? 1 : 0)
                .bind(a.creditLimitDollars * 10000)
                .bind(latin1(a.terms))
                .exec();
        }
        for (const UserSpec &u : users) {
            db
                .prepare(QStringLiteral(
                    "INSERT INTO users (id, account_id, username, display_name, email, role, "
                    "password_hash, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"))
                .bind(u.id)
                .bind(u.accountId)
                .bind(latin1(u.username))
                .bind(QString::fromUtf16(u.displayName))
                .bind(latin1(u.username))
                .bind(latin1(u.role))
                .bind(passwordHash)
                .bind(u.active ? 1 : 0)
                .exec();
        }
        QHash<qint64, QList<qint64>> shipTos;
        qint64 shipToId = 0;
        for (const ShipToSpec &s : shipToSpecs()) {
            db
                .prepare(QStringLiteral(
                    "INSERT INTO ship_to_locations (id, account_id, code, name, line1, line2, "
                    "city, region, "
                    "postal_code, country, is_default) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))
                .bind(++shipToId)
                .bind(s.accountId)
                .bind(latin1(s.code))
                .bind(QString::fromUtf16(s.name))
                .bind(QString::fromUtf16(s.line1))
                .bindText(s.line2 ? QString::fromUtf16(s.line2) : QString())
                .bind(QString::fromUtf16(s.city))
                .bind(latin1(s.region))
                .bind(latin1(s.postalCode))
                .bind(QStringLiteral("US"))
                .bind(s.isDefault ? 1 : 0)
                .exec();
            shipTos[s.accountId].append(shipToId);
        }
        qint64 discountId = 0;
        for (const DemoDiscount &d : catalog.discounts()) {
            db.prepare(
                  QStringLiteral("INSERT INTO category_discounts (id, catalog_id, category_id, "
                                 "percent, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?)"))
                .bind(++discountId)
                .bind(ids.catalogs[d.catalog])
                .bind(ids.categories.value(d.discount.category))
                .bind(d.discount.percent.units())
                .bindText(d.discount.validFrom.isValid()
                              ? d.discount.validFrom.toString(Qt::ISODate)
                              : QString())
                .bindText(d.discount.validTo.isValid() ? d.discount.validTo.toString(Qt::ISODate)
                                                       : QString())
                .exec();
            if (!d.discount.validTo.isValid() || d.discount.validTo >= today)
                ids.discounts[d.catalog].append(d.discount);
        }
        qint64 warehouseId = 0;
        for (const DemoWarehouse &w : DemoCatalog::warehouses()) {
            db.prepare(QStringLiteral("INSERT INTO warehouses (id, code, name) VALUES (?, ?, ?)"))
                .bind(++warehouseId)
                .bind(w.code)
                .bind(w.name)
                .exec();
            ids.warehouses.insert(w.code, warehouseId);
        }

        FeedWriter feeds(db);
        feeds.begin();
        {
            DemoProductWriter writer(db, ids, &feeds);
            const auto generateBatch = [&catalog](qint64 from, qint64 to) {
                QList<DemoProduct> batch;
                batch.reserve(to - from);
                for (qint64 i = from; i < to; ++i)
                    batch.append(catalog.product(i));
                return batch;
            };
            BatchPipeline pipeline(generateBatch, params.products, 2000);
            while (pipeline.hasNext()) {
                for (const DemoProduct &p : pipeline.take())
                    writer.add(p);
            }
            writer.flush();
        }
        qCInfo(lcDemo, "%lld products written in %lld ms", params.products, timer.elapsed());

        {
            BulkInserter partNumbers(db, QStringLiteral("customer_part_numbers"),
                                     {QStringLiteral("account_id"), QStringLiteral("product_id"),
                                      QStringLiteral("part_number"),
                                      QStringLiteral("description")});
            for (const AccountSpec &a : accountSpecs()) {
                const QString code = latin1(a.code);
                for (const DemoPartNumber &n : catalog.partNumbers(code, params.products)) {
                    const CustomerPartNumber &pn = n.partNumber;
                    partNumbers.add({a.id, n.productIndex + 1, pn.partNumber,
                                     pn.description.isEmpty()
                                         ? QVariant(QMetaType::fromType<QString>())
                                         : QVariant(pn.description)});
                    feeds.appendNew(a.id, Feed::PartNumbers, pn.partNumber,
                                    FeedPayloads::partNumber(pn));
                }
            }
            partNumbers.flush();
        }

        // Who orders for whom, and what each account buys most.
        QList<DemoOrders::Account> accounts;
        const auto account = [&](qint64 id, int catalogIndex, QList<qint64> userIds, int perWeek,
                                 std::array<int, 7> weights, bool marine) {
            DemoOrders::Account a;
            a.id = id;
            a.catalog = catalogIndex;
            a.userIds = std::move(userIds);
            a.shipToIds = shipTos.value(id);
            a.ordersPerWeek = perWeek;
            a.familyWeights = weights;
            a.marine = marine;
            accounts.append(a);
        };
        account(1, 0, {1, 1, 1, 2}, 2, {30, 12, 12, 16, 10, 12, 8}, true);
        account(2, 0, {5}, 3, {40, 12, 10, 18, 6, 12, 2}, true);
        account(3, 0, {6}, 2, {30, 10, 20, 12, 8, 16, 4}, true);
        account(4, 1, {7}, 3, {10, 18, 10, 18, 34, 6, 4}, false);
        account(5, 2, {9}, 4, {10, 10, 60, 2, 3, 14, 1}, false);
        seedCreditAndApproval(db);
        const qint64 orders =
            DemoOrders::generate(db, feeds, catalog, params.products, accounts, params.seed);
        qCInfo(lcDemo, "%lld orders of history written", orders);

        const QDateTime now =
            QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), QTimeZone::utc());
        seedLists(db, feeds, now);

        feeds.finish();
        if (db.isPostgres()) {
            // Rows were inserted with explicit ids; move the identity sequences past them.
            for (const char *table :
                 {"categories", "catalogs", "accounts", "users", "ship_to_locations", "warehouses",
                  "products", "orders", "price_rules", "category_discounts", "shipments"}) {
                db.execute(QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', 'id'), "
                                          "(SELECT COALESCE(MAX(id), 0) + 1 FROM %1), false)")
                               .arg(latin1(table)));
            }
        }
    });
    qCInfo(lcDemo, "demo supplier generated in %lld ms (%lld products, seed %llu)", timer.elapsed(),
           params.products, params.seed);
}

QList<DemoSupplier::User> DemoSupplier::users(DbConnection &db)
{
    QList<User> list;
    Statement q = db.prepare(
        QStringLiteral("SELECT u.username, u.display_name, u.role, a.code, a.name, u.active "
                       "FROM users u JOIN accounts a ON a.id = u.account_id ORDER BY a.id, u.id"));
    q.exec();
    while (q.next())
        list.append(User{q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.int64(5) != 0});
    return list;
}

} // namespace qm
