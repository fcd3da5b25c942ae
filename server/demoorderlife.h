#pragma once

#include <QString>

namespace qm {

class DbConnection;

// The demo supplier's side of an order's life: each call moves every order one step on —
// submitted or approved to confirmed, confirmed to shipped (a shipment with a carrier,
// tracking number and tracking link), shipped to delivered — with timeline and shipment
// events, and writes each changed order to the orders feed. Orders waiting for approval,
// rejected, delivered or cancelled stay as they are. Runs in one write transaction.
class DemoOrderLife final
{
public:
    struct Result
    {
        int confirmed = 0;
        int shipped = 0;
        int delivered = 0;
        QString summary() const;
    };

    // `now` is Unix seconds.
    static Result advance(DbConnection &db, qint64 now);
};

} // namespace qm
