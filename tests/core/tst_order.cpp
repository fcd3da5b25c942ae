#include "core/feeds.h"
#include "core/order.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace qm;

namespace {

QJsonObject object(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("test JSON does not parse: %s", json.constData());
    return doc.object();
}

QStringList strings(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out.append(QString::fromLatin1(item));
    return out;
}

QStringList pointers(const QList<FieldError> &errors)
{
    QStringList out;
    for (const FieldError &e : errors)
        out.append(e.pointer);
    return out;
}

const QByteArray ValidSubmission =
    R"({"client_order_id":"3f1c2a4e-8d7b-4c1e-9a55-0b6f1d2e3c4a","ship_to":"HQ",
        "po_number":" PO-4471 ","requested_delivery":"2026-12-01","notes":"Dock B",
        "contact":{"name":"Maria Delgado","email":"maria@bayside.example","phone":"+1 410 555 0100"},
        "lines":[{"sku":"HIS-100001","uom":"BX","quantity":"12","unit_price":"4.5",
                  "price_version":"2026-11-26"},
                 {"sku":"HIS-100002","quantity":"3.0000","unit_price":"0"}]})";

} // namespace

class tst_Order final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusNames_data();
    void statusNames();
    void openStatuses();
    void parsesSubmission();
    void submissionToJsonIsCanonical();
    void rejectsSubmission_data();
    void rejectsSubmission();
    void submissionLimits();
    void orderRoundTrip();
    void rejectsOrder_data();
    void rejectsOrder();
};

void tst_Order::statusNames_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("name");
    QTest::newRow("submitted") << int(OrderStatus::Submitted) << "submitted";
    QTest::newRow("pending") << int(OrderStatus::PendingApproval) << "pending_approval";
    QTest::newRow("approved") << int(OrderStatus::Approved) << "approved";
    QTest::newRow("rejected") << int(OrderStatus::Rejected) << "rejected";
    QTest::newRow("confirmed") << int(OrderStatus::Confirmed) << "confirmed";
    QTest::newRow("partial") << int(OrderStatus::PartiallyShipped) << "partially_shipped";
    QTest::newRow("shipped") << int(OrderStatus::Shipped) << "shipped";
    QTest::newRow("delivered") << int(OrderStatus::Delivered) << "delivered";
    QTest::newRow("cancelled") << int(OrderStatus::Cancelled) << "cancelled";
}

void tst_Order::statusNames()
{
    QFETCH(int, status);
    QFETCH(QString, name);
    QCOMPARE(orderStatusName(OrderStatus(status)), name);
    QCOMPARE(orderStatusFromName(name), OrderStatus(status));
    QVERIFY(!orderStatusFromName(name.toUpper()).has_value());
}

void tst_Order::openStatuses()
{
    QVERIFY(isOpenOrderStatus(OrderStatus::Submitted));
    QVERIFY(isOpenOrderStatus(OrderStatus::PendingApproval));
    QVERIFY(isOpenOrderStatus(OrderStatus::Confirmed));
    QVERIFY(!isOpenOrderStatus(OrderStatus::Delivered));
    QVERIFY(!isOpenOrderStatus(OrderStatus::Rejected));
    QVERIFY(!isOpenOrderStatus(OrderStatus::Cancelled));
    QVERIFY(!orderStatusFromName(u"open").has_value());
}

void tst_Order::parsesSubmission()
{
    QList<FieldError> errors;
    const auto s = OrderSubmission::fromJson(object(ValidSubmission), &errors);
    QVERIFY2(s, errors.isEmpty() ? "" : qPrintable(errors.constFirst().pointer));
    QCOMPARE(s->clientOrderId, QStringLiteral("3f1c2a4e-8d7b-4c1e-9a55-0b6f1d2e3c4a"));
    QCOMPARE(s->shipTo, QStringLiteral("HQ"));
    QCOMPARE(s->poNumber, QStringLiteral("PO-4471")); // trimmed
    QCOMPARE(s->requestedDelivery, QDate(2026, 12, 1));
    QCOMPARE(s->notes, QStringLiteral("Dock B"));
    QCOMPARE(s->contact.email, QStringLiteral("maria@bayside.example"));
    QCOMPARE(s->lines.size(), 2);
    QCOMPARE(s->lines.at(0).uom, QStringLiteral("BX"));
    QCOMPARE(s->lines.at(0).quantity, 12);
    QCOMPARE(s->lines.at(0).unitPrice, Decimal::fromUnits(45000));
    QCOMPARE(s->lines.at(0).priceVersion, QStringLiteral("2026-11-26"));
    QCOMPARE(s->lines.at(1).quantity, 3);
    QVERIFY(s->lines.at(1).uom.isEmpty());
    QVERIFY(s->lines.at(1).unitPrice.isZero());
}

