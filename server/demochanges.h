#pragma once

#include <QString>

namespace qm {

class DbConnection;

// What a supplier changes in a day, applied to the demo's normalised tables and then to the
// feeds through the FeedWriter in one transaction: list price changes, scheduled price
// changes starting in the coming weeks, stock movements, and (with at least five changes)
// one product discontinued, one removed from the Bayside assortment, one added to another
// catalog's assortment and one new product, and now and then a renegotiated category
// discount. Deterministic from the seed and the database's
// current feed sequence, so repeated runs change different rows.
class DemoChanges final
{
public:
    // Returns the one-line summary; throws DbError (also when the database holds no demo).
    static QString apply(DbConnection &db, qint64 changes, quint64 seed);
};

} // namespace qm
