#include "models/pricingterms.h"

#include "models/catalogstore.h"
#include "models/database.h"
#include "models/sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSet>

#include <algorithm>

namespace qm {

namespace {

Q_LOGGING_CATEGORY(lcTerms, "qm.models.pricingterms", QtInfoMsg)

const QString CategorySeparator = QStringLiteral(" > ");

QDate dateFromSql(const QVariant &v)
{
    return v.isNull() ? QDate() : QDate::fromString(v.toString(), Qt::ISODate);
}

// The text as SQLite's NOCASE collation compares it: ASCII letters in lower case.
QString asciiFolded(const QString &text)
{
    QString folded = text;
    for (QChar &c : folded) {
        if (c >= u'A' && c <= u'Z')
            c = QChar(c.unicode() + (u'a' - u'A'));
    }
    return folded;
}

// A row that belongs to the `item`-th product at `position` in that product's list.
template<typename T>
struct Positioned
{
    qint64 item = 0;
    qint64 position = 0;
    T value;
};

// Hands the rows to `add` product by product, each product's in position order.
template<typename T, typename Add>
void inPositionOrder(QList<Positioned<T>> &rows, Add add)
{
    std::stable_sort(rows.begin(), rows.end(), [](const Positioned<T> &a, const Positioned<T> &b) {
        return a.item != b.item ? a.item < b.item : a.position < b.position;
    });
    for (Positioned<T> &row : rows)
        add(qsizetype(row.item), std::move(row.value));
}

} // namespace

PricingTerms::PricingTerms(Database &db)
    : m_db(db)
{}

std::optional<pricing::ItemTerms> PricingTerms::load(const QString &sku) const
{
    const QHash<QString, pricing::ItemTerms> found = loadMany({sku});
    const auto it = found.constFind(sku);
    if (it == found.cend())
        return std::nullopt;
    return *it;
}

QHash<QString, pricing::ItemTerms> PricingTerms::loadMany(const QStringList &skus,
                                                          Detail detail) const
{
    QStringList given;
    {
        QSet<QString> seen;
        for (const QString &sku : skus) {
            if (!sku.isEmpty() && !seen.contains(sku)) {
                seen.insert(sku);
                given << sku;
            }
        }
    }
    if (given.isEmpty())
        return {};
    const QSqlDatabase db = m_db.connection();
    QString error;
    // The SKUs asked for go into a temporary table, and the products they name into another
    // (`item` counts them from 1); every query below joins that one once, and each row names
    // its product by `item`, so no row is matched by SKU text here.
    bool ok = sql::run(db,
                       QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS terms_asked("
                                      " sku TEXT NOT NULL)"),
                       &error) &&
              sql::run(db,
                       QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS terms_items("
                                      " item INTEGER PRIMARY KEY,"
                                      " product_id INTEGER NOT NULL UNIQUE,"
                                      " sku TEXT NOT NULL)"),
                       &error) &&
              sql::run(db, QStringLiteral("DELETE FROM temp.terms_asked"), &error) &&
              sql::run(db, QStringLiteral("DELETE FROM temp.terms_items"), &error);
    if (ok) {
        QSqlQuery fill(db);
        ok = sql::prepare(fill,
                          QStringLiteral("INSERT INTO temp.terms_asked(sku)"
                                         " SELECT value FROM json_each(?)"),
                          &error);
        if (ok) {
            fill.addBindValue(sql::jsonArray(given));
            ok = sql::exec(fill, &error);
        }
    }
    ok = ok && sql::run(db,
                        QStringLiteral("INSERT OR IGNORE INTO temp.terms_items(product_id, sku)"
                                       " SELECT p.id, p.sku FROM temp.terms_asked a"
                                       " CROSS JOIN products p ON p.sku = a.sku COLLATE NOCASE"),
                        &error);

    const auto rowsOf = [&db, &error](const QString &statement, const auto &row) {
        QSqlQuery q(db);
        if (!sql::prepare(q, statement, &error) || !sql::exec(q, &error))
            return false;
        while (q.next())
            row(q);
        return true;
    };
    QList<pricing::ItemTerms> items;
    bool inOrder = true;
    const bool full = detail == Detail::Full;
    ok = ok &&
         rowsOf(
             full ? QStringLiteral("SELECT i.item, p.sku, p.base_uom, p.min_order_qty,"
                                   " p.order_multiple, p.max_order_qty, p.discontinued, p.name,"
                                   " p.description, p.brand, p.category_code, p.category_path,"
                                   " p.attributes FROM temp.terms_items i"
                                   " CROSS JOIN products p ON p.id = i.product_id ORDER BY i.item")
                  : QStringLiteral("SELECT i.item, p.sku, p.base_uom, p.min_order_qty,"
                                   " p.order_multiple, p.max_order_qty, p.discontinued, p.name"
                                   " FROM temp.terms_items i"
                                   " CROSS JOIN products p ON p.id = i.product_id ORDER BY i.item"),
             [&](const QSqlQuery &q) {
                 if (q.value(0).toLongLong() != items.size() + 1) {
                     inOrder = false;
                     return;
                 }
                 pricing::ItemTerms &t = items.emplace_back();
                 t.inAssortment = true;
                 Product &p = t.product;
                 p.sku = q.value(1).toString();
                 p.baseUom = q.value(2).toString();
                 p.minOrderQty = q.value(3).toLongLong();
                 p.orderMultiple = q.value(4).toLongLong();
                 p.maxOrderQty = q.value(5).toLongLong();
                 p.discontinued = q.value(6).toBool();
                 p.name = q.value(7).toString();
                 t.prices.sku = p.sku;
                 if (!full)
                     return;
                 p.description = q.value(8).toString();
                 p.brand = q.value(9).toString();
                 p.categoryCode = q.value(10).toString();
                 const QString path = q.value(11).toString();
                 if (!path.isEmpty())
                     p.categoryPath = path.split(CategorySeparator);
                 const QJsonObject attributes =
                     QJsonDocument::fromJson(q.value(12).toString().toUtf8()).object();
                 for (auto it = attributes.begin(); it != attributes.end(); ++it)
                     p.attributes.insert(it.key(), it.value().toString());
             });

    // The packs, rules and discounts of the products found, put in position order here
    // rather than sorted by SQLite.
    QList<Positioned<Pack>> packs;
    QList<Positioned<std::pair<QString, PriceRule>>> rules;
    QList<Positioned<std::pair<QString, CategoryDiscount>>> discounts;
    ok = ok &&
         rowsOf(QStringLiteral("SELECT i.item, k.position, k.uom, k.name, k.quantity, k.gtin"
                               " FROM temp.terms_items i"
                               " CROSS JOIN packs k ON k.product_id = i.product_id"),
                [&](const QSqlQuery &q) {
                    packs.append({q.value(0).toLongLong() - 1, q.value(1).toLongLong(),
                                  Pack{q.value(2).toString(), q.value(3).toString(),
                                       q.value(4).toLongLong(), q.value(5).toString()}});
                }) &&
         rowsOf(QStringLiteral("SELECT i.item, r.position, r.currency, r.kind, r.uom,"
                               " r.min_qty, r.unit_price, r.valid_from, r.valid_to"
                               " FROM temp.terms_items i CROSS JOIN prices r ON r.sku = i.sku"),
                [&](const QSqlQuery &q) {
                    PriceRule r;
                    r.kind = q.value(3).toString() == u"contract" ? PriceRule::Kind::Contract
                                                                  : PriceRule::Kind::List;
                    r.uom = q.value(4).toString();
                    r.minQty = q.value(5).toLongLong();
                    r.unitPrice = Decimal::fromUnits(q.value(6).toLongLong());
                    r.validFrom = dateFromSql(q.value(7));
                    r.validTo = dateFromSql(q.value(8));
                    rules.append({q.value(0).toLongLong() - 1,
                                  q.value(1).toLongLong(),
                                  {q.value(2).toString(), r}});
                }) &&
         rowsOf(QStringLiteral("SELECT i.item, d.position, d.currency, d.category, d.percent,"
                               " d.valid_from, d.valid_to FROM temp.terms_items i"
                               " CROSS JOIN discounts d ON d.sku = i.sku"),
                [&](const QSqlQuery &q) {
                    discounts.append(
                        {q.value(0).toLongLong() - 1,
                         q.value(1).toLongLong(),
                         {q.value(2).toString(),
                          CategoryDiscount{q.value(3).toString(),
                                           Decimal::fromUnits(q.value(4).toLongLong()),
                                           dateFromSql(q.value(5)), dateFromSql(q.value(6))}}});
                });
    if (ok) {
        // Every row must name a product read above.
        const auto inRange = [&items](qint64 item) { return item >= 0 && item < items.size(); };
        ok = inOrder &&
             std::all_of(packs.cbegin(), packs.cend(),
                         [&](const auto &r) { return inRange(r.item); }) &&
             std::all_of(rules.cbegin(), rules.cend(),
                         [&](const auto &r) { return inRange(r.item); }) &&
             std::all_of(discounts.cbegin(), discounts.cend(),
                         [&](const auto &r) { return inRange(r.item); });
        if (!ok)
            error = QStringLiteral("the terms of the products asked for were read inconsistently");
    }
    if (ok) {
        inPositionOrder(packs, [&](qsizetype item, Pack &&pack) {
            items[item].product.packs.append(std::move(pack));
        });
        // The currency is the one of the product's last rule, then of its last discount.
        inPositionOrder(rules, [&](qsizetype item, std::pair<QString, PriceRule> &&rule) {
            ProductPrices &prices = items[item].prices;
            prices.currency = std::move(rule.first);
            prices.rules.append(std::move(rule.second));
        });
        inPositionOrder(discounts,
                        [&](qsizetype item, std::pair<QString, CategoryDiscount> &&discount) {
                            ProductPrices &prices = items[item].prices;
                            prices.currency = std::move(discount.first);
                            prices.discounts.append(std::move(discount.second));
                        });
    }
    QString ignored;
    sql::run(db, QStringLiteral("DELETE FROM temp.terms_asked"), &ignored);
    sql::run(db, QStringLiteral("DELETE FROM temp.terms_items"), &ignored);
    if (!ok) {
        qCWarning(lcTerms) << error;
        return {};
    }

    // Each SKU as asked: products.sku compares with NOCASE, which folds ASCII letters only.
    QHash<QString, qsizetype> byFolded;
    byFolded.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i)
        byFolded.insert(asciiFolded(items.at(i).product.sku), i);
    QHash<QString, pricing::ItemTerms> result;
    result.reserve(given.size());
    for (const QString &asked : std::as_const(given)) {
        const auto it = byFolded.constFind(asciiFolded(asked));
        if (it != byFolded.cend())
            result.insert(asked, items.at(*it));
    }
    return result;
}

QDateTime PricingTerms::pricesAsOf() const
{
    return CatalogStore(m_db).state(Feed::Prices).verifiedAt;
}

} // namespace qm
