// The order outbox, the order history and the account cache. Expected prices and totals are
// worked out by hand from the price rules of the fixture.
#include "catalogfixtures.h"

#include "core/clock.h"
#include "core/problem.h"
#include "models/cartstore.h"
#include "models/database.h"
#include "models/orderstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QUuid>

using namespace qm;
using namespace qm::test;
using namespace Qt::StringLiterals;

namespace {

const QDate Day(2026, 6, 1);

Decimal money(const char *text)
{
    return *Decimal::parse(QString::fromLatin1(text));
}

// A: list 2.50 (EA)       B: 1.00 EA, 90.00 BX      C: 0.30 EA, minimum 10
// D: discontinued         N: in the catalog, no price
// The account has ship-to locations HQ (default) and SITE-7.
struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    std::unique_ptr<OrderStore> store;
    std::unique_ptr<CartStore> carts;

    Fixture()
    {
        clock::setFixedForTesting(Day);
        QString error;
        db = Database::open(dir.filePath(u"cache.sqlite"_s), &error);
        if (!db)
            qFatal("cannot open the cache: %s", qPrintable(error));
        Product a = product(u"A"_s, u"Anchor"_s, 1);
        Product b = product(u"B"_s, u"Bolt"_s, 2);
        Product c = product(u"C"_s, u"Clip"_s, 3);
        c.minOrderQty = 10;
        Product d = product(u"D"_s, u"Dowel"_s, 4);
        d.discontinued = true;
        Product n = product(u"N"_s, u"Nut"_s, 5);
        const QList<ProductPrices> priceList{
            prices(u"A"_s, {rule(PriceRule::Kind::List, "EA", 1, "2.50")}),
            prices(u"B"_s, {rule(PriceRule::Kind::List, "EA", 1, "1.00"),
                            rule(PriceRule::Kind::List, "BX", 1, "90.00")}),
            prices(u"C"_s, {rule(PriceRule::Kind::List, "EA", 1, "0.30")}),
            prices(u"D"_s, {rule(PriceRule::Kind::List, "EA", 1, "7.00")}),
        };
        CatalogStore catalog(*db);
        if (!fillCache(catalog, {a, b, c, d, n}, priceList))
            qFatal("cannot fill the cache");
        store = std::make_unique<OrderStore>(*db);
        carts = std::make_unique<CartStore>(*db);
    }
    ~Fixture() { clock::setFixedForTesting({}); }

    qint64 cart(const QString &name, const QList<std::tuple<QString, QString, qint64>> &lines)
    {
        QString error;
        const auto c = carts->createCart(name, &error);
        if (!c)
            qFatal("cannot create a cart: %s", qPrintable(error));
        for (const auto &[sku, uom, quantity] : lines) {
            NewLine l;
            l.code = l.sku = sku;
            l.uom = uom;
            l.quantity = quantity;
            if (!carts->addLine(c->id, l, &error))
                qFatal("cannot add a line: %s", qPrintable(error));
        }
        return c->id;
    }

    void cacheAccount()
    {
        AccountInfo a;
        a.code = u"ACME"_s;
        a.name = u"Acme Builders"_s;
        a.currency = u"USD"_s;
        a.paymentTerms = u"Net 30"_s;
        a.creditLimit = money("1000");
        a.availableCredit = money("1000");
        for (const char *code : {"HQ", "SITE-7"}) {
            ShipToLocation l;
            l.code = QString::fromLatin1(code);
            l.name = l.code;
            l.isDefault = l.code == u"HQ";
            l.address =
                ShipToAddress{u"1 Main St"_s, {}, u"Springfield"_s, u"IL"_s, u"62701"_s, u"US"_s};
            a.shipTo << l;
        }
        QString error;
        if (!store->storeAccount(a, "\"v1\"", &error))
            qFatal("cannot store the account: %s", qPrintable(error));
    }

    // A submission of `lines` (sku, uom, quantity, unit price), queued.
    OutboxOrder queue(const QList<std::tuple<QString, QString, qint64, const char *>> &lines,
                      const QString &poNumber = {})
    {
        OrderSubmission s;
        s.clientOrderId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        s.shipTo = u"HQ"_s;
        s.poNumber = poNumber;
        for (const auto &[sku, uom, quantity, price] : lines)
            s.lines << OrderSubmissionLine{sku, uom, quantity, money(price), {}};
        QString error;
        const auto o = store->queue(s, u"Cart"_s, money("10"), u"USD"_s, &error);
        if (!o)
            qFatal("cannot queue: %s", qPrintable(error));
        return *o;
    }

    OutboxOrder queueOne() { return queue({{u"A"_s, u"EA"_s, 4, "2.50"}}); }

    OutboxState state(qint64 id) const { return store->outboxOrderById(id)->state; }

    qint64 rows(const QString &table) const
    {
        QSqlQuery q(db->connection());
        q.exec(u"SELECT count(*) FROM "_s + table);
        q.next();
        return q.value(0).toLongLong();
    }
};

// An order as the portal serves it.
Order portalOrder(const QString &number, qint64 sequence, const QStringList &skus,
                  const QString &clientOrderId = {})
{
    Order o;
    o.number = number;
    o.clientOrderId = clientOrderId;
    o.sequence = sequence;
    o.placedAt = QDateTime(Day, QTime(9, 0), QTimeZone::utc());
    o.placedBy = u"Dana Buyer"_s;
    o.shipTo = u"HQ"_s;
    o.currency = u"USD"_s;
    int n = 0;
    for (const QString &sku : skus) {
        OrderLine l;
        l.lineNo = ++n;
        l.sku = sku;
        l.description = sku;
        l.uom = u"EA"_s;
        l.quantity = n;
        l.unitPrice = money("1");
        l.lineTotal = Decimal::fromInt(n);
        o.lines << l;
        o.subtotal = o.subtotal + l.lineTotal;
    }
    return o;
}

qint64 orderCount(Database &db, const QString &sku)
{
    QSqlQuery q(db.connection());
    q.prepare(u"SELECT count FROM product_order_counts WHERE sku = ?"_s);
    q.addBindValue(sku);
    q.exec();
    return q.next() ? q.value(0).toLongLong() : 0;
}

// The problem document the portal answers a changed order with (server/orderhandlers.cpp):
// line 0 (A) costs more now, line 1 (D) is discontinued, line 2 (C) was raised to the minimum.
QByteArray reviewProblem()
{
    Problem p = Problem::make(problems::OrderNeedsReview, 422,
                              u"3 line(s) changed since you saw them; see 'lines'. Nothing was "
                              "ordered: review them and send the order with a new key."_s);
    p.extensions.insert(
        u"lines"_s, QJsonDocument::fromJson(
                        R"([{"index": 0, "sku": "A", "problem": "price-changed", "seen": "2.5000",
                 "current": "2.7500",
                 "price_rule": {"source": "list", "uom": "EA", "min_qty": 1}},
                {"index": 1, "sku": "D", "problem": "unavailable", "reason": "discontinued"},
                {"index": 2, "sku": "C", "problem": "quantity-adjusted", "requested": "3",
                 "adjusted": "10", "adjustments": ["raised-to-minimum"]}])")
                        .array());
    return p.toJson();
}

