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

QHash<QString, pricing::ItemTerms> PricingTerms::loadMany(const QStringList &skus) const
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
    const QSqlDatabase db = m_db.connection();
    QString error;
    // By the SKU as the cache spells it; `askedAs` maps each one to the forms it was asked by.
    QHash<QString, pricing::ItemTerms> terms;
    QHash<QString, QStringList> askedAs;
    QHash<QString, qint64> productIds;
    bool ok = sql::forEachRow(
        db,
        QStringLiteral(
            "SELECT j.value, p.id, p.sku, p.name, p.description, p.brand,"
            " p.category_code, p.category_path, p.attributes, p.base_uom,"
            " p.min_order_qty, p.order_multiple, p.max_order_qty, p.discontinued"
            " FROM json_each(?) j CROSS JOIN products p ON p.sku = j.value COLLATE NOCASE"),
        sql::jsonArray(given),
        [&](const QSqlQuery &q) {
            const QString sku = q.value(2).toString();
            askedAs[sku] << q.value(0).toString();
            if (terms.contains(sku))
                return;
            productIds.insert(sku, q.value(1).toLongLong());
            pricing::ItemTerms &t = terms[sku];
            t.inAssortment = true;
            Product &p = t.product;
            p.sku = sku;
            p.name = q.value(3).toString();
            p.description = q.value(4).toString();
            p.brand = q.value(5).toString();
            p.categoryCode = q.value(6).toString();
            const QString path = q.value(7).toString();
            if (!path.isEmpty())
                p.categoryPath = path.split(CategorySeparator);
            const QJsonObject attributes =
                QJsonDocument::fromJson(q.value(8).toString().toUtf8()).object();
            for (auto it = attributes.begin(); it != attributes.end(); ++it)
                p.attributes.insert(it.key(), it.value().toString());
            p.baseUom = q.value(9).toString();
            p.minOrderQty = q.value(10).toLongLong();
            p.orderMultiple = q.value(11).toLongLong();
            p.maxOrderQty = q.value(12).toLongLong();
            p.discontinued = q.value(13).toBool();
            t.prices.sku = sku;
        },
        &error);

    // The packs, rules and discounts of the products found. Each row names its product by
    // its index in the bound array (json_each's key), so no row is matched by SKU text, and
    // the rows are put in position order here rather than sorted by SQLite.
    QStringList found;
    QStringList ids;
    QList<pricing::ItemTerms *> items;
    found.reserve(terms.size());
    ids.reserve(terms.size());
    items.reserve(terms.size());
    for (auto it = terms.begin(); it != terms.end(); ++it) {
        found << it.key();
        ids << QString::number(productIds.value(it.key()));
        items << &it.value();
    }
    const QString idArray = u'[' + ids.join(u',') + u']';
    QList<Positioned<Pack>> packs;
    QList<Positioned<std::pair<QString, PriceRule>>> rules;
    QList<Positioned<std::pair<QString, CategoryDiscount>>> discounts;
    ok =
        ok &&
        sql::forEachRow(
            db,
            QStringLiteral("SELECT j.key, k.position, k.uom, k.name, k.quantity, k.gtin"
                           " FROM json_each(?) j CROSS JOIN packs k ON k.product_id = j.value"),
            idArray,
            [&](const QSqlQuery &q) {
                packs.append({q.value(0).toLongLong(), q.value(1).toLongLong(),
                              Pack{q.value(2).toString(), q.value(3).toString(),
                                   q.value(4).toLongLong(), q.value(5).toString()}});
            },
            &error) &&
        sql::forEachRow(
            db,
            QStringLiteral("SELECT j.key, r.position, r.currency, r.kind, r.uom, r.min_qty,"
                           " r.unit_price, r.valid_from, r.valid_to FROM json_each(?) j"
                           " CROSS JOIN prices r ON r.sku = j.value"),
            sql::jsonArray(found),
            [&](const QSqlQuery &q) {
                PriceRule r;
                r.kind = q.value(3).toString() == u"contract" ? PriceRule::Kind::Contract
                                                              : PriceRule::Kind::List;
                r.uom = q.value(4).toString();
                r.minQty = q.value(5).toLongLong();
                r.unitPrice = Decimal::fromUnits(q.value(6).toLongLong());
                r.validFrom = dateFromSql(q.value(7));
                r.validTo = dateFromSql(q.value(8));
                rules.append(
                    {q.value(0).toLongLong(), q.value(1).toLongLong(), {q.value(2).toString(), r}});
            },
            &error) &&
        sql::forEachRow(
            db,
            QStringLiteral("SELECT j.key, d.position, d.currency, d.category, d.percent,"
                           " d.valid_from, d.valid_to FROM json_each(?) j"
                           " CROSS JOIN discounts d ON d.sku = j.value"),
            sql::jsonArray(found),
            [&](const QSqlQuery &q) {
                discounts.append(
                    {q.value(0).toLongLong(),
                     q.value(1).toLongLong(),
                     {q.value(2).toString(),
                      CategoryDiscount{q.value(3).toString(),
                                       Decimal::fromUnits(q.value(4).toLongLong()),
                                       dateFromSql(q.value(5)), dateFromSql(q.value(6))}}});
            },
            &error);
    if (ok) {
        inPositionOrder(packs, [&](qsizetype item, Pack &&pack) {
            items.at(item)->product.packs.append(std::move(pack));
        });
        // The currency is the one of the product's last rule, then of its last discount.
        inPositionOrder(rules, [&](qsizetype item, std::pair<QString, PriceRule> &&rule) {
            ProductPrices &prices = items.at(item)->prices;
            prices.currency = std::move(rule.first);
            prices.rules.append(std::move(rule.second));
        });
        inPositionOrder(discounts,
                        [&](qsizetype item, std::pair<QString, CategoryDiscount> &&discount) {
                            ProductPrices &prices = items.at(item)->prices;
                            prices.currency = std::move(discount.first);
                            prices.discounts.append(std::move(discount.second));
                        });
    }
    if (!ok) {
        qCWarning(lcTerms) << error;
        return {};
    }

    QHash<QString, pricing::ItemTerms> result;
    result.reserve(given.size());
    for (auto it = terms.cbegin(); it != terms.cend(); ++it) {
        for (const QString &asked : askedAs.value(it.key()))
            result.insert(asked, it.value());
    }
    return result;
}

QDateTime PricingTerms::pricesAsOf() const
{
    return CatalogStore(m_db).state(Feed::Prices).verifiedAt;
}

} // namespace qm