void tst_Order::submissionToJsonIsCanonical()
{
    const auto s = OrderSubmission::fromJson(object(ValidSubmission), nullptr);
    QVERIFY(s);
    const QJsonObject json = s->toJson();
    const QJsonObject line0 = json.value(u"lines").toArray().at(0).toObject();
    QCOMPARE(line0.value(u"quantity").toString(), QStringLiteral("12"));
    QCOMPARE(line0.value(u"unit_price").toString(), QStringLiteral("4.5000"));
    const QJsonObject line1 = json.value(u"lines").toArray().at(1).toObject();
    QVERIFY(!line1.contains(u"uom"));
    QVERIFY(!line1.contains(u"price_version"));
    QCOMPARE(line1.value(u"quantity").toString(), QStringLiteral("3"));
    // Parsing the canonical form gives the same canonical bytes again.
    const auto again = OrderSubmission::fromJson(json, nullptr);
    QVERIFY(again);
    QCOMPARE(canonicalJson(again->toJson()), canonicalJson(json));
}

void tst_Order::rejectsSubmission_data()
{
    QTest::addColumn<QByteArray>("patch"); // members replacing those of ValidSubmission
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("uppercase uuid")
        << QByteArray(R"({"client_order_id":"3F1C2A4E-8D7B-4C1E-9A55-0B6F1D2E3C4A"})")
        << strings({"/client_order_id"});
    QTest::newRow("missing id") << QByteArray(R"({"client_order_id":null})")
                                << strings({"/client_order_id"});
    QTest::newRow("empty ship-to") << QByteArray(R"({"ship_to":"  "})") << strings({"/ship_to"});
    QTest::newRow("ship-to number") << QByteArray(R"({"ship_to":7})") << strings({"/ship_to"});
    QTest::newRow("bad date") << QByteArray(R"({"requested_delivery":"2026-13-01"})")
                              << strings({"/requested_delivery"});
    QTest::newRow("date with time")
        << QByteArray(R"({"requested_delivery":"2026-12-01T10:00:00Z"})")
        << strings({"/requested_delivery"});
    QTest::newRow("contact not object")
        << QByteArray(R"({"contact":"Maria"})") << strings({"/contact"});
    QTest::newRow("bad email") << QByteArray(R"({"contact":{"email":"maria"}})")
                               << strings({"/contact/email"});
    QTest::newRow("no lines") << QByteArray(R"({"lines":[]})") << strings({"/lines"});
    QTest::newRow("lines not array") << QByteArray(R"({"lines":{}})") << strings({"/lines"});
    QTest::newRow("line not object") << QByteArray(R"({"lines":[7]})") << strings({"/lines/0"});
    QTest::newRow("numeric quantity")
        << QByteArray(R"({"lines":[{"sku":"A","quantity":12,"unit_price":"1"}]})")
        << strings({"/lines/0/quantity"});
    QTest::newRow("fractional quantity")
        << QByteArray(R"({"lines":[{"sku":"A","quantity":"2.5","unit_price":"1"}]})")
        << strings({"/lines/0/quantity"});
    QTest::newRow("zero quantity")
        << QByteArray(R"({"lines":[{"sku":"A","quantity":"0","unit_price":"1"}]})")
        << strings({"/lines/0/quantity"});
    QTest::newRow("negative price")
        << QByteArray(R"({"lines":[{"sku":"A","quantity":"1","unit_price":"-1"}]})")
        << strings({"/lines/0/unit_price"});
    QTest::newRow("price too precise")
        << QByteArray(R"({"lines":[{"sku":"A","quantity":"1","unit_price":"1.00001"}]})")
        << strings({"/lines/0/unit_price"});
    QTest::newRow("float price")
        << QByteArray(R"({"lines":[{"sku":"A","quantity":"1","unit_price":1.5}]})")
        << strings({"/lines/0/unit_price"});
    QTest::newRow("every line problem reported")
        << QByteArray(R"({"lines":[{"sku":"","quantity":"x","unit_price":"1"},
                                   {"sku":"B","quantity":"1","unit_price":"1"},
                                   {"sku":"C","quantity":"1"}]})")
        << strings({"/lines/0/sku", "/lines/0/quantity", "/lines/2/unit_price"});
}

