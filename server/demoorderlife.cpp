#include "server/demoorderlife.h"

#include "core/order.h"
#include "server/dbconnection.h"
#include "server/feedwriter.h"
#include "server/orderhandlers.h"

#include <QList>

namespace qm {

QString DemoOrderLife::Result::summary() const
{
    return QStringLiteral("orders advanced: %1 confirmed, %2 shipped, %3 delivered")
        .arg(confirmed)
        .arg(shipped)
        .arg(delivered);
}

DemoOrderLife::Result DemoOrderLife::advance(DbConnection &db, qint64 now)
{
    return db.write([&] {
        FeedWriter feeds(db);
        feeds.begin();
        Result result;
        struct Step
        {
            qint64 id;
            QString status;
            QString city;
        };
        QList<Step> steps;
        {
            Statement q = db.prepare(QStringLiteral(
                "SELECT o.id, o.status, COALESCE(s.city, '') FROM orders o "
                "LEFT JOIN ship_to_locations s ON s.id = o.ship_to_id WHERE o.status IN "
                "('submitted', 'approved', 'confirmed', 'shipped') ORDER BY o.id"));
            q.exec();
            while (q.next())
                steps.append(Step{q.int64(0), q.text(1), q.text(2)});
        }
        static const char *const carriers[][2] = {
            {"UPS", "https://www.ups.com/track?tracknum=%1"},
            {"FedEx Freight", "https://www.fedex.com/fedextrack/?trknbr=%1"},
            {"Estes", "https://www.estes-express.com/myestes/shipment-tracking/?query=%1"},
        };
        for (const Step &step : std::as_const(steps)) {
            if (step.status == u"submitted" || step.status == u"approved") {
                OrderHandlers::changeStatus(db, feeds, step.id, OrderStatus::Confirmed, QString(),
                                            QString(), now);
                ++result.confirmed;
            } else if (step.status == u"confirmed") {
                const auto &carrier = carriers[step.id % 3];
                const QString tracking =
                    QStringLiteral("%1%2")
                        .arg(step.id % 3 == 0 ? QStringLiteral("1Z") : QString())
                        .arg(quint64(step.id) * 7919 + quint64(now % 100000), 12, 10, QChar(u'0'));
                Statement s = db.prepare(QStringLiteral(
                    "INSERT INTO shipments (order_id, code, carrier, tracking_number, "
                    "tracking_url) VALUES (?, ?, ?, ?, ?) RETURNING id"));
                s.bind(step.id)
                    .bind(QStringLiteral("SH-%1").arg(700000 + step.id))
                    .bind(QString::fromLatin1(carrier[0]))
                    .bind(tracking)
                    .bind(QString::fromLatin1(carrier[1]).arg(tracking))
                    .exec();
                s.next();
                const qint64 shipmentId = s.int64(0);
                db.prepare(QStringLiteral("INSERT INTO shipment_events (shipment_id, at, status, "
                                          "location) VALUES (?, ?, ?, ?)"))
                    .bind(shipmentId)
                    .bind(now)
                    .bind(QStringLiteral("picked_up"))
                    .bind(QStringLiteral("Supplier warehouse"))
                    .exec();
                OrderHandlers::changeStatus(db, feeds, step.id, OrderStatus::Shipped, QString(),
                                            QString(), now);
                ++result.shipped;
            } else {
                Statement s = db.prepare(
                    QStringLiteral("SELECT id FROM shipments WHERE order_id = ? ORDER BY id"));
                s.bind(step.id).exec();
                QList<qint64> shipments;
                while (s.next())
                    shipments.append(s.int64(0));
                for (qint64 shipmentId : std::as_const(shipments))
                    db.prepare(QStringLiteral("INSERT INTO shipment_events (shipment_id, at, "
                                              "status, location) VALUES (?, ?, ?, ?)"))
                        .bind(shipmentId)
                        .bind(now)
                        .bind(QStringLiteral("delivered"))
                        .bind(step.city)
                        .exec();
                OrderHandlers::changeStatus(db, feeds, step.id, OrderStatus::Delivered, QString(),
                                            QString(), now);
                ++result.delivered;
            }
        }
        feeds.finish();
        return result;
    });
}

} // namespace qm
