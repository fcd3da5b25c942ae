#include "server/demoorders.h"

#include "core/decimal.h"
#include "server/bulkinserter.h"
#include "server/dbconnection.h"
#include "server/democatalog.h"
#include "server/demorandom.h"
#include "server/feedwriter.h"
#include "server/orderhandlers.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QTimeZone>

#include <algorithm>
#include <optional>

namespace qm {

namespace {

constexpr quint64 OrdersStream = 11;
constexpr int HistoryWeeks = 104;

// Seasonal weight (percent) of a product family in a month (1..12).
int seasonal(int family, int month)
{
    switch (family) {
    case 1: // PPE: summer construction and yard season
        return (month >= 5 && month <= 8) ? 170 : 90;
    case 4: // janitorial: cold and flu season
        return (month >= 11 || month <= 3) ? 180 : 80;
    default:
        return 100;
    }
}

struct Line
{
    QString sku;
    QString description;
    QString uom;
    qint64 productId = 0;
    qint64 quantity = 0;
    qint64 unitPrice = 0;
};

struct HistoryOrder
{
    qint64 accountId = 0;
    qint64 userId = 0;
    qint64 shipToId = 0;
    QDateTime placedAt;
    QList<Line> lines;
};

} // namespace

qint64 DemoOrders::generate(DbConnection &db, FeedWriter &feeds, const DemoCatalog &catalog,
                            qint64 productCount, const QList<Account> &accounts, quint64 seed)
{
    const QDate today = catalog.today();
    QHash<qint64, DemoProduct> generated; // products are generated once however often ordered
    const auto productAt = [&](qint64 index) -> const DemoProduct & {
        auto it = generated.find(index);
        if (it == generated.end())
            it = generated.insert(index, catalog.product(index));
        return *it;
    };

    QList<HistoryOrder> orders;
    for (const Account &account : accounts) {
        DemoRandom r = DemoRandom::forKey(seed, OrdersStream, quint64(account.id));
        // A product of `family` that the account's catalog carries (cheap checks first).
        const auto drawProduct = [&](int family) -> qint64 {
            for (int attempt = 0; attempt < 5000; ++attempt) {
                const qint64 index = qint64(r.next() % quint64(productCount));
                if ((attempt >= 4000 || catalog.family(index) == family) &&
                    catalog.carries(index, account.catalog))
                    return index;
            }
            return -1;
        };
        const auto drawFamily = [&](int month) {
            std::array<int, 7> weights{};
            int total = 0;
            for (int f = 0; f < 7; ++f)
                total += weights[f] = account.familyWeights[f] * seasonal(f, month);
            int roll = r.below(total);
            int family = 0;
            while (family < 6 && roll >= weights[family])
                roll -= weights[family++];
            return family;
        };
        // Most lines are the account's regular items, reordered again and again.
        std::array<QList<qint64>, 7> regulars;
        for (int i = 0; i < 120; ++i) {
            const int family = drawFamily(6);
            const qint64 index = drawProduct(family);
            if (index >= 0)
                regulars[catalog.family(index)].append(index);
        }

        for (int week = HistoryWeeks; week >= 1; --week) {
            const QDate monday = today.addDays(-7 * week - (today.dayOfWeek() - 1));
            const int month = monday.month();
            int expected = account.ordersPerWeek * 100;
            if (account.marine && month >= 3 && month <= 5)
                expected = expected * 170 / 100; // spring commissioning
            if (account.marine && (month == 12 || month <= 1))
                expected = expected * 60 / 100;
            int count = expected / 100 + (r.below(100) < expected % 100 ? 1 : 0);
            if (r.percent(25))
                count += r.between(-1, 1);
            for (int n = 0; n < count; ++n) {
                HistoryOrder order;
                order.accountId = account.id;
                order.userId = r.pick(account.userIds);
                order.shipToId = r.pick(account.shipToIds);
                const QDate day = monday.addDays(r.below(5));
                if (day >= today)
                    continue;
                order.placedAt = QDateTime(day, QTime(r.between(7, 17), r.below(60), r.below(60)),
                                           QTimeZone::utc());

                const int lineCount = r.between(2, 14);
                QSet<qint64> onOrder;
                for (int l = 0; l < lineCount; ++l) {
                    const int family = drawFamily(month);
                    const qint64 index = !regulars[family].isEmpty() && r.percent(75)
                                             ? r.pick(regulars[family])
                                             : drawProduct(family);
                    if (index < 0 || onOrder.contains(index))
                        continue;
                    onOrder.insert(index);
                    const DemoProduct &chosen = productAt(index);
                    const Product &product = chosen.product;
                    Line line;
                    line.sku = product.sku;
                    line.description = product.name;
                    line.uom = product.baseUom;
                    line.productId = chosen.index + 1;
                    const qint64 step = qMax<qint64>(1, product.orderMultiple);
                    line.quantity = qMax(product.minOrderQty,
                                         step * r.between(1, product.orderMultiple > 1 ? 10 : 24));
                    const auto quote =
                        resolvePrice(chosen.listRules + chosen.contractRules[account.catalog],
                                     line.uom, line.quantity, day);
                    if (!quote)
                        continue;
                    line.unitPrice = quote->unitPrice.units();
                    order.lines.append(line);
                }
                if (!order.lines.isEmpty())
                    orders.append(order);
            }
        }
    }
    std::stable_sort(
        orders.begin(), orders.end(),
        [](const HistoryOrder &a, const HistoryOrder &b) { return a.placedAt < b.placedAt; });

    BulkInserter orderRows(
        db, QStringLiteral("orders"),
        {QStringLiteral("id"), QStringLiteral("account_id"), QStringLiteral("user_id"),
         QStringLiteral("ship_to_id"), QStringLiteral("number"), QStringLiteral("placed_at"),
         QStringLiteral("status"), QStringLiteral("currency"), QStringLiteral("total")},
        false);
    BulkInserter lineRows(db, QStringLiteral("order_lines"),
                          {QStringLiteral("order_id"), QStringLiteral("line_no"),
                           QStringLiteral("product_id"), QStringLiteral("sku"),
                           QStringLiteral("description"), QStringLiteral("uom"),
                           QStringLiteral("quantity"), QStringLiteral("unit_price")},
                          false);
    BulkInserter eventRows(db, QStringLiteral("order_events"),
                           {QStringLiteral("order_id"), QStringLiteral("at"),
                            QStringLiteral("status"), QStringLiteral("by_name"),
                            QStringLiteral("note")},
                           false);
    BulkInserter shipmentRows(db, QStringLiteral("shipments"),
                              {QStringLiteral("id"), QStringLiteral("order_id"),
                               QStringLiteral("code"), QStringLiteral("carrier"),
                               QStringLiteral("tracking_number"), QStringLiteral("tracking_url")},
                              false);
    BulkInserter shipmentEventRows(db, QStringLiteral("shipment_events"),
                                   {QStringLiteral("shipment_id"), QStringLiteral("at"),
                                    QStringLiteral("status"), QStringLiteral("location")},
                                   false);
    QHash<qint64, QString> userNames;
    {
        Statement q = db.prepare(QStringLiteral("SELECT id, display_name FROM users"));
        q.exec();
        while (q.next())
            userNames.insert(q.int64(0), q.text(1));
    }
    QHash<qint64, QString> shipToCities;
    {
        Statement q = db.prepare(QStringLiteral("SELECT id, city, region FROM ship_to_locations"));
        q.exec();
        while (q.next())
            shipToCities.insert(q.int64(0), q.text(1) + QStringLiteral(", ") + q.text(2));
    }
    static const char *const carriers[][2] = {
        {"UPS", "https://www.ups.com/track?tracknum=%1"},
        {"FedEx Freight", "https://www.fedex.com/fedextrack/?trknbr=%1"},
        {"Estes", "https://www.estes-express.com/myestes/shipment-tracking/?query=%1"},
    };
    const QVariant nullText(QMetaType::fromType<QString>());
    const QDateTime now(today, QTime(0, 0), QTimeZone::utc());
    qint64 id = 0;
    QList<qint64> orderAccounts;
    orderAccounts.reserve(orders.size());
    for (const HistoryOrder &order : std::as_const(orders)) {
        ++id;
        orderAccounts.append(order.accountId);
        qint64 total = 0;
        int lineNo = 0;
        for (const Line &line : order.lines) {
            // Line totals are rounded to the cent, and the order's total is their sum, as
            // for orders placed through the API (pricing::totals).
            total += Decimal::fromUnits(line.unitPrice * line.quantity).rounded(2).units();
            lineRows.add({id, ++lineNo, line.productId, line.sku, line.description, line.uom,
                          line.quantity, line.unitPrice});
        }
        const qint64 ageDays = order.placedAt.daysTo(now);
        const QString status = ageDays > 10  ? QStringLiteral("delivered")
                               : ageDays > 2 ? QStringLiteral("shipped")
                                             : QStringLiteral("confirmed");
        orderRows.add({id, order.accountId, order.userId, order.shipToId,
                       QStringLiteral("SO-%1").arg(300000 + id),
                       order.placedAt.toString(Qt::ISODate), status, QStringLiteral("USD"), total});

        const qint64 placed = order.placedAt.toSecsSinceEpoch();
        eventRows.add(
            {id, placed, QStringLiteral("submitted"), userNames.value(order.userId), nullText});
        eventRows.add({id, placed + 2 * 3600, QStringLiteral("confirmed"), nullText, nullText});
        if (ageDays > 2) {
            const qint64 shippedAt = placed + 26 * 3600;
            const auto &carrier = carriers[id % 3];
            const QString tracking =
                QStringLiteral("%1%2")
                    .arg(id % 3 == 0 ? QStringLiteral("1Z") : QString())
                    .arg(quint64(seed % 1000000) * 1000003 + quint64(id) * 7919, 12, 10,
                         QChar(u'0'));
            shipmentRows.add({id, id, QStringLiteral("SH-%1").arg(500000 + id),
                              QString::fromLatin1(carrier[0]), tracking,
                              QString::fromLatin1(carrier[1]).arg(tracking)});
            shipmentEventRows.add(
                {id, shippedAt, QStringLiteral("picked_up"), QStringLiteral("Supplier warehouse")});
            eventRows.add({id, shippedAt, QStringLiteral("shipped"), nullText, nullText});
            if (ageDays > 10) {
                const qint64 deliveredAt = placed + 3 * 86400;
                shipmentEventRows.add({id, deliveredAt, QStringLiteral("delivered"),
                                       shipToCities.value(order.shipToId)});
                eventRows.add({id, deliveredAt, QStringLiteral("delivered"), nullText, nullText});
            }
        }
    }
    orderRows.flush();
    lineRows.flush();
    eventRows.flush();
    shipmentRows.flush();
    shipmentEventRows.flush();
    for (qint64 orderId = 1; orderId <= id; ++orderId) {
        const auto order = OrderHandlers::load(db, orderId);
        feeds.appendNew(orderAccounts.at(orderId - 1), Feed::Orders, order->number,
                        canonicalJson(order->toJson()));
    }
    return id;
}

} // namespace qm