void tst_Order::rejectsSubmission()
{
    QFETCH(QByteArray, patch);
    QFETCH(QStringList, expected);
    QJsonObject o = object(ValidSubmission);
    const QJsonObject changes = object(patch);
    for (auto it = changes.begin(); it != changes.end(); ++it)
        o.insert(it.key(), it.value());
    QList<FieldError> errors;
    QVERIFY(!OrderSubmission::fromJson(o, &errors));
    QCOMPARE(pointers(errors), expected);
    for (const FieldError &e : std::as_const(errors))
        QVERIFY(!e.detail.isEmpty());
}

void tst_Order::submissionLimits()
{
    QJsonObject o = object(ValidSubmission);
    o.insert(QStringLiteral("po_number"), QString(64, u'P'));
    o.insert(QStringLiteral("notes"), QString(2000, u'n'));
    QVERIFY(OrderSubmission::fromJson(o, nullptr));

    o.insert(QStringLiteral("po_number"), QString(65, u'P'));
    o.insert(QStringLiteral("notes"), QString(2001, u'n'));
    QList<FieldError> errors;
    QVERIFY(!OrderSubmission::fromJson(o, &errors));
    QCOMPARE(pointers(errors), (strings({"/po_number", "/notes"})));

    const QJsonObject line{{QStringLiteral("sku"), QStringLiteral("A")},
                           {QStringLiteral("quantity"), QStringLiteral("1")},
                           {QStringLiteral("unit_price"), QStringLiteral("1")}};
    QJsonArray lines;
    for (int i = 0; i < OrderSubmission::MaxLines; ++i)
        lines.append(line);
    o = object(ValidSubmission);
    o.insert(QStringLiteral("lines"), lines);
    const auto full = OrderSubmission::fromJson(o, nullptr);
    QVERIFY(full);
    QCOMPARE(full->lines.size(), OrderSubmission::MaxLines);
    lines.append(line);
    o.insert(QStringLiteral("lines"), lines);
    errors.clear();
    QVERIFY(!OrderSubmission::fromJson(o, &errors));
    QCOMPARE(pointers(errors), strings({"/lines"}));

    // A body full of bad lines reports a bounded number of errors.
    QJsonArray bad;
    for (int i = 0; i < 500; ++i)
        bad.append(QJsonObject{{QStringLiteral("sku"), QString()}});
    o.insert(QStringLiteral("lines"), bad);
    errors.clear();
    QVERIFY(!OrderSubmission::fromJson(o, &errors));
    QCOMPARE(errors.size(), RequisitionList::MaxErrors);
}

