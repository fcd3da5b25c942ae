#pragma once

#include "cartfixture.h"

#include "core/clock.h"
#include "core/problem.h"
#include "models/cartstore.h"
#include "models/orderstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

// Orders over the cart fixture (tests/ui/cartfixture.h): the account the portal would serve,
// carts filled with lines, orders queued from them, and problem documents shaped as the
// portal sends them (api/portal-api.yaml, Problem and OrderLineProblem).
namespace qm::test {

struct CartLineSpec
{
    const char *sku;
    const char *uom;
    qint64 quantity;
};

// An account in USD with two ship-to locations, the second one the default.
inline AccountInfo demoAccount(const char *available = "5000.00",
                               std::optional<const char *> spendingLimit = std::nullopt)
{
    AccountInfo a;
    a.code = QStringLiteral("BAY-001");
    a.name = QStringLiteral("Bayside Builders");
    a.currency = QStringLiteral("USD");
    a.paymentTerms = QStringLiteral("Net 30");
    a.creditLimit = *Decimal::parse(u"10000.00");
    a.availableCredit = *Decimal::parse(QString::fromLatin1(available));
    a.balance = *Decimal::parse(u"1000.00");
    a.openOrders = a.creditLimit - a.balance - a.availableCredit;
    a.overdue = *Decimal::parse(u"250.00");
    if (spendingLimit)
        a.spendingLimit = *Decimal::parse(QString::fromLatin1(*spendingLimit));
    ShipToLocation yard;
    yard.code = QStringLiteral("YARD");
    yard.name = QStringLiteral("North yard");
    yard.address = {QStringLiteral("12 Quarry Road"), {},
                    QStringLiteral("Oakland"),        QStringLiteral("CA"),
                    QStringLiteral("94607"),          QStringLiteral("US")};
    ShipToLocation main;
    main.code = QStringLiteral("MAIN");
    main.name = QStringLiteral("Head office");
    main.isDefault = true;
    main.address = {QStringLiteral("1 Harbor Way"),  QStringLiteral("Suite 4"),
                    QStringLiteral("San Francisco"), QStringLiteral("CA"),
                    QStringLiteral("94105"),         QStringLiteral("US")};
    a.shipTo = {yard, main};
    return a;
}

inline bool storeAccount(Database &db, const AccountInfo &account)
{
    QString error;
    const bool ok = OrderStore(db).storeAccount(account, QByteArrayLiteral("\"a1\""), &error);
    if (!ok)
        qWarning("cannot store the account: %s", qPrintable(error));
    return ok;
}

// A new cart named `name` with `lines`; 0 on failure.
inline qint64 makeCart(Database &db, const QString &name, const QList<CartLineSpec> &lines)
{
    CartStore carts(db);
    QString error;
    const auto cart = carts.createCart(name, &error);
    if (!cart) {
        qWarning("cannot create the cart: %s", qPrintable(error));
        return 0;
    }
    for (const CartLineSpec &spec : lines) {
        NewLine line;
        line.code = QString::fromLatin1(spec.sku);
        line.sku = line.code;
        line.uom = QString::fromLatin1(spec.uom);
        line.quantity = spec.quantity;
        if (!carts.addLine(cart->id, line, &error)) {
            qWarning("cannot add %s: %s", spec.sku, qPrintable(error));
            return 0;
        }
    }
    return cart->id;
}

// Queues a cart of `lines` as an order to `shipTo` through OrderStore, as the submit dialog
// does.
inline std::optional<OutboxOrder> queueOrder(Database &db, const QString &cartName,
                                             const QList<CartLineSpec> &lines,
                                             const QString &shipTo = QStringLiteral("MAIN"))
{
    const qint64 cartId = makeCart(db, cartName, lines);
    if (cartId == 0)
        return std::nullopt;
    OrderStore store(db);
    OrderHeader header;
    header.shipTo = shipTo;
    header.poNumber = QStringLiteral("PO-%1").arg(cartId);
    QStringList errors;
    Decimal total;
    QString currency;
    const auto submission =
        store.buildSubmission(cartId, header, clock::today(), &errors, &total, &currency);
    if (!submission) {
        qWarning("cannot build the order: %s", qPrintable(errors.join(QStringLiteral("; "))));
        return std::nullopt;
    }
    QString error;
    auto queued = store.queue(*submission, cartName, total, currency, &error);
    if (!queued)
        qWarning("cannot queue the order: %s", qPrintable(error));
    // The submit dialog archives the cart once the order holds its lines.
    else if (!CartStore(db).setArchived(cartId, true, &error))
        qWarning("cannot archive the cart: %s", qPrintable(error));
    return queued;
}

// A problem+json document as the portal writes it.
// `extensions` is the JSON text of an object with the problem's extra members.
inline QByteArray problemDocument(const char *slug, int status, const QString &detail,
                                  const QByteArray &extensions = QByteArrayLiteral("{}"))
{
    QJsonParseError parsed;
    QJsonObject o = QJsonDocument::fromJson(extensions, &parsed).object();
    if (parsed.error != QJsonParseError::NoError)
        qFatal("bad extensions: %s", qPrintable(parsed.errorString()));
    o.insert(QStringLiteral("type"), QStringLiteral("/problems/") + QString::fromLatin1(slug));
    o.insert(QStringLiteral("title"), problemTitle(QString::fromLatin1(slug)));
    o.insert(QStringLiteral("status"), status);
    o.insert(QStringLiteral("detail"), detail);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// The portal's refusal of `order` recorded as the push records it.
inline bool refuse(Database &db, const OutboxOrder &order, int status, const QByteArray &problem)
{
    OrderStore store(db);
    QString error;
    const bool ok =
        store.beginSend(order.id, &error) && store.recordRefused(order.id, status, problem, &error);
    if (!ok)
        qWarning("cannot record the refusal: %s", qPrintable(error));
    return ok;
}

// The portal's acceptance of `order` under `number`, as the push records it.
inline bool acceptAs(Database &db, const OutboxOrder &order, const QString &number)
{
    Order placed;
    placed.number = number;
    placed.clientOrderId = order.clientOrderId;
    placed.status = OrderStatus::Submitted;
    placed.sequence = 1;
    placed.placedAt =
        QDateTime::currentDateTimeUtc().addMSecs(-QDateTime::currentDateTimeUtc().time().msec());
    placed.placedBy = QStringLiteral("Dana Reyes");
    placed.shipTo = order.submission.shipTo;
    placed.poNumber = order.submission.poNumber;
    placed.currency = order.currency;
    int lineNo = 0;
    for (const OrderSubmissionLine &l : order.submission.lines) {
        OrderLine line;
        line.lineNo = ++lineNo;
        line.sku = l.sku;
        line.uom = l.uom;
        line.quantity = l.quantity;
        line.unitPrice = l.unitPrice;
        line.lineTotal = l.unitPrice.times(l.quantity)->rounded(2);
        line.priceRule = QStringLiteral("contract");
        placed.lines << line;
    }
    placed.subtotal = order.expectedTotal;
    OrderStore store(db);
    QString error;
    const bool ok =
        store.beginSend(order.id, &error) && store.recordAccepted(order.id, placed, &error);
    if (!ok)
        qWarning("cannot record the acceptance: %s", qPrintable(error));
    return ok;
}

} // namespace qm::test
