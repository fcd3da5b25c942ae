#include "models/orderstore.h"

#include "core/clock.h"
#include "core/feeds.h"
#include "core/fieldcheck.h"
#include "core/pricing.h"
#include "core/problem.h"
#include "models/cartpricing.h"
#include "models/cartstore.h"
#include "models/database.h"
#include "models/pricingterms.h"
#include "models/sql.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlQuery>
#include <QTimeZone>
#include <QUuid>
#include <QtNumeric>

#include <algorithm>
#include <array>

namespace qm {

namespace {

Q_LOGGING_CATEGORY(lcOrders, "qm.models.orderstore", QtInfoMsg)

constexpr std::array<std::pair<OutboxState, const char *>, 4> StateNames{{
    {OutboxState::Queued, "queued"},
    {OutboxState::Sending, "sending"},
    {OutboxState::NeedsAttention, "needs-attention"},
    {OutboxState::Sent, "sent"},
}};

QString timestampText(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QString nowText()
{
    return timestampText(clock::now());
}

QDateTime timestampFromSql(const QVariant &v)
{
    if (v.isNull() || v.toString().isEmpty())
        return {};
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    t.setTimeZone(QTimeZone::utc());
    return t;
}

QVariant nullText()
{
    return QVariant(QMetaType(QMetaType::QString));
}

QVariant nullableText(const QString &s)
{
    return s.isEmpty() ? nullText() : QVariant(s);
}

QString describe(const QList<FieldError> &errors)
{
    QStringList reasons;
    for (const FieldError &e : errors)
        reasons << QStringLiteral("%1 %2").arg(
            e.pointer.isEmpty() ? QStringLiteral("/") : e.pointer, e.detail);
    return reasons.join(QStringLiteral("; "));
}

QString newClientOrderId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toLower();
}

// Runs `statement` with `values` bound in order.
bool runWith(const QSqlDatabase &db, const QString &statement, const QVariantList &values,
             QString *error, int *rowsAffected = nullptr)
{
    QSqlQuery q(db);
    if (!sql::prepare(q, statement, error))
        return false;
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!sql::exec(q, error))
        return false;
    if (rowsAffected)
        *rowsAffected = q.numRowsAffected();
    return true;
}

const QString OutboxColumns =
    QStringLiteral("id, client_order_id, state, body, cart_name, expected_total, currency,"
                   " queued_at, updated_at, attempts, next_attempt_at, last_error,"
                   " problem_status, problem, order_number, sequence, replaced_by");

OutboxOrder outboxFromQuery(const QSqlQuery &q)
{
    OutboxOrder o;
    o.id = q.value(0).toLongLong();
    o.clientOrderId = q.value(1).toString();
    o.state = outboxStateFromName(q.value(2).toString()).value_or(OutboxState::Queued);
    o.body = q.value(3).toString().toUtf8();
    QList<FieldError> errors;
    if (auto s = OrderSubmission::fromJson(QJsonDocument::fromJson(o.body).object(), &errors))
        o.submission = *s;
    else
        qCWarning(lcOrders) << "outbox order" << o.id
                            << "has a body that does not parse:" << describe(errors);
    o.cartName = q.value(4).toString();
    o.expectedTotal = Decimal::fromUnits(q.value(5).toLongLong());
    o.currency = q.value(6).toString();
    o.queuedAt = timestampFromSql(q.value(7));
    o.updatedAt = timestampFromSql(q.value(8));
    o.attempts = q.value(9).toInt();
    o.nextAttemptAt = timestampFromSql(q.value(10));
    o.lastError = q.value(11).toString();
    o.problemStatus = q.value(12).toInt();
    o.problem = q.value(13).isNull() ? QByteArray() : q.value(13).toString().toUtf8();
    o.orderNumber = q.value(14).toString();
    o.sequence = q.value(15).toLongLong();
    o.replacedBy = q.value(16).toString();
    return o;
}

std::optional<OutboxOrder> loadOutbox(const QSqlDatabase &db, const QString &where,
                                      const QVariantList &keys, QString *error)
{
    QSqlQuery q(db);
    if (!sql::prepare(
            q, QStringLiteral("SELECT %1 FROM order_outbox WHERE %2").arg(OutboxColumns, where),
            error))
        return std::nullopt;
    for (const QVariant &key : keys)
        q.addBindValue(key);
    if (!sql::exec(q, error))
        return std::nullopt;
    if (!q.next())
        return std::nullopt;
    return outboxFromQuery(q);
}

std::optional<OutboxOrder> loadOutbox(const QSqlDatabase &db, const QString &where,
                                      const QVariant &key, QString *error)
{
    return loadOutbox(db, where, QVariantList{key}, error);
}

std::optional<OutboxOrder> loadOutboxById(const QSqlDatabase &db, qint64 id, QString *error)
{
    QString why;
    auto o = loadOutbox(db, QStringLiteral("id = ?"), id, &why);
    if (!o)
        sql::fail(error, why.isEmpty()
                             ? QStringLiteral("There is no order %1 in the outbox.").arg(id)
                             : why);
    return o;
}

// How an outbox order is named in messages: its server number once it has one.
QString orderLabel(const OutboxOrder &o)
{
    if (!o.orderNumber.isEmpty())
        return QStringLiteral("Order %1").arg(o.orderNumber);
    return QStringLiteral("The order queued at %1 (%2)")
        .arg(o.queuedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm")), o.clientOrderId);
}

bool setState(const QSqlDatabase &db, qint64 id, const QString &assignments,
              const QVariantList &values, QString *error)
{
    QVariantList all = values;
    all << nowText() << id;
    return runWith(
        db,
        QStringLiteral("UPDATE order_outbox SET %1, updated_at = ? WHERE id = ?").arg(assignments),
        all, error);
}

// The distinct SKUs of an order's lines (SKUs compare case-insensitively): the case-folded
// SKU to its spelling in the order.
using SkuSet = QHash<QString, QString>;

SkuSet skusOf(const Order &order)
{
    SkuSet skus;
    for (const OrderLine &line : order.lines)
        skus.insert(line.sku.toCaseFolded(), line.sku);
    return skus;
}

SkuSet skusOfPayload(const QString &payload)
{
    SkuSet skus;
    const QJsonArray lines =
        QJsonDocument::fromJson(payload.toUtf8()).object().value(u"lines").toArray();
    for (const QJsonValue &line : lines) {
        const QString sku = line.toObject().value(u"sku").toString();
        if (!sku.isEmpty())
            skus.insert(sku.toCaseFolded(), sku);
    }
    return skus;
}

// The SKUs of `a` that `b` does not have.
SkuSet minus(const SkuSet &a, const SkuSet &b)
{
    SkuSet out;
    for (auto it = a.cbegin(); it != a.cend(); ++it) {
        if (!b.contains(it.key()))
            out.insert(it.key(), it.value());
    }
    return out;
}

bool adjustOrderCounts(const QSqlDatabase &db, const SkuSet &skus, int delta, QString *error)
{
    for (const QString &sku : skus) {
        if (delta > 0) {
            if (!runWith(db,
                         QStringLiteral("INSERT INTO product_order_counts(sku, count) VALUES (?, 1)"
                                        " ON CONFLICT(sku) DO UPDATE SET count = count + 1"),
                         {sku}, error))
                return false;
        } else {
            if (!runWith(db,
                         QStringLiteral("UPDATE product_order_counts SET count = count - 1"
                                        " WHERE sku = ?"),
                         {sku}, error) ||
                !runWith(db,
                         QStringLiteral("DELETE FROM product_order_counts"
                                        " WHERE sku = ? AND count <= 0"),
                         {sku}, error))
                return false;
        }
    }
    return true;
}

// The portal has the order: an outbox entry with its client order id that is not recorded
// as sent (the client stopped after the portal committed and before it recorded the answer)
// is sent, with the order's number and sequence.
bool markOutboxSent(const QSqlDatabase &db, const Order &order, QString *error)
{
    if (order.clientOrderId.isEmpty())
        return true;
    int rows = 0;
    if (!runWith(db,
                 QStringLiteral("UPDATE order_outbox SET state = 'sent', order_number = ?,"
                                " sequence = ?, last_error = '', next_attempt_at = NULL,"
                                " problem_status = 0, problem = NULL, updated_at = ?"
                                " WHERE client_order_id = ? AND state <> 'sent'"),
                 {order.number, order.sequence, nowText(), order.clientOrderId}, error, &rows))
        return false;
    if (rows > 0)
        qCInfo(lcOrders, "the portal has order %s (%s): recorded as sent", qPrintable(order.number),
               qPrintable(order.clientOrderId));
    return true;
}

// Writes the order into the history unless the cache has the same or a newer version,
// keeping product_order_counts in step, and reconciles the outbox.
bool writeOrder(const QSqlDatabase &db, const Order &order, QString *error)
{
    QSqlQuery existing(db);
    if (!sql::prepare(existing,
                      QStringLiteral("SELECT sequence, payload FROM orders WHERE number = ?"),
                      error))
        return false;
    existing.addBindValue(order.number);
    if (!sql::exec(existing, error))
        return false;
    const bool known = existing.next();
    const qint64 cachedSequence = known ? existing.value(0).toLongLong() : 0;
    const QString cachedPayload = known ? existing.value(1).toString() : QString();
    existing.finish();

    if (!known || order.sequence > cachedSequence) {
        const SkuSet before = known ? skusOfPayload(cachedPayload) : SkuSet();
        const SkuSet after = skusOf(order);
        if (!adjustOrderCounts(db, minus(before, after), -1, error) ||
            !adjustOrderCounts(db, minus(after, before), +1, error))
            return false;
        if (!runWith(db,
                     QStringLiteral(
                         "INSERT INTO orders(number, client_order_id, status, sequence,"
                         " placed_at, placed_by, ship_to, po_number, notes, subtotal, currency,"
                         " payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                         " ON CONFLICT(number) DO UPDATE SET"
                         " client_order_id = excluded.client_order_id, status = excluded.status,"
                         " sequence = excluded.sequence, placed_at = excluded.placed_at,"
                         " placed_by = excluded.placed_by, ship_to = excluded.ship_to,"
                         " po_number = excluded.po_number, notes = excluded.notes,"
                         " subtotal = excluded.subtotal, currency = excluded.currency,"
                         " payload = excluded.payload"),
                     {order.number, nullableText(order.clientOrderId),
                      orderStatusName(order.status), order.sequence,
                      order.placedAt.toUTC().toString(Qt::ISODate), sql::text(order.placedBy),
                      sql::text(order.shipTo), sql::text(order.poNumber), sql::text(order.notes),
                      order.subtotal.units(), order.currency,
                      QString::fromUtf8(canonicalJson(order.toJson()))},
                     error))
            return false;
    }
    return markOutboxSent(db, order, error);
}

// Inserts a new outbox entry for `submission`; returns its id.
std::optional<qint64> insertOutbox(const QSqlDatabase &db, const OrderSubmission &submission,
                                   const QString &cartName, const Decimal &expectedTotal,
                                   const QString &currency, QString *error)
{
    QSqlQuery q(db);
    if (!sql::prepare(q,
                      QStringLiteral("INSERT INTO order_outbox(client_order_id, state, body,"
                                     " cart_name, expected_total, currency, queued_at, updated_at)"
                                     " VALUES (?, 'queued', ?, ?, ?, ?, ?, ?)"),
                      error))
        return std::nullopt;
    const QString now = nowText();
    q.addBindValue(submission.clientOrderId);
    q.addBindValue(QString::fromUtf8(canonicalJson(submission.toJson())));
    q.addBindValue(sql::text(cartName));
    q.addBindValue(expectedTotal.units());
    q.addBindValue(sql::text(currency));
    q.addBindValue(now);
    q.addBindValue(now);
    if (!sql::exec(q, error))
        return std::nullopt;
    return q.lastInsertId().toLongLong();
}

// Checks a submission as the portal would (the shared parser), so that nothing is queued
// that the portal refuses for its form.
bool checkSubmission(const OrderSubmission &submission, QString *error)
{
    QList<FieldError> errors;
    if (OrderSubmission::fromJson(submission.toJson(), &errors))
        return true;
    return sql::fail(
        error, QStringLiteral("The order cannot be sent as it is: %1.").arg(describe(errors)));
}

// The total of a submission as the portal computes it: each line's unit price times its
// quantity, rounded to the currency's minor unit.
std::optional<Decimal> submissionTotal(const OrderSubmission &submission, const QString &currency)
{
    const int digits = currencyMinorDigits(currency);
    Decimal total;
    for (const OrderSubmissionLine &line : submission.lines) {
        const auto lineTotal = line.unitPrice.times(line.quantity);
        if (!lineTotal)
            return std::nullopt;
        qint64 sum = 0;
        if (qAddOverflow(total.units(), lineTotal->rounded(digits).units(), &sum))
            return std::nullopt;
        total = Decimal::fromUnits(sum);
    }
    return total;
}

QString lineLabel(int lineNo, const QString &sku)
{
    return QStringLiteral("Line %1 (SKU %2)").arg(lineNo).arg(sku);
}

QString unpricedReason(pricing::LineProblem problem)
{
    switch (problem) {
    case pricing::LineProblem::None:
        break;
    case pricing::LineProblem::UnknownUnit:
        return QStringLiteral("the product has no such unit; choose another unit.");
    case pricing::LineProblem::InvalidQuantity:
        return QStringLiteral("the quantity must be greater than 0.");
    case pricing::LineProblem::Discontinued:
        return QStringLiteral("the product is discontinued; remove the line.");
    case pricing::LineProblem::NotInAssortment:
        return QStringLiteral("the product is not in your account's assortment; remove the line.");
    case pricing::LineProblem::NoPrice:
        return QStringLiteral("no price in the cache; sync prices first.");
    case pricing::LineProblem::Overflow:
        return QStringLiteral("the line total is too large; lower the quantity.");
    case pricing::LineProblem::NoValidQuantity:
        return QStringLiteral("no quantity of this unit meets the product's minimum, multiple "
                              "and maximum; choose another unit.");
    }
    return QStringLiteral("the line has no price.");
}

void checkLength(const QString &value, qsizetype max, const QString &what, QStringList *errors)
{
    const qsizetype n = fieldcheck::characterCount(value);
    if (n > max)
        errors->append(QStringLiteral("The %1 has %2 characters; at most %3 are allowed.")
                           .arg(what)
                           .arg(n)
                           .arg(max));
}

} // namespace

QString outboxStateName(OutboxState state)
{
    for (const auto &[s, name] : StateNames) {
        if (s == state)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<OutboxState> outboxStateFromName(QStringView name)
{
    for (const auto &[s, text] : StateNames) {
        if (name == QLatin1String(text))
            return s;
    }
    return std::nullopt;
}

OrderStore::OrderStore(Database &db)
    : m_db(db)
{}

std::optional<OrderSubmission> OrderStore::buildSubmission(qint64 cartId, const OrderHeader &header,
                                                           QDate day, QStringList *errors,
                                                           Decimal *total, QString *currency) const
{
    QStringList found;
    const auto finish = [&]() -> std::optional<OrderSubmission> {
        if (errors)
            errors->append(found);
        return std::nullopt;
    };

    CartStore carts(m_db);
    const auto cart = carts.cart(cartId);
    if (!cart) {
        found << QStringLiteral("There is no cart with id %1.").arg(cartId);
        return finish();
    }

    OrderSubmission s;
    s.clientOrderId = newClientOrderId();
    s.shipTo = header.shipTo.trimmed();
    s.poNumber = header.poNumber.trimmed();
    s.requestedDelivery = header.requestedDelivery;
    s.notes = header.notes.trimmed();
    s.contact.name = header.contact.name.trimmed();
    s.contact.email = header.contact.email.trimmed();
    s.contact.phone = header.contact.phone.trimmed();

    // The header.
    const auto account = this->account();
    if (s.shipTo.isEmpty()) {
        found << QStringLiteral("Choose a ship-to location.");
    } else if (account && !account->location(s.shipTo)) {
        QStringList codes;
        for (const ShipToLocation &l : account->shipTo)
            codes << l.code;
        found << (codes.isEmpty()
                      ? QStringLiteral("Ship-to location '%1' is not one of your account's "
                                       "locations; the account has none.")
                            .arg(s.shipTo)
                      : QStringLiteral("Ship-to location '%1' is not one of your account's "
                                       "locations (%2).")
                            .arg(s.shipTo, codes.join(QStringLiteral(", "))));
    } else {
        checkLength(s.shipTo, OrderSubmission::MaxShipToLength, QStringLiteral("ship-to code"),
                    &found);
    }
    checkLength(s.poNumber, OrderSubmission::MaxPoNumberLength, QStringLiteral("PO number"),
                &found);
    checkLength(s.notes, OrderSubmission::MaxNotesLength, QStringLiteral("note"), &found);
    checkLength(s.contact.name, OrderContact::MaxLength, QStringLiteral("contact name"), &found);
    checkLength(s.contact.email, OrderContact::MaxLength, QStringLiteral("contact email"), &found);
    checkLength(s.contact.phone, OrderContact::MaxLength, QStringLiteral("contact phone"), &found);
    if (!s.contact.email.isEmpty() &&
        (!s.contact.email.contains(u'@') || s.contact.email.contains(u' ')))
        found << QStringLiteral("The contact email '%1' is not an email address.")
                     .arg(s.contact.email);
    if (s.requestedDelivery.isValid() && s.requestedDelivery < day)
        found << QStringLiteral("The requested delivery date %1 is in the past.")
                     .arg(s.requestedDelivery.toString(Qt::ISODate));

    // The lines, priced as the buyer sees them.
    CartPricing pricing(m_db);
    pricing.setDay(day);
    QString error;
    if (!pricing.load(cartId, &error)) {
        found << QStringLiteral("The cart '%1' cannot be priced: %2").arg(cart->name, error);
        return finish();
    }
    const QList<PricedCartLine> &lines = pricing.lines();
    if (lines.isEmpty())
        found << QStringLiteral("The cart '%1' is empty; add lines before submitting.")
                     .arg(cart->name);
    if (lines.size() > OrderSubmission::MaxLines)
        found << QStringLiteral("The cart '%1' has %2 lines; an order can have at most %3.")
                     .arg(cart->name)
                     .arg(lines.size())
                     .arg(OrderSubmission::MaxLines);
    const QDateTime asOf = pricing.pricesAsOf();
    const QString priceVersion = asOf.isValid() ? asOf.toUTC().toString(Qt::ISODate) : QString();
    // A cart of thousands of unpriced lines gets a readable list, not thousands of sentences.
    constexpr int MaxLineErrors = 20;
    const qsizetype headerErrors = found.size();
    int lineNo = 0;
    for (const PricedCartLine &l : lines) {
        ++lineNo;
        const QString label = lineLabel(lineNo, l.line.sku);
        if (fieldcheck::characterCount(l.line.sku) > OrderSubmissionLine::MaxSkuLength) {
            found << QStringLiteral("%1: the SKU is longer than %2 characters.")
                         .arg(label)
                         .arg(OrderSubmissionLine::MaxSkuLength);
            continue;
        }
        if (!l.knownProduct) {
            found << QStringLiteral("%1: the product is not in the cache; sync the catalog first "
                                    "or remove the line.")
                         .arg(label);
            continue;
        }
        if (!l.priced.isPriced()) {
            found << QStringLiteral("%1: %2").arg(label, unpricedReason(l.priced.problem));
            continue;
        }
        OrderSubmissionLine line;
        line.sku = l.line.sku;
        line.uom = l.priced.uom.isEmpty() ? l.line.uom : l.priced.uom;
        line.quantity = l.priced.quantity;
        line.unitPrice = l.priced.unitPrice;
        line.priceVersion = priceVersion;
        if (fieldcheck::characterCount(line.uom) > OrderSubmissionLine::MaxUnitLength) {
            found << QStringLiteral("%1: the unit '%2' is longer than %3 characters.")
                         .arg(label, line.uom)
                         .arg(OrderSubmissionLine::MaxUnitLength);
            continue;
        }
        if (line.quantity <= 0) {
            found << QStringLiteral("%1: the quantity must be greater than 0.").arg(label);
            continue;
        }
        s.lines.append(line);
    }
    if (found.size() - headerErrors > MaxLineErrors) {
        const qsizetype more = found.size() - headerErrors - MaxLineErrors;
        found.erase(found.begin() + headerErrors + MaxLineErrors, found.end());
        found << QStringLiteral("%1 more lines cannot be ordered as they are.").arg(more);
    }
    const pricing::CartTotals totals = pricing.totals();
    if (totals.overflow)
        found << QStringLiteral("The order total is too large; split the cart into several "
                                "orders.");
    if (!found.isEmpty())
        return finish();

    // What the portal's parser would say about anything not checked above.
    QList<FieldError> fieldErrors;
    if (!OrderSubmission::fromJson(s.toJson(), &fieldErrors)) {
        for (const FieldError &e : std::as_const(fieldErrors))
            found << QStringLiteral("The order's %1 %2.").arg(e.pointer, e.detail);
        return finish();
    }
    if (total)
        *total = totals.subtotal;
    if (currency)
        *currency = pricing.currency();
    return s;
}

std::optional<OutboxOrder> OrderStore::queue(const OrderSubmission &submission,
                                             const QString &cartName, const Decimal &expectedTotal,
                                             const QString &currency, QString *error)
{
    if (!checkSubmission(submission, error))
        return std::nullopt;
    qint64 id = 0;
    const QSqlDatabase db = m_db.connection();
    const bool ok = m_db.write(
        [&](QString *why) {
            if (auto existing = loadOutbox(db, QStringLiteral("client_order_id = ?"),
                                           submission.clientOrderId, why)) {
                return sql::fail(why, QStringLiteral("The outbox already has an order with the "
                                                     "client order id %1.")
                                          .arg(submission.clientOrderId));
            }
            if (!why->isEmpty())
                return false;
            const auto inserted =
                insertOutbox(db, submission, cartName, expectedTotal, currency, why);
            if (!inserted)
                return false;
            id = *inserted;
            return true;
        },
        error);
    if (!ok) {
        if (error) {
            // SQLite's SQLITE_FULL: say what the user can do about it.
            const bool full = error->contains(QLatin1String("database or disk is full"));
            *error = full ? QStringLiteral("The order was not queued: the disk is full. Free some "
                                           "space and submit it again. (%1)")
                                .arg(*error)
                          : QStringLiteral("The order was not queued: %1").arg(*error);
        }
        return std::nullopt;
    }
    qCInfo(lcOrders, "order %s queued (%lld lines)", qPrintable(submission.clientOrderId),
           qint64(submission.lines.size()));
    return loadOutboxById(db, id, error);
}

QList<OutboxOrder> OrderStore::outbox(bool includeSent) const
{
    QList<OutboxOrder> out;
    QSqlQuery q(m_db.connection());
    QString error;
    const QString where =
        includeSent ? QString() : QStringLiteral(" WHERE state <> 'sent' AND replaced_by IS NULL");
    if (!sql::prepare(
            q,
            QStringLiteral("SELECT %1 FROM order_outbox%2 ORDER BY id").arg(OutboxColumns, where),
            &error) ||
        !sql::exec(q, &error)) {
        qCWarning(lcOrders) << "cannot read the outbox:" << error;
        return out;
    }
    while (q.next())
        out << outboxFromQuery(q);
    return out;
}

std::optional<OutboxOrder> OrderStore::outboxOrder(const QString &clientOrderId) const
{
    QString error;
    return loadOutbox(m_db.connection(), QStringLiteral("client_order_id = ?"), clientOrderId,
                      &error);
}

std::optional<OutboxOrder> OrderStore::outboxOrderById(qint64 id) const
{
    QString error;
    return loadOutbox(m_db.connection(), QStringLiteral("id = ?"), id, &error);
}

std::optional<OutboxOrder> OrderStore::nextToSend(const QDateTime &now,
                                                  std::chrono::milliseconds longestWait) const
{
    QString error;
    // An attempt time further ahead than any wait the sender sets was set under a clock that
    // ran ahead and has been put back since: the order is due now, not in days.
    const QDateTime latest = now.addMSecs(longestWait.count());
    return loadOutbox(m_db.connection(),
                      QStringLiteral("state IN ('queued', 'sending')"
                                     " AND (next_attempt_at IS NULL OR next_attempt_at <= ?"
                                     " OR next_attempt_at > ?)"
                                     " ORDER BY id LIMIT 1"),
                      QVariantList{timestampText(now), timestampText(latest)}, &error);
}

int OrderStore::count(OutboxState state) const
{
    QSqlQuery q(m_db.connection());
    QString error;
    const QString extra = state == OutboxState::NeedsAttention
                              ? QStringLiteral(" AND replaced_by IS NULL")
                              : QString();
    if (!sql::prepare(
            q, QStringLiteral("SELECT count(*) FROM order_outbox WHERE state = ?%1").arg(extra),
            &error))
        return 0;
    q.addBindValue(outboxStateName(state));
    if (!sql::exec(q, &error) || !q.next())
        return 0;
    return q.value(0).toInt();
}

bool OrderStore::beginSend(qint64 id, QString *error)
{
    const QSqlDatabase db = m_db.connection();
    return m_db.write(
        [&](QString *why) {
            const auto o = loadOutboxById(db, id, why);
            if (!o)
                return false;
            if (o->state == OutboxState::Sent)
                return sql::fail(why, QStringLiteral("%1 was already sent.").arg(orderLabel(*o)));
            if (o->state == OutboxState::NeedsAttention)
                return sql::fail(why, QStringLiteral("%1 needs attention; retry it before it is "
                                                     "sent again.")
                                          .arg(orderLabel(*o)));
            return setState(db, id,
                            QStringLiteral("state = 'sending', attempts = attempts + 1,"
                                           " next_attempt_at = NULL"),
                            {}, why);
        },
        error);
}

bool OrderStore::recordAccepted(qint64 id, const Order &order, QString *error)
{
    const QSqlDatabase db = m_db.connection();
    return m_db.write(
        [&](QString *why) {
            const auto o = loadOutboxById(db, id, why);
            if (!o)
                return false;
            if (!order.clientOrderId.isEmpty() && order.clientOrderId != o->clientOrderId)
                return sql::fail(why,
                                 QStringLiteral("The portal's order %1 has the client order "
                                                "id %2, not %3.")
                                     .arg(order.number, order.clientOrderId, o->clientOrderId));
            switch (o->state) {
            case OutboxState::Queued:
            case OutboxState::Sending:
                break;
            case OutboxState::NeedsAttention:
                return sql::fail(why, QStringLiteral("%1 needs attention; it was not being sent.")
                                          .arg(orderLabel(*o)));
            case OutboxState::Sent:
                // Already recorded (the orders feed can prove a send first): the same order.
                if (o->orderNumber != order.number)
                    return sql::fail(why, QStringLiteral("%1 was already sent as order %2.")
                                              .arg(orderLabel(*o), o->orderNumber));
                return writeOrder(db, order, why);
            }
            return setState(db, id,
                            QStringLiteral("state = 'sent', order_number = ?, sequence = ?,"
                                           " last_error = '', next_attempt_at = NULL,"
                                           " problem_status = 0, problem = NULL"),
                            {order.number, order.sequence}, why) &&
                   writeOrder(db, order, why);
        },
        error);
}

bool OrderStore::recordRetryLater(qint64 id, const QString &reason, const QDateTime &nextAttemptAt,
                                  QString *error)
{
    const QSqlDatabase db = m_db.connection();
    return m_db.write(
        [&](QString *why) {
            const auto o = loadOutboxById(db, id, why);
            if (!o)
                return false;
            if (o->state == OutboxState::Sent)
                return true; // the portal has it: nothing to send again
            if (o->state == OutboxState::NeedsAttention)
                return sql::fail(why, QStringLiteral("%1 needs attention; it was not being sent.")
                                          .arg(orderLabel(*o)));
            return setState(db, id,
                            QStringLiteral("state = 'queued', last_error = ?,"
                                           " next_attempt_at = ?"),
                            {sql::text(reason), nextAttemptAt.isValid()
                                                    ? QVariant(timestampText(nextAttemptAt))
                                                    : nullText()},
                            why);
        },
        error);
}

bool OrderStore::recordRefused(qint64 id, int httpStatus, const QByteArray &problem, QString *error)
{
    if (httpStatus < 400 || httpStatus > 499)
        return sql::fail(error,
                         QStringLiteral("HTTP status %1 is not a refusal (4xx).").arg(httpStatus));
    const QSqlDatabase db = m_db.connection();
    return m_db.write(
        [&](QString *why) {
            const auto o = loadOutboxById(db, id, why);
            if (!o)
                return false;
            if (o->state == OutboxState::Sent)
                return true; // the portal has it; a late refusal of a repeat changes nothing
            if (o->state == OutboxState::NeedsAttention)
                return sql::fail(why, QStringLiteral("%1 needs attention already; it was not "
                                                     "being sent.")
                                          .arg(orderLabel(*o)));
            return setState(db, id,
                            QStringLiteral("state = 'needs-attention', problem_status = ?,"
                                           " problem = ?, last_error = '',"
                                           " next_attempt_at = NULL"),
                            {httpStatus, QString::fromUtf8(problem)}, why);
        },
        error);
}

bool OrderStore::retry(qint64 id, QString *error)
{
    const QSqlDatabase db = m_db.connection();
    return m_db.write(
        [&](QString *why) {
            const auto o = loadOutboxById(db, id, why);
            if (!o)
                return false;
            if (o->state == OutboxState::Sent)
                return sql::fail(why, QStringLiteral("%1 was already sent.").arg(orderLabel(*o)));
            if (!o->replacedBy.isEmpty())
                return sql::fail(why, QStringLiteral("%1 was replaced by the reviewed order %2; "
                                                     "it cannot be sent again.")
                                          .arg(orderLabel(*o), o->replacedBy));
            return setState(db, id,
                            QStringLiteral("state = 'queued', next_attempt_at = NULL,"
                                           " problem_status = 0, problem = NULL"),
                            {}, why);
        },
        error);
}

std::optional<int> OrderStore::sendWaitingNow(QString *error)
{
    const QSqlDatabase db = m_db.connection();
    int waiting = 0;
    const bool ok = m_db.write(
        [&](QString *why) {
            return runWith(db,
                           QStringLiteral("UPDATE order_outbox SET next_attempt_at = NULL"
                                          " WHERE state IN ('queued', 'sending')"
                                          " AND next_attempt_at IS NOT NULL"),
                           {}, why, &waiting);
        },
        error);
    if (!ok)
        return std::nullopt;
    if (waiting > 0)
        qCInfo(lcOrders, "%d waiting order(s) may be sent now", waiting);
    return waiting;
}

bool OrderStore::deleteOrder(qint64 id, QString *error)
{
    const QSqlDatabase db = m_db.connection();
    return m_db.write(
        [&](QString *why) {
            const auto o = loadOutboxById(db, id, why);
            if (!o)
                return false;
            if (o->state == OutboxState::Sent)
                return sql::fail(why, QStringLiteral("%1 was sent; a sent order cannot be "
                                                     "deleted.")
                                          .arg(orderLabel(*o)));
            if (o->state == OutboxState::Sending)
                return sql::fail(why, QStringLiteral("%1 is being sent; wait for the answer, or "
                                                     "retry it first, then delete it.")
                                          .arg(orderLabel(*o)));
            qCInfo(lcOrders, "order %s deleted from the outbox (%s)", qPrintable(o->clientOrderId),
                   qPrintable(outboxStateName(o->state)));
            return runWith(db, QStringLiteral("DELETE FROM order_outbox WHERE id = ?"), {id}, why);
        },
        error);
}

std::optional<OutboxOrder> OrderStore::acceptReview(qint64 id, QString *error)
{
    const QSqlDatabase db = m_db.connection();
    const auto o = loadOutboxById(db, id, error);
    if (!o)
        return std::nullopt;
    const auto refuse = [&](const QString &why) -> std::optional<OutboxOrder> {
        sql::fail(error, why);
        return std::nullopt;
    };
    if (o->state != OutboxState::NeedsAttention)
        return refuse(QStringLiteral("%1 is %2; only a refused order can be reviewed.")
                          .arg(orderLabel(*o), outboxStateName(o->state)));
    if (!o->replacedBy.isEmpty())
        return refuse(QStringLiteral("%1 was already replaced by the reviewed order %2.")
                          .arg(orderLabel(*o), o->replacedBy));
    const auto problem = Problem::fromJson(o->problem);
    if (!problem || problem->slug() != QStringView(problems::OrderNeedsReview))
        return refuse(QStringLiteral("%1 was refused for another reason than changed prices or "
                                     "quantities; there is nothing to review.")
                          .arg(orderLabel(*o)));
    const QList<OrderLineProblem> lineProblems =
        orderLineProblems(QJsonDocument::fromJson(o->problem).object());
    if (lineProblems.isEmpty())
        return refuse(
            QStringLiteral("%1: the portal's review lists no lines.").arg(orderLabel(*o)));
    if (o->submission.lines.isEmpty())
        return refuse(QStringLiteral("%1: the queued request cannot be read.").arg(orderLabel(*o)));

    OrderSubmission next = o->submission;
    next.clientOrderId = newClientOrderId();
    QSet<int> dropped;
    QList<int> adjusted;
    for (const OrderLineProblem &p : lineProblems) {
        if (p.index < 0 || p.index >= next.lines.size() ||
            next.lines.at(p.index).sku.compare(p.sku, Qt::CaseInsensitive) != 0)
            return refuse(QStringLiteral("%1: the portal's review names line %2 (SKU %3), which "
                                         "the order does not have.")
                              .arg(orderLabel(*o))
                              .arg(p.index + 1)
                              .arg(p.sku));
        OrderSubmissionLine &line = next.lines[p.index];
        switch (p.kind) {
        case OrderLineProblem::Kind::PriceChanged:
            if (!p.current)
                return refuse(QStringLiteral("%1: the portal's review of %2 has no current "
                                             "price.")
                                  .arg(orderLabel(*o), lineLabel(p.index + 1, p.sku)));
            line.unitPrice = *p.current;
            break;
        case OrderLineProblem::Kind::QuantityAdjusted:
            if (!p.adjusted || *p.adjusted <= 0)
                return refuse(QStringLiteral("%1: the portal's review of %2 has no adjusted "
                                             "quantity.")
                                  .arg(orderLabel(*o), lineLabel(p.index + 1, p.sku)));
            line.quantity = *p.adjusted;
            adjusted << p.index;
            break;
        case OrderLineProblem::Kind::Unavailable:
            dropped.insert(p.index);
            break;
        case OrderLineProblem::Kind::InsufficientStock:
            break; // a warning: the line is back-ordered, not changed
        }
    }

    // The portal does not price a line whose quantity it adjusted: the cache does, for the
    // new quantity, so that the buyer sees the total the portal will most likely charge.
    if (!adjusted.isEmpty()) {
        QStringList skus;
        for (int i : std::as_const(adjusted))
            skus << next.lines.at(i).sku;
        const QHash<QString, pricing::ItemTerms> terms = PricingTerms(m_db).loadMany(skus);
        for (int i : std::as_const(adjusted)) {
            OrderSubmissionLine &line = next.lines[i];
            const auto it = terms.constFind(line.sku);
            if (it == terms.cend())
                continue;
            const pricing::PricedLine p = pricing::priceLine(
                *it, pricing::LineRequest{line.sku, line.uom, line.quantity}, clock::today());
            if (p.isPriced() && p.quantity == line.quantity)
                line.unitPrice = p.unitPrice;
        }
    }

    QList<OrderSubmissionLine> kept;
    for (int i = 0; i < next.lines.size(); ++i) {
        if (!dropped.contains(i))
            kept << next.lines.at(i);
    }
    if (kept.isEmpty())
        return refuse(QStringLiteral("%1: none of its lines can be ordered any more; return it to "
                                     "a cart or delete it.")
                          .arg(orderLabel(*o)));
    next.lines = kept;
    if (!checkSubmission(next, error))
        return std::nullopt;
    const auto total = submissionTotal(next, o->currency);
    if (!total)
        return refuse(QStringLiteral("%1: the reviewed total is too large.").arg(orderLabel(*o)));

    qint64 newId = 0;
    const bool ok = m_db.write(
        [&](QString *why) {
            // The state may have changed since it was read above.
            const auto now = loadOutboxById(db, id, why);
            if (!now)
                return false;
            if (now->state != OutboxState::NeedsAttention || !now->replacedBy.isEmpty())
                return sql::fail(why, QStringLiteral("%1 changed while it was reviewed; look at "
                                                     "it again.")
                                          .arg(orderLabel(*now)));
            const auto inserted = insertOutbox(db, next, o->cartName, *total, o->currency, why);
            if (!inserted)
                return false;
            newId = *inserted;
            return setState(db, id, QStringLiteral("replaced_by = ?"), {next.clientOrderId}, why);
        },
        error);
    if (!ok)
        return std::nullopt;
    qCInfo(lcOrders, "order %s replaced by %s after review", qPrintable(o->clientOrderId),
           qPrintable(next.clientOrderId));
    return loadOutboxById(db, newId, error);
}

std::optional<qint64> OrderStore::returnToCart(qint64 id, const QString &cartName, QString *error)
{
    const QSqlDatabase db = m_db.connection();
    const auto o = loadOutboxById(db, id, error);
    if (!o)
        return std::nullopt;
    if (o->state == OutboxState::Sent || o->state == OutboxState::Sending) {
        sql::fail(error, QStringLiteral("%1 is %2; only an order that is not being sent can go "
                                        "back to a cart.")
                             .arg(orderLabel(*o), outboxStateName(o->state)));
        return std::nullopt;
    }
    if (o->submission.lines.isEmpty()) {
        sql::fail(error,
                  QStringLiteral("%1: the queued request cannot be read.").arg(orderLabel(*o)));
        return std::nullopt;
    }
    if (cartName.trimmed().isEmpty()) {
        sql::fail(error, QStringLiteral("Name the cart the order's lines go back into."));
        return std::nullopt;
    }

    // Quantities the portal adjusted go back adjusted (the line rules would do the same).
    QHash<int, qint64> adjustedQuantity;
    for (const OrderLineProblem &p :
         orderLineProblems(QJsonDocument::fromJson(o->problem).object())) {
        if (p.kind == OrderLineProblem::Kind::QuantityAdjusted && p.adjusted && *p.adjusted > 0)
            adjustedQuantity.insert(p.index, *p.adjusted);
    }
    QList<NewLine> lines;
    for (int i = 0; i < o->submission.lines.size(); ++i) {
        const OrderSubmissionLine &s = o->submission.lines.at(i);
        NewLine l;
        l.code = s.sku;
        l.sku = s.sku;
        l.uom = s.uom;
        l.quantity = adjustedQuantity.value(i, s.quantity);
        l.requestedQuantity = s.quantity;
        l.source = LineSource::Imported;
        lines << l;
    }

    CartStore carts(m_db);
    std::optional<CartInfo> cart = carts.findCart(cartName.trimmed());
    if (cart && cart->name.compare(cartName.trimmed(), Qt::CaseInsensitive) != 0)
        cart.reset(); // found by id: a cart named like a number is a new cart
    if (!cart)
        cart = carts.createCart(cartName.trimmed(), error);
    if (!cart)
        return std::nullopt;
    // Two steps: the lines first, then the order. Should the second fail, the order stays and
    // its lines are in the cart as well: nothing is lost.
    if (!carts.addLines(cart->id, lines, {}, error))
        return std::nullopt;
    if (!deleteOrder(id, error))
        return std::nullopt;
    return cart->id;
}

QList<CachedOrder> OrderStore::orders(const OrderFilter &filter) const
{
    QStringList where;
    QVariantList values;
    if (filter.from.isValid()) {
        where << QStringLiteral("placed_at >= ?");
        values << filter.from.toString(Qt::ISODate);
    }
    if (filter.to.isValid()) {
        where << QStringLiteral("placed_at < ?");
        values << filter.to.addDays(1).toString(Qt::ISODate);
    }
    if (filter.status) {
        where << QStringLiteral("status = ?");
        values << orderStatusName(*filter.status);
    }
    if (!filter.shipTo.isEmpty()) {
        where << QStringLiteral("ship_to = ?");
        values << filter.shipTo;
    }
    if (!filter.sku.isEmpty()) {
        where << QStringLiteral("EXISTS (SELECT 1 FROM json_each(orders.payload, '$.lines') l"
                                " WHERE json_extract(l.value, '$.sku') = ? COLLATE NOCASE)");
        values << filter.sku.trimmed();
    }
    QSqlQuery q(m_db.connection());
    QString error;
    const QString statement =
        QStringLiteral("SELECT number, po_number, notes, placed_by, payload,"
                       " client_order_id IS NOT NULL AND EXISTS (SELECT 1 FROM order_outbox o"
                       "  WHERE o.client_order_id = orders.client_order_id)"
                       " FROM orders%1 ORDER BY placed_at DESC, number DESC")
            .arg(where.isEmpty() ? QString()
                                 : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND ")));
    QList<CachedOrder> out;
    if (!sql::prepare(q, statement, &error)) {
        qCWarning(lcOrders) << "cannot read the order history:" << error;
        return out;
    }
    for (const QVariant &v : std::as_const(values))
        q.addBindValue(v);
    if (!sql::exec(q, &error)) {
        qCWarning(lcOrders) << "cannot read the order history:" << error;
        return out;
    }
    // Substring filters compare case-insensitively in Unicode, which SQLite's LIKE does not.
    const auto contains = [](const QString &haystack, const QString &needle) {
        return haystack.contains(needle, Qt::CaseInsensitive);
    };
    const QString po = filter.poNumber.trimmed();
    const QString by = filter.placedBy.trimmed();
    const QString text = filter.text.trimmed();
    while (q.next()) {
        const QString number = q.value(0).toString();
        const QString poNumber = q.value(1).toString();
        if (!po.isEmpty() && !contains(poNumber, po))
            continue;
        if (!by.isEmpty() && !contains(q.value(3).toString(), by))
            continue;
        if (!text.isEmpty() && !contains(number, text) && !contains(poNumber, text) &&
            !contains(q.value(2).toString(), text))
            continue;
        QList<FieldError> errors;
        const auto order = Order::fromJson(
            QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object(), &errors);
        if (!order) {
            qCWarning(lcOrders) << "cached order" << number
                                << "does not parse:" << describe(errors);
            continue;
        }
        out << CachedOrder{*order, q.value(5).toBool()};
        if (filter.limit > 0 && out.size() >= filter.limit)
            break;
    }
    return out;
}

std::optional<CachedOrder> OrderStore::order(const QString &number) const
{
    QSqlQuery q(m_db.connection());
    QString error;
    if (!sql::prepare(q,
                      QStringLiteral("SELECT payload, client_order_id IS NOT NULL AND EXISTS"
                                     " (SELECT 1 FROM order_outbox o"
                                     "  WHERE o.client_order_id = orders.client_order_id)"
                                     " FROM orders WHERE number = ?"),
                      &error))
        return std::nullopt;
    q.addBindValue(number);
    if (!sql::exec(q, &error) || !q.next())
        return std::nullopt;
    QList<FieldError> errors;
    const auto order =
        Order::fromJson(QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object(), &errors);
    if (!order)
        return std::nullopt;
    return CachedOrder{*order, q.value(1).toBool()};
}

bool OrderStore::storeOrder(const Order &order, QString *error)
{
    QList<FieldError> errors;
    if (!Order::fromJson(order.toJson(), &errors))
        return sql::fail(
            error,
            QStringLiteral("Order %1 cannot be stored: %2").arg(order.number, describe(errors)));
    const QSqlDatabase db = m_db.connection();
    return m_db.write([&](QString *why) { return writeOrder(db, order, why); }, error);
}

bool OrderStore::applyFeedEntry(const QSqlDatabase &db, const QString &key, const QJsonObject &data,
                                QString *error)
{
    QList<FieldError> errors;
    const auto order = Order::fromJson(data, &errors);
    if (!order)
        return sql::fail(error, describe(errors));
    if (order->number != key)
        return sql::fail(
            error, QStringLiteral("payload number '%1' does not match the key").arg(order->number));
    return writeOrder(db, *order, error);
}

bool OrderStore::removeFeedEntry(const QSqlDatabase &db, const QString &key, QString *error)
{
    QSqlQuery q(db);
    if (!sql::prepare(q, QStringLiteral("SELECT payload FROM orders WHERE number = ?"), error))
        return false;
    q.addBindValue(key);
    if (!sql::exec(q, error))
        return false;
    if (!q.next())
        return true;
    const SkuSet skus = skusOfPayload(q.value(0).toString());
    q.finish();
    return adjustOrderCounts(db, skus, -1, error) &&
           runWith(db, QStringLiteral("DELETE FROM orders WHERE number = ?"), {key}, error);
}

std::optional<QList<QuickOrderEntry>>
OrderStore::reorderEntries(const QString &number, const QList<int> &lineNos, QString *error) const
{
    const auto cached = order(number);
    if (!cached) {
        sql::fail(error, QStringLiteral("There is no order %1 in the cache; sync the order "
                                        "history first.")
                             .arg(number));
        return std::nullopt;
    }
    const Order &o = cached->order;
    QSet<int> wanted(lineNos.cbegin(), lineNos.cend());
    for (int n : std::as_const(lineNos)) {
        const bool present = std::any_of(o.lines.cbegin(), o.lines.cend(),
                                         [n](const OrderLine &l) { return l.lineNo == n; });
        if (!present) {
            sql::fail(error, QStringLiteral("Order %1 has no line %2.").arg(number).arg(n));
            return std::nullopt;
        }
    }
    QList<QuickOrderEntry> entries;
    int entry = 0;
    for (const OrderLine &line : o.lines) {
        if (!wanted.isEmpty() && !wanted.contains(line.lineNo))
            continue;
        QuickOrderEntry e;
        e.line = ++entry;
        e.code = line.sku;
        e.uom = line.uom;
        e.quantityText = QString::number(line.quantity);
        e.quantity = line.quantity;
        e.source = LineSource::Imported;
        entries << e;
    }
    return entries;
}

std::optional<AccountInfo> OrderStore::account() const
{
    QSqlQuery q(m_db.connection());
    QString error;
    if (!sql::prepare(q, QStringLiteral("SELECT payload FROM account_info WHERE id = 1"), &error) ||
        !sql::exec(q, &error) || !q.next())
        return std::nullopt;
    QList<FieldError> errors;
    auto account = AccountInfo::fromJson(
        QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object(), &errors);
    if (!account)
        qCWarning(lcOrders) << "the cached account does not parse:" << describe(errors);
    return account;
}

QByteArray OrderStore::accountETag() const
{
    QSqlQuery q(m_db.connection());
    QString error;
    if (!sql::prepare(q, QStringLiteral("SELECT etag FROM account_info WHERE id = 1"), &error) ||
        !sql::exec(q, &error) || !q.next())
        return {};
    return q.value(0).toString().toUtf8();
}

QDateTime OrderStore::accountFetchedAt() const
{
    QSqlQuery q(m_db.connection());
    QString error;
    if (!sql::prepare(q, QStringLiteral("SELECT fetched_at FROM account_info WHERE id = 1"),
                      &error) ||
        !sql::exec(q, &error) || !q.next())
        return {};
    return timestampFromSql(q.value(0));
}

bool OrderStore::storeAccount(const AccountInfo &account, const QByteArray &etag, QString *error)
{
    const QJsonObject json = account.toJson();
    QList<FieldError> errors;
    if (!AccountInfo::fromJson(json, &errors))
        return sql::fail(error,
                         QStringLiteral("The account cannot be stored: %1").arg(describe(errors)));
    const QSqlDatabase db = m_db.connection();
    return m_db.write(
        [&](QString *why) {
            return runWith(
                db,
                QStringLiteral("INSERT INTO account_info(id, payload, etag, fetched_at)"
                               " VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
                               " payload = excluded.payload, etag = excluded.etag,"
                               " fetched_at = excluded.fetched_at"),
                {QString::fromUtf8(canonicalJson(json)), QString::fromUtf8(etag), nowText()}, why);
        },
        error);
}

bool OrderStore::touchAccount(QString *error)
{
    const QSqlDatabase db = m_db.connection();
    return m_db.write(
        [&](QString *why) {
            int rows = 0;
            if (!runWith(db, QStringLiteral("UPDATE account_info SET fetched_at = ? WHERE id = 1"),
                         {nowText()}, why, &rows))
                return false;
            if (rows == 0)
                return sql::fail(why, QStringLiteral("No account is cached yet; fetch it first."));
            return true;
        },
        error);
}

} // namespace qm
