#pragma once

#include "core/catalog.h"
#include "core/pricing.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace qm {

class DbConnection;

// An account's terms for a set of SKUs, read from the very payloads its feeds serve, so that
// the portal prices (quotes, orders) exactly as a client pricing its cached copy. A SKU without
// a live products entry is not in the account's assortment.
struct PricingTerms
{
    QString currency;
    QHash<QString, pricing::ItemTerms> items; // an entry for every SKU asked for
    QHash<QString, ProductStock> stock;       // only when asked for, and only SKUs with stock

    // Reads in the caller's transaction (one snapshot). Throws on a stored payload that does
    // not parse.
    static PricingTerms load(DbConnection &db, qint64 catalogId, const QStringList &skus,
                             bool withStock);
};

} // namespace qm