enum class Op
{
    Begin,
    Accepted,
    RetryLater,
    Refused,
    Retry,
    Delete,
};

} // namespace

Q_DECLARE_METATYPE(OutboxState)
Q_DECLARE_METATYPE(Op)
Q_DECLARE_METATYPE(OrderFilter)

class tst_OrderStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stateNames_data();
    void stateNames();
    void buildsSubmission();
    void buildSubmissionErrors_data();
    void buildSubmissionErrors();
    void buildSubmissionListsManyLinesBriefly();
    void queuesInOrder();
    void queueRefusesBadSubmission();
    void stateMachine_data();
    void stateMachine();
    void nextToSend();
    void sequenceRule_data();
    void sequenceRule();
    void feedProvesOrderSent_data();
    void feedProvesOrderSent();
    void recordAcceptedStoresHistory();
    void productOrderCounts();
    void filters_data();
    void filters();
    void acceptReview();
    void acceptReviewRefusals();
    void returnToCart();
    void reorderEntries();
    void fullDisk();
    void accountCache();
};

void tst_OrderStore::stateNames_data()
{
    QTest::addColumn<OutboxState>("state");
    QTest::addColumn<QString>("name");
    QTest::newRow("queued") << OutboxState::Queued << u"queued"_s;
    QTest::newRow("sending") << OutboxState::Sending << u"sending"_s;
    QTest::newRow("needs-attention") << OutboxState::NeedsAttention << u"needs-attention"_s;
    QTest::newRow("sent") << OutboxState::Sent << u"sent"_s;
}

void tst_OrderStore::stateNames()
{
    QFETCH(OutboxState, state);
    QFETCH(QString, name);
    QCOMPARE(outboxStateName(state), name);
    QCOMPARE(outboxStateFromName(name), std::optional<OutboxState>(state));
    QVERIFY(!outboxStateFromName(name.toUpper()));
}

void tst_OrderStore::buildsSubmission()
{
    Fixture f;
    f.cacheAccount();
    const qint64 cartId =
        f.cart(u"Site"_s, {{u"A"_s, u"EA"_s, 4}, {u"B"_s, u"BX"_s, 2}, {u"C"_s, u"EA"_s, 10}});
    OrderHeader header;
    header.shipTo = u"SITE-7"_s;
    header.poNumber = u" PO-4471 "_s;
    header.requestedDelivery = Day.addDays(3);
    header.notes = u"Dock B"_s;
    header.contact.email = u"dana@example.com"_s;
    QStringList errors;
    Decimal total;
    QString currency;
    const auto s = f.store->buildSubmission(cartId, header, Day, &errors, &total, &currency);
    QVERIFY2(s, qPrintable(errors.join(u'\n')));
    QVERIFY(errors.isEmpty());
    QVERIFY(isValidListId(s->clientOrderId)); // a lowercase UUID
    QCOMPARE(s->shipTo, u"SITE-7"_s);
    QCOMPARE(s->poNumber, u"PO-4471"_s);
    QCOMPARE(s->requestedDelivery, Day.addDays(3));
    QCOMPARE(s->contact.email, u"dana@example.com"_s);
    QCOMPARE(s->lines.size(), 3);
    QCOMPARE(s->lines[0].sku, u"A"_s);
    QCOMPARE(s->lines[0].quantity, 4);
    QCOMPARE(s->lines[0].unitPrice, money("2.50"));
    QCOMPARE(s->lines[1].uom, u"BX"_s);
    QCOMPARE(s->lines[1].unitPrice, money("90"));
    QCOMPARE(s->lines[2].unitPrice, money("0.30"));
    // 4 x 2.50 + 2 x 90.00 + 10 x 0.30
    QCOMPARE(total, money("193"));
    QCOMPARE(currency, u"USD"_s);

    // Every build is a new order.
    const auto again = f.store->buildSubmission(cartId, header, Day, &errors);
    QVERIFY(again);
    QVERIFY(again->clientOrderId != s->clientOrderId);
}

void tst_OrderStore::buildSubmissionErrors_data()
{
    QTest::addColumn<QString>("cartSku"); // empty: an empty cart
    QTest::addColumn<QString>("shipTo");
    QTest::addColumn<QString>("poNumber");
    QTest::addColumn<QString>("notes");
    QTest::addColumn<QString>("email");
    QTest::addColumn<int>("deliveryInDays"); // relative to the pricing day; 0: none
    QTest::addColumn<bool>("cacheAccount");
    QTest::addColumn<QString>("expected");

    const QString ok = u"A"_s;
    QTest::newRow("empty cart") << QString() << u"HQ"_s << QString() << QString() << QString() << 0
                                << false << u"The cart 'Cart' is empty"_s;
    QTest::newRow("no ship-to") << ok << QString() << QString() << QString() << QString() << 0
                                << false << u"Choose a ship-to location."_s;
    QTest::newRow("unknown ship-to")
        << ok << u"MARS"_s << QString() << QString() << QString() << 0 << true
        << u"Ship-to location 'MARS' is not one of your account's locations (HQ, SITE-7)."_s;
    QTest::newRow("ship-to too long")
        << ok << QString(33, u'X') << QString() << QString() << QString() << 0 << false
        << u"The ship-to code has 33 characters; at most 32 are allowed."_s;
    QTest::newRow("PO number too long")
        << ok << u"HQ"_s << QString(65, u'P') << QString() << QString() << 0 << false
        << u"The PO number has 65 characters; at most 64 are allowed."_s;
    QTest::newRow("notes too long")
        << ok << u"HQ"_s << QString() << QString(2001, u'n') << QString() << 0 << false
        << u"The note has 2001 characters; at most 2000 are allowed."_s;
    QTest::newRow("bad email") << ok << u"HQ"_s << QString() << QString() << u"dana at acme"_s << 0
                               << false
                               << u"The contact email 'dana at acme' is not an email address."_s;
    QTest::newRow("delivery in the past")
        << ok << u"HQ"_s << QString() << QString() << QString() << -1 << false
        << u"The requested delivery date 2026-05-31 is in the past."_s;
    QTest::newRow("no price") << u"N"_s << u"HQ"_s << QString() << QString() << QString() << 0
                              << false
                              << u"Line 1 (SKU N): no price in the cache; sync prices first."_s;
    QTest::newRow("discontinued")
        << u"D"_s << u"HQ"_s << QString() << QString() << QString() << 0 << false
        << u"Line 1 (SKU D): the product is discontinued; remove the line."_s;
    QTest::newRow("not in the cache")
        << u"ZZ-1"_s << u"HQ"_s << QString() << QString() << QString() << 0 << false
        << u"Line 1 (SKU ZZ-1): the product is not in the cache; sync the catalog first or "
           "remove the line."_s;
}

