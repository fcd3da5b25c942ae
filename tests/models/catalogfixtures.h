#pragma once

#include "core/catalog.h"
#include "core/feeds.h"
#include "core/gtin.h"
#include "models/catalogstore.h"

#include <QMap>
#include <QTest>

// Test data for the cache: catalog payloads built with core's structs and feed pages
// written with FeedPageWriter, exactly as the portal produces them.
namespace qm::test {

// A valid GTIN-13 derived from a number (prefix 400, then the number, then a check digit).
inline QString gtin13(qint64 n)
{
    return gtin::withCheckDigit(QStringLiteral("400%1").arg(n, 9, 10, QChar(u'0')));
}

inline Pack pack(const char *uom, const char *name, qint64 quantity, const QString &gtin)
{
    return Pack{QString::fromLatin1(uom), QString::fromLatin1(name), quantity, gtin};
}

// A product with an each and a box of 100, GTINs derived from `n`.
inline Product product(const QString &sku, const QString &name, qint64 n = 1)
{
    Product p;
    p.sku = sku;
    p.name = name;
    p.description = QStringLiteral("Description of %1").arg(name);
    p.brand = QStringLiteral("Harbor Pro");
    p.categoryCode = QStringLiteral("FAS-BOLT");
    p.categoryPath = {QStringLiteral("Fasteners"), QStringLiteral("Bolts")};
    p.attributes.insert(QStringLiteral("material"), QStringLiteral("Steel"));
    p.packs = {pack("EA", "Each", 1, gtin13(n * 10)), pack("BX", "Box", 100, gtin13(n * 10 + 1))};
    return p;
}

inline PriceRule rule(PriceRule::Kind kind, const char *uom, qint64 minQty, const char *price,
                      QDate from = {}, QDate to = {})
{
    PriceRule r;
    r.kind = kind;
    r.uom = QString::fromLatin1(uom);
    r.minQty = minQty;
    r.unitPrice = *Decimal::parse(QString::fromLatin1(price));
    r.validFrom = from;
    r.validTo = to;
    return r;
}

inline ProductPrices prices(const QString &sku, QList<PriceRule> rules,
                            const QString &currency = QStringLiteral("USD"),
                            QList<CategoryDiscount> discounts = {})
{
    return ProductPrices{sku, currency, std::move(rules), std::move(discounts)};
}

inline CategoryDiscount discount(const char *category, const char *percent, QDate from = {},
                                 QDate to = {})
{
    return CategoryDiscount{QString::fromLatin1(category),
                            *Decimal::parse(QString::fromLatin1(percent)), from, to};
}

inline CustomerPartNumber partNumber(const QString &code, const QString &sku,
                                     const QString &description = {})
{
    return CustomerPartNumber{code, sku, description};
}

inline ProductStock stock(const QString &sku, QList<qint64> onHand)
{
    ProductStock s;
    s.sku = sku;
    int i = 0;
    for (qint64 n : onHand) {
        StockLevel l;
        l.warehouse = QStringLiteral("W%1").arg(++i);
        l.warehouseName = QStringLiteral("Warehouse %1").arg(i);
        l.onHand = n;
        l.leadTimeDays = n == 0 ? 7 : 0;
        s.levels.append(l);
    }
    return s;
}

// A change feed as the portal keeps it: every change gets the next sequence; a key's
// latest change is its entry. Pages are written with FeedPageWriter and parsed back with
// FeedPage::fromJson, so they are exactly what the client receives.
class FakeFeed final
{
public:
    explicit FakeFeed(Feed feed)
        : m_feed(feed)
    {}

    void upsert(const QString &key, const QJsonObject &data)
    {
        m_entries.insert(key, Entry{++m_seq, canonicalJson(data), false});
    }
    void remove(const QString &key)
    {
        if (m_entries.contains(key))
            m_entries.insert(key, Entry{++m_seq, {}, true});
    }
    // Forgets tombstones (as tombstone retention does); old cursors can no longer be served.
    void purgeTombstones()
    {
        for (auto it = m_entries.begin(); it != m_entries.end();) {
            if (it->deleted)
                it = m_entries.erase(it);
            else
                ++it;
        }
    }

    qint64 lastSeq() const { return m_seq; }
    qint64 count() const
    {
        qint64 n = 0;
        for (const Entry &e : m_entries)
            n += e.deleted ? 0 : 1;
        return n;
    }
    FeedDigest digest() const
    {
        FeedDigest d;
        for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
            if (!it->deleted)
                d.add(feedEntryHash(it.key(), it->payload));
        }
        return d;
    }
    QStringList liveKeys() const
    {
        QStringList keys;
        for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
            if (!it->deleted)
                keys << it.key();
        }
        return keys;
    }

    QByteArray pageJson(qint64 after, int limit) const
    {
        QMap<qint64, QString> bySeq;
        for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
            if (it->seq > after)
                bySeq.insert(it->seq, it.key());
        }
        FeedPageWriter writer(feedName(m_feed));
        qint64 next = after;
        for (auto it = bySeq.cbegin(); it != bySeq.cend() && writer.itemCount() < limit; ++it) {
            const Entry &e = m_entries[it.value()];
            if (e.deleted)
                writer.addDelete(it.key(), it.value());
            else
                writer.addUpsert(it.key(), it.value(), e.payload);
            next = it.key();
        }
        const bool hasMore = writer.itemCount() < bySeq.size();
        if (!hasMore)
            next = std::max(next, m_seq);
        if (hasMore)
            return writer.finish(next, true);
        return writer.finish(next, false, count(), digest());
    }

    FeedPage page(qint64 after, int limit) const
    {
        QString error;
        const auto page = FeedPage::fromJson(pageJson(after, limit), after, &error);
        if (!page)
            qFatal("FakeFeed wrote a page that does not parse: %s", qPrintable(error));
        return *page;
    }

private:
    struct Entry
    {
        qint64 seq = 0;
        QByteArray payload;
        bool deleted = false;
    };
    Feed m_feed;
    qint64 m_seq = 0;
    QMap<QString, Entry> m_entries;
};

// Puts products, prices, stock and part numbers into a cache through the store, one page per
// feed.
inline bool fillCache(CatalogStore &store, const QList<Product> &products,
                      const QList<ProductPrices> &priceList = {},
                      const QList<ProductStock> &stockList = {},
                      const QList<CustomerPartNumber> &partNumbers = {})
{
    FakeFeed productFeed(Feed::Products), priceFeed(Feed::Prices), stockFeed(Feed::Stock),
        partNumberFeed(Feed::PartNumbers);
    for (const CustomerPartNumber &n : partNumbers)
        partNumberFeed.upsert(n.partNumber, n.toJson());
    for (const Product &p : products)
        productFeed.upsert(p.sku, p.toJson());
    for (const ProductPrices &p : priceList)
        priceFeed.upsert(p.sku, p.toJson());
    for (const ProductStock &s : stockList)
        stockFeed.upsert(s.sku, s.toJson());
    const QList<QPair<Feed, const FakeFeed *>> feeds{{Feed::Products, &productFeed},
                                                     {Feed::Prices, &priceFeed},
                                                     {Feed::Stock, &stockFeed},
                                                     {Feed::PartNumbers, &partNumberFeed}};
    for (const auto &[feed, fake] : feeds) {
        QString error;
        const FeedPage page = fake->page(store.state(feed).cursor, 1000000);
        if (!store.applyPage(feed, page, &error)) {
            qWarning("fillCache: %s", qPrintable(error));
            return false;
        }
    }
    return true;
}

} // namespace qm::test
