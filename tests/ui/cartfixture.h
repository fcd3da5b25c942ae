#pragma once

#include "models/catalogfixtures.h"

#include "models/database.h"

#include <QTemporaryDir>

#include <memory>

// A cache for the cart screens, filled through the catalog store from feed pages:
//   HB-100  hex bolt: each and box of 100; list 0.50, contract 0.40 per each; in stock
//   GL-200  nitrile gloves: minimum 10, multiple 10; list 0.25; out of stock, lead time 7
//   OLD-300 discontinued; list 2.00
//   WS-400  washer; list 0.05 each, 0.04 from 1,000 (a tier); in stock
namespace qm::test {

struct CartFixture
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;

    // `partNumbers`: the account's own codes for products (can make a code ambiguous).
    explicit CartFixture(const QList<CustomerPartNumber> &partNumbers = {})
    {
        QString error;
        db = Database::open(dir.filePath(QStringLiteral("cache.sqlite")), &error);
        if (!db)
            qFatal("cannot open the cache: %s", qPrintable(error));
        Product bolt = product(QStringLiteral("HB-100"), QStringLiteral("Hex bolt M10"), 1);
        Product gloves = product(QStringLiteral("GL-200"), QStringLiteral("Nitrile gloves"), 2);
        gloves.minOrderQty = 10;
        gloves.orderMultiple = 10;
        Product old = product(QStringLiteral("OLD-300"), QStringLiteral("Old bracket"), 3);
        old.discontinued = true;
        Product washer = product(QStringLiteral("WS-400"), QStringLiteral("Flat washer M10"), 4);
        CatalogStore catalog(*db);
        using K = PriceRule::Kind;
        const bool filled = fillCache(
            catalog, {bolt, gloves, old, washer},
            {prices(bolt.sku, {rule(K::List, "EA", 1, "0.50"), rule(K::Contract, "EA", 1, "0.40")}),
             prices(gloves.sku, {rule(K::List, "EA", 1, "0.25")}),
             prices(old.sku, {rule(K::List, "EA", 1, "2.00")}),
             prices(washer.sku,
                    {rule(K::List, "EA", 1, "0.05"), rule(K::List, "EA", 1000, "0.04")})},
            {stock(bolt.sku, {5000, 200}), stock(gloves.sku, {0}), stock(old.sku, {3}),
             stock(washer.sku, {100000})},
            partNumbers);
        if (!filled)
            qFatal("cannot fill the cache");
    }

    static QString boltEachGtin() { return gtin13(10); }
    static QString boltBoxGtin() { return gtin13(11); }
};

} // namespace qm::test
