#include "server/productloader.h"

#include "server/dbconnection.h"

namespace qm {

QList<PriceRule> ProductRecord::rulesFor(qint64 catalogId) const
{
    QList<PriceRule> rules = listRules;
    rules += contractRules.value(catalogId);
    return rules;
}

QList<CategoryDiscount> ProductRecord::discountsFor(qint64 catalogId, QDate today) const
{
    QList<CategoryDiscount> list;
    for (const CategoryDiscount &d : discounts.value(catalogId)) {
        if (!d.validTo.isValid() || d.validTo >= today)
            list.append(d);
    }
    return list;
}

ProductLoader::ProductLoader(DbConnection &db)
    : m_db(db)
{}

void ProductLoader::loadCategories()
{
    Statement q = m_db.prepare(QStringLiteral("SELECT id, parent_id, code, name FROM categories"));
    q.exec();
    while (q.next())
        m_categories.insert(q.int64(0),
                            Category{q.isNull(1) ? 0 : q.int64(1), q.text(2), q.text(3)});
    Statement d = m_db.prepare(QStringLiteral(
        "SELECT catalog_id, category_id, percent, valid_from, valid_to FROM category_discounts"));
    d.exec();
    while (d.next()) {
        CategoryDiscount discount;
        discount.category = m_categories.value(d.int64(1)).code;
        discount.percent = Decimal::fromUnits(d.int64(2));
        discount.validFrom = d.date(3);
        discount.validTo = d.date(4);
        m_discounts[d.int64(1)].append({d.int64(0), discount});
    }
    m_categoriesLoaded = true;
}

std::optional<ProductRecord> ProductLoader::load(const QString &sku)
{
    if (!m_categoriesLoaded)
        loadCategories();

    ProductRecord r;
    qint64 categoryId = 0;
    {
        Statement q = m_db.prepare(QStringLiteral(
            "SELECT id, name, description, brand, category_id, base_uom, min_order_qty, "
            "order_multiple, discontinued, max_order_qty FROM products WHERE sku = ?"));
        q.bind(sku).exec();
        if (!q.next())
            return std::nullopt;
        r.id = q.int64(0);
        r.product.sku = sku;
        r.product.name = q.text(1);
        r.product.description = q.text(2);
        r.product.brand = q.text(3);
        categoryId = q.int64(4);
        r.product.baseUom = q.text(5);
        r.product.minOrderQty = q.int64(6);
        r.product.orderMultiple = q.int64(7);
        r.product.discontinued = q.int64(8) != 0;
        r.product.maxOrderQty = q.int64(9);
    }
    // The category path from the root down.
    for (qint64 id = categoryId; id != 0;) {
        const auto it = m_categories.constFind(id);
        if (it == m_categories.constEnd())
            break;
        if (id == categoryId)
            r.product.categoryCode = it->code;
        r.product.categoryPath.prepend(it->name);
        for (const auto &[catalogId, discount] : m_discounts.value(id))
            r.discounts[catalogId].append(discount);
        id = it->parentId;
    }
    {
        Statement q = m_db.prepare(
            QStringLiteral("SELECT name, value FROM product_attributes WHERE product_id = ?"));
        q.bind(r.id).exec();
        while (q.next())
            r.product.attributes.insert(q.text(0), q.text(1));
    }
    {
        Statement q = m_db.prepare(
            QStringLiteral("SELECT uom, name, quantity, gtin FROM packs WHERE product_id = ?"));
        q.bind(r.id).exec();
        while (q.next())
            r.product.packs.append(Pack{q.text(0), q.text(1), q.int64(2), q.text(3)});
    }
    {
        Statement q = m_db.prepare(
            QStringLiteral("SELECT catalog_id FROM catalog_products WHERE product_id = ?"));
        q.bind(r.id).exec();
        while (q.next())
            r.catalogIds.append(q.int64(0));
    }
    {
        Statement q = m_db.prepare(QStringLiteral(
            "SELECT catalog_id, uom, min_qty, unit_price, valid_from, valid_to FROM price_rules "
            "WHERE product_id = ?"));
        q.bind(r.id).exec();
        while (q.next()) {
            PriceRule rule;
            rule.kind = q.isNull(0) ? PriceRule::Kind::List : PriceRule::Kind::Contract;
            rule.uom = q.text(1);
            rule.minQty = q.int64(2);
            rule.unitPrice = Decimal::fromUnits(q.int64(3));
            rule.validFrom = q.date(4);
            rule.validTo = q.date(5);
            if (q.isNull(0))
                r.listRules.append(rule);
            else
                r.contractRules[q.int64(0)].append(rule);
        }
    }
    {
        Statement q = m_db.prepare(QStringLiteral(
            "SELECT w.code, w.name, s.on_hand, s.lead_time_days, s.next_receipt_date, "
            "s.next_receipt_qty "
            "FROM stock s JOIN warehouses w ON w.id = s.warehouse_id WHERE s.product_id = ?"));
        q.bind(r.id).exec();
        while (q.next()) {
            StockLevel level;
            level.warehouse = q.text(0);
            level.warehouseName = q.text(1);
            level.onHand = q.int64(2);
            level.leadTimeDays = int(q.int64(3));
            level.nextReceiptDate = q.date(4);
            if (level.nextReceiptDate.isValid())
                level.nextReceiptQty = q.int64(5);
            r.stock.append(level);
        }
    }
    return r;
}

} // namespace qm
