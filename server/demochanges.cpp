#include "server/demochanges.h"

#include "server/dbconnection.h"
#include "server/democatalog.h"
#include "server/demoproductwriter.h"
#include "server/demorandom.h"
#include "server/demosupplier.h"
#include "server/feedwriter.h"

#include <QDateTime>
#include <QSet>

#include <optional>
#include <tuple>

namespace qm {

namespace {

constexpr quint64 ChangesStream = 21;
constexpr qint64 Dollar = 10000; // Decimal units

// Whole cents from a dollar up, as list prices are written.
qint64 tidy(qint64 units)
{
    return units >= Dollar ? (units + 50) / 100 * 100 : qMax<qint64>(1, units);
}

class Changer final
{
public:
    Changer(DbConnection &db, DemoRandom &random, qint64 maxProductId)
        : m_db(db)
        , m_r(random)
        , m_maxId(maxProductId)
    {}

    QSet<QString> touched;

    // A random existing product (id, sku), optionally restricted by an SQL condition on p.
    std::optional<QPair<qint64, QString>> randomProduct(const QString &condition = {},
                                                        qint64 catalogId = 0)
    {
        for (int attempt = 0; attempt < 200; ++attempt) {
            const qint64 id = 1 + qint64(m_r.next() % quint64(m_maxId));
            Statement q = m_db.prepare(
                QStringLiteral("SELECT p.sku FROM products p WHERE p.id = ?") + condition);
            q.bind(id);
            if (catalogId)
                q.bind(catalogId);
            q.exec();
            if (q.next())
                return qMakePair(id, q.text(0));
        }
        return std::nullopt;
    }

    bool changeListPrice()
    {
        const auto product = randomProduct();
        if (!product)
            return false;
        Statement rules =
            m_db.prepare(QStringLiteral("SELECT id, unit_price FROM price_rules WHERE product_id = "
                                        "? AND catalog_id IS NULL ORDER BY id"));
        rules.bind(product->first).exec();
        QList<QPair<qint64, qint64>> found;
        while (rules.next())
            found.append({rules.int64(0), rules.int64(1)});
        if (found.isEmpty())
            return false;
        const auto &[ruleId, price] = found.at(m_r.below(int(found.size())));
        const int percent = m_r.percent(70) ? m_r.between(101, 108) : m_r.between(92, 99);
        qint64 newPrice = tidy(price * percent / 100);
        if (newPrice == price)
            newPrice = tidy(price + (price >= Dollar ? 100 : 1));
        m_db.prepare(QStringLiteral("UPDATE price_rules SET unit_price = ? WHERE id = ?"))
            .bind(newPrice)
            .bind(ruleId)
            .exec();
        touched.insert(product->second);
        return true;
    }

    bool schedulePrice(QDate today)
    {
        const auto product = randomProduct();
        if (!product)
            return false;
        // The first list tier of the base unit, if it has no end date yet.
        Statement rule =
            m_db.prepare(QStringLiteral("SELECT r.id, r.uom, r.min_qty, r.unit_price, r.valid_from "
                                        "FROM price_rules r JOIN products p ON p.id = r.product_id "
                                        "WHERE r.product_id = ? AND r.catalog_id IS NULL AND r.uom "
                                        "= p.base_uom AND r.valid_to IS NULL "
                                        "ORDER BY r.min_qty LIMIT 1"));
        rule.bind(product->first).exec();
        if (!rule.next())
            return false;
        const qint64 ruleId = rule.int64(0);
        const QString uom = rule.text(1);
        const qint64 minQty = rule.int64(2);
        const qint64 price = rule.int64(3);
        QDate starts = today.addDays(m_r.between(0, 30)); // from today or later
        // The rule may itself be a scheduled price: the new one starts after it does.
        const QDate ruleStarts = rule.date(4);
        if (ruleStarts.isValid() && starts <= ruleStarts)
            starts = ruleStarts.addDays(1);
        m_db.prepare(QStringLiteral("UPDATE price_rules SET valid_to = ? WHERE id = ?"))
            .bind(starts.addDays(-1).toString(Qt::ISODate))
            .bind(ruleId)
            .exec();
        m_db.prepare(QStringLiteral("INSERT INTO price_rules (product_id, catalog_id, uom, "
                                    "min_qty, unit_price, valid_from) "
                                    "VALUES (?, NULL, ?, ?, ?, ?)"))
            .bind(product->first)
            .bind(uom)
            .bind(minQty)
            .bind(qMax(price + 1, tidy(price * m_r.between(102, 106) / 100)))
            .bind(starts.toString(Qt::ISODate))
            .exec();
        touched.insert(product->second);
        return true;
    }

