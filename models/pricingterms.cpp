#include "models/pricingterms.h"

#include "models/catalogstore.h"
#include "models/database.h"
#include "models/sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSet>

namespace qm {

namespace {

Q_LOGGING_CATEGORY(lcTerms, "qm.models.pricingterms", QtInfoMsg)

const QString CategorySeparator = QStringLiteral(" > ");

QString jsonArray(const QStringList &values)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
}

QDate dateFromSql(const QVariant &v)
{
    return v.isNull() ? QDate() : QDate::fromString(v.toString(), Qt::ISODate);
}

// Runs `statement` with one bound JSON array of values and hands every row to `row`. The
// statements put json_each first with CROSS JOIN, which makes SQLite walk the values and look
// each one up by index, rather than scan json_each once per cached row.
template<typename Row>
bool forEachRow(const QSqlDatabase &db, const QString &statement, const QStringList &values,
                Row row, QString *error)
{
    if (values.isEmpty())
        return true;
    QSqlQuery q(db);
    if (!sql::prepare(q, statement, error))
        return false;
    q.addBindValue(jsonArray(values));
    if (!sql::exec(q, error))
        return false;
    while (q.next())
        row(q);
    return true;
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
    bool ok = forEachRow(
        db,
        QStringLiteral(
            "SELECT j.value, p.id, p.sku, p.name, p.description, p.brand,"
            " p.category_code, p.category_path, p.attributes, p.base_uom,"
            " p.min_order_qty, p.order_multiple, p.max_order_qty, p.discontinued"
            " FROM json_each(?) j CROSS JOIN products p ON p.sku = j.value COLLATE NOCASE"),
        given,
        [&](const QSqlQuery &q) {
            const QString sku = q.value(2).toString();
            askedAs[sku] << q.value(0).toString();
            if (terms.contains(sku))
                return;
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

    const QStringList found = terms.keys();
    ok =
        ok &&
        forEachRow(
            db,
            QStringLiteral("SELECT p.sku, k.uom, k.name, k.quantity, k.gtin FROM json_each(?) j"
                           " CROSS JOIN products p ON p.sku = j.value CROSS JOIN packs k ON "
                           "k.product_id = p.id"
                           " ORDER BY k.product_id, k.position"),
            found,
            [&](const QSqlQuery &q) {
                terms[q.value(0).toString()].product.packs.append(
                    Pack{q.value(1).toString(), q.value(2).toString(), q.value(3).toLongLong(),
                         q.value(4).toString()});
            },
            &error) &&
        forEachRow(
            db,
            QStringLiteral("SELECT r.sku, r.currency, r.kind, r.uom, r.min_qty, r.unit_price,"
                           " r.valid_from, r.valid_to FROM json_each(?) j"
                           " CROSS JOIN prices r ON r.sku = j.value ORDER BY r.sku, r.position"),
            found,
            [&](const QSqlQuery &q) {
                ProductPrices &prices = terms[q.value(0).toString()].prices;
                prices.currency = q.value(1).toString();
                PriceRule r;
                r.kind = q.value(2).toString() == u"contract" ? PriceRule::Kind::Contract
                                                              : PriceRule::Kind::List;
                r.uom = q.value(3).toString();
                r.minQty = q.value(4).toLongLong();
                r.unitPrice = Decimal::fromUnits(q.value(5).toLongLong());
                r.validFrom = dateFromSql(q.value(6));
                r.validTo = dateFromSql(q.value(7));
                prices.rules.append(r);
            },
            &error) &&
        forEachRow(
            db,
            QStringLiteral("SELECT d.sku, d.currency, d.category, d.percent, d.valid_from,"
                           " d.valid_to FROM json_each(?) j"
                           " CROSS JOIN discounts d ON d.sku = j.value ORDER BY d.sku, d.position"),
            found,
            [&](const QSqlQuery &q) {
                ProductPrices &prices = terms[q.value(0).toString()].prices;
                prices.currency = q.value(1).toString();
                prices.discounts.append(CategoryDiscount{
                    q.value(2).toString(), Decimal::fromUnits(q.value(3).toLongLong()),
                    dateFromSql(q.value(4)), dateFromSql(q.value(5))});
            },
            &error);
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
