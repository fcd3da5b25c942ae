#pragma once

#include "server/democatalog.h"

#include <QHash>
#include <QString>

#include <array>
#include <memory>

namespace qm {

class BulkInserter;
class DbConnection;
class FeedWriter;

// Writes generated demo products into the normalised tables with multi-row inserts: the
// product, attributes, packs, assortments, list and contract prices, and stock. With a
// FeedWriter it also appends the products' feed entries in the same pass (for a catalog
// generated into empty feeds); without one the caller refreshes the feeds afterwards.
class DemoProductWriter final
{
public:
    struct Ids
    {
        std::array<qint64, DemoProduct::CatalogCount> catalogs{};
        std::array<QString, DemoProduct::CatalogCount> currencies;
        QHash<QString, qint64> categories; // by code
        QHash<QString, qint64> warehouses; // by code
        // Per catalog, the category discounts its prices entries carry (those valid today or
        // later); only needed with a FeedWriter.
        std::array<QList<CategoryDiscount>, DemoProduct::CatalogCount> discounts;
    };

    DemoProductWriter(DbConnection &db, Ids ids, FeedWriter *newFeedEntries);
    ~DemoProductWriter();

    // The product gets id = index + 1.
    void add(const DemoProduct &product);
    void flush();

    // The ids of an existing demo database.
    static Ids load(DbConnection &db);

private:
    DbConnection &m_db;
    Ids m_ids;
    FeedWriter *m_feeds;
    std::unique_ptr<BulkInserter> m_products;
    std::unique_ptr<BulkInserter> m_attributes;
    std::unique_ptr<BulkInserter> m_packs;
    std::unique_ptr<BulkInserter> m_assortment;
    std::unique_ptr<BulkInserter> m_prices;
    std::unique_ptr<BulkInserter> m_stock;
    int m_buffered = 0;
    static constexpr int FlushEvery = 500;
};

} // namespace qm