    bool changeStock(QDate today)
    {
        const auto product = randomProduct();
        if (!product)
            return false;
        Statement levels = m_db.prepare(QStringLiteral(
            "SELECT warehouse_id, on_hand FROM stock WHERE product_id = ? ORDER BY warehouse_id"));
        levels.bind(product->first).exec();
        QList<QPair<qint64, qint64>> found;
        while (levels.next())
            found.append({levels.int64(0), levels.int64(1)});
        if (found.isEmpty())
            return false;
        const auto &[warehouseId, onHand] = found.at(m_r.below(int(found.size())));
        qint64 newOnHand = 0;
        if (onHand == 0)
            newOnHand = m_r.between(10, 500); // a receipt arrived
        else if (!m_r.percent(10))
            newOnHand = qMax<qint64>(0, onHand + onHand * m_r.between(-60, 40) / 100 +
                                            (m_r.percent(50) ? 1 : -1));
        if (newOnHand == 0) {
            const int lead = m_r.between(5, 21);
            m_db
                .prepare(QStringLiteral(
                    "UPDATE stock SET on_hand = 0, lead_time_days = ?, next_receipt_date = ?, "
                    "next_receipt_qty = ? WHERE product_id = ? AND warehouse_id = ?"))
                .bind(lead)
                .bind(today.addDays(lead).toString(Qt::ISODate))
                .bind(qMax<qint64>(onHand, 50))
                .bind(product->first)
                .bind(warehouseId)
                .exec();
        } else {
            m_db
                .prepare(QStringLiteral(
                    "UPDATE stock SET on_hand = ?, lead_time_days = 0, next_receipt_date = NULL, "
                    "next_receipt_qty = 0 WHERE product_id = ? AND warehouse_id = ?"))
                .bind(newOnHand)
                .bind(product->first)
                .bind(warehouseId)
                .exec();
        }
        touched.insert(product->second);
        return true;
    }

private:
    DbConnection &m_db;
    DemoRandom &m_r;
    qint64 m_maxId;
};

qint64 scalar(DbConnection &db, const QString &sql)
{
    Statement q = db.prepare(sql);
    q.exec();
    return q.next() ? q.int64(0) : 0;
}

} // namespace

QString DemoChanges::apply(DbConnection &db, qint64 changes, quint64 seed)
{
    return db.write([&] {
        const QString demoSeed = DemoSupplier::meta(db, QStringLiteral("demo_seed"));
        const QDate generatedOn = QDate::fromString(
            DemoSupplier::meta(db, QStringLiteral("demo_generated_on")), Qt::ISODate);
        if (demoSeed.isEmpty() || !generatedOn.isValid())
            throw DbError(QStringLiteral(
                "the database holds no demo supplier (start qm-portal --demo on it first)"));

        FeedWriter feeds(db);
        feeds.begin();
        const qint64 sequenceBefore = feeds.lastSequence();
        DemoRandom r = DemoRandom::forKey(seed, ChangesStream, quint64(sequenceBefore));
        const QDate today = QDateTime::currentDateTimeUtc().date();
        const qint64 maxId =
            scalar(db, QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM products"));
        if (maxId == 0)
            throw DbError(QStringLiteral("the demo has no products"));
        Changer changer(db, r, maxId);
        const DemoProductWriter::Ids ids = DemoProductWriter::load(db);

        QStringList notes;
        qint64 remaining = changes;
        if (changes >= 5) {
            if (const auto p = changer.randomProduct(QStringLiteral(" AND p.discontinued = 0"))) {
                db.prepare(QStringLiteral("UPDATE products SET discontinued = 1 WHERE id = ?"))
                    .bind(p->first)
                    .exec();
                changer.touched.insert(p->second);
                notes << QStringLiteral("1 discontinued (%1)").arg(p->second);
            }
            const qint64 bayside = ids.catalogs[0];
            if (const auto p = changer.randomProduct(
                    QStringLiteral(" AND EXISTS (SELECT 1 FROM catalog_products c WHERE "
                                   "c.product_id = p.id AND c.catalog_id = ?)"),
                    bayside)) {
                db
                    .prepare(QStringLiteral(
                        "DELETE FROM catalog_products WHERE catalog_id = ? AND product_id = ?"))
                    .bind(bayside)
                    .bind(p->first)
                    .exec();
                db.prepare(QStringLiteral(
                               "DELETE FROM price_rules WHERE catalog_id = ? AND product_id = ?"))
                    .bind(bayside)
                    .bind(p->first)
                    .exec();
                changer.touched.insert(p->second);
                notes << QStringLiteral("1 removed from %1 (%2)")
                             .arg(DemoCatalog::catalogCode(0), p->second);
            }
            const int target = 1 + r.below(DemoProduct::CatalogCount - 1);
            if (const auto p = changer.randomProduct(
                    QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM catalog_products c WHERE "
                                   "c.product_id = p.id AND c.catalog_id = ?)"),
                    ids.catalogs[target])) {
                db
                    .prepare(QStringLiteral(
                        "INSERT INTO catalog_products (catalog_id, product_id) VALUES (?, ?)"))
                    .bind(ids.catalogs[target])
                    .bind(p->first)
                    .exec();
                changer.touched.insert(p->second);
                notes << QStringLiteral("1 added to %1 (%2)")
                             .arg(DemoCatalog::catalogCode(target), p->second);
            }
            {
                // A new product, generated like the demo's own, under the next free index.
                const qint64 index = qMax(
                    DemoSupplier::meta(db, QStringLiteral("demo_next_index")).toLongLong(), maxId);
                const DemoCatalog catalog(demoSeed.toULongLong(), generatedOn);
                DemoProduct product = catalog.product(index);
                product.inCatalog[0] = true; // every new line is offered to the main account
                DemoProductWriter writer(db, ids, nullptr);
                writer.add(product);
                writer.flush();
                db.prepare(
                      QStringLiteral("UPDATE meta SET value = ? WHERE key = 'demo_next_index'"))
                    .bind(QString::number(index + 1))
                    .exec();
                changer.touched.insert(product.product.sku);
                notes << QStringLiteral("1 new (%1)").arg(product.product.sku);
            }
            remaining -= 4;
        }

        qint64 prices = 0;
        qint64 scheduled = 0;
        qint64 stock = 0;
        for (qint64 i = 0; i < remaining; ++i) {
            const int kind = r.weighted({40, 15, 45});
            if (kind == 0 && changer.changeListPrice())
                ++prices;
            else if (kind == 1 && changer.schedulePrice(today))
                ++scheduled;
            else if (kind == 2 && changer.changeStock(today))
                ++stock;
        }

        if (changes >= 5 && r.percent(25)) {
            // Now and then a category discount is renegotiated: every prices entry it reaches
            // is re-rendered.
            Statement q = db.prepare(QStringLiteral(
                "SELECT d.id, d.category_id, d.percent, c.code FROM category_discounts d "
                "JOIN categories c ON c.id = d.category_id "
                "WHERE d.valid_to IS NULL OR d.valid_to >= ? ORDER BY d.id"));
            q.bind(today.toString(Qt::ISODate)).exec();
            QList<std::tuple<qint64, qint64, qint64, QString>> open;
            while (q.next())
                open.append({q.int64(0), q.int64(1), q.int64(2), q.text(3)});
            if (!open.isEmpty()) {
                const auto &[id, categoryId, percent, code] = open.at(r.below(int(open.size())));
                // Half a percentage point up or down, staying between 1 % and 30 %.
                const qint64 step = 5000;
                const qint64 changed =
                    percent + step > 300000 || (percent - step >= 10000 && r.percent(50))
                        ? percent - step
                        : percent + step;
                db.prepare(QStringLiteral("UPDATE category_discounts SET percent = ? WHERE id = ?"))
                    .bind(changed)
                    .bind(id)
                    .exec();
                for (const QString &sku : feeds.skusInCategory(categoryId))
                    changer.touched.insert(sku);
                notes << QStringLiteral("discount on %1 now %2 %")
                             .arg(code, Decimal::fromUnits(changed).toString(0));
            }
        }

        QStringList skus(changer.touched.cbegin(), changer.touched.cend());
        skus.sort();
        feeds.refresh(skus);
        feeds.finish();
        const FeedWriter::Counts &counts = feeds.counts();
        QStringList parts{QStringLiteral("%1 list price changes").arg(prices),
                          QStringLiteral("%1 scheduled prices").arg(scheduled),
                          QStringLiteral("%1 stock changes").arg(stock)};
        parts += notes;
        return QStringLiteral(
                   "applied %1 demo changes to %2 products: %3; feeds: %4 upserts, %5 tombstones, "
                   "%6 unchanged, sequence %7..%8")
            .arg(changes)
            .arg(skus.size())
            .arg(parts.join(QStringLiteral(", ")))
            .arg(counts.upserts)
            .arg(counts.tombstones)
            .arg(counts.unchanged)
            .arg(sequenceBefore + 1)
            .arg(feeds.lastSequence());
    });
}

} // namespace qm
