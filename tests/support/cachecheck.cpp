#include "support/cachecheck.h"

#include "support/httpclient.h"

#include "models/catalogquery.h"
#include "models/catalogstore.h"
#include "models/coderesolver.h"
#include "models/database.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace qm::test {

Reference::Reference(const QUrl &portal, const QString &username, const QString &password)
{
    HttpClient http(portal);
    const QString token = http.accessToken(username, password);
    if (token.isEmpty()) {
        error = QStringLiteral("cannot sign in as %1").arg(username);
        return;
    }
    for (Feed f : catalogFeeds()) {
        FeedPull pull = pullFeed(http, token, f, 5000);
        if (!pull.converged())
            error += QStringLiteral("%1: %2; ").arg(feedName(f), pull.error);
        feeds.insert(f, std::move(pull));
    }
}

QString compareCache(const QString &cachePath, const Reference &reference)
{
    QString error;
    const auto db = Database::open(cachePath, &error);
    if (!db)
        return error;
    CatalogStore store(*db);
    CatalogQuery query(*db);
    for (Feed f : catalogFeeds()) {
        const FeedPull &server = reference.feeds.value(f);
        const FeedState state = store.state(f);
        if (store.recount(f) != server.serverCount || state.count != server.serverCount)
            return QStringLiteral("%1: %2 entries (running count %3), the portal has %4")
                .arg(feedName(f))
                .arg(store.recount(f))
                .arg(state.count)
                .arg(server.serverCount);
        if (store.recomputeDigest(f) != server.serverHash || state.digest != server.serverHash)
            return QStringLiteral("%1: digest %2, the portal's is %3")
                .arg(feedName(f), store.recomputeDigest(f).toHex(), server.serverHash.toHex());
        if (!state.verifiedAt.isValid() || state.resyncing)
            return QStringLiteral("%1 is not verified").arg(feedName(f));
    }
    const FeedPull &products = reference.feeds.value(Feed::Products);
    if (query.productCount() != products.serverCount)
        return QStringLiteral("%1 products in the cache, the feed counts %2")
            .arg(query.productCount())
            .arg(products.serverCount);
    // The full-text index is complete and indexes every product by what the products table
    // holds now (FTS5 compares an external content index with its table when given 1).
    {
        QSqlQuery q(db->connection());
        if (!q.exec(
                QStringLiteral("SELECT index_pending FROM sync_state WHERE feed = 'products'")) ||
            !q.next())
            return QStringLiteral("cannot read whether the index is pending: %1")
                .arg(q.lastError().text());
        if (q.value(0).toInt() != 0)
            return QStringLiteral("the full-text index is still pending");
        if (!q.exec(QStringLiteral(
                "INSERT INTO products_fts(products_fts, rank) VALUES ('integrity-check', 1)")))
            return QStringLiteral("the full-text index does not match the products: %1")
                .arg(q.lastError().text());
    }

    // Every 97th entry read back through CatalogQuery equals the portal's payload.
    int i = 0;
    for (auto it = products.entries.cbegin(); it != products.entries.cend(); ++it, ++i) {
        if (i % 97 != 0)
            continue;
        const auto details = query.product(it.key());
        if (!details)
            return QStringLiteral("CatalogQuery does not find %1").arg(it.key());
        if (canonicalJson(details->product.toJson()) != it.value())
            return QStringLiteral("product %1 differs:\n cache  %2\n portal %3")
                .arg(it.key(), QString::fromUtf8(canonicalJson(details->product.toJson())),
                     QString::fromUtf8(it.value()));
        const QByteArray prices = reference.feeds.value(Feed::Prices).entries.value(it.key());
        if (!prices.isEmpty() &&
            (!details->prices || canonicalJson(details->prices->toJson()) != prices))
            return QStringLiteral("prices of %1 differ").arg(it.key());
        const QByteArray stock = reference.feeds.value(Feed::Stock).entries.value(it.key());
        if (!stock.isEmpty() &&
            (!details->stock || canonicalJson(details->stock->toJson()) != stock))
            return QStringLiteral("stock of %1 differs").arg(it.key());
        // Found by any of its GTINs too.
        for (const Pack &pack : details->product.packs) {
            if (pack.gtin.isEmpty())
                continue;
            const auto byGtin = query.product(pack.gtin);
            if (!byGtin || byGtin->product.sku != it.key())
                return QStringLiteral("GTIN %1 does not find %2").arg(pack.gtin, it.key());
        }
    }

    // Every part number of the account resolves to the product the portal names, and is
    // listed with that product.
    const FeedPull &partNumbers = reference.feeds.value(Feed::PartNumbers);
    const QHash<QString, QList<CodeMatch>> resolved =
        CodeResolver(*db).resolveMany(partNumbers.entries.keys());
    for (auto it = partNumbers.entries.cbegin(); it != partNumbers.entries.cend(); ++it) {
        const auto entry =
            CustomerPartNumber::fromJson(QJsonDocument::fromJson(it.value()).object(), &error);
        if (!entry)
            return QStringLiteral("part number %1: %2").arg(it.key(), error);
        const QList<CodeMatch> matches = resolved.value(it.key());
        const bool found = std::any_of(matches.cbegin(), matches.cend(), [&](const CodeMatch &m) {
            return m.by == CodeMatch::By::PartNumber && m.sku == entry->sku;
        });
        if (!found)
            return QStringLiteral("part number %1 does not resolve to %2")
                .arg(it.key(), entry->sku);
        const auto details = query.product(entry->sku);
        if (details && !details->partNumbers.contains(*entry))
            return QStringLiteral("%1 does not list part number %2").arg(entry->sku, it.key());
    }
    return {};
}

} // namespace qm::test
