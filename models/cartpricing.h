#pragma once

#include "core/pricing.h"
#include "models/cartstore.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QStringList>

#include <functional>

namespace qm {

class Database;

// One cart line with its price.
struct PricedCartLine
{
    CartLine line;
    pricing::PricedLine priced;
    bool knownProduct = true; // false: the cache has no terms for the SKU (flagged, unpriced)
};

// Prices a cart offline with the pricing engine the portal uses (pricing::priceLine), so the
// cart total equals what the portal quotes from the same price data. Item terms are loaded
// in one batch for all the cart's SKUs and kept: re-pricing (a new day, an edited quantity)
// loads only SKUs it has not seen, or those invalidated after a sync.
class CartPricing final
{
public:
    // Loads the terms of many SKUs at once; SKUs the cache does not know are left out.
    using TermsLoader = std::function<QHash<QString, pricing::ItemTerms>(const QStringList &skus)>;

    // Terms from the profile's cache (PricingTerms).
    explicit CartPricing(Database &db);
    // Terms from `loader` (tests, benchmarks).
    CartPricing(Database &db, TermsLoader loader);

    // The day prices apply on; today unless set.
    void setDay(QDate day);
    QDate day() const { return m_day; }

    // Reads the cart's lines and prices them.
    bool load(qint64 cartId, QString *error);
    // Prices the lines read by load() again with the cached terms (e.g. after setDay()).
    void reprice();
    // Re-reads one line after an edit and prices it (removed lines disappear).
    void refreshLine(qint64 lineId);
    // Forgets the terms of `skus` (or all of them) so the next load or reprice reloads them.
    void invalidate(const QStringList &skus);
    void invalidateAll();
    // Terms already loaded elsewhere (e.g. QuickOrderImport::terms()), used instead of
    // loading them again.
    void addTerms(const QHash<QString, pricing::ItemTerms> &terms);

    qint64 cartId() const { return m_cartId; }
    const QList<PricedCartLine> &lines() const { return m_lines; }
    // The cart's currency: that of its products' prices; empty when nothing is priced.
    QString currency() const { return m_currency; }
    pricing::CartTotals totals() const;
    // When the prices used were last synced from the portal ("prices as of").
    QDateTime pricesAsOf() const;
    // How many SKUs' terms were loaded from the cache so far (for tests: reloads are rare).
    qint64 termsLoads() const { return m_termsLoads; }

    // Writes each line's unit price, line total and note into the cache, so the cart table
    // can sort by them (CartModel). Only lines whose stored columns differ from their price
    // now are written (as read by load() and refreshLine(), or written by the last store()).
    bool store(QString *error) const;
    // How many lines the last store() wrote.
    qint64 lastStoredCount() const { return m_lastStored; }

    // The stable note of a line: the rule that won ("contract", "list",
    // "category-discount"), then what the line rules did ("raised-to-minimum"...), or why it
    // has no price ("discontinued", "unknown-product"), comma-separated.
    static QString note(const PricedCartLine &line);

private:
    void ensureTerms();
    const pricing::ItemTerms *termsOf(const QString &sku) const;
    StoredPrice priceToStore(const PricedCartLine &line) const;
    static pricing::PricedLine priceOne(const CartLine &line, const pricing::ItemTerms *terms,
                                        QDate day);

    Database &m_db;
    TermsLoader m_loader;
    QDate m_day;
    qint64 m_cartId = 0;
    QList<PricedCartLine> m_lines;
    // The terms of each line (nullptr: unknown product), valid while m_linesResolved: a
    // re-price then runs the engine only, with no lookups.
    QList<const pricing::ItemTerms *> m_lineTerms;
    bool m_linesResolved = false;
    QHash<QString, pricing::ItemTerms> m_terms; // by case-folded SKU
    QSet<QString> m_missing;                    // case-folded SKUs the cache does not know
    QString m_currency;
    qint64 m_termsLoads = 0;
    // The price columns as the cache holds them, by line id: what store() compares with.
    mutable QHash<qint64, StoredPrice> m_stored;
    mutable qint64 m_lastStored = 0;
};

} // namespace qm
