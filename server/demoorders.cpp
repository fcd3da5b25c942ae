#include "server/demoorders.h"

#include "server/bulkinserter.h"
#include "server/dbconnection.h"
#include "server/democatalog.h"
#include "server/demorandom.h"

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

struct Order
{
    qint64 accountId = 0;
    qint64 userId = 0;
    qint64 shipToId = 0;
    QDateTime placedAt;
    QList<Line> lines;
};

} // namespace

qint64 DemoOrders::generate(DbConnection &db, const DemoCatalog &catalog, qint64 productCount,
                            const QList<Account> &accounts, quint64 seed)
{
    const QDate today = catalog.today();
    QHash<qint64, DemoProduct> generated; // products are generated once however often ordered
    const auto productAt = [&](qint64 index) -> const DemoProduct & {
        auto it = generated.find(index);
        if (it == generated.end())
            it = generated.insert(index, catalog.product(index));
        return *it;
    };

    QList<Order> orders;
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
                Order order;
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
    std::stable_sort(orders.begin(), orders.end(),
                     [](const Order &a, const Order &b) { return a.placedAt < b.placedAt; });

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
    const QDateTime now(today, QTime(0, 0), QTimeZone::utc());
    qint64 id = 0;
    for (const Order &order : std::as_const(orders)) {
        ++id;
        qint64 total = 0;
        int lineNo = 0;
        for (const Line &line : order.lines) {
            total += line.unitPrice * line.quantity;
            lineRows.add({id, ++lineNo, line.productId, line.sku, line.description, line.uom,
                          line.quantity, line.unitPrice});
        }
        const qint64 ageDays = order.placedAt.daysTo(now);
        const QString status = ageDays > 10  ? QStringLiteral("delivered")
                               : ageDays > 2 ? QStringLiteral("shipped")
                                             : QStringLiteral("open");
        orderRows.add({id, order.accountId, order.userId, order.shipToId,
                       QStringLiteral("SO-%1").arg(300000 + id),
                       order.placedAt.toString(Qt::ISODate), status, QStringLiteral("USD"), total});
    }
    orderRows.flush();
    lineRows.flush();
    return id;
}

} // namespace qm