void tst_OrderStore::buildSubmissionErrors()
{
    QFETCH(QString, cartSku);
    QFETCH(QString, shipTo);
    QFETCH(QString, poNumber);
    QFETCH(QString, notes);
    QFETCH(QString, email);
    QFETCH(int, deliveryInDays);
    QFETCH(bool, cacheAccount);
    QFETCH(QString, expected);

    Fixture f;
    if (cacheAccount)
        f.cacheAccount();
    QList<std::tuple<QString, QString, qint64>> lines;
    if (!cartSku.isEmpty())
        lines << std::tuple<QString, QString, qint64>{cartSku, u"EA"_s, 1};
    const qint64 cartId = f.cart(u"Cart"_s, lines);
    OrderHeader header;
    header.shipTo = shipTo;
    header.poNumber = poNumber;
    header.notes = notes;
    header.contact.email = email;
    if (deliveryInDays != 0)
        header.requestedDelivery = Day.addDays(deliveryInDays);
    QStringList errors;
    QVERIFY(!f.store->buildSubmission(cartId, header, Day, &errors));
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().startsWith(expected), qPrintable(errors.first()));
    QCOMPARE(f.rows(u"order_outbox"_s), 0);
}

void tst_OrderStore::buildSubmissionListsManyLinesBriefly()
{
    Fixture f;
    QList<std::tuple<QString, QString, qint64>> lines;
    for (int i = 1; i <= 25; ++i)
        lines << std::tuple<QString, QString, qint64>{u"UNKNOWN-%1"_s.arg(i), u"EA"_s, 1};
    lines << std::tuple<QString, QString, qint64>{u"A"_s, u"EA"_s, 1};
    const qint64 cartId = f.cart(u"Big"_s, lines);
    OrderHeader header; // no ship-to either
    QStringList errors;
    QVERIFY(!f.store->buildSubmission(cartId, header, Day, &errors));
    // The header's problem, the first 20 lines, and a count of the rest.
    QCOMPARE(errors.size(), 22);
    QCOMPARE(errors.first(), u"Choose a ship-to location."_s);
    QVERIFY(errors.at(1).startsWith(u"Line 1 (SKU UNKNOWN-1): "_s));
    QVERIFY(errors.at(20).startsWith(u"Line 20 (SKU UNKNOWN-20): "_s));
    QCOMPARE(errors.last(), u"5 more lines cannot be ordered as they are."_s);
}

void tst_OrderStore::queuesInOrder()
{
    Fixture f;
    const OutboxOrder first = f.queue({{u"A"_s, u"EA"_s, 4, "2.50"}}, u"PO-1"_s);
    const OutboxOrder second = f.queue({{u"B"_s, u"BX"_s, 1, "90.00"}});
    const OutboxOrder third = f.queue({{u"C"_s, u"EA"_s, 10, "0.30"}});
    QCOMPARE(first.state, OutboxState::Queued);
    QCOMPARE(first.attempts, 0);
    QCOMPARE(first.cartName, u"Cart"_s);
    QCOMPARE(first.expectedTotal, money("10"));
    QCOMPARE(first.currency, u"USD"_s);
    QVERIFY(first.queuedAt.isValid());
    QCOMPARE(first.submission.poNumber, u"PO-1"_s);
    // The frozen body is the canonical request the portal compares.
    QCOMPARE(first.body, canonicalJson(first.submission.toJson()));
    QVERIFY(first.id < second.id && second.id < third.id);

    const QList<OutboxOrder> all = f.store->outbox();
    QCOMPARE(all.size(), 3);
    QCOMPARE(all[0].clientOrderId, first.clientOrderId);
    QCOMPARE(all[1].clientOrderId, second.clientOrderId);
    QCOMPARE(all[2].clientOrderId, third.clientOrderId);
    QCOMPARE(f.store->count(OutboxState::Queued), 3);
    QCOMPARE(f.store->outboxOrder(second.clientOrderId)->id, second.id);

    // Queueing the same order again is refused: one key, one order.
    OrderSubmission same = second.submission;
    QString error;
    QVERIFY(!f.store->queue(same, u"Cart"_s, money("90"), u"USD"_s, &error));
    QVERIFY2(error.contains(second.clientOrderId), qPrintable(error));
    QCOMPARE(f.rows(u"order_outbox"_s), 3);
}

void tst_OrderStore::queueRefusesBadSubmission()
{
    Fixture f;
    OrderSubmission s;
    s.clientOrderId = u"not-a-uuid"_s;
    s.shipTo = u"HQ"_s;
    QString error;
    QVERIFY(!f.store->queue(s, {}, {}, u"USD"_s, &error));
    QVERIFY2(error.contains(u"/client_order_id"_s) && error.contains(u"/lines"_s),
             qPrintable(error));
    QCOMPARE(f.rows(u"order_outbox"_s), 0);
}

void tst_OrderStore::stateMachine_data()
{
    QTest::addColumn<OutboxState>("from");
    QTest::addColumn<Op>("op");
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<int>("to");       // an OutboxState, or -1: the order is gone
    QTest::addColumn<bool>("changes"); // allowed and recorded (not a no-op)

    using S = OutboxState;
    const int gone = -1;
    const auto row = [](const char *name, S from, Op op, bool allowed, int to) {
        // A retry or refusal recorded for an order the portal already has changes nothing.
        const bool noOp = from == S::Sent && (op == Op::RetryLater || op == Op::Refused);
        QTest::newRow(name) << from << op << allowed << to << (allowed && !noOp);
    };
    row("queued: begin", S::Queued, Op::Begin, true, int(S::Sending));
    row("queued: accepted", S::Queued, Op::Accepted, true, int(S::Sent));
    // The user pressed retry while the send was out: its outcome is still recorded.
    row("queued: retry later", S::Queued, Op::RetryLater, true, int(S::Queued));
    row("queued: refused", S::Queued, Op::Refused, true, int(S::NeedsAttention));
    row("queued: retry", S::Queued, Op::Retry, true, int(S::Queued));
    row("queued: delete", S::Queued, Op::Delete, true, gone);
    row("sending: begin again", S::Sending, Op::Begin, true, int(S::Sending));
    row("sending: accepted", S::Sending, Op::Accepted, true, int(S::Sent));
    row("sending: retry later", S::Sending, Op::RetryLater, true, int(S::Queued));
    row("sending: refused", S::Sending, Op::Refused, true, int(S::NeedsAttention));
    row("sending: retry", S::Sending, Op::Retry, true, int(S::Queued));
    row("sending: delete", S::Sending, Op::Delete, false, int(S::Sending));
    row("attention: begin", S::NeedsAttention, Op::Begin, false, int(S::NeedsAttention));
    row("attention: accepted", S::NeedsAttention, Op::Accepted, false, int(S::NeedsAttention));
    row("attention: retry later", S::NeedsAttention, Op::RetryLater, false, int(S::NeedsAttention));
    row("attention: refused", S::NeedsAttention, Op::Refused, false, int(S::NeedsAttention));
    row("attention: retry", S::NeedsAttention, Op::Retry, true, int(S::Queued));
    row("attention: delete", S::NeedsAttention, Op::Delete, true, gone);
    row("sent: begin", S::Sent, Op::Begin, false, int(S::Sent));
    row("sent: accepted again", S::Sent, Op::Accepted, true, int(S::Sent));
    row("sent: retry later", S::Sent, Op::RetryLater, true, int(S::Sent));
    row("sent: refused", S::Sent, Op::Refused, true, int(S::Sent));
    row("sent: retry", S::Sent, Op::Retry, false, int(S::Sent));
    row("sent: delete", S::Sent, Op::Delete, false, int(S::Sent));
}

