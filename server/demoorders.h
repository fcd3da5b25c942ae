#pragma once

#include <QList>
#include <QString>

#include <array>

namespace qm {

class DbConnection;
class DemoCatalog;
class FeedWriter;

// Two years of order history for the demo accounts, with seasonality: janitorial supplies
// peak in winter, PPE in summer, and the marine accounts order more in spring when boats
// are commissioned. Lines are priced with the account's prices on the order date (the core
// pricing rule). Deterministic from the seed, except for the feed's sequence numbers.
class DemoOrders final
{
public:
    struct Account
    {
        qint64 id = 0;
        int catalog = 0;       // DemoProduct catalog index
        QList<qint64> userIds; // who places orders (buyers, sometimes approvers)
        QList<qint64> shipToIds;
        int ordersPerWeek = 2;
        std::array<int, 7>
            familyWeights{}; // fasteners, PPE, electrical, plumbing, janitorial, tools, packaging
        bool marine = false;
    };

    // Inserts the orders, their lines, timelines and shipments (delivered orders were shipped
    // and delivered, recent ones confirmed), and each order's entry in the orders feed through
    // `feeds` (begun, feeds still empty); returns the number of orders.
    static qint64 generate(DbConnection &db, FeedWriter &feeds, const DemoCatalog &catalog,
                           qint64 productCount, const QList<Account> &accounts, quint64 seed);
};

} // namespace qm
