#include "core/order.h"

#include "core/fieldcheck.h"

#include <QJsonArray>
#include <QTimeZone>

#include <array>

namespace qm {

namespace {

constexpr std::array<std::pair<OrderStatus, const char *>, 9> StatusNames{{
    {OrderStatus::Submitted, "submitted"},
    {OrderStatus::PendingApproval, "pending_approval"},
    {OrderStatus::Approved, "approved"},
    {OrderStatus::Rejected, "rejected"},
    {OrderStatus::Confirmed, "confirmed"},
    {OrderStatus::PartiallyShipped, "partially_shipped"},
    {OrderStatus::Shipped, "shipped"},
    {OrderStatus::Delivered, "delivered"},
    {OrderStatus::Cancelled, "cancelled"},
}};

using fieldcheck::characterCount;
using fieldcheck::ErrorSink;

// A string member. Absent, null and "" mean "not given": an error when `required`.
bool readString(const QJsonObject &o, QStringView member, qsizetype maxLength, bool required,
                const QString &pointer, QString *out, ErrorSink &sink)
{
    const QJsonValue v = o.value(member);
    if (!v.isUndefined() && !v.isNull() && !v.isString()) {
        sink.add(pointer, QStringLiteral("must be a string"));
        return false;
    }
    const QString s = v.toString().trimmed();
    if (s.isEmpty() && required) {
        sink.add(pointer, QStringLiteral("must be a non-empty string"));
        return false;
    }
    if (characterCount(s) > maxLength) {
        sink.add(pointer, QStringLiteral("must be at most %1 characters").arg(maxLength));
        return false;
    }
    *out = s;
    return true;
}

bool readDecimal(const QJsonObject &o, QStringView member, const QString &pointer, Decimal *out,
                 ErrorSink &sink)
{
    const QJsonValue v = o.value(member);
    const auto parsed = v.isString() ? Decimal::parse(v.toString()) : std::optional<Decimal>();
    if (!v.isString()) {
        sink.add(pointer, QStringLiteral("must be a decimal string such as \"12.50\""));
        return false;
    }
    if (!parsed) {
        sink.add(pointer, QStringLiteral("'%1' is not a decimal number with at most %2 decimals")
                              .arg(v.toString())
                              .arg(Decimal::Scale));
        return false;
    }
    *out = *parsed;
    return true;
}

// A whole, positive number of packs written as a decimal string ("12", "12.0").
bool readQuantity(const QJsonObject &o, QStringView member, const QString &pointer, bool allowZero,
                  qint64 *out, ErrorSink &sink)
{
    Decimal d;
    if (!readDecimal(o, member, pointer, &d, sink))
        return false;
    if (d.units() < 0 || (!allowZero && d.isZero())) {
        sink.add(pointer, allowZero ? QStringLiteral("must not be negative")
                                    : QStringLiteral("must be greater than 0"));
        return false;
    }
    if (d.units() % Decimal::One != 0) {
        sink.add(pointer, QStringLiteral("must be a whole number of packs"));
        return false;
    }
    *out = d.units() / Decimal::One;
    return true;
}

bool readDate(const QJsonObject &o, QStringView member, const QString &pointer, QDate *out,
              ErrorSink &sink)
{
    const QJsonValue v = o.value(member);
    if (v.isUndefined() || v.isNull())
        return true;
    const QDate day = QDate::fromString(v.toString(), Qt::ISODate);
    if (!v.isString() || v.toString().size() != 10 || !day.isValid()) {
        sink.add(pointer, QStringLiteral("must be a date written YYYY-MM-DD"));
        return false;
    }
    *out = day;
    return true;
}

bool readInstant(const QJsonObject &o, QStringView member, bool required, const QString &pointer,
                 QDateTime *out, ErrorSink &sink)
{
    const QJsonValue v = o.value(member);
    if (!required && (v.isUndefined() || v.isNull()))
        return true;
    const QDateTime at = QDateTime::fromString(v.toString(), Qt::ISODate);
    if (!v.isString() || !at.isValid()) {
        sink.add(pointer, QStringLiteral("must be a date and time such as 2026-11-26T08:00:00Z"));
        return false;
    }
    *out = at.toUTC();
    return true;
}

QString instantText(const QDateTime &at)
{
    return at.toUTC().toString(Qt::ISODate);
}

bool isUuid(QStringView id)
{
    return isValidListId(id);
}

void insertIfNotEmpty(QJsonObject &o, const QString &name, const QString &value)
{
    if (!value.isEmpty())
        o.insert(name, value);
}

QJsonArray arrayMember(const QJsonObject &o, QStringView member, const QString &pointer,
                       bool required, ErrorSink &sink, bool *ok)
{
    const QJsonValue v = o.value(member);
    if (!required && (v.isUndefined() || v.isNull()))
        return {};
    if (!v.isArray()) {
        sink.add(pointer, QStringLiteral("must be an array"));
        *ok = false;
        return {};
    }
    return v.toArray();
}

} // namespace

QString orderStatusName(OrderStatus status)
{
    for (const auto &[s, name] : StatusNames) {
        if (s == status)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<OrderStatus> orderStatusFromName(QStringView name)
{
    for (const auto &[s, text] : StatusNames) {
        if (name == QLatin1String(text))
            return s;
    }
    return std::nullopt;
}

bool isOpenOrderStatus(OrderStatus status)
{
    switch (status) {
    case OrderStatus::Submitted:
    case OrderStatus::PendingApproval:
    case OrderStatus::Approved:
    case OrderStatus::Confirmed:
    case OrderStatus::PartiallyShipped:
        return true;
    case OrderStatus::Rejected:
    case OrderStatus::Shipped:
    case OrderStatus::Delivered:
    case OrderStatus::Cancelled:
        return false;
    }
    return false;
}

QJsonObject OrderSubmission::toJson() const
{
    QJsonObject o{{QStringLiteral("client_order_id"), clientOrderId},
                  {QStringLiteral("ship_to"), shipTo}};
    insertIfNotEmpty(o, QStringLiteral("po_number"), poNumber);
    if (requestedDelivery.isValid())
        o.insert(QStringLiteral("requested_delivery"), requestedDelivery.toString(Qt::ISODate));
    insertIfNotEmpty(o, QStringLiteral("notes"), notes);
    if (!contact.isEmpty()) {
        QJsonObject c;
        insertIfNotEmpty(c, QStringLiteral("name"), contact.name);
        insertIfNotEmpty(c, QStringLiteral("email"), contact.email);
        insertIfNotEmpty(c, QStringLiteral("phone"), contact.phone);
        o.insert(QStringLiteral("contact"), c);
    }
    QJsonArray array;
    for (const OrderSubmissionLine &line : lines) {
        QJsonObject l{{QStringLiteral("sku"), line.sku},
                      {QStringLiteral("quantity"), QString::number(line.quantity)},
                      {QStringLiteral("unit_price"), line.unitPrice.toString()}};
        insertIfNotEmpty(l, QStringLiteral("uom"), line.uom);
        insertIfNotEmpty(l, QStringLiteral("price_version"), line.priceVersion);
        array.append(l);
    }
    o.insert(QStringLiteral("lines"), array);
    return o;
}

std::optional<OrderSubmission> OrderSubmission::fromJson(const QJsonObject &o,
                                                         QList<FieldError> *errors)
{
    ErrorSink sink(errors);
    OrderSubmission s;

    const QJsonValue id = o.value(u"client_order_id");
    if (!id.isString() || !isUuid(id.toString()))
        sink.add(QStringLiteral("/client_order_id"), QStringLiteral("must be a lowercase UUID"));
    else
        s.clientOrderId = id.toString();
    readString(o, u"ship_to", MaxShipToLength, true, QStringLiteral("/ship_to"), &s.shipTo, sink);
    readString(o, u"po_number", MaxPoNumberLength, false, QStringLiteral("/po_number"), &s.poNumber,
               sink);
    readDate(o, u"requested_delivery", QStringLiteral("/requested_delivery"), &s.requestedDelivery,
             sink);
    readString(o, u"notes", MaxNotesLength, false, QStringLiteral("/notes"), &s.notes, sink);

    const QJsonValue contact = o.value(u"contact");
    if (contact.isObject()) {
        const QJsonObject c = contact.toObject();
        readString(c, u"name", OrderContact::MaxLength, false, QStringLiteral("/contact/name"),
                   &s.contact.name, sink);
        readString(c, u"email", OrderContact::MaxLength, false, QStringLiteral("/contact/email"),
                   &s.contact.email, sink);
        readString(c, u"phone", OrderContact::MaxLength, false, QStringLiteral("/contact/phone"),
                   &s.contact.phone, sink);
        if (!s.contact.email.isEmpty() &&
            (!s.contact.email.contains(u'@') || s.contact.email.contains(u' ')))
            sink.add(QStringLiteral("/contact/email"), QStringLiteral("is not an email address"));
    } else if (!contact.isUndefined() && !contact.isNull()) {
        sink.add(QStringLiteral("/contact"),
                 QStringLiteral("must be an object with name, email and phone"));
    }

    const QJsonValue lines = o.value(u"lines");
    if (!lines.isArray()) {
        sink.add(QStringLiteral("/lines"), QStringLiteral("must be an array of lines"));
    } else if (lines.toArray().isEmpty()) {
        sink.add(QStringLiteral("/lines"), QStringLiteral("must have at least one line"));
    } else if (lines.toArray().size() > MaxLines) {
        sink.add(QStringLiteral("/lines"),
                 QStringLiteral("must have at most %1 lines").arg(MaxLines));
    } else {
        const QJsonArray array = lines.toArray();
        s.lines.reserve(array.size());
        for (qsizetype i = 0; i < array.size() && !sink.full(); ++i) {
            const QString pointer = QStringLiteral("/lines/%1").arg(i);
            if (!array.at(i).isObject()) {
                sink.add(pointer, QStringLiteral("must be an object with sku, quantity and "
                                                 "unit_price"));
                continue;
            }
            const QJsonObject l = array.at(i).toObject();
            OrderSubmissionLine line;
            bool ok = readString(l, u"sku", OrderSubmissionLine::MaxSkuLength, true,
                                 pointer + QStringLiteral("/sku"), &line.sku, sink);
            ok = readString(l, u"uom", OrderSubmissionLine::MaxUnitLength, false,
                            pointer + QStringLiteral("/uom"), &line.uom, sink) &&
                 ok;
            ok = readQuantity(l, u"quantity", pointer + QStringLiteral("/quantity"), false,
                              &line.quantity, sink) &&
                 ok;
            if (readDecimal(l, u"unit_price", pointer + QStringLiteral("/unit_price"),
                            &line.unitPrice, sink)) {
                if (line.unitPrice.isNegative()) {
                    sink.add(pointer + QStringLiteral("/unit_price"),
                             QStringLiteral("must not be negative"));
                    ok = false;
                }
            } else {
                ok = false;
            }
            ok = readString(l, u"price_version", OrderSubmissionLine::MaxPriceVersionLength, false,
                            pointer + QStringLiteral("/price_version"), &line.priceVersion, sink) &&
                 ok;
            if (ok)
                s.lines.append(line);
        }
    }
    if (sink.any())
        return std::nullopt;
    return s;
}

QJsonObject Order::toJson() const
{
    const int digits = currencyMinorDigits(currency);
    QJsonObject o{{QStringLiteral("number"), number},
                  {QStringLiteral("status"), orderStatusName(status)},
                  {QStringLiteral("sequence"), sequence},
                  {QStringLiteral("placed_at"), instantText(placedAt)},
                  {QStringLiteral("placed_by"), placedBy},
                  {QStringLiteral("ship_to"), shipTo},
                  {QStringLiteral("currency"), currency}};
    insertIfNotEmpty(o, QStringLiteral("client_order_id"), clientOrderId);
    insertIfNotEmpty(o, QStringLiteral("po_number"), poNumber);
    if (requestedDelivery.isValid())
        o.insert(QStringLiteral("requested_delivery"), requestedDelivery.toString(Qt::ISODate));
    insertIfNotEmpty(o, QStringLiteral("notes"), notes);

    QJsonArray lineArray;
    for (const OrderLine &line : lines) {
        QJsonObject l{{QStringLiteral("line_no"), line.lineNo},
                      {QStringLiteral("sku"), line.sku},
                      {QStringLiteral("description"), line.description},
                      {QStringLiteral("uom"), line.uom},
                      {QStringLiteral("quantity"), QString::number(line.quantity)},
                      {QStringLiteral("unit_price"), line.unitPrice.toString()},
                      {QStringLiteral("line_total"), line.lineTotal.toString(digits)},
                      {QStringLiteral("backordered"), QString::number(line.backordered)}};
        insertIfNotEmpty(l, QStringLiteral("price_rule"), line.priceRule);
        if (line.expectedOn.isValid())
            l.insert(QStringLiteral("expected_on"), line.expectedOn.toString(Qt::ISODate));
        lineArray.append(l);
    }
    o.insert(QStringLiteral("lines"), lineArray);
    o.insert(QStringLiteral("totals"),
             QJsonObject{{QStringLiteral("subtotal"), subtotal.toString(digits)}});

    QJsonObject a{{QStringLiteral("required"), approval.required}};
    insertIfNotEmpty(a, QStringLiteral("reason"), approval.reason);
    insertIfNotEmpty(a, QStringLiteral("decided_by"), approval.decidedBy);
    if (approval.decidedAt.isValid())
        a.insert(QStringLiteral("decided_at"), instantText(approval.decidedAt));
    insertIfNotEmpty(a, QStringLiteral("comment"), approval.comment);
    o.insert(QStringLiteral("approval"), a);

    QJsonArray shipmentArray;
    for (const Shipment &s : shipments) {
        QJsonArray events;
        for (const ShipmentEvent &e : s.events) {
            QJsonObject eo{{QStringLiteral("at"), instantText(e.at)},
                           {QStringLiteral("status"), e.status}};
            insertIfNotEmpty(eo, QStringLiteral("location"), e.location);
            events.append(eo);
        }
        QJsonObject so{{QStringLiteral("id"), s.id},
                       {QStringLiteral("carrier"), s.carrier},
                       {QStringLiteral("tracking_number"), s.trackingNumber},
                       {QStringLiteral("events"), events}};
        insertIfNotEmpty(so, QStringLiteral("tracking_url"), s.trackingUrl);
        shipmentArray.append(so);
    }
    o.insert(QStringLiteral("shipments"), shipmentArray);

    QJsonArray timelineArray;
    for (const OrderEvent &e : timeline) {
        QJsonObject eo{{QStringLiteral("at"), instantText(e.at)},
                       {QStringLiteral("status"), orderStatusName(e.status)}};
        insertIfNotEmpty(eo, QStringLiteral("by"), e.by);
        insertIfNotEmpty(eo, QStringLiteral("note"), e.note);
        timelineArray.append(eo);
    }
    o.insert(QStringLiteral("timeline"), timelineArray);
    return o;
}

std::optional<Order> Order::fromJson(const QJsonObject &o, QList<FieldError> *errors)
{
    ErrorSink sink(errors);
    Order order;
    constexpr int Text = 2000;

    readString(o, u"number", 64, true, QStringLiteral("/number"), &order.number, sink);
    readString(o, u"client_order_id", 36, false, QStringLiteral("/client_order_id"),
               &order.clientOrderId, sink);
    if (!order.clientOrderId.isEmpty() && !isUuid(order.clientOrderId))
        sink.add(QStringLiteral("/client_order_id"), QStringLiteral("must be a lowercase UUID"));
    const auto status = orderStatusFromName(o.value(u"status").toString());
    if (!status)
        sink.add(QStringLiteral("/status"), QStringLiteral("is not an order status"));
    else
        order.status = *status;
    const QJsonValue sequence = o.value(u"sequence");
    const qint64 seq = sequence.toInteger(0);
    if (!sequence.isDouble() || seq < 1 || static_cast<double>(seq) != sequence.toDouble())
        sink.add(QStringLiteral("/sequence"), QStringLiteral("must be an integer >= 1"));
    else
        order.sequence = seq;
    readInstant(o, u"placed_at", true, QStringLiteral("/placed_at"), &order.placedAt, sink);
    readString(o, u"placed_by", Text, false, QStringLiteral("/placed_by"), &order.placedBy, sink);
    readString(o, u"ship_to", OrderSubmission::MaxShipToLength, false, QStringLiteral("/ship_to"),
               &order.shipTo, sink);
    readString(o, u"po_number", OrderSubmission::MaxPoNumberLength, false,
               QStringLiteral("/po_number"), &order.poNumber, sink);
    readDate(o, u"requested_delivery", QStringLiteral("/requested_delivery"),
             &order.requestedDelivery, sink);
    readString(o, u"notes", OrderSubmission::MaxNotesLength, false, QStringLiteral("/notes"),
               &order.notes, sink);
    readString(o, u"currency", 3, true, QStringLiteral("/currency"), &order.currency, sink);

    bool ok = true;
    const QJsonArray lines = arrayMember(o, u"lines", QStringLiteral("/lines"), true, sink, &ok);
    for (qsizetype i = 0; i < lines.size() && !sink.full(); ++i) {
        const QString p = QStringLiteral("/lines/%1").arg(i);
        const QJsonObject l = lines.at(i).toObject();
        OrderLine line;
        const QJsonValue lineNo = l.value(u"line_no");
        if (!lineNo.isDouble() || lineNo.toInt(0) < 1)
            sink.add(p + QStringLiteral("/line_no"), QStringLiteral("must be an integer >= 1"));
        line.lineNo = lineNo.toInt();
        readString(l, u"sku", OrderSubmissionLine::MaxSkuLength, true, p + QStringLiteral("/sku"),
                   &line.sku, sink);
        readString(l, u"description", Text, false, p + QStringLiteral("/description"),
                   &line.description, sink);
        readString(l, u"uom", OrderSubmissionLine::MaxUnitLength, false, p + QStringLiteral("/uom"),
                   &line.uom, sink);
        readQuantity(l, u"quantity", p + QStringLiteral("/quantity"), false, &line.quantity, sink);
        readDecimal(l, u"unit_price", p + QStringLiteral("/unit_price"), &line.unitPrice, sink);
        readDecimal(l, u"line_total", p + QStringLiteral("/line_total"), &line.lineTotal, sink);
        readString(l, u"price_rule", 64, false, p + QStringLiteral("/price_rule"), &line.priceRule,
                   sink);
        readQuantity(l, u"backordered", p + QStringLiteral("/backordered"), true, &line.backordered,
                     sink);
        readDate(l, u"expected_on", p + QStringLiteral("/expected_on"), &line.expectedOn, sink);
        order.lines.append(line);
    }

    const QJsonObject totals = o.value(u"totals").toObject();
    readDecimal(totals, u"subtotal", QStringLiteral("/totals/subtotal"), &order.subtotal, sink);

    const QJsonValue approval = o.value(u"approval");
    if (!approval.isObject() || !approval.toObject().value(u"required").isBool()) {
        sink.add(QStringLiteral("/approval"), QStringLiteral("must be an object with required"));
    } else {
        const QJsonObject a = approval.toObject();
        order.approval.required = a.value(u"required").toBool();
        readString(a, u"reason", 64, false, QStringLiteral("/approval/reason"),
                   &order.approval.reason, sink);
        readString(a, u"decided_by", Text, false, QStringLiteral("/approval/decided_by"),
                   &order.approval.decidedBy, sink);
        readInstant(a, u"decided_at", false, QStringLiteral("/approval/decided_at"),
                    &order.approval.decidedAt, sink);
        readString(a, u"comment", OrderSubmission::MaxNotesLength, false,
                   QStringLiteral("/approval/comment"), &order.approval.comment, sink);
    }

    const QJsonArray shipments =
        arrayMember(o, u"shipments", QStringLiteral("/shipments"), false, sink, &ok);
    for (qsizetype i = 0; i < shipments.size() && !sink.full(); ++i) {
        const QString p = QStringLiteral("/shipments/%1").arg(i);
        const QJsonObject so = shipments.at(i).toObject();
        Shipment s;
        readString(so, u"id", 64, true, p + QStringLiteral("/id"), &s.id, sink);
        readString(so, u"carrier", Text, true, p + QStringLiteral("/carrier"), &s.carrier, sink);
        readString(so, u"tracking_number", Text, true, p + QStringLiteral("/tracking_number"),
                   &s.trackingNumber, sink);
        readString(so, u"tracking_url", Text, false, p + QStringLiteral("/tracking_url"),
                   &s.trackingUrl, sink);
        const QJsonArray events =
            arrayMember(so, u"events", p + QStringLiteral("/events"), false, sink, &ok);
        for (qsizetype j = 0; j < events.size(); ++j) {
            const QString ep = p + QStringLiteral("/events/%1").arg(j);
            const QJsonObject eo = events.at(j).toObject();
            ShipmentEvent e;
            readInstant(eo, u"at", true, ep + QStringLiteral("/at"), &e.at, sink);
            readString(eo, u"status", 64, true, ep + QStringLiteral("/status"), &e.status, sink);
            readString(eo, u"location", Text, false, ep + QStringLiteral("/location"), &e.location,
                       sink);
            s.events.append(e);
        }
        order.shipments.append(s);
    }

    const QJsonArray timeline =
        arrayMember(o, u"timeline", QStringLiteral("/timeline"), false, sink, &ok);
    for (qsizetype i = 0; i < timeline.size() && !sink.full(); ++i) {
        const QString p = QStringLiteral("/timeline/%1").arg(i);
        const QJsonObject eo = timeline.at(i).toObject();
        OrderEvent e;
        readInstant(eo, u"at", true, p + QStringLiteral("/at"), &e.at, sink);
        const auto eventStatus = orderStatusFromName(eo.value(u"status").toString());
        if (!eventStatus)
            sink.add(p + QStringLiteral("/status"), QStringLiteral("is not an order status"));
        else
            e.status = *eventStatus;
        readString(eo, u"by", Text, false, p + QStringLiteral("/by"), &e.by, sink);
        readString(eo, u"note", OrderSubmission::MaxNotesLength, false, p + QStringLiteral("/note"),
                   &e.note, sink);
        order.timeline.append(e);
    }

    if (sink.any() || !ok)
        return std::nullopt;
    return order;
}

} // namespace qm