void tst_OrderStore::stateMachine()
{
    QFETCH(OutboxState, from);
    QFETCH(Op, op);
    QFETCH(bool, allowed);
    QFETCH(int, to);
    QFETCH(bool, changes);

    Fixture f;
    const OutboxOrder queued = f.queueOne();
    const qint64 id = queued.id;
    const Order placed = portalOrder(u"SO-300001"_s, 1, {u"A"_s}, queued.clientOrderId);
    const QByteArray problem = Problem::make(problems::CreditLimitExceeded, 422).toJson();
    QString error;
    // Bring the order into `from`.
    if (from != OutboxState::Queued)
        QVERIFY(f.store->beginSend(id, &error));
    if (from == OutboxState::NeedsAttention)
        QVERIFY(f.store->recordRefused(id, 422, problem, &error));
    if (from == OutboxState::Sent)
        QVERIFY(f.store->recordAccepted(id, placed, &error));
    const OutboxOrder before = *f.store->outboxOrderById(id);
    QCOMPARE(before.state, from);

    const QDateTime later = QDateTime(Day, QTime(12, 0), QTimeZone::utc());
    error.clear();
    bool ok = false;
    switch (op) {
    case Op::Begin:
        ok = f.store->beginSend(id, &error);
        break;
    case Op::Accepted:
        ok = f.store->recordAccepted(id, placed, &error);
        break;
    case Op::RetryLater:
        ok = f.store->recordRetryLater(id, u"connection reset"_s, later, &error);
        break;
    case Op::Refused:
        ok = f.store->recordRefused(id, 422, problem, &error);
        break;
    case Op::Retry:
        ok = f.store->retry(id, &error);
        break;
    case Op::Delete:
        ok = f.store->deleteOrder(id, &error);
        break;
    }
    QCOMPARE(ok, allowed);
    QCOMPARE(error.isEmpty(), allowed);

    const auto after = f.store->outboxOrderById(id);
    if (to < 0) {
        QVERIFY(!after);
        return;
    }
    QVERIFY(after);
    QCOMPARE(after->state, OutboxState(to));
    if (!changes) {
        // Nothing changed.
        QCOMPARE(after->updatedAt, before.updatedAt);
        QCOMPARE(after->attempts, before.attempts);
        QCOMPARE(after->problem, before.problem);
        return;
    }
    // The body never changes.
    QCOMPARE(after->body, queued.body);
    switch (op) {
    case Op::Begin:
        QCOMPARE(after->attempts, before.attempts + 1);
        break;
    case Op::Accepted:
        QCOMPARE(after->orderNumber, u"SO-300001"_s);
        QCOMPARE(after->sequence, 1);
        QVERIFY(f.store->order(u"SO-300001"_s));
        break;
    case Op::RetryLater:
        QCOMPARE(after->lastError, u"connection reset"_s);
        QCOMPARE(after->nextAttemptAt, later);
        QCOMPARE(after->attempts, before.attempts);
        break;
    case Op::Refused:
        QCOMPARE(after->problemStatus, 422);
        QCOMPARE(after->problem, problem);
        break;
    case Op::Retry:
        QVERIFY(after->problem.isEmpty());
        QCOMPARE(after->problemStatus, 0);
        QVERIFY(!after->nextAttemptAt.isValid());
        break;
    case Op::Delete:
        break;
    }
}

void tst_OrderStore::nextToSend()
{
    Fixture f;
    const QDateTime now = QDateTime(Day, QTime(10, 0), QTimeZone::utc());
    QVERIFY(!f.store->nextToSend(now));
    const OutboxOrder first = f.queueOne();
    const OutboxOrder second = f.queueOne();
    const OutboxOrder third = f.queueOne();
    QCOMPARE(f.store->nextToSend(now)->id, first.id);

    // A send that never recorded its outcome (the app stopped) is sent again, first.
    QString error;
    QVERIFY(f.store->beginSend(first.id, &error));
    QCOMPARE(f.store->nextToSend(now)->id, first.id);

    // Refused: it needs attention and does not hold back the others.
    QVERIFY(f.store->recordRefused(first.id, 422, "{}", &error));
    QCOMPARE(f.store->nextToSend(now)->id, second.id);

    // Backing off: not before its time.
    QVERIFY(f.store->beginSend(second.id, &error));
    QVERIFY(f.store->recordRetryLater(second.id, u"503"_s, now.addSecs(30), &error));
    QCOMPARE(f.store->nextToSend(now)->id, third.id);
    QCOMPARE(f.store->nextToSend(now.addSecs(30))->id, second.id);

    QVERIFY(f.store->beginSend(third.id, &error));
    QVERIFY(f.store->recordAccepted(third.id, portalOrder(u"SO-3"_s, 1, {u"A"_s}), &error));
    QVERIFY(!f.store->nextToSend(now));
    QCOMPARE(f.store->nextToSend(now.addSecs(31))->id, second.id);

    // "Send now" ends the wait of the backing-off order only; the refused one still needs
    // attention and the sent one stays sent.
    QCOMPARE(f.store->sendWaitingNow(&error), std::optional<int>(1));
    QCOMPARE(f.store->nextToSend(now)->id, second.id);
    QVERIFY(!f.store->outboxOrderById(second.id)->nextAttemptAt.isValid());
    QCOMPARE(f.store->outboxOrderById(first.id)->state, OutboxState::NeedsAttention);
    QCOMPARE(f.store->outboxOrderById(third.id)->state, OutboxState::Sent);
    QCOMPARE(f.store->sendWaitingNow(&error), std::optional<int>(0));

    // A wait set while the clock ran days ahead, and the clock put back: further ahead than
    // the longest wait the sender sets, so it is due now, not in days.
    QVERIFY(f.store->recordRetryLater(second.id, u"503"_s, now.addDays(3), &error));
    QVERIFY(!f.store->nextToSend(now));
    QVERIFY(!f.store->nextToSend(now, std::chrono::hours(72)));
    QCOMPARE(f.store->nextToSend(now, std::chrono::hours(1))->id, second.id);
    QVERIFY(f.store->recordRetryLater(second.id, u"503"_s, now.addSecs(3599), &error));
    QVERIFY(!f.store->nextToSend(now, std::chrono::hours(1)));
    QVERIFY(f.store->recordRetryLater(second.id, u"503"_s, now.addSecs(30), &error));

    QCOMPARE(f.store->count(OutboxState::Queued), 1);
    QCOMPARE(f.store->count(OutboxState::NeedsAttention), 1);
    QCOMPARE(f.store->count(OutboxState::Sent), 1);
    QCOMPARE(f.store->count(OutboxState::Sending), 0);
    QCOMPARE(f.store->outbox(false).size(), 2);
    QCOMPARE(f.store->outbox(true).size(), 3);
}

