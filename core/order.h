#pragma once

#include "core/decimal.h"
#include "core/requisitionlist.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace qm {

// Where an order is in its life. The wire names are the lowercase snake_case forms
// ("pending_approval").
enum class OrderStatus
{
    Submitted,
    PendingApproval,
    Approved,
    Rejected,
    Confirmed,
    PartiallyShipped,
    Shipped,
    Delivered,
    Cancelled,
};

QString orderStatusName(OrderStatus status);
std::optional<OrderStatus> orderStatusFromName(QStringView name);
// Statuses whose total still counts against the account's credit (not yet invoiced, not
// closed): submitted, pending_approval, approved, confirmed, partially_shipped.
bool isOpenOrderStatus(OrderStatus status);

struct OrderContact
{
    static constexpr int MaxLength = 120;
    QString name;
    QString email;
    QString phone;

    bool isEmpty() const { return name.isEmpty() && email.isEmpty() && phone.isEmpty(); }
};

// One line as the client submits it: the price the user saw, so that the portal can tell
// when it changed.
struct OrderSubmissionLine
{
    static constexpr int MaxSkuLength = 64;
    static constexpr int MaxUnitLength = 20;
    static constexpr int MaxPriceVersionLength = 64;

    QString sku;
    QString uom;          // empty: the product's base unit
    qint64 quantity = 0;  // whole packs of `uom`, > 0 (sent as a decimal string, "12")
    Decimal unitPrice;    // per `uom`, >= 0 (sent as a decimal string)
    QString priceVersion; // opaque, as the client got it with the price; may be empty
};

// The body of POST /api/v1/orders. The client chooses clientOrderId (a lowercase UUID) and
// sends it as the Idempotency-Key too; the portal keeps it for ever, so an order is never
// created twice.
struct OrderSubmission
{
    static constexpr int MaxLines = 10000;
    static constexpr int MaxPoNumberLength = 64;
    static constexpr int MaxNotesLength = 2000;
    static constexpr int MaxShipToLength = 32;

    QString clientOrderId;
    QString shipTo; // ship-to location code of the account
    QString poNumber;
    QDate requestedDelivery; // null: as soon as possible
    QString notes;
    OrderContact contact;
    QList<OrderSubmissionLine> lines;

    // Canonical JSON: {client_order_id, ship_to, po_number?, requested_delivery?, notes?,
    // contact?, lines: [{sku, uom?, quantity, unit_price, price_version?}]}; optional members
    // are left out when empty, quantity is written without decimals, unit_price with four.
    QJsonObject toJson() const;
    // Parses and validates; on failure returns nullopt and appends every problem found (up to
    // RequisitionList::MaxErrors) to `errors`, each with its JSON pointer.
    static std::optional<OrderSubmission> fromJson(const QJsonObject &o, QList<FieldError> *errors);
};

struct OrderLine
{
    int lineNo = 0; // 1-based
    QString sku;
    QString description;
    QString uom;
    qint64 quantity = 0;
    Decimal unitPrice;
    Decimal lineTotal;      // rounded to the currency's minor unit
    QString priceRule;      // how the price came about: "list", "contract", "category-discount"
    qint64 backordered = 0; // of `quantity`, how many packs wait for stock
    QDate expectedOn;       // when the back-ordered part is expected; null when none
};

struct OrderApproval
{
    bool required = false;
    QString reason;      // "over-spending-limit", "category-rule"; empty when not required
    QString decidedBy;   // display name; empty until decided
    QDateTime decidedAt; // UTC; null until decided
    QString comment;
};

struct ShipmentEvent
{
    QDateTime at; // UTC
    QString status;
    QString location;
};

struct Shipment
{
    QString id;
    QString carrier;
    QString trackingNumber;
    QString trackingUrl;
    QList<ShipmentEvent> events;
};

struct OrderEvent
{
    QDateTime at; // UTC
    OrderStatus status = OrderStatus::Submitted;
    QString by; // display name; empty for the supplier's systems
    QString note;
};

// An order as the portal serves it: the payload of the orders feed and the answer to
// POST /api/v1/orders. `sequence` is the order's version: 1 when placed, one more on every
// change.
struct Order
{
    QString number;        // "SO-300123"
    QString clientOrderId; // empty for orders not placed through the API
    OrderStatus status = OrderStatus::Submitted;
    qint64 sequence = 1;
    QDateTime placedAt; // UTC, whole seconds
    QString placedBy;   // display name
    QString shipTo;     // location code
    QString poNumber;
    QDate requestedDelivery;
    QString notes;
    QString currency;
    QList<OrderLine> lines;
    Decimal subtotal;
    OrderApproval approval;
    QList<Shipment> shipments;
    QList<OrderEvent> timeline;

    // Canonical JSON (serialised with canonicalJson() it is the same bytes on both sides);
    // money in the currency's minor digits, unit prices with four decimals, instants as
    // "2026-11-26T08:00:00Z", optional members left out when empty.
    QJsonObject toJson() const;
    static std::optional<Order> fromJson(const QJsonObject &o, QList<FieldError> *errors);
};

} // namespace qm
