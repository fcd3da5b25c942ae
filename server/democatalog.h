#pragma once

#include "core/catalog.h"
#include "core/feeds.h"

#include <QDate>
#include <QList>
#include <QString>

#include <array>

namespace qm {

struct DemoCategory
{
    QString code;
    QString name;
    QString parentCode; // empty for the seven top-level categories
};

struct DemoWarehouse
{
    QString code;
    QString name;
};

// One generated product of "Harbor Industrial Supply" with everything the portal stores
// about it: the product, its list prices (volume tiers and pack prices), stock per
// warehouse, and per sales catalog whether the catalog carries it and at which contract
// prices.
struct DemoProduct
{
    static constexpr int CatalogCount = 3; // Bayside, Cedar Ridge, Northgate

    qint64 index = 0;
    int family = 0; // top-level category, 0..6
    Product product;
    QList<PriceRule> listRules;
    QList<StockLevel> stock;
    std::array<bool, CatalogCount> inCatalog{};
    std::array<QList<PriceRule>, CatalogCount> contractRules;
};

// A category discount one of the sales catalogs gets.
struct DemoDiscount
{
    int catalog = 0;
    CategoryDiscount discount;
};

// A customer part number of one account, for product `productIndex`.
struct DemoPartNumber
{
    qint64 productIndex = 0;
    CustomerPartNumber partNumber;
};

// The demo supplier's MRO catalog: fasteners, PPE, electrical, plumbing, janitorial, tools
// and packaging with realistic names, descriptions, brands, attributes, pack hierarchies
// with GTINs, list prices and stock. A pure function of (seed, index, today): product i is
// the same whatever the catalog size, and the same seed gives byte-identical payloads.
class DemoCatalog final
{
public:
    DemoCatalog(quint64 seed, QDate today);

    DemoProduct product(qint64 index) const;
    // Cheap answers that agree with product(): the top-level category of product `index`
    // and whether a catalog carries it.
    int family(qint64 index) const;
    bool carries(qint64 index, int catalog) const;

    QDate today() const { return m_today; }
    // The Monday after today (a week ahead when today is a Monday): when Bayside's new
    // contract prices start.
    QDate nextMonday() const;

    // Bayside's category discounts: gloves now, all fasteners from next Monday, and one on
    // cleaners that expired last month.
    QList<DemoDiscount> discounts() const;

    // The part numbers an account ("BMG": Bayside, "CRF": Cedar Ridge; none for others) gave
    // products of its catalog, for a demo of `products` products. Deterministic per seed.
    QList<DemoPartNumber> partNumbers(const QString &accountCode, qint64 products) const;

    static QString sku(qint64 index);
    static const QList<DemoCategory> &categories();
    static const QList<DemoWarehouse> &warehouses();
    static QString catalogCode(int catalog);
    static QString catalogName(int catalog);

private:
    bool carries(qint64 index, int family, int catalog) const;
    void addContractPrices(DemoProduct &p, int catalog) const;
    void addStock(DemoProduct &p, qint64 stockScale) const;

    quint64 m_seed;
    QDate m_today;
};

} // namespace qm
