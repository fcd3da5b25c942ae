#pragma once

#include "core/account.h"
#include "core/order.h"

#include <QTimeZone>

// Orders and an account for the order screens, built in code the way the orders feed
// delivers them.
namespace qm::test {

inline Decimal dec(const char *text)
{
    return *Decimal::parse(QString::fromLatin1(text));
}

inline QDateTime utc(int y, int m, int d, int h = 9, int min = 30)
{
    return QDateTime(QDate(y, m, d), QTime(h, min), QTimeZone::utc());
}

inline AccountInfo sampleAccount()
{
    AccountInfo a;
    a.code = QStringLiteral("BAY-001");
    a.name = QStringLiteral("Bayside Marine Services");
    a.currency = QStringLiteral("USD");
    a.paymentTerms = QStringLiteral("Net 30");
    a.creditLimit = dec("50000");
    ShipToLocation hq;
    hq.code = QStringLiteral("HQ");
    hq.name = QStringLiteral("Head office");
    hq.isDefault = true;
    hq.address = {QStringLiteral("1 Harbor Way"), QString(),
                  QStringLiteral("Portside"),     QStringLiteral("CA"),
                  QStringLiteral("94000"),        QStringLiteral("US")};
    ShipToLocation yard;
    yard.code = QStringLiteral("YARD");
    yard.name = QStringLiteral("Boatyard");
    yard.address = {QStringLiteral("88 Slipway Road"), QStringLiteral("Gate 3"),
                    QStringLiteral("Dockton"),         QStringLiteral("CA"),
                    QStringLiteral("94010"),           QStringLiteral("US")};
    a.shipTo = {hq, yard};
    return a;
}

inline OrderLine line(int no, const QString &sku, const QString &description, qint64 qty,
                      const char *unitPrice, const char *lineTotal)
{
    OrderLine l;
    l.lineNo = no;
    l.sku = sku;
    l.description = description;
    l.uom = QStringLiteral("EA");
    l.quantity = qty;
    l.unitPrice = dec(unitPrice);
    l.lineTotal = dec(lineTotal);
    l.priceRule = QStringLiteral("contract");
    return l;
}

// An approved, partly shipped order with a back-ordered line, at the yard.
inline Order sampleOrder()
{
    Order o;
    o.number = QStringLiteral("SO-300123");
    o.clientOrderId = QStringLiteral("0b7d0a52-58f7-4a43-9f5e-8f0d2b7f6a11");
    o.status = OrderStatus::PartiallyShipped;
    o.sequence = 5;
    o.placedAt = utc(2026, 11, 2);
    o.placedBy = QStringLiteral("Maria Delgado");
    o.shipTo = QStringLiteral("YARD");
    o.poNumber = QStringLiteral("PO-4471");
    o.requestedDelivery = QDate(2026, 11, 20);
    o.notes = QStringLiteral("Deliver to gate 3 before noon");
    o.currency = QStringLiteral("USD");
    o.lines = {
        line(1, QStringLiteral("HB-100"), QStringLiteral("Hex bolt M10"), 1200, "0.4000", "480.00"),
        line(2, QStringLiteral("GL-200"), QStringLiteral("Nitrile gloves <large>"), 50, "0.2500",
             "12.50"),
        line(3, QStringLiteral("WS-400"), QStringLiteral("Flat washer M10"), 10000, "0.0400",
             "400.00")};
    o.lines[1].backordered = 30;
    o.lines[1].expectedOn = QDate(2026, 12, 4);
    o.subtotal = dec("892.50");
    o.approval.required = true;
    o.approval.reason = QStringLiteral("over-spending-limit");
    o.approval.decidedBy = QStringLiteral("Tom Whitaker");
    o.approval.decidedAt = utc(2026, 11, 2, 11, 5);
    o.approval.comment = QStringLiteral("ok for the haul-out");
    Shipment s;
    s.id = QStringLiteral("SH-1");
    s.carrier = QStringLiteral("Coastal Freight");
    s.trackingNumber = QStringLiteral("CF123456789");
    s.trackingUrl = QStringLiteral("https://track.coastal.example/CF123456789");
    s.events = {{utc(2026, 11, 3, 8, 0), QStringLiteral("picked up"), QStringLiteral("Oakland")},
                {utc(2026, 11, 4, 7, 15), QStringLiteral("in transit"), QStringLiteral("Dockton")}};
    o.shipments = {s};
    o.timeline = {{utc(2026, 11, 2), OrderStatus::PendingApproval, QStringLiteral("Maria Delgado"),
                   QString()},
                  {utc(2026, 11, 2, 11, 5), OrderStatus::Approved, QStringLiteral("Tom Whitaker"),
                   QStringLiteral("ok for the haul-out")},
                  {utc(2026, 11, 3, 8, 0), OrderStatus::PartiallyShipped, QString(), QString()}};
    return o;
}

} // namespace qm::test