void tst_OrderStore::sequenceRule_data()
{
    QTest::addColumn<qint64>("cached");
    QTest::addColumn<qint64>("incoming");
    QTest::addColumn<bool>("throughFeed");
    QTest::addColumn<bool>("replaced");
    QTest::newRow("feed: newer") << qint64(2) << qint64(3) << true << true;
    QTest::newRow("feed: same") << qint64(2) << qint64(2) << true << false;
    QTest::newRow("feed: older") << qint64(2) << qint64(1) << true << false;
    QTest::newRow("store: newer") << qint64(2) << qint64(5) << false << true;
    QTest::newRow("store: same") << qint64(2) << qint64(2) << false << false;
    QTest::newRow("store: older") << qint64(2) << qint64(1) << false << false;
}

void tst_OrderStore::sequenceRule()
{
    QFETCH(qint64, cached);
    QFETCH(qint64, incoming);
    QFETCH(bool, throughFeed);
    QFETCH(bool, replaced);
    Fixture f;
    Order first = portalOrder(u"SO-1"_s, cached, {u"A"_s});
    first.status = OrderStatus::Confirmed;
    QString error;
    QVERIFY(f.store->storeOrder(first, &error));
    Order next = portalOrder(u"SO-1"_s, incoming, {u"B"_s});
    next.status = OrderStatus::Shipped;
    if (throughFeed) {
        QVERIFY2(f.db->write(
                     [&](QString *why) {
                         return OrderStore::applyFeedEntry(f.db->connection(), u"SO-1"_s,
                                                           next.toJson(), why);
                     },
                     &error),
                 qPrintable(error));
    } else {
        QVERIFY2(f.store->storeOrder(next, &error), qPrintable(error));
    }
    const auto now = f.store->order(u"SO-1"_s);
    QVERIFY(now);
    QCOMPARE(now->order.sequence, replaced ? incoming : cached);
    QCOMPARE(now->order.status, replaced ? OrderStatus::Shipped : OrderStatus::Confirmed);
    QCOMPARE(now->order.lines.first().sku, replaced ? u"B"_s : u"A"_s);
    QCOMPARE(orderCount(*f.db, u"A"_s), replaced ? 0 : 1);
    QCOMPARE(orderCount(*f.db, u"B"_s), replaced ? 1 : 0);
}

void tst_OrderStore::feedProvesOrderSent_data()
{
    QTest::addColumn<OutboxState>("state");
    QTest::newRow("queued (send never recorded)") << OutboxState::Queued;
    QTest::newRow("sending (stopped before the answer)") << OutboxState::Sending;
    QTest::newRow("needs attention") << OutboxState::NeedsAttention;
}

void tst_OrderStore::feedProvesOrderSent()
{
    QFETCH(OutboxState, state);
    Fixture f;
    const OutboxOrder mine = f.queueOne();
    const OutboxOrder other = f.queueOne();
    QString error;
    if (state != OutboxState::Queued)
        QVERIFY(f.store->beginSend(mine.id, &error));
    if (state == OutboxState::NeedsAttention)
        QVERIFY(f.store->recordRefused(mine.id, 409, "{}", &error));

    // The portal committed the order; the client learns it from the orders feed.
    const Order placed = portalOrder(u"SO-300042"_s, 3, {u"A"_s}, mine.clientOrderId);
    QVERIFY2(f.db->write(
                 [&](QString *why) {
                     return OrderStore::applyFeedEntry(f.db->connection(), placed.number,
                                                       placed.toJson(), why);
                 },
                 &error),
             qPrintable(error));
    const OutboxOrder now = *f.store->outboxOrderById(mine.id);
    QCOMPARE(now.state, OutboxState::Sent);
    QCOMPARE(now.orderNumber, u"SO-300042"_s);
    QCOMPARE(now.sequence, 3);
    QVERIFY(now.problem.isEmpty());
    QCOMPARE(now.body, mine.body);
    // It is not sent again; the other order is next.
    QCOMPARE(f.store->nextToSend(QDateTime(Day.addDays(1), QTime(), QTimeZone::utc()))->id,
             other.id);
    QCOMPARE(f.store->outboxOrderById(other.id)->state, OutboxState::Queued);
    QVERIFY(f.store->order(u"SO-300042"_s)->placedHere);

    // The push's own record of the same answer afterwards is not an error.
    if (state != OutboxState::NeedsAttention) {
        QVERIFY2(f.store->recordAccepted(mine.id, placed, &error), qPrintable(error));
        QCOMPARE(f.store->outboxOrderById(mine.id)->orderNumber, u"SO-300042"_s);
    }
    // An order placed elsewhere touches no outbox entry.
    QVERIFY(f.store->storeOrder(portalOrder(u"SO-9"_s, 1, {u"A"_s}), &error));
    QVERIFY(!f.store->order(u"SO-9"_s)->placedHere);
    QCOMPARE(f.store->count(OutboxState::Sent), 1);
}

