#include "server/demoproductwriter.h"

#include "server/bulkinserter.h"
#include "server/dbconnection.h"
#include "server/feedpayloads.h"
#include "server/feedwriter.h"

namespace qm {

namespace {

QStringList columns(std::initializer_list<const char *> names)
{
    QStringList list;
    for (const char *n : names)
        list << QString::fromLatin1(n);
    return list;
}

// The category and its ancestors, by code.
QStringList categoryChain(const QString &code)
{
    static const QHash<QString, QString> parents = [] {
        QHash<QString, QString> map;
        for (const DemoCategory &c : DemoCatalog::categories())
            map.insert(c.code, c.parentCode);
        return map;
    }();
    QStringList chain;
    for (QString c = code; !c.isEmpty() && !chain.contains(c); c = parents.value(c))
        chain << c;
    return chain;
}

QVariant dateOrNull(QDate date)
{
    return date.isValid() ? QVariant(date.toString(Qt::ISODate))
                          : QVariant(QMetaType::fromType<QString>());
}

} // namespace

DemoProductWriter::DemoProductWriter(DbConnection &db, Ids ids, FeedWriter *newFeedEntries)
    : m_db(db)
    , m_ids(std::move(ids))
    , m_feeds(newFeedEntries)
    , m_products(std::make_unique<BulkInserter>(
          db, QStringLiteral("products"),
          columns({"id", "sku", "name", "description", "brand", "category_id", "base_uom",
                   "min_order_qty", "order_multiple", "discontinued", "max_order_qty"}),
          false))
    , m_attributes(std::make_unique<BulkInserter>(db, QStringLiteral("product_attributes"),
                                                  columns({"product_id", "name", "value"}), false))
    , m_packs(std::make_unique<BulkInserter>(
          db, QStringLiteral("packs"), columns({"product_id", "uom", "name", "quantity", "gtin"}),
          false))
    , m_assortment(std::make_unique<BulkInserter>(db, QStringLiteral("catalog_products"),
                                                  columns({"catalog_id", "product_id"}), false))
    , m_prices(std::make_unique<BulkInserter>(db, QStringLiteral("price_rules"),
                                              columns({"product_id", "catalog_id", "uom", "min_qty",
                                                       "unit_price", "valid_from", "valid_to"}),
                                              false))
    , m_stock(std::make_unique<BulkInserter>(
          db, QStringLiteral("stock"),
          columns({"product_id", "warehouse_id", "on_hand", "lead_time_days", "next_receipt_date",
                   "next_receipt_qty"}),
          false))
{}

DemoProductWriter::~DemoProductWriter() = default;

DemoProductWriter::Ids DemoProductWriter::load(DbConnection &db)
{
    Ids ids;
    {
        Statement q = db.prepare(QStringLiteral("SELECT id, code, currency FROM catalogs"));
        q.exec();
        while (q.next()) {
            for (int c = 0; c < DemoProduct::CatalogCount; ++c) {
                if (q.text(1) == DemoCatalog::catalogCode(c)) {
                    ids.catalogs[c] = q.int64(0);
                    ids.currencies[c] = q.text(2);
                }
            }
        }
    }
    {
        Statement q = db.prepare(QStringLiteral("SELECT id, code FROM categories"));
        q.exec();
        while (q.next())
            ids.categories.insert(q.text(1), q.int64(0));
    }
    {
        Statement q = db.prepare(QStringLiteral("SELECT id, code FROM warehouses"));
        q.exec();
        while (q.next())
            ids.warehouses.insert(q.text(1), q.int64(0));
    }
    return ids;
}

void DemoProductWriter::add(const DemoProduct &p)
{
    const qint64 id = p.index + 1;
    const Product &product = p.product;
    m_products->add({id, product.sku, product.name, product.description, product.brand,
                     m_ids.categories.value(product.categoryCode), product.baseUom,
                     product.minOrderQty, product.orderMultiple, product.discontinued ? 1 : 0,
                     product.maxOrderQty});
    for (auto it = product.attributes.cbegin(); it != product.attributes.cend(); ++it)
        m_attributes->add({id, it.key(), it.value()});
    for (const Pack &pack : product.packs)
        m_packs->add({id, pack.uom, pack.name, pack.quantity, pack.gtin});
    const auto addRule = [this, id](const PriceRule &rule, const QVariant &catalogId) {
        m_prices->add({id, catalogId, rule.uom, rule.minQty, rule.unitPrice.units(),
                       dateOrNull(rule.validFrom), dateOrNull(rule.validTo)});
    };
    for (const PriceRule &rule : p.listRules)
        addRule(rule, QVariant(QMetaType::fromType<qlonglong>()));
    for (const StockLevel &level : p.stock) {
        m_stock->add({id, m_ids.warehouses.value(level.warehouse), level.onHand, level.leadTimeDays,
                      dateOrNull(level.nextReceiptDate), level.nextReceiptQty});
    }

    QByteArray productPayload;
    QByteArray stockPayload;
    QStringList categories;
    if (m_feeds) {
        categories = categoryChain(product.categoryCode);
        productPayload = FeedPayloads::product(product);
        stockPayload = FeedPayloads::stock(ProductStock{product.sku, p.stock});
    }
    for (int c = 0; c < DemoProduct::CatalogCount; ++c) {
        if (!p.inCatalog[c])
            continue;
        const qint64 catalogId = m_ids.catalogs[c];
        m_assortment->add({catalogId, id});
        for (const PriceRule &rule : p.contractRules[c])
            addRule(rule, catalogId);
        if (m_feeds) {
            QList<CategoryDiscount> discounts;
            for (const CategoryDiscount &d : m_ids.discounts[c]) {
                if (categories.contains(d.category))
                    discounts.append(d);
            }
            m_feeds->appendNew(catalogId, Feed::Products, product.sku, productPayload);
            m_feeds->appendNew(
                catalogId, Feed::Prices, product.sku,
                FeedPayloads::prices(ProductPrices{product.sku, m_ids.currencies[c],
                                                   p.listRules + p.contractRules[c], discounts}));
            m_feeds->appendNew(catalogId, Feed::Stock, product.sku, stockPayload);
        }
    }
    if (++m_buffered == FlushEvery)
        flush();
}

void DemoProductWriter::flush()
{
    // Parents before children, for the foreign keys.
    m_products->flush();
    m_attributes->flush();
    m_packs->flush();
    m_assortment->flush();
    m_prices->flush();
    m_stock->flush();
    m_buffered = 0;
}

} // namespace qm