void tst_Order::orderRoundTrip()
{
    Order order;
    order.number = QStringLiteral("SO-301234");
    order.clientOrderId = QStringLiteral("3f1c2a4e-8d7b-4c1e-9a55-0b6f1d2e3c4a");
    order.status = OrderStatus::PendingApproval;
    order.sequence = 3;
    order.placedAt = QDateTime(QDate(2026, 11, 26), QTime(8, 15, 0), QTimeZone::utc());
    order.placedBy = QStringLiteral("Maria Delgado");
    order.shipTo = QStringLiteral("HQ");
    order.poNumber = QStringLiteral("PO-4471");
    order.requestedDelivery = QDate(2026, 12, 1);
    order.currency = QStringLiteral("USD");
    OrderLine line;
    line.lineNo = 1;
    line.sku = QStringLiteral("HIS-100001");
    line.description = QStringLiteral("Hex bolt");
    line.uom = QStringLiteral("BX");
    line.quantity = 12;
    line.unitPrice = Decimal::fromUnits(45125); // 4.5125
    line.lineTotal = Decimal::fromUnits(541500);
    line.priceRule = QStringLiteral("contract");
    line.backordered = 2;
    line.expectedOn = QDate(2026, 12, 4);
    order.lines.append(line);
    order.subtotal = Decimal::fromUnits(541500);
    order.approval.required = true;
    order.approval.reason = QStringLiteral("over-spending-limit");
    Shipment shipment;
    shipment.id = QStringLiteral("SH-1");
    shipment.carrier = QStringLiteral("UPS");
    shipment.trackingNumber = QStringLiteral("1Z999");
    shipment.trackingUrl = QStringLiteral("https://example.com/track/1Z999");
    shipment.events.append(ShipmentEvent{order.placedAt.addDays(1), QStringLiteral("in_transit"),
                                         QStringLiteral("Baltimore, MD")});
    order.shipments.append(shipment);
    order.timeline.append(
        OrderEvent{order.placedAt, OrderStatus::PendingApproval, order.placedBy, QString()});

    const QJsonObject json = order.toJson();
    // Money in the currency's digits, unit prices with four, quantities as strings.
    const QJsonObject l = json.value(u"lines").toArray().at(0).toObject();
    QCOMPARE(l.value(u"unit_price").toString(), QStringLiteral("4.5125"));
    QCOMPARE(l.value(u"line_total").toString(), QStringLiteral("54.15"));
    QCOMPARE(l.value(u"quantity").toString(), QStringLiteral("12"));
    QCOMPARE(l.value(u"backordered").toString(), QStringLiteral("2"));
    QCOMPARE(json.value(u"totals").toObject().value(u"subtotal").toString(),
             QStringLiteral("54.15"));
    QCOMPARE(json.value(u"placed_at").toString(), QStringLiteral("2026-11-26T08:15:00Z"));
    QCOMPARE(json.value(u"status").toString(), QStringLiteral("pending_approval"));

    QList<FieldError> errors;
    const auto parsed = Order::fromJson(json, &errors);
    QVERIFY2(parsed, errors.isEmpty() ? "" : qPrintable(errors.constFirst().pointer));
    QCOMPARE(parsed->number, order.number);
    QCOMPARE(parsed->status, order.status);
    QCOMPARE(parsed->sequence, order.sequence);
    QCOMPARE(parsed->placedAt, order.placedAt);
    QCOMPARE(parsed->lines.at(0).unitPrice, line.unitPrice);
    QCOMPARE(parsed->lines.at(0).expectedOn, line.expectedOn);
    QCOMPARE(parsed->shipments.at(0).events.at(0).location, QStringLiteral("Baltimore, MD"));
    QCOMPARE(parsed->timeline.at(0).status, OrderStatus::PendingApproval);
    QCOMPARE(canonicalJson(parsed->toJson()), canonicalJson(json));
}

void tst_Order::rejectsOrder_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("pointer");
    const QByteArray base =
        R"({"number":"SO-1","status":"%S","sequence":%Q,"placed_at":"2026-11-26T08:00:00Z",
            "currency":"USD","lines":[],"totals":{"subtotal":"0.00"},
            "approval":{"required":false}})";
    const auto make = [&](const char *status, const char *sequence) {
        QByteArray j = base;
        return j.replace("%S", status).replace("%Q", sequence);
    };
    QTest::newRow("unknown status") << make("open", "1") << "/status";
    QTest::newRow("sequence zero") << make("submitted", "0") << "/sequence";
    QTest::newRow("sequence fraction") << make("submitted", "1.5") << "/sequence";
}

void tst_Order::rejectsOrder()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, pointer);
    QList<FieldError> errors;
    QVERIFY(!Order::fromJson(object(json), &errors));
    QVERIFY(pointers(errors).contains(pointer));

    // The same document with a valid status and sequence parses.
    QByteArray fixed = json;
    fixed.replace("\"open\"", "\"submitted\"")
        .replace("\"sequence\":0", "\"sequence\":1")
        .replace("\"sequence\":1.5", "\"sequence\":1");
    QVERIFY(Order::fromJson(object(fixed), nullptr));
}

QTEST_GUILESS_MAIN(tst_Order)
#include "tst_order.moc"