void tst_OrderStore::recordAcceptedStoresHistory()
{
    Fixture f;
    const OutboxOrder o = f.queueOne();
    QString error;
    QVERIFY(f.store->beginSend(o.id, &error));
    // An answer for another order is refused and records nothing.
    const Order wrong =
        portalOrder(u"SO-2"_s, 1, {u"A"_s}, QUuid::createUuid().toString(QUuid::WithoutBraces));
    QVERIFY(!f.store->recordAccepted(o.id, wrong, &error));
    QVERIFY2(error.contains(u"SO-2"_s), qPrintable(error));
    QVERIFY(!f.store->order(u"SO-2"_s));
    QCOMPARE(f.state(o.id), OutboxState::Sending);

    const Order placed = portalOrder(u"SO-1"_s, 1, {u"A"_s, u"B"_s}, o.clientOrderId);
    QVERIFY(f.store->recordAccepted(o.id, placed, &error));
    const auto cached = f.store->order(u"SO-1"_s);
    QVERIFY(cached);
    QVERIFY(cached->placedHere);
    QCOMPARE(cached->order.lines.size(), 2);
    QCOMPARE(canonicalJson(cached->order.toJson()), canonicalJson(placed.toJson()));
    QCOMPARE(orderCount(*f.db, u"B"_s), 1);
    // Sent as another number: refused.
    QVERIFY(!f.store->recordAccepted(o.id, portalOrder(u"SO-7"_s, 1, {u"A"_s}, o.clientOrderId),
                                     &error));
}

void tst_OrderStore::productOrderCounts()
{
    Fixture f;
    QString error;
    const auto apply = [&](const Order &o) {
        return f.db->write(
            [&](QString *why) {
                return OrderStore::applyFeedEntry(f.db->connection(), o.number, o.toJson(), why);
            },
            &error);
    };
    const auto remove = [&](const QString &number) {
        return f.db->write(
            [&](QString *why) {
                return OrderStore::removeFeedEntry(f.db->connection(), number, why);
            },
            &error);
    };
    // A SKU twice in one order counts once.
    QVERIFY(apply(portalOrder(u"SO-1"_s, 1, {u"A"_s, u"B"_s, u"a"_s})));
    QVERIFY(apply(portalOrder(u"SO-2"_s, 1, {u"A"_s})));
    QCOMPARE(orderCount(*f.db, u"A"_s), 2);
    QCOMPARE(orderCount(*f.db, u"B"_s), 1);
    // A change of lines moves the counts.
    QVERIFY(apply(portalOrder(u"SO-2"_s, 2, {u"B"_s, u"C"_s})));
    QCOMPARE(orderCount(*f.db, u"A"_s), 1);
    QCOMPARE(orderCount(*f.db, u"B"_s), 2);
    QCOMPARE(orderCount(*f.db, u"C"_s), 1);
    // A tombstone takes the order and its counts away.
    QVERIFY(remove(u"SO-1"_s));
    QVERIFY(!f.store->order(u"SO-1"_s));
    QCOMPARE(orderCount(*f.db, u"A"_s), 0);
    QCOMPARE(orderCount(*f.db, u"B"_s), 1);
    QVERIFY(remove(u"SO-404"_s)); // unknown: nothing to do
    QCOMPARE(f.rows(u"product_order_counts"_s), 2);

    // A payload that does not match its key, or does not parse, is refused.
    QVERIFY(!f.db->write(
        [&](QString *why) {
            return OrderStore::applyFeedEntry(f.db->connection(), u"SO-5"_s,
                                              portalOrder(u"SO-6"_s, 1, {u"A"_s}).toJson(), why);
        },
        &error));
    QVERIFY2(error.contains(u"does not match"_s), qPrintable(error));
    QVERIFY(!f.db->write(
        [&](QString *why) {
            return OrderStore::applyFeedEntry(f.db->connection(), u"SO-5"_s,
                                              QJsonObject{{u"number"_s, u"SO-5"_s}}, why);
        },
        &error));
    QVERIFY(!f.store->order(u"SO-5"_s));
}

void tst_OrderStore::filters_data()
{
    QTest::addColumn<OrderFilter>("filter");
    QTest::addColumn<QStringList>("expected"); // newest first

    QTest::newRow("none") << OrderFilter{}
                          << QStringList{u"SO-4"_s, u"SO-3"_s, u"SO-2"_s, u"SO-1"_s};
    OrderFilter from;
    from.from = Day.addDays(-1);
    QTest::newRow("from") << from << QStringList{u"SO-4"_s, u"SO-3"_s};
    OrderFilter to;
    to.to = Day.addDays(-1);
    QTest::newRow("to (inclusive)") << to << QStringList{u"SO-3"_s, u"SO-2"_s, u"SO-1"_s};
    OrderFilter range;
    range.from = Day.addDays(-10);
    range.to = Day.addDays(-10);
    QTest::newRow("one day") << range << QStringList{u"SO-2"_s};
    OrderFilter status;
    status.status = OrderStatus::Shipped;
    QTest::newRow("status") << status << QStringList{u"SO-3"_s, u"SO-1"_s};
    OrderFilter po;
    po.poNumber = u"po-77"_s;
    QTest::newRow("PO number (substring, any case)") << po << QStringList{u"SO-2"_s};
    OrderFilter sku;
    sku.sku = u"b"_s;
    QTest::newRow("SKU") << sku << QStringList{u"SO-4"_s, u"SO-2"_s};
    OrderFilter shipTo;
    shipTo.shipTo = u"SITE-7"_s;
    QTest::newRow("ship-to") << shipTo << QStringList{u"SO-3"_s};
    OrderFilter by;
    by.placedBy = u"JÖRG"_s;
    QTest::newRow("placed by (Unicode, any case)") << by << QStringList{u"SO-4"_s};
    OrderFilter text;
    text.text = u"dock"_s;
    QTest::newRow("text in notes") << text << QStringList{u"SO-1"_s};
    OrderFilter number;
    number.text = u"so-3"_s;
    QTest::newRow("text in number") << number << QStringList{u"SO-3"_s};
    OrderFilter limit;
    limit.limit = 2;
    QTest::newRow("limit") << limit << QStringList{u"SO-4"_s, u"SO-3"_s};
    OrderFilter both;
    both.status = OrderStatus::Shipped;
    both.sku = u"A"_s;
    QTest::newRow("status and SKU") << both << QStringList{u"SO-3"_s, u"SO-1"_s};
    OrderFilter nothing;
    nothing.poNumber = u"nope"_s;
    QTest::newRow("no match") << nothing << QStringList{};
}

void tst_OrderStore::filters()
{
    QFETCH(OrderFilter, filter);
    QFETCH(QStringList, expected);
    Fixture f;
    QString error;
    const auto put = [&](const char *number, int daysAgo, OrderStatus status,
                         const QStringList &skus, const char *poNumber, const char *placedBy,
                         const char *shipTo, const char *notes) {
        Order o = portalOrder(QString::fromLatin1(number), 1, skus);
        o.placedAt = QDateTime(Day.addDays(-daysAgo), QTime(9, 0), QTimeZone::utc());
        o.status = status;
        o.poNumber = QString::fromLatin1(poNumber);
        o.placedBy = QString::fromUtf8(placedBy);
        o.shipTo = QString::fromLatin1(shipTo);
        o.notes = QString::fromLatin1(notes);
        QVERIFY2(f.store->storeOrder(o, &error), qPrintable(error));
    };
    put("SO-1", 20, OrderStatus::Shipped, {u"A"_s}, "PO-1", "Dana Buyer", "HQ", "Dock B");
    put("SO-2", 10, OrderStatus::Delivered, {u"A"_s, u"B"_s}, "PO-7788", "Dana Buyer", "HQ", "");
    put("SO-3", 1, OrderStatus::Shipped, {u"A"_s, u"C"_s}, "", "Dana Buyer", "SITE-7", "");
    put("SO-4", 0, OrderStatus::Submitted, {u"B"_s}, "PO-9", "J\xc3\xb6rg Einkauf", "HQ", "");

    QStringList numbers;
    for (const CachedOrder &o : f.store->orders(filter))
        numbers << o.order.number;
    QCOMPARE(numbers, expected);
}

