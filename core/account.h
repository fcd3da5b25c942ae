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
    Decimal overdue;                      // the part of the balance past its due date
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

// One account of the caller's part of the company tree, as GET /api/v1/accounts lists it:
// where it sits, its credit and terms, and its orders over the period asked for.
struct AccountSummary
{
    QString code;
    QString name;
    QString parentCode; // empty for the top of the view (the caller's own account)
    int depth = 0;      // 0: the caller's account, 1: its subsidiaries, 2: theirs, ...
    QString currency;
    QString paymentTerms;
    Decimal creditLimit;
    Decimal balance;
    Decimal openOrders;      // total of the orders still open, whenever placed
    Decimal availableCredit; // limit - balance - open orders; may be negative
    Decimal overdue;
    qint64 orderCount = 0;     // orders placed in the period (rejected and cancelled ones too)
    qint64 openOrderCount = 0; // orders still open, whenever placed
    Decimal spend;             // total of the period's orders, except rejected and cancelled

    QJsonObject toJson() const;
    // `pointer` prefixes the JSON pointers of the errors ("/accounts/2").
    static std::optional<AccountSummary> fromJson(const QJsonObject &o, const QString &pointer,
                                                  QList<FieldError> *errors);
};

// The answer of GET /api/v1/accounts: the caller's account and every account below it, each
// parent before its subsidiaries (depth first, siblings by code).
struct CompanyOverview
{
    QDate from; // the period of orderCount and spend, both days included
    QDate to;
    QList<AccountSummary> accounts;

    const AccountSummary *account(const QString &code) const;
    // The codes of `code` and of every account below it, in list order.
    QStringList subtree(const QString &code) const;
    // The figures of `code` and every account below it added up (money and counts; the
    // code, name, place and terms stay those of `code`): the rolled-up view. nullopt when
    // the code is unknown or the accounts bill in different currencies.
    std::optional<AccountSummary> rolledUp(const QString &code) const;

    QJsonObject toJson() const;
    static std::optional<CompanyOverview> fromJson(const QJsonObject &o, QList<FieldError> *errors);
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
