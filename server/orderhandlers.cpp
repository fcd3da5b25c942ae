#include "server/orderhandlers.h"

#include "core/account.h"
#include "core/feeds.h"
#include "core/permissions.h"
#include "core/pricing.h"
#include "core/problem.h"
#include "server/apihandlers.h"
#include "server/connectionpool.h"
#include "server/dbconnection.h"
#include "server/feedwriter.h"
#include "server/httprequest.h"
#include "server/idempotency.h"
#include "server/idempotentwrite.h"
#include "server/pricingterms.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLoggingCategory>
#include <QSet>
#include <QTimeZone>

#include <functional>

namespace qm {

namespace {

Q_LOGGING_CATEGORY(lcOrders, "qm.portal.orders")

const QString OpenStatuses = QStringLiteral(
    "('submitted', 'pending_approval', 'approved', 'confirmed', 'partially_shipped')");

HttpReply notFound(const QString &number)
{
    return HttpReply::problem(problems::NotFound, 404,
                              QStringLiteral("There is no order %1.").arg(number));
}

QString moneyText(qint64 units, int digits)
{
    return Decimal::fromUnits(units).rounded(digits).toString(digits);
}

// A stored answer sent again. Location is rebuilt from the order's number in the body.
HttpReply replayed(const IdempotencyStore::Response &stored)
{
    HttpReply reply = idempotent::replayed(stored);
    if (stored.status == 201) {
        const QString number =
            QJsonDocument::fromJson(stored.body).object().value(u"number").toString();
        reply.withHeader(QByteArrayLiteral("Location"),
                         QByteArrayLiteral("/api/v1/orders/") + number.toUtf8());
    }
    return reply;
}

QString displayName(DbConnection &db, qint64 userId)
{
    Statement q = db.prepare(QStringLiteral("SELECT display_name FROM users WHERE id = ?"));
    q.bind(userId).exec();
    return q.next() ? q.text(0) : QString();
}

// Claims the key (kept for ever) and runs `work` in the write transaction with the feed
// sequence locked; the reply is stored for the key in that same transaction.
HttpReply runClaimed(DbConnection &db, const HttpRequest &request,
                     const IdempotencyStore::Scope &scope, const idempotent::Work &work)
{
    return idempotent::run(db, request, scope, IdempotencyStore::Retention::Forever,
                           QStringLiteral("use a new key for a new order."), replayed, work);
}

// Codes of the categories with an approval rule for the account, and of every category below
// them.
QSet<QString> approvalCategories(DbConnection &db, qint64 accountId)
{
    QList<qint64> ids;
    {
        Statement q = db.prepare(
            QStringLiteral("SELECT category_id FROM approval_rules WHERE account_id = ?"));
        q.bind(accountId).exec();
        while (q.next())
            ids.append(q.int64(0));
    }
    QSet<QString> codes;
    for (qsizetype i = 0; i < ids.size(); ++i) {
        Statement c = db.prepare(QStringLiteral("SELECT code FROM categories WHERE id = ?"));
        c.bind(ids.at(i)).exec();
        if (c.next())
            codes.insert(c.text(0));
        Statement q = db.prepare(QStringLiteral("SELECT id FROM categories WHERE parent_id = ?"));
        q.bind(ids.at(i)).exec();
        while (q.next())
            ids.append(q.int64(0));
    }
    return codes;
}

struct Credit
{
    qint64 limit = 0;
    qint64 balance = 0;
    qint64 open = 0;
    qint64 available() const { return limit - balance - open; }
};

Credit creditOf(DbConnection &db, qint64 accountId)
{
    Credit c;
    Statement a =
        db.prepare(QStringLiteral("SELECT credit_limit, balance FROM accounts WHERE id = ?"));
    a.bind(accountId).exec();
    if (a.next()) {
        c.limit = a.int64(0);
        c.balance = a.int64(1);
    }
    Statement o = db.prepare(
        QStringLiteral("SELECT COALESCE(SUM(total), 0) FROM orders WHERE account_id = ? AND "
                       "status IN ") +
        OpenStatuses);
    o.bind(accountId).exec();
    if (o.next())
        c.open = o.int64(0);
    return c;
}

QJsonObject ruleJson(const pricing::AppliedRule &rule)
{
    QJsonObject o{{QStringLiteral("source"), pricing::sourceName(rule.source)},
                  {QStringLiteral("uom"), rule.uom},
                  {QStringLiteral("min_qty"), rule.minQty}};
    if (rule.source == pricing::AppliedRule::Source::CategoryDiscount) {
        o.insert(QStringLiteral("percent"), rule.percent.toString());
        o.insert(QStringLiteral("category"), rule.category);
    }
    return o;
}

// Stock of `line` in its packs, and when more is expected.
struct Availability
{
    qint64 packs = 0;
    QDate availableOn; // null: unknown
    int leadTimeDays = 0;
};

Availability availability(const ProductStock &stock, qint64 packQuantity, QDate today)
{
    Availability a;
    a.packs = stock.totalOnHand() / qMax<qint64>(1, packQuantity);
    int lead = -1;
    for (const StockLevel &level : stock.levels) {
        if (level.nextReceiptDate.isValid() &&
            (!a.availableOn.isValid() || level.nextReceiptDate < a.availableOn))
            a.availableOn = level.nextReceiptDate;
        if (lead < 0 || level.leadTimeDays < lead)
            lead = level.leadTimeDays;
    }
    a.leadTimeDays = qMax(0, lead);
    if (!a.availableOn.isValid() && lead >= 0)
        a.availableOn = today.addDays(lead);
    return a;
}

std::optional<qint64> orderIdByNumber(DbConnection &db, qint64 accountId, const QString &number)
{
    Statement q =
        db.prepare(QStringLiteral("SELECT id FROM orders WHERE account_id = ? AND number = ?"));
    q.bind(accountId).bind(number).exec();
    if (!q.next())
        return std::nullopt;
    return q.int64(0);
}

} // namespace

OrderHandlers::OrderHandlers(ConnectionPool &connections, ApiHandlers &api)
    : m_connections(connections)
    , m_api(api)
{}

std::optional<Order> OrderHandlers::load(DbConnection &db, qint64 orderId)
{
    Statement q = db.prepare(QStringLiteral(
        "SELECT o.number, o.client_order_id, o.status, o.version, o.placed_at, u.display_name, "
        "s.code, o.po_number, o.requested_delivery, o.notes, o.currency, o.total, "
        "o.approval_required, o.approval_reason, o.decided_by, o.decided_at, "
        "o.decision_comment FROM orders o LEFT JOIN users u ON u.id = o.user_id "
        "LEFT JOIN ship_to_locations s ON s.id = o.ship_to_id WHERE o.id = ?"));
    q.bind(orderId).exec();
    if (!q.next())
        return std::nullopt;
    Order order;
    order.number = q.text(0);
    order.clientOrderId = q.isNull(1) ? QString() : q.text(1);
    order.status = orderStatusFromName(q.text(2)).value_or(OrderStatus::Confirmed);
    order.sequence = q.int64(3);
    order.placedAt = QDateTime::fromString(q.text(4), Qt::ISODate).toUTC();
    order.placedBy = q.isNull(5) ? QString() : q.text(5);
    order.shipTo = q.isNull(6) ? QString() : q.text(6);
    order.poNumber = q.isNull(7) ? QString() : q.text(7);
    if (!q.isNull(8))
        order.requestedDelivery = QDate::fromString(q.text(8), Qt::ISODate);
    order.notes = q.isNull(9) ? QString() : q.text(9);
    order.currency = q.text(10);
    const int digits = currencyMinorDigits(order.currency);
    order.subtotal = Decimal::fromUnits(q.int64(11)).rounded(digits);
    order.approval.required = q.int64(12) != 0;
    order.approval.reason = q.isNull(13) ? QString() : q.text(13);
    order.approval.decidedBy = q.isNull(14) ? QString() : q.text(14);
    if (!q.isNull(15))
        order.approval.decidedAt = QDateTime::fromSecsSinceEpoch(q.int64(15), QTimeZone::utc());
    order.approval.comment = q.isNull(16) ? QString() : q.text(16);

    Statement lines =
        db.prepare(QStringLiteral("SELECT line_no, sku, description, uom, quantity, unit_price, "
                                  "price_rule, backordered, expected_on FROM order_lines "
                                  "WHERE order_id = ? ORDER BY line_no"));
    lines.bind(orderId).exec();
    while (lines.next()) {
        OrderLine line;
        line.lineNo = int(lines.int64(0));
        line.sku = lines.text(1);
        line.description = lines.text(2);
        line.uom = lines.text(3);
        line.quantity = lines.int64(4);
        line.unitPrice = Decimal::fromUnits(lines.int64(5));
        line.lineTotal = line.unitPrice.times(line.quantity).value_or(Decimal()).rounded(digits);
        line.priceRule = lines.isNull(6) ? QString() : lines.text(6);
        line.backordered = lines.int64(7);
        if (!lines.isNull(8))
            line.expectedOn = QDate::fromString(lines.text(8), Qt::ISODate);
        order.lines.append(line);
    }

    Statement events = db.prepare(QStringLiteral(
        "SELECT at, status, by_name, note FROM order_events WHERE order_id = ? ORDER BY id"));
    events.bind(orderId).exec();
    while (events.next()) {
        OrderEvent e;
        e.at = QDateTime::fromSecsSinceEpoch(events.int64(0), QTimeZone::utc());
        e.status = orderStatusFromName(events.text(1)).value_or(OrderStatus::Confirmed);
        e.by = events.isNull(2) ? QString() : events.text(2);
        e.note = events.isNull(3) ? QString() : events.text(3);
        order.timeline.append(e);
    }

    Statement shipments = db.prepare(
        QStringLiteral("SELECT id, code, carrier, tracking_number, tracking_url FROM shipments "
                       "WHERE order_id = ? ORDER BY id"));
    shipments.bind(orderId).exec();
    QList<qint64> shipmentIds;
    while (shipments.next()) {
        Shipment s;
        shipmentIds.append(shipments.int64(0));
        s.id = shipments.text(1);
        s.carrier = shipments.text(2);
        s.trackingNumber = shipments.text(3);
        s.trackingUrl = shipments.isNull(4) ? QString() : shipments.text(4);
        order.shipments.append(s);
    }
    for (qsizetype i = 0; i < shipmentIds.size(); ++i) {
        Statement se = db.prepare(QStringLiteral("SELECT at, status, location FROM "
                                                 "shipment_events WHERE shipment_id = ? "
                                                 "ORDER BY id"));
        se.bind(shipmentIds.at(i)).exec();
        while (se.next())
            order.shipments[i].events.append(
                ShipmentEvent{QDateTime::fromSecsSinceEpoch(se.int64(0), QTimeZone::utc()),
                              se.text(1), se.isNull(2) ? QString() : se.text(2)});
    }
    return order;
}

Order OrderHandlers::changeStatus(DbConnection &db, FeedWriter &feeds, qint64 orderId,
                                  OrderStatus status, const QString &by, const QString &note,
                                  qint64 now)
{
    db.prepare(QStringLiteral("UPDATE orders SET status = ?, version = version + 1 WHERE id = ?"))
        .bind(orderStatusName(status))
        .bind(orderId)
        .exec();
    db.prepare(QStringLiteral("INSERT INTO order_events (order_id, at, status, by_name, note) "
                              "VALUES (?, ?, ?, ?, ?)"))
        .bind(orderId)
        .bind(now)
        .bind(orderStatusName(status))
        .bindText(by.isEmpty() ? QString() : by)
        .bindText(note.isEmpty() ? QString() : note)
        .exec();
    Statement account = db.prepare(QStringLiteral("SELECT account_id FROM orders WHERE id = ?"));
    account.bind(orderId).exec();
    account.next();
    const qint64 accountId = account.int64(0);
    const auto order = load(db, orderId);
    feeds.putOrder(accountId, *order);
    return *order;
}

HttpReply OrderHandlers::submit(HttpRequest &request)
{
    DbConnection &db = m_connections.local();
    HttpReply error;
    const auto user = m_api.authorize(request, db, capabilities::OrdersSubmit, &error);
    if (!user)
        return error;
    const auto key = idempotent::key(request, &error);
    if (!key)
        return error;
    if (request.mediaType() != "application/json")
        return HttpReply::problem(problems::UnsupportedMediaType, 415,
                                  QStringLiteral("Send the order as application/json."));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return HttpReply::problem(problems::MalformedJson, 400,
                                  QStringLiteral("%1 at offset %2.")
                                      .arg(parseError.errorString())
                                      .arg(parseError.offset));
    QList<FieldError> errors;
    std::optional<OrderSubmission> submission;
    if (doc.isObject())
        submission = OrderSubmission::fromJson(doc.object(), &errors);
    else
        errors.append(FieldError{QString(), QStringLiteral("must be a JSON object")});
    if (!submission) {
        QJsonArray array;
        for (const FieldError &e : std::as_const(errors))
            array.append(e.toJson());
        return HttpReply::problem(
            problems::InvalidOrder, 422,
            QStringLiteral("The order has %1 problem(s); see 'errors'.").arg(errors.size()),
            QJsonObject{{QStringLiteral("errors"), array}});
    }
    if (QString::fromLatin1(*key) != submission->clientOrderId)
        return HttpReply::problem(
            problems::IdempotencyKeyMismatch, 422,
            QStringLiteral("The Idempotency-Key must equal the order's client_order_id (%1).")
                .arg(submission->clientOrderId));

    const IdempotencyStore::Scope scope{user->accountId, user->userId, submission->clientOrderId};
    const OrderSubmission &s = *submission;
    return runClaimed(db, request, scope, [&](FeedWriter &feeds, qint64 now) -> HttpReply {
        // The key is the user's; the order id must be unique in the whole account.
        {
            Statement q = db.prepare(QStringLiteral(
                "SELECT number FROM orders WHERE account_id = ? AND client_order_id = ?"));
            q.bind(user->accountId).bind(s.clientOrderId).exec();
            if (q.next())
                return HttpReply::problem(
                    problems::IdempotencyKeyReused, 422,
                    QStringLiteral("Order %1 of your account already has this client_order_id.")
                        .arg(q.text(0)));
        }
        qint64 shipToId = 0;
        {
            Statement q = db.prepare(QStringLiteral(
                "SELECT id, active FROM ship_to_locations WHERE account_id = ? AND code = ?"));
            q.bind(user->accountId).bind(s.shipTo).exec();
            if (!q.next())
                return HttpReply::problem(
                    problems::UnknownShipTo, 422,
                    QStringLiteral("'%1' is not one of your account's ship-to locations.")
                        .arg(s.shipTo),
                    QJsonObject{{QStringLiteral("errors"),
                                 QJsonArray{FieldError{QStringLiteral("/ship_to"),
                                                       QStringLiteral("unknown location code")}
                                                .toJson()}}});
            if (q.int64(1) == 0)
                return HttpReply::problem(
                    problems::ShipToInactive, 422,
                    QStringLiteral("The ship-to location '%1' was deactivated and takes no new "
                                   "orders; choose another location.")
                        .arg(s.shipTo),
                    QJsonObject{{QStringLiteral("errors"),
                                 QJsonArray{FieldError{QStringLiteral("/ship_to"),
                                                       QStringLiteral("location is inactive")}
                                                .toJson()}}});
            shipToId = q.int64(0);
        }

        const QDate today = QDateTime::fromSecsSinceEpoch(now, QTimeZone::utc()).date();
        QStringList skus;
        skus.reserve(s.lines.size());
        for (const OrderSubmissionLine &line : s.lines)
            skus.append(line.sku);
        const PricingTerms terms = PricingTerms::load(db, user->catalogId, skus, true);
        const int digits = currencyMinorDigits(terms.currency);

        QList<pricing::PricedLine> priced;
        priced.reserve(s.lines.size());
        QJsonArray review;
        QJsonArray warnings;
        QList<OrderLine> lines;
        const QSet<QString> ruleCategories = approvalCategories(db, user->accountId);
        QString categoryNeedingApproval;
        for (qsizetype i = 0; i < s.lines.size(); ++i) {
            const OrderSubmissionLine &sent = s.lines.at(i);
            const pricing::ItemTerms &item = *terms.items.constFind(sent.sku);
            const pricing::PricedLine p = pricing::priceLine(
                item, pricing::LineRequest{sent.sku, sent.uom, sent.quantity}, today);
            priced.append(p);
            OrderLineProblem problem;
            problem.index = int(i);
            problem.sku = sent.sku;
            if (!p.isPriced()) {
                problem.kind = OrderLineProblem::Kind::Unavailable;
                problem.reason = pricing::problemName(p.problem);
                review.append(problem.toJson());
                continue;
            }
            if (p.quantity != sent.quantity) {
                problem.kind = OrderLineProblem::Kind::QuantityAdjusted;
                problem.requested = sent.quantity;
                problem.adjusted = p.quantity;
                for (pricing::Adjustment a : p.adjustments)
                    problem.adjustments.append(pricing::adjustmentName(a));
                review.append(problem.toJson());
                continue;
            }
            if (p.unitPrice != sent.unitPrice) {
                problem.kind = OrderLineProblem::Kind::PriceChanged;
                problem.seen = sent.unitPrice;
                problem.current = p.unitPrice;
                QJsonObject entry = problem.toJson();
                // The whole rule (source, unit, tier, discount), not only its source.
                entry.insert(QStringLiteral("price_rule"), ruleJson(p.rule));
                review.append(entry);
                continue;
            }
            OrderLine line;
            line.lineNo = int(i) + 1;
            line.sku = sent.sku;
            line.description = item.product.name;
            line.uom = p.uom;
            line.quantity = p.quantity;
            line.unitPrice = p.unitPrice;
            line.lineTotal = p.lineTotal;
            line.priceRule = pricing::sourceName(p.rule.source);
            const auto pack = pricing::findPack(item.product, p.uom);
            const Availability a =
                availability(terms.stock.value(sent.sku), pack ? pack->quantity : 1, today);
            if (a.packs < p.quantity) {
                line.backordered = p.quantity - a.packs;
                line.expectedOn = a.availableOn;
                problem.kind = OrderLineProblem::Kind::InsufficientStock;
                problem.requested = p.quantity;
                problem.available = a.packs;
                problem.backordered = line.backordered;
                problem.leadTimeDays = a.leadTimeDays;
                problem.availableOn = a.availableOn;
                warnings.append(problem.toJson());
            }
            if (categoryNeedingApproval.isEmpty() &&
                ruleCategories.contains(item.product.categoryCode))
                categoryNeedingApproval = item.product.categoryCode;
            lines.append(line);
        }
        if (!review.isEmpty())
            return HttpReply::problem(
                problems::OrderNeedsReview, 422,
                QStringLiteral("%1 line(s) changed since you saw them; see 'lines'. Nothing was "
                               "ordered: review them and send the order with a new key.")
                    .arg(review.size()),
                QJsonObject{{QStringLiteral("lines"), review}});
        const pricing::CartTotals totals = pricing::totals(priced, terms.currency);
        if (totals.overflow)
            return HttpReply::problem(
                problems::InvalidOrder, 422, QStringLiteral("The order total is too large."),
                QJsonObject{{QStringLiteral("errors"),
                             QJsonArray{FieldError{QStringLiteral("/lines"),
                                                   QStringLiteral("the total does not fit")}
                                            .toJson()}}});

        const Credit credit = creditOf(db, user->accountId);
        const qint64 total = totals.subtotal.units();
        if (total > credit.available())
            return HttpReply::problem(
                problems::CreditLimitExceeded, 422,
                QStringLiteral("The order total %1 is more than the %2 of credit available.")
                    .arg(moneyText(total, digits), moneyText(credit.available(), digits)),
                QJsonObject{{QStringLiteral("currency"), terms.currency},
                            {QStringLiteral("limit"), moneyText(credit.limit, digits)},
                            {QStringLiteral("balance"), moneyText(credit.balance, digits)},
                            {QStringLiteral("open"), moneyText(credit.open, digits)},
                            {QStringLiteral("available"), moneyText(credit.available(), digits)},
                            {QStringLiteral("order_total"), moneyText(total, digits)}});

        QString approvalReason;
        {
            Statement q =
                db.prepare(QStringLiteral("SELECT spending_limit FROM users WHERE id = ?"));
            q.bind(user->userId).exec();
            if (q.next() && !q.isNull(0) && total > q.int64(0))
                approvalReason = QStringLiteral("over-spending-limit");
        }
        if (approvalReason.isEmpty() && !categoryNeedingApproval.isEmpty())
            approvalReason = QStringLiteral("category-rule");
        const OrderStatus status =
            approvalReason.isEmpty() ? OrderStatus::Submitted : OrderStatus::PendingApproval;

        qint64 orderId = 1;
        {
            Statement q = db.prepare(QStringLiteral("SELECT COALESCE(MAX(id), 0) + 1 FROM orders"));
            q.exec();
            if (q.next())
                orderId = q.int64(0);
        }
        const QString number = QStringLiteral("SO-%1").arg(300000 + orderId);
        const QString placedAt =
            QDateTime::fromSecsSinceEpoch(now, QTimeZone::utc()).toString(Qt::ISODate);
        QJsonObject contact;
        if (!s.contact.isEmpty())
            contact = s.toJson().value(u"contact").toObject();
        db.prepare(QStringLiteral(
                       "INSERT INTO orders (id, account_id, user_id, ship_to_id, number, "
                       "placed_at, status, currency, total, client_order_id, po_number, "
                       "requested_delivery, notes, contact, version, approval_required, "
                       "approval_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, "
                       "?)"))
            .bind(orderId)
            .bind(user->accountId)
            .bind(user->userId)
            .bind(shipToId)
            .bind(number)
            .bind(placedAt)
            .bind(orderStatusName(status))
            .bind(terms.currency)
            .bind(total)
            .bind(s.clientOrderId)
            .bindText(s.poNumber.isEmpty() ? QString() : s.poNumber)
            .bindText(s.requestedDelivery.isValid() ? s.requestedDelivery.toString(Qt::ISODate)
                                                    : QString())
            .bindText(s.notes.isEmpty() ? QString() : s.notes)
            .bindText(contact.isEmpty() ? QString() : QString::fromUtf8(canonicalJson(contact)))
            .bind(approvalReason.isEmpty() ? 0 : 1)
            .bindText(approvalReason.isEmpty() ? QString() : approvalReason)
            .exec();
        for (const OrderLine &line : std::as_const(lines)) {
            db.prepare(QStringLiteral(
                           "INSERT INTO order_lines (order_id, line_no, product_id, sku, "
                           "description, uom, quantity, unit_price, price_rule, backordered, "
                           "expected_on) VALUES (?, ?, (SELECT id FROM products WHERE sku = ?), "
                           "?, ?, ?, ?, ?, ?, ?, ?)"))
                .bind(orderId)
                .bind(line.lineNo)
                .bind(line.sku)
                .bind(line.sku)
                .bind(line.description)
                .bind(line.uom)
                .bind(line.quantity)
                .bind(line.unitPrice.units())
                .bind(line.priceRule)
                .bind(line.backordered)
                .bindText(line.expectedOn.isValid() ? line.expectedOn.toString(Qt::ISODate)
                                                    : QString())
                .exec();
        }
        const QString by = displayName(db, user->userId);
        db.prepare(QStringLiteral("INSERT INTO order_events (order_id, at, status, by_name, note) "
                                  "VALUES (?, ?, ?, ?, ?)"))
            .bind(orderId)
            .bind(now)
            .bind(orderStatusName(status))
            .bindText(by)
            .bindText(approvalReason.isEmpty() ? QString() : approvalReason)
            .exec();
        const auto order = load(db, orderId);
        feeds.putOrder(user->accountId, *order);
        QJsonObject body = order->toJson();
        body.insert(QStringLiteral("warnings"), warnings);
        qCInfo(lcOrders, "order %s placed for account %lld (%s)", qPrintable(number),
               user->accountId, qPrintable(orderStatusName(status)));
        return HttpReply::json(body, 201)
            .withHeader(QByteArrayLiteral("Location"),
                        QByteArrayLiteral("/api/v1/orders/") + number.toUtf8())
            .withHeader(QByteArrayLiteral("ETag"), '"' + QByteArray::number(order->sequence) + '"');
    });
}

HttpReply OrderHandlers::get(HttpRequest &request, const QString &number)
{
    DbConnection &db = m_connections.local();
    HttpReply error;
    const auto user = m_api.authorize(request, db, capabilities::OrdersRead, &error);
    if (!user)
        return error;
    const auto order = db.read([&]() -> std::optional<Order> {
        const auto id = orderIdByNumber(db, user->accountId, number);
        return id ? load(db, *id) : std::nullopt;
    });
    if (!order)
        return notFound(number);
    return HttpReply::json(order->toJson())
        .withHeader(QByteArrayLiteral("ETag"), '"' + QByteArray::number(order->sequence) + '"');
}

HttpReply OrderHandlers::approvals(HttpRequest &request)
{
    DbConnection &db = m_connections.local();
    HttpReply error;
    const auto user = m_api.authorize(request, db, capabilities::OrdersApprove, &error);
    if (!user)
        return error;
    const QJsonArray orders = db.read([&] {
        QList<qint64> ids;
        Statement q = db.prepare(QStringLiteral("SELECT id FROM orders WHERE account_id = ? AND "
                                                "status = 'pending_approval' ORDER BY id"));
        q.bind(user->accountId).exec();
        while (q.next())
            ids.append(q.int64(0));
        QJsonArray array;
        for (qint64 id : std::as_const(ids)) {
            if (const auto order = load(db, id))
                array.append(order->toJson());
        }
        return array;
    });
    return HttpReply::json(QJsonObject{{QStringLiteral("orders"), orders}})
        .withHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
}

HttpReply OrderHandlers::decide(HttpRequest &request, const QString &number, bool approve)
{
    DbConnection &db = m_connections.local();
    HttpReply error;
    const auto user = m_api.authorize(request, db, capabilities::OrdersApprove, &error);
    if (!user)
        return error;
    const auto key = idempotent::key(request, &error);
    if (!key)
        return error;
    QString comment;
    if (!request.body.trimmed().isEmpty()) {
        if (request.mediaType() != "application/json")
            return HttpReply::problem(problems::UnsupportedMediaType, 415,
                                      QStringLiteral("Send the decision as application/json."));
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject())
            return HttpReply::problem(problems::MalformedJson, 400,
                                      QStringLiteral("The body must be a JSON object."));
        const QJsonValue c = doc.object().value(u"comment");
        if (!c.isUndefined() && !c.isNull() && !c.isString())
            return HttpReply::problem(
                problems::InvalidOrder, 422, QStringLiteral("'comment' must be a string."),
                QJsonObject{{QStringLiteral("errors"),
                             QJsonArray{FieldError{QStringLiteral("/comment"),
                                                   QStringLiteral("must be a string")}
                                            .toJson()}}});
        comment = c.toString().trimmed();
        if (comment.size() > OrderSubmission::MaxNotesLength)
            return HttpReply::problem(problems::InvalidOrder, 422,
                                      QStringLiteral("The comment may have at most %1 characters.")
                                          .arg(OrderSubmission::MaxNotesLength),
                                      QJsonObject{{QStringLiteral("errors"),
                                                   QJsonArray{FieldError{QStringLiteral("/comment"),
                                                                         QStringLiteral("too long")}
                                                                  .toJson()}}});
    }
    const IdempotencyStore::Scope scope{user->accountId, user->userId, QString::fromLatin1(*key)};
    return runClaimed(db, request, scope, [&](FeedWriter &feeds, qint64 now) -> HttpReply {
        const auto id = orderIdByNumber(db, user->accountId, number);
        if (!id)
            return notFound(number);
        Statement q = db.prepare(QStringLiteral("SELECT status FROM orders WHERE id = ?"));
        q.bind(*id).exec();
        q.next();
        if (q.text(0) != orderStatusName(OrderStatus::PendingApproval))
            return HttpReply::problem(
                problems::OrderNotPending, 409,
                QStringLiteral("Order %1 is %2, not waiting for approval.").arg(number, q.text(0)));
        const QString by = displayName(db, user->userId);
        db.prepare(QStringLiteral("UPDATE orders SET decided_by = ?, decided_at = ?, "
                                  "decision_comment = ? WHERE id = ?"))
            .bind(by)
            .bind(now)
            .bindText(comment.isEmpty() ? QString() : comment)
            .bind(*id)
            .exec();
        const Order order =
            changeStatus(db, feeds, *id, approve ? OrderStatus::Approved : OrderStatus::Rejected,
                         by, comment, now);
        return HttpReply::json(order.toJson())
            .withHeader(QByteArrayLiteral("ETag"), '"' + QByteArray::number(order.sequence) + '"');
    });
}

} // namespace qm