void tst_OrderStore::acceptReview()
{
    Fixture f;
    const OutboxOrder refused = f.queue(
        {{u"A"_s, u"EA"_s, 4, "2.50"}, {u"D"_s, u"EA"_s, 1, "7.00"}, {u"C"_s, u"EA"_s, 3, "0.30"}},
        u"PO-R"_s);
    QString error;
    QVERIFY(f.store->beginSend(refused.id, &error));
    QVERIFY(f.store->recordRefused(refused.id, 422, reviewProblem(), &error));
    QCOMPARE(f.store->count(OutboxState::NeedsAttention), 1);

    const auto accepted = f.store->acceptReview(refused.id, &error);
    QVERIFY2(accepted, qPrintable(error));
    QVERIFY(accepted->clientOrderId != refused.clientOrderId);
    QVERIFY(isValidListId(accepted->clientOrderId));
    QCOMPARE(accepted->state, OutboxState::Queued);
    QCOMPARE(accepted->submission.poNumber, u"PO-R"_s);
    // A at today's price, D left out, C at the quantity the portal's line rules make of it.
    const QList<OrderSubmissionLine> &lines = accepted->submission.lines;
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0].sku, u"A"_s);
    QCOMPARE(lines[0].unitPrice, money("2.75"));
    QCOMPARE(lines[0].quantity, 4);
    QCOMPARE(lines[1].sku, u"C"_s);
    QCOMPARE(lines[1].quantity, 10);
    QCOMPARE(lines[1].unitPrice, money("0.30"));
    // 4 x 2.75 + 10 x 0.30
    QCOMPARE(accepted->expectedTotal, money("14"));
    QCOMPARE(accepted->body, canonicalJson(accepted->submission.toJson()));

    // The refused order is kept, replaced, and leaves the outbox listing.
    const OutboxOrder old = *f.store->outboxOrderById(refused.id);
    QCOMPARE(old.state, OutboxState::NeedsAttention);
    QCOMPARE(old.replacedBy, accepted->clientOrderId);
    QCOMPARE(old.body, refused.body);
    QCOMPARE(f.store->count(OutboxState::NeedsAttention), 0);
    const QList<OutboxOrder> open = f.store->outbox(false);
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.first().id, accepted->id);
    QCOMPARE(f.store->nextToSend(QDateTime(Day, QTime(23, 0), QTimeZone::utc()))->id, accepted->id);

    // Accepted once only, and the replaced order is never sent again.
    QVERIFY(!f.store->acceptReview(refused.id, &error));
    QVERIFY2(error.contains(accepted->clientOrderId), qPrintable(error));
    QVERIFY(!f.store->retry(refused.id, &error));
    QCOMPARE(f.rows(u"order_outbox"_s), 2);
}

void tst_OrderStore::acceptReviewRefusals()
{
    Fixture f;
    QString error;
    // Not refused at all.
    const OutboxOrder queued = f.queueOne();
    QVERIFY(!f.store->acceptReview(queued.id, &error));
    QVERIFY2(error.contains(u"queued"_s), qPrintable(error));

    // Refused for credit: nothing to review.
    QVERIFY(f.store->beginSend(queued.id, &error));
    QVERIFY(f.store->recordRefused(
        queued.id, 422, Problem::make(problems::CreditLimitExceeded, 422).toJson(), &error));
    QVERIFY(!f.store->acceptReview(queued.id, &error));
    QVERIFY2(error.contains(u"another reason"_s), qPrintable(error));

    // A review that names lines the order does not have.
    const OutboxOrder small = f.queueOne();
    QVERIFY(f.store->beginSend(small.id, &error));
    QVERIFY(f.store->recordRefused(small.id, 422, reviewProblem(), &error));
    QVERIFY(!f.store->acceptReview(small.id, &error));
    QVERIFY2(error.contains(u"does not have"_s), qPrintable(error));

    // Every line unavailable.
    const OutboxOrder gone = f.queue({{u"D"_s, u"EA"_s, 1, "7.00"}});
    Problem p = Problem::make(problems::OrderNeedsReview, 422);
    p.extensions.insert(u"lines"_s, QJsonArray{QJsonObject{{u"index"_s, 0},
                                                           {u"sku"_s, u"D"_s},
                                                           {u"problem"_s, u"unavailable"_s},
                                                           {u"reason"_s, u"discontinued"_s}}});
    QVERIFY(f.store->beginSend(gone.id, &error));
    QVERIFY(f.store->recordRefused(gone.id, 422, p.toJson(), &error));
    QVERIFY(!f.store->acceptReview(gone.id, &error));
    QVERIFY2(error.contains(u"none of its lines"_s), qPrintable(error));
    QCOMPARE(f.rows(u"order_outbox"_s), 3);
}

void tst_OrderStore::returnToCart()
{
    Fixture f;
    const OutboxOrder refused = f.queue(
        {{u"A"_s, u"EA"_s, 4, "2.50"}, {u"D"_s, u"EA"_s, 1, "7.00"}, {u"C"_s, u"EA"_s, 3, "0.30"}});
    QString error;
    QVERIFY(f.store->beginSend(refused.id, &error));
    // Being sent: it cannot go back.
    QVERIFY(!f.store->returnToCart(refused.id, u"Review"_s, &error));
    QVERIFY(f.store->recordRefused(refused.id, 422, reviewProblem(), &error));

    const auto cartId = f.store->returnToCart(refused.id, u"Review"_s, &error);
    QVERIFY2(cartId, qPrintable(error));
    QCOMPARE(f.carts->cart(*cartId)->name, u"Review"_s);
    const QList<CartLine> lines = f.carts->lines(*cartId);
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0].sku, u"A"_s);
    QCOMPARE(lines[0].quantity, 4);
    QCOMPARE(lines[1].sku, u"D"_s); // the cart flags it; the buyer decides
    QCOMPARE(lines[2].sku, u"C"_s);
    QCOMPARE(lines[2].quantity, 10); // as the portal adjusted it
    QCOMPARE(lines[2].requestedQuantity, 3);
    QVERIFY(!f.store->outboxOrderById(refused.id));

    // Into an existing cart: lines merge.
    const OutboxOrder second = f.queueOne();
    const auto same = f.store->returnToCart(second.id, u"review"_s, &error);
    QVERIFY2(same, qPrintable(error));
    QCOMPARE(*same, *cartId);
    QCOMPARE(f.carts->findLine(*cartId, u"A"_s, u"EA"_s)->quantity, 8);

    // Sent orders stay.
    const OutboxOrder sent = f.queueOne();
    QVERIFY(f.store->beginSend(sent.id, &error));
    QVERIFY(f.store->recordAccepted(sent.id, portalOrder(u"SO-1"_s, 1, {u"A"_s}), &error));
    QVERIFY(!f.store->returnToCart(sent.id, u"Review"_s, &error));
    QVERIFY(f.store->outboxOrderById(sent.id));
    QCOMPARE(f.carts->lines(*cartId).size(), 3);
}

