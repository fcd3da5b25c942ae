#pragma once

#include "core/decimal.h"
#include "core/requisitionlist.h"

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace qm {

struct ShipToAddress
{
    QString line1;
    QString line2;
    QString city;
    QString region;
    QString postalCode;
    QString country;
};

struct ShipToLocation
{
    QString code;
    QString name;
    bool isDefault = false;
    ShipToAddress address;
};

// The signed-in user's account as ordering needs it: the answer of GET /api/v1/account.
// Money is exact (Decimal), rounded to the currency's minor digits on the wire.
struct AccountInfo
{
    QString code;
    QString name;
    QString currency;
    QString paymentTerms;
    Decimal creditLimit;
    Decimal balance;
    Decimal openOrders;
    Decimal availableCredit;              // limit - balance - open orders; may be negative
    std::optional<Decimal> spendingLimit; // the caller's own limit per order; none: no limit
    QList<ShipToLocation> shipTo;

    // The default location's code, or the first one's; empty when there is none.
    QString defaultShipTo() const;
    // The location an order goes to unless the user picks another: the user's own default
    // (/me user.default_location, chosen by an account administrator) when the account still
    // lists it (only active locations are listed), else defaultShipTo().
    QString preferredShipTo(const QString &userDefault) const;
    const ShipToLocation *location(const QString &code) const;

    // The wire form (the portal writes it, the client reads it).
    QJsonObject toJson() const;
    static std::optional<AccountInfo> fromJson(const QJsonObject &o, QList<FieldError> *errors);
};

// One line of an order the portal could not take as sent (422 order-needs-review), or a
// warning on a placed order (insufficient-stock). Wire names as in OrderLineProblem of
// api/portal-api.yaml.
struct OrderLineProblem
{
    enum class Kind
    {
        PriceChanged,
        QuantityAdjusted,
        Unavailable,
        InsufficientStock,
    };

    int index = 0; // position in the submitted lines, 0-based
    QString sku;
    Kind kind = Kind::PriceChanged;
    std::optional<Decimal> seen;       // price-changed: the unit price sent
    std::optional<Decimal> current;    // price-changed: today's unit price
    QString priceRuleSource;           // price-changed: the rule that gives `current` (the
                                       // `source` of price_rule; toJson writes only that member)
    QString reason;                    // unavailable: discontinued, not-in-assortment, ...
    std::optional<qint64> requested;   // quantity-adjusted
    std::optional<qint64> adjusted;    // quantity-adjusted: what the line rules make of it
    QStringList adjustments;           // raised-to-minimum, rounded-to-multiple, capped-at-maximum
    std::optional<qint64> available;   // insufficient-stock: packs in stock
    std::optional<qint64> backordered; // insufficient-stock
    std::optional<int> leadTimeDays;
    QDate availableOn;

    static QString kindName(Kind kind); // "price-changed", ...
    static std::optional<Kind> kindFromName(QStringView name);
    QJsonObject toJson() const;
    static std::optional<OrderLineProblem> fromJson(const QJsonObject &o);
};

// The `lines` member of an order-needs-review problem, or the `warnings` of a placed order;
// entries that cannot be read are skipped.
QList<OrderLineProblem> orderLineProblems(const QJsonObject &problemOrOrder);

} // namespace qm
