#include "server/pricingterms.h"

#include "server/dbconnection.h"
#include "server/feedpayloads.h"

#include <QJsonDocument>
#include <QSet>

#include <stdexcept>

namespace qm {

namespace {

// Keys looked up per statement; the list is padded to this size so that one prepared
// statement serves every batch.
constexpr int LookupBatch = 100;

} // namespace

PricingTerms PricingTerms::load(DbConnection &db, qint64 catalogId, const QStringList &skuList,
                                bool withStock)
{
    QStringList skus;
    {
        QSet<QString> seen;
        for (const QString &sku : skuList) {
            if (!seen.contains(sku)) {
                seen.insert(sku);
                skus.append(sku);
            }
        }
    }
    const int productsFeed = FeedPayloads::code(Feed::Products);
    const int pricesFeed = FeedPayloads::code(Feed::Prices);
    const int stockFeed = withStock ? FeedPayloads::code(Feed::Stock) : pricesFeed;
    QString sql = QStringLiteral("SELECT feed, key, payload FROM feed_entries "
                                 "WHERE scope_id = ? AND feed IN (?, ?, ?) AND deleted = 0 "
                                 "AND key IN (?");
    sql += QStringLiteral(", ?").repeated(LookupBatch - 1);
    sql += u')';

    PricingTerms terms;
    {
        Statement q = db.prepare(QStringLiteral("SELECT currency FROM catalogs WHERE id = ?"));
        q.bind(catalogId).exec();
        if (q.next())
            terms.currency = q.text(0);
    }
    QHash<QString, Product> products;
    QHash<QString, ProductPrices> prices;
    for (qsizetype start = 0; start < skus.size(); start += LookupBatch) {
        Statement q = db.prepare(sql);
        q.bind(catalogId).bind(productsFeed).bind(pricesFeed).bind(stockFeed);
        for (qsizetype i = start; i < start + LookupBatch; ++i)
            q.bindText(skus.at(std::min(i, skus.size() - 1)));
        q.exec();
        while (q.next()) {
            const int feed = int(q.int64(0));
            const QString key = q.text(1);
            const QJsonObject payload = QJsonDocument::fromJson(q.text(2).toUtf8()).object();
            QString error;
            if (feed == productsFeed) {
                auto product = Product::fromJson(payload, &error);
                if (!product)
                    throw std::runtime_error(
                        QStringLiteral("stored product %1: %2").arg(key, error).toStdString());
                products.insert(key, *product);
            } else if (feed == pricesFeed) {
                auto entry = ProductPrices::fromJson(payload, &error);
                if (!entry)
                    throw std::runtime_error(
                        QStringLiteral("stored prices %1: %2").arg(key, error).toStdString());
                prices.insert(key, *entry);
            } else {
                auto entry = ProductStock::fromJson(payload, &error);
                if (!entry)
                    throw std::runtime_error(
                        QStringLiteral("stored stock %1: %2").arg(key, error).toStdString());
                terms.stock.insert(key, *entry);
            }
        }
    }
    for (const QString &sku : std::as_const(skus)) {
        pricing::ItemTerms item;
        const auto product = products.constFind(sku);
        item.inAssortment = product != products.constEnd();
        if (item.inAssortment)
            item.product = *product;
        else
            item.product.sku = sku;
        const auto entry = prices.constFind(sku);
        if (entry != prices.constEnd()) {
            item.prices = *entry;
        } else {
            item.prices.sku = sku;
            item.prices.currency = terms.currency;
        }
        terms.items.insert(sku, item);
    }
    return terms;
}

} // namespace qm