void tst_OrderStore::reorderEntries()
{
    Fixture f;
    QString error;
    Order o = portalOrder(u"SO-1"_s, 1, {u"A"_s, u"B"_s, u"C"_s});
    o.lines[1].uom = u"BX"_s;
    QVERIFY(f.store->storeOrder(o, &error));

    const auto all = f.store->reorderEntries(u"SO-1"_s, {}, &error);
    QVERIFY(all);
    QCOMPARE(all->size(), 3);
    QCOMPARE(all->at(1).code, u"B"_s);
    QCOMPARE(all->at(1).uom, u"BX"_s);
    QCOMPARE(all->at(1).quantity, 2);
    QCOMPARE(all->at(1).quantityText, u"2"_s);
    QCOMPARE(all->at(1).line, 2);
    QCOMPARE(all->at(1).source, LineSource::Imported);

    const auto some = f.store->reorderEntries(u"SO-1"_s, {3, 1}, &error);
    QVERIFY(some);
    QCOMPARE(some->size(), 2);
    QCOMPARE(some->at(0).code, u"A"_s);
    QCOMPARE(some->at(0).line, 1);
    QCOMPARE(some->at(1).code, u"C"_s);
    QCOMPARE(some->at(1).line, 2);

    QVERIFY(!f.store->reorderEntries(u"SO-1"_s, {4}, &error));
    QCOMPARE(error, u"Order SO-1 has no line 4."_s);
    QVERIFY(!f.store->reorderEntries(u"SO-2"_s, {}, &error));
    QVERIFY2(error.contains(u"SO-2"_s), qPrintable(error));
}

void tst_OrderStore::fullDisk()
{
    Fixture f;
    const OutboxOrder earlier = f.queueOne();
    QSqlQuery q(f.db->connection());
    QVERIFY(q.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s));
    QVERIFY(q.exec(u"PRAGMA page_count"_s) && q.next());
    const qint64 pages = q.value(0).toLongLong();
    q.finish();
    QVERIFY(q.exec(u"PRAGMA max_page_count = %1"_s.arg(pages)));
    q.finish();

    // An order whose body needs more pages than the file may grow by.
    OrderSubmission big;
    big.clientOrderId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    big.shipTo = u"HQ"_s;
    big.notes = QString(2000, u'n');
    for (int i = 0; i < 3000; ++i)
        big.lines << OrderSubmissionLine{u"SKU-%1"_s.arg(i), u"EA"_s, 1, money("1.25"), {}};
    QString error;
    QVERIFY(!f.store->queue(big, u"Cart"_s, money("3750"), u"USD"_s, &error));
    QVERIFY2(error.startsWith(u"The order was not queued: "_s), qPrintable(error));
    QVERIFY2(error.contains(u"the disk is full. Free some space"_s), qPrintable(error));

    // Nothing partial, the earlier order intact.
    QCOMPARE(f.rows(u"order_outbox"_s), 1);
    QVERIFY(!f.store->outboxOrder(big.clientOrderId));
    const OutboxOrder still = *f.store->outboxOrderById(earlier.id);
    QCOMPARE(still.body, earlier.body);
    QCOMPARE(still.state, OutboxState::Queued);

    // With room again, the same order queues.
    QVERIFY(q.exec(u"PRAGMA max_page_count = 1000000"_s));
    q.finish();
    QVERIFY2(f.store->queue(big, u"Cart"_s, money("3750"), u"USD"_s, &error), qPrintable(error));
    QCOMPARE(f.rows(u"order_outbox"_s), 2);
}

void tst_OrderStore::accountCache()
{
    Fixture f;
    QVERIFY(!f.store->account());
    QVERIFY(f.store->accountETag().isEmpty());
    QVERIFY(!f.store->accountFetchedAt().isValid());
    QString error;
    QVERIFY(!f.store->touchAccount(&error));
    QVERIFY(!error.isEmpty());

    f.cacheAccount();
    const auto a = f.store->account();
    QVERIFY(a);
    QCOMPARE(a->code, u"ACME"_s);
    QCOMPARE(a->creditLimit, money("1000"));
    QCOMPARE(a->shipTo.size(), 2);
    QCOMPARE(a->defaultShipTo(), u"HQ"_s);
    QCOMPARE(f.store->accountETag(), QByteArray("\"v1\""));
    const QDateTime fetched = f.store->accountFetchedAt();
    QVERIFY(fetched.isValid());
    QCOMPARE(fetched.offsetFromUtc(), 0);

    // A 304 later: the cached copy is current again.
    QSqlQuery q(f.db->connection());
    QVERIFY(q.exec(u"UPDATE account_info SET fetched_at = '2026-01-01T00:00:00.000Z'"_s));
    const QDateTime old(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::utc());
    QCOMPARE(f.store->accountFetchedAt(), old);
    QVERIFY(f.store->touchAccount(&error));
    QVERIFY(f.store->accountFetchedAt() > old);
    QCOMPARE(f.store->accountETag(), QByteArray("\"v1\""));

    AccountInfo changed = *a;
    changed.balance = money("250.5");
    changed.availableCredit = money("-10");
    QVERIFY(f.store->storeAccount(changed, "\"v2\"", &error));
    QCOMPARE(f.store->account()->balance, money("250.5"));
    QCOMPARE(f.store->account()->availableCredit, money("-10"));
    QCOMPARE(f.store->accountETag(), QByteArray("\"v2\""));
    QCOMPARE(f.rows(u"account_info"_s), 1);

    // An account that would not read back is refused; the cached one stays.
    AccountInfo bad = changed;
    bad.currency = u"usd"_s;
    QVERIFY(!f.store->storeAccount(bad, "\"v3\"", &error));
    QCOMPARE(f.store->accountETag(), QByteArray("\"v2\""));
}

QTEST_GUILESS_MAIN(tst_OrderStore)
#include "tst_orderstore.moc"
