// The account (GET /api/v1/account) and the per-line order problems in their wire form, as
// api/portal-api.yaml describes AccountCredit and OrderLineProblem.
#include "core/account.h"
#include "core/feeds.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace qm;
using namespace Qt::StringLiterals;

namespace {

QJsonObject object(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("test JSON does not parse: %s", json.constData());
    return doc.object();
}

QStringList pointers(const QList<FieldError> &errors)
{
    QStringList out;
    for (const FieldError &e : errors)
        out.append(e.pointer);
    return out;
}

Decimal money(const char *text)
{
    return *Decimal::parse(QString::fromLatin1(text));
}

const QByteArray ValidAccount = R"({
  "code": "ACME", "name": "Acme Builders", "currency": "USD", "payment_terms": "Net 30",
  "credit": {"limit": "50000.00", "balance": "12000.50", "open_orders": "3000.00",
             "available": "34999.50", "overdue": "1200.00"},
  "spending_limit": "2500.00",
  "ship_to": [
    {"code": "HQ", "name": "Head office", "default": false,
     "address": {"line1": "1 Main St", "city": "Springfield", "region": "IL",
                 "postal_code": "62701", "country": "US"}},
    {"code": "SITE-7", "name": "Job site 7", "default": true,
     "address": {"line1": "Lot 7", "line2": "Gate B", "city": "Shelbyville", "region": "IL",
                 "postal_code": "62565", "country": "US"}}
  ]})";

// ValidAccount with one member replaced (or removed when `value` is undefined).
QByteArray withMember(const QString &path, const QJsonValue &value)
{
    QJsonObject o = object(ValidAccount);
    const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    if (parts.size() == 1) {
        if (value.isUndefined())
            o.remove(parts[0]);
        else
            o.insert(parts[0], value);
    } else if (parts.size() == 2) {
        QJsonObject inner = o.value(parts[0]).toObject();
        if (value.isUndefined())
            inner.remove(parts[1]);
        else
            inner.insert(parts[1], value);
        o.insert(parts[0], inner);
    } else { // ship_to/<i>/<member>[/<member>]
        QJsonArray locations = o.value(parts[0]).toArray();
        QJsonObject location = locations.at(parts[1].toInt()).toObject();
        if (parts.size() == 3) {
            if (value.isUndefined())
                location.remove(parts[2]);
            else
                location.insert(parts[2], value);
        } else {
            QJsonObject address = location.value(parts[2]).toObject();
            if (value.isUndefined())
                address.remove(parts[3]);
            else
                address.insert(parts[3], value);
            location.insert(parts[2], address);
        }
        locations.replace(parts[1].toInt(), location);
        o.insert(parts[0], locations);
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

class tst_Account final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesAccount();
    void roundTrip_data();
    void roundTrip();
    void moneyInMinorDigits_data();
    void moneyInMinorDigits();
    void defaultShipTo_data();
    void defaultShipTo();
    void preferredShipTo_data();
    void preferredShipTo();
    void rejectsAccount_data();
    void rejectsAccount();
    void overdueMayBeAbsent();
    void parsesCompany();
    void rollsUpSubtrees_data();
    void rollsUpSubtrees();
    void rejectsCompany_data();
    void rejectsCompany();
    void kindNames_data();
    void kindNames();
    void problemRoundTrip_data();
    void problemRoundTrip();
    void rejectsProblem_data();
    void rejectsProblem();
    void problemsOfDocuments();
};

void tst_Account::parsesAccount()
{
    QList<FieldError> errors;
    const auto a = AccountInfo::fromJson(object(ValidAccount), &errors);
    QVERIFY2(a, qPrintable(errors.isEmpty() ? QString() : errors.first().detail));
    QCOMPARE(a->code, QStringLiteral("ACME"));
    QCOMPARE(a->name, QStringLiteral("Acme Builders"));
    QCOMPARE(a->currency, QStringLiteral("USD"));
    QCOMPARE(a->paymentTerms, QStringLiteral("Net 30"));
    QCOMPARE(a->creditLimit, money("50000"));
    QCOMPARE(a->balance, money("12000.5"));
    QCOMPARE(a->openOrders, money("3000"));
    QCOMPARE(a->availableCredit, money("34999.5"));
    QCOMPARE(a->overdue, money("1200"));
    QVERIFY(a->spendingLimit);
    QCOMPARE(*a->spendingLimit, money("2500"));
    QCOMPARE(a->shipTo.size(), 2);
    QCOMPARE(a->shipTo[1].code, QStringLiteral("SITE-7"));
    QVERIFY(a->shipTo[1].isDefault);
    QVERIFY(!a->shipTo[0].isDefault);
    QCOMPARE(a->shipTo[1].address.line2, QStringLiteral("Gate B"));
    QCOMPARE(a->shipTo[0].address.line2, QString());
    QCOMPARE(a->shipTo[0].address.postalCode, QStringLiteral("62701"));
    QCOMPARE(a->location(QStringLiteral("HQ"))->name, QStringLiteral("Head office"));
    QCOMPARE(a->location(QStringLiteral("NOPE")), nullptr);
    // The wire form written back is the document read (same canonical bytes).
    QCOMPARE(canonicalJson(a->toJson()), canonicalJson(object(ValidAccount)));
}

void tst_Account::roundTrip_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("full") << ValidAccount;
    QTest::newRow("no spending limit")
        << withMember(QStringLiteral("spending_limit"), QJsonValue());
    QTest::newRow("overdrawn") << withMember(QStringLiteral("credit/available"),
                                             QStringLiteral("-1250.75"));
    QTest::newRow("no locations") << withMember(QStringLiteral("ship_to"), QJsonArray());
    QTest::newRow("yen") << withMember(QStringLiteral("currency"), QStringLiteral("JPY"));
}

void tst_Account::roundTrip()
{
    QFETCH(QByteArray, json);
    QList<FieldError> errors;
    const auto a = AccountInfo::fromJson(object(json), &errors);
    QVERIFY2(a, qPrintable(errors.isEmpty() ? QString() : errors.first().pointer));
    const auto again = AccountInfo::fromJson(a->toJson(), &errors);
    QVERIFY(again);
    QCOMPARE(again->code, a->code);
    QCOMPARE(again->currency, a->currency);
    // Amounts travel in the currency's minor digits (none for yen).
    const int digits = currencyMinorDigits(a->currency);
    QCOMPARE(again->creditLimit, a->creditLimit.rounded(digits));
    QCOMPARE(again->balance, a->balance.rounded(digits));
    QCOMPARE(again->openOrders, a->openOrders.rounded(digits));
    QCOMPARE(again->availableCredit, a->availableCredit.rounded(digits));
    QCOMPARE(again->spendingLimit.has_value(), a->spendingLimit.has_value());
    if (a->spendingLimit)
        QCOMPARE(*again->spendingLimit, a->spendingLimit->rounded(digits));
    QCOMPARE(again->shipTo.size(), a->shipTo.size());
    for (int i = 0; i < a->shipTo.size(); ++i) {
        QCOMPARE(again->shipTo[i].code, a->shipTo[i].code);
        QCOMPARE(again->shipTo[i].isDefault, a->shipTo[i].isDefault);
        QCOMPARE(again->shipTo[i].address.line2, a->shipTo[i].address.line2);
        QCOMPARE(again->shipTo[i].address.country, a->shipTo[i].address.country);
    }
    QCOMPARE(canonicalJson(again->toJson()), canonicalJson(a->toJson()));
}

void tst_Account::moneyInMinorDigits_data()
{
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("amount");
    QTest::addColumn<QString>("wire");
    QTest::newRow("usd") << u"USD"_s << u"1234.5"_s << u"1234.50"_s;
    QTest::newRow("usd rounds half away") << u"USD"_s << u"0.125"_s << u"0.13"_s;
    QTest::newRow("usd negative") << u"USD"_s << u"-0.125"_s << u"-0.13"_s;
    QTest::newRow("jpy") << u"JPY"_s << u"1234.5"_s << u"1235"_s;
    QTest::newRow("kwd") << u"KWD"_s << u"12.3456"_s << u"12.346"_s;
}

void tst_Account::moneyInMinorDigits()
{
    QFETCH(QString, currency);
    QFETCH(QString, amount);
    QFETCH(QString, wire);
    AccountInfo a;
    a.code = QStringLiteral("A");
    a.name = QStringLiteral("A");
    a.currency = currency;
    a.availableCredit = *Decimal::parse(amount);
    a.creditLimit = *Decimal::parse(amount.startsWith(u'-') ? amount.mid(1) : amount);
    a.spendingLimit = a.creditLimit;
    const QJsonObject o = a.toJson();
    QCOMPARE(o.value(u"credit").toObject().value(u"available").toString(), wire);
    const QString unsignedWire = wire.startsWith(u'-') ? wire.mid(1) : wire;
    QCOMPARE(o.value(u"credit").toObject().value(u"limit").toString(), unsignedWire);
    QCOMPARE(o.value(u"spending_limit").toString(), unsignedWire);
    QVERIFY(o.value(u"ship_to").isArray());
}

void tst_Account::defaultShipTo_data()
{
    QTest::addColumn<QStringList>("codes");
    QTest::addColumn<int>("defaultIndex"); // -1: none marked
    QTest::addColumn<QString>("expected");
    QTest::newRow("marked") << QStringList{u"A"_s, u"B"_s, u"C"_s} << 1 << u"B"_s;
    QTest::newRow("none marked: the first") << QStringList{u"A"_s, u"B"_s} << -1 << u"A"_s;
    QTest::newRow("no locations") << QStringList{} << -1 << u""_s;
}

void tst_Account::defaultShipTo()
{
    QFETCH(QStringList, codes);
    QFETCH(int, defaultIndex);
    QFETCH(QString, expected);
    AccountInfo a;
    for (int i = 0; i < codes.size(); ++i) {
        ShipToLocation l;
        l.code = codes[i];
        l.isDefault = i == defaultIndex;
        a.shipTo.append(l);
    }
    QCOMPARE(a.defaultShipTo(), expected);
}

void tst_Account::preferredShipTo_data()
{
    QTest::addColumn<QString>("userDefault");
    QTest::addColumn<QString>("expected");
    // The account lists A, B (its default) and C.
    QTest::newRow("the user's own") << u"C"_s << u"C"_s;
    QTest::newRow("none: the account's") << u""_s << u"B"_s;
    QTest::newRow("not listed (inactive): the account's") << u"GONE"_s << u"B"_s;
    QTest::newRow("same as the account's") << u"B"_s << u"B"_s;
}

void tst_Account::preferredShipTo()
{
    QFETCH(QString, userDefault);
    QFETCH(QString, expected);
    AccountInfo a;
    for (const char *code : {"A", "B", "C"}) {
        ShipToLocation l;
        l.code = QString::fromLatin1(code);
        l.isDefault = l.code == u"B";
        a.shipTo.append(l);
    }
    QCOMPARE(a.preferredShipTo(userDefault), expected);
}

void tst_Account::rejectsAccount_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("expected");
    const auto row = [](const char *name, const char *path, const QJsonValue &value,
                        std::initializer_list<const char *> expected) {
        QStringList list;
        for (const char *e : expected)
            list << QString::fromLatin1(e);
        QTest::newRow(name) << withMember(QString::fromLatin1(path), value) << list;
    };
    const QJsonValue missing(QJsonValue::Undefined);
    row("code missing", "code", missing, {"/code"});
    row("code empty", "code", QStringLiteral(" "), {"/code"});
    row("code a number", "code", 12, {"/code"});
    row("name missing", "name", missing, {"/name"});
    row("currency lowercase", "currency", QStringLiteral("usd"), {"/currency"});
    row("currency too long", "currency", QStringLiteral("USDX"), {"/currency"});
    row("currency missing", "currency", missing, {"/currency"});
    row("payment terms a number", "payment_terms", 30, {"/payment_terms"});
    row("credit missing", "credit", missing, {"/credit"});
    row("credit an array", "credit", QJsonArray(), {"/credit"});
    row("limit a number", "credit/limit", 50000, {"/credit/limit"});
    row("limit negative", "credit/limit", QStringLiteral("-1.00"), {"/credit/limit"});
    row("balance bad money", "credit/balance", QStringLiteral("12,000.50"), {"/credit/balance"});
    row("balance too many decimals", "credit/balance", QStringLiteral("1.23456"),
        {"/credit/balance"});
    row("open orders missing", "credit/open_orders", missing, {"/credit/open_orders"});
    row("available not money", "credit/available", QStringLiteral("lots"), {"/credit/available"});
    row("overdue negative", "credit/overdue", QStringLiteral("-1.00"), {"/credit/overdue"});
    row("overdue a number", "credit/overdue", 12, {"/credit/overdue"});
    row("spending limit missing", "spending_limit", missing, {"/spending_limit"});
    row("spending limit negative", "spending_limit", QStringLiteral("-5"), {"/spending_limit"});
    row("spending limit a number", "spending_limit", 2500, {"/spending_limit"});
    row("ship to missing", "ship_to", missing, {"/ship_to"});
    row("ship to an object", "ship_to", QJsonObject(), {"/ship_to"});
    row("location code missing", "ship_to/1/code", missing, {"/ship_to/1/code"});
    row("location default a string", "ship_to/0/default", QStringLiteral("yes"),
        {"/ship_to/0/default"});
    row("location address missing", "ship_to/0/address", missing, {"/ship_to/0/address"});
    row("city missing", "ship_to/1/address/city", missing, {"/ship_to/1/address/city"});
    row("line2 a number", "ship_to/1/address/line2", 2, {"/ship_to/1/address/line2"});
    row("postal code a number", "ship_to/0/address/postal_code", 62701,
        {"/ship_to/0/address/postal_code"});
    QTest::newRow("location not an object")
        << withMember(QStringLiteral("ship_to"), QJsonArray{QStringLiteral("HQ")})
        << QStringList{u"/ship_to/0"_s};
    QTest::newRow("several at once")
        << QByteArray(R"({"code": "", "name": "N", "currency": "EUR", "payment_terms": "",
                         "credit": {"limit": "1", "balance": 2, "open_orders": "0",
                                    "available": "x"},
                         "spending_limit": null, "ship_to": []})")
        << QStringList{u"/code"_s, u"/credit/balance"_s, u"/credit/available"_s};
}

void tst_Account::rejectsAccount()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, expected);
    QList<FieldError> errors;
    QVERIFY(!AccountInfo::fromJson(object(json), &errors));
    QCOMPARE(pointers(errors), expected);
    for (const FieldError &e : std::as_const(errors))
        QVERIFY2(!e.detail.isEmpty(), qPrintable(e.pointer));
}

void tst_Account::overdueMayBeAbsent()
{
    // Portals that do not report overdue amounts: zero, not an error.
    const auto a = AccountInfo::fromJson(
        object(withMember(u"credit/overdue"_s, QJsonValue::Undefined)), nullptr);
    QVERIFY(a);
    QCOMPARE(a->overdue, Decimal());
}

namespace {

// One account of a company overview; `parent` empty for the top.
QJsonObject companyAccount(const char *code, const char *parent, int depth, const char *spend,
                           int orders, const char *currency = "USD")
{
    return QJsonObject{
        {u"code"_s, QString::fromLatin1(code)},
        {u"name"_s, QStringLiteral("Account %1").arg(QString::fromLatin1(code))},
        {u"parent"_s, *parent ? QJsonValue(QString::fromLatin1(parent)) : QJsonValue()},
        {u"depth"_s, depth},
        {u"currency"_s, QString::fromLatin1(currency)},
        {u"payment_terms"_s, u"Net 30"_s},
        {u"credit"_s, QJsonObject{{u"limit"_s, u"1000.00"_s},
                                  {u"balance"_s, u"200.00"_s},
                                  {u"open_orders"_s, u"50.00"_s},
                                  {u"available"_s, u"750.00"_s},
                                  {u"overdue"_s, u"20.00"_s}}},
        {u"orders"_s, QJsonObject{{u"count"_s, orders},
                                  {u"open"_s, 1},
                                  {u"spend"_s, QString::fromLatin1(spend)}}},
    };
}

QJsonObject company(const QJsonArray &accounts)
{
    return QJsonObject{
        {u"from"_s, u"2026-01-01"_s}, {u"to"_s, u"2026-12-31"_s}, {u"accounts"_s, accounts}};
}

// A parent, two subsidiaries and a site below the second: depth first, siblings by code.
QJsonArray tree()
{
    return QJsonArray{companyAccount("HOLD", "", 0, "100.00", 1),
                      companyAccount("HOLD-A", "HOLD", 1, "10.50", 2),
                      companyAccount("HOLD-B", "HOLD", 1, "20.25", 3),
                      companyAccount("HOLD-B-1", "HOLD-B", 2, "5.00", 4)};
}

} // namespace

void tst_Account::parsesCompany()
{
    QList<FieldError> errors;
    const auto c = CompanyOverview::fromJson(company(tree()), &errors);
    QVERIFY2(c, qPrintable(errors.isEmpty() ? QString() : errors.first().pointer));
    QCOMPARE(c->from, QDate(2026, 1, 1));
    QCOMPARE(c->to, QDate(2026, 12, 31));
    QCOMPARE(c->accounts.size(), 4);
    const AccountSummary *site = c->account(u"HOLD-B-1"_s);
    QVERIFY(site);
    QCOMPARE(site->parentCode, u"HOLD-B"_s);
    QCOMPARE(site->depth, 2);
    QCOMPARE(site->overdue, money("20"));
    QCOMPARE(site->orderCount, 4);
    QCOMPARE(site->openOrderCount, 1);
    QCOMPARE(site->spend, money("5"));
    QCOMPARE(c->account(u"NOPE"_s), nullptr);
    QCOMPARE(canonicalJson(c->toJson()), canonicalJson(company(tree())));
}

void tst_Account::rollsUpSubtrees_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("subtree");
    QTest::addColumn<QString>("spend");
    QTest::addColumn<qint64>("orders");
    QTest::newRow("the whole company")
        << u"HOLD"_s << QStringList{u"HOLD"_s, u"HOLD-A"_s, u"HOLD-B"_s, u"HOLD-B-1"_s}
        << u"135.75"_s << qint64(10);
    QTest::newRow("a subsidiary with a site")
        << u"HOLD-B"_s << QStringList{u"HOLD-B"_s, u"HOLD-B-1"_s} << u"25.25"_s << qint64(7);
    QTest::newRow("a subsidiary alone")
        << u"HOLD-A"_s << QStringList{u"HOLD-A"_s} << u"10.50"_s << qint64(2);
    QTest::newRow("a site") << u"HOLD-B-1"_s << QStringList{u"HOLD-B-1"_s} << u"5.00"_s
                            << qint64(4);
}

void tst_Account::rollsUpSubtrees()
{
    QFETCH(QString, code);
    QFETCH(QStringList, subtree);
    QFETCH(QString, spend);
    QFETCH(qint64, orders);
    const auto c = CompanyOverview::fromJson(company(tree()), nullptr);
    QVERIFY(c);
    QCOMPARE(c->subtree(code), subtree);
    const auto sum = c->rolledUp(code);
    QVERIFY(sum);
    QCOMPARE(sum->code, code);
    QCOMPARE(sum->spend.toString(2), spend);
    QCOMPARE(sum->orderCount, orders);
    const qint64 n = subtree.size();
    QCOMPARE(sum->balance, Decimal::fromUnits(n * money("200").units()));
    QCOMPARE(sum->overdue, Decimal::fromUnits(n * money("20").units()));
    QCOMPARE(sum->openOrderCount, n);
    QVERIFY(!c->rolledUp(u"NOPE"_s));

    // Accounts in different currencies have no total.
    QJsonArray mixed = tree();
    mixed.replace(3, companyAccount("HOLD-B-1", "HOLD-B", 2, "5.00", 4, "EUR"));
    const auto m = CompanyOverview::fromJson(company(mixed), nullptr);
    QVERIFY(m);
    QCOMPARE(m->rolledUp(code).has_value(),
             !subtree.contains(u"HOLD-B-1"_s) || code == u"HOLD-B-1"_s);
}

void tst_Account::rejectsCompany_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<QString>("pointer");
    const auto replaced = [](int index, const QJsonObject &account) {
        QJsonArray a = tree();
        a.replace(index, account);
        return company(a);
    };
    const auto changed = [](int index, const QString &member, const QJsonValue &value) {
        QJsonArray a = tree();
        QJsonObject o = a.at(index).toObject();
        if (value.isUndefined())
            o.remove(member);
        else
            o.insert(member, value);
        a.replace(index, o);
        return company(a);
    };
    QJsonObject noFrom = company(tree());
    noFrom.remove(u"from"_s);
    QTest::newRow("from missing") << noFrom << u"/from"_s;
    QJsonObject badTo = company(tree());
    badTo.insert(u"to"_s, u"31.12.2026"_s);
    QTest::newRow("to not ISO") << badTo << u"/to"_s;
    QTest::newRow("accounts not an array") << QJsonObject{{u"from"_s, u"2026-01-01"_s},
                                                          {u"to"_s, u"2026-01-02"_s},
                                                          {u"accounts"_s, QJsonObject()}}
                                           << u"/accounts"_s;
    QTest::newRow("top below depth 0")
        << replaced(0, companyAccount("HOLD", "X", 1, "1.00", 1)) << u"/accounts/0/depth"_s;
    QTest::newRow("a second top") << replaced(1, companyAccount("HOLD-A", "", 0, "1.00", 1))
                                  << u"/accounts/1/depth"_s;
    QTest::newRow("parent not listed before")
        << replaced(1, companyAccount("HOLD-A", "HOLD-B", 2, "1.00", 1)) << u"/accounts/1/parent"_s;
    QTest::newRow("depth skips a level")
        << replaced(3, companyAccount("HOLD-B-1", "HOLD-B", 3, "1.00", 1))
        << u"/accounts/3/parent"_s;
    QTest::newRow("code twice") << replaced(2, companyAccount("HOLD-A", "HOLD", 1, "1.00", 1))
                                << u"/accounts/2/code"_s;
    QTest::newRow("parent missing")
        << changed(1, u"parent"_s, QJsonValue::Undefined) << u"/accounts/1/parent"_s;
    QTest::newRow("null parent below the top")
        << changed(1, u"parent"_s, QJsonValue()) << u"/accounts/1/parent"_s;
    QTest::newRow("depth negative") << changed(2, u"depth"_s, -1) << u"/accounts/2/depth"_s;
    QTest::newRow("depth a fraction") << changed(2, u"depth"_s, 1.5) << u"/accounts/2/depth"_s;
    QTest::newRow("orders missing")
        << changed(2, u"orders"_s, QJsonValue::Undefined) << u"/accounts/2/orders"_s;
    QTest::newRow("count a string")
        << changed(2, u"orders"_s,
                   QJsonObject{{u"count"_s, u"3"_s}, {u"open"_s, 0}, {u"spend"_s, u"1.00"_s}})
        << u"/accounts/2/orders/count"_s;
    QTest::newRow("spend negative")
        << changed(2, u"orders"_s,
                   QJsonObject{{u"count"_s, 3}, {u"open"_s, 0}, {u"spend"_s, u"-1.00"_s}})
        << u"/accounts/2/orders/spend"_s;
    QTest::newRow("credit missing")
        << changed(3, u"credit"_s, QJsonValue::Undefined) << u"/accounts/3/credit"_s;
    QTest::newRow("currency lowercase")
        << changed(0, u"currency"_s, u"usd"_s) << u"/accounts/0/currency"_s;
    QTest::newRow("account not an object")
        << company(QJsonArray{companyAccount("HOLD", "", 0, "1.00", 1), 7})
        << u"/accounts/1/code"_s;
}

void tst_Account::rejectsCompany()
{
    QFETCH(QJsonObject, json);
    QFETCH(QString, pointer);
    QList<FieldError> errors;
    QVERIFY(!CompanyOverview::fromJson(json, &errors));
    QVERIFY(!errors.isEmpty());
    QCOMPARE(errors.first().pointer, pointer);
    for (const FieldError &e : std::as_const(errors))
        QVERIFY2(!e.detail.isEmpty(), qPrintable(e.pointer));
}

void tst_Account::kindNames_data()
{
    QTest::addColumn<OrderLineProblem::Kind>("kind");
    QTest::addColumn<QString>("name");
    QTest::newRow("price") << OrderLineProblem::Kind::PriceChanged << u"price-changed"_s;
    QTest::newRow("quantity") << OrderLineProblem::Kind::QuantityAdjusted << u"quantity-adjusted"_s;
    QTest::newRow("unavailable") << OrderLineProblem::Kind::Unavailable << u"unavailable"_s;
    QTest::newRow("stock") << OrderLineProblem::Kind::InsufficientStock << u"insufficient-stock"_s;
}

void tst_Account::kindNames()
{
    QFETCH(OrderLineProblem::Kind, kind);
    QFETCH(QString, name);
    QCOMPARE(OrderLineProblem::kindName(kind), name);
    QCOMPARE(OrderLineProblem::kindFromName(name), std::optional<OrderLineProblem::Kind>(kind));
    QVERIFY(!OrderLineProblem::kindFromName(name.toUpper()));
}

void tst_Account::problemRoundTrip_data()
{
    QTest::addColumn<QByteArray>("json");
    // As the portal writes them (server/orderhandlers.cpp).
    QTest::newRow("price-changed")
        << QByteArray(R"({"index": 0, "sku": "M8-40", "problem": "price-changed",
                         "seen": "2.5000", "current": "2.7500",
                         "price_rule": {"source": "list"}})");
    QTest::newRow("quantity-adjusted")
        << QByteArray(R"({"index": 2, "sku": "C-1", "problem": "quantity-adjusted",
                         "requested": "3", "adjusted": "10",
                         "adjustments": ["raised-to-minimum"]})");
    QTest::newRow("quantity-adjusted, no adjustment named")
        << QByteArray(R"({"index": 2, "sku": "C-1", "problem": "quantity-adjusted",
                         "requested": "3", "adjusted": "10", "adjustments": []})");
    QTest::newRow("unavailable") << QByteArray(
        R"({"index": 1, "sku": "D-9", "problem": "unavailable", "reason": "discontinued"})");
    QTest::newRow("insufficient-stock")
        << QByteArray(R"({"index": 4, "sku": "S", "problem": "insufficient-stock",
                         "requested": "40", "available": "12", "backordered": "28",
                         "lead_time_days": 7, "available_on": "2026-12-03"})");
    QTest::newRow("insufficient-stock, no date")
        << QByteArray(R"({"index": 0, "sku": "S", "problem": "insufficient-stock",
                         "requested": "1", "available": "0", "backordered": "1",
                         "lead_time_days": 0})");
}

void tst_Account::problemRoundTrip()
{
    QFETCH(QByteArray, json);
    const auto p = OrderLineProblem::fromJson(object(json));
    QVERIFY(p);
    QCOMPARE(canonicalJson(p->toJson()), canonicalJson(object(json)));
}

void tst_Account::rejectsProblem_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("index missing") << QByteArray(R"({"sku": "A", "problem": "unavailable"})");
    QTest::newRow("index negative")
        << QByteArray(R"({"index": -1, "sku": "A", "problem": "unavailable"})");
    QTest::newRow("index fractional")
        << QByteArray(R"({"index": 1.5, "sku": "A", "problem": "unavailable"})");
    QTest::newRow("index a string")
        << QByteArray(R"({"index": "1", "sku": "A", "problem": "unavailable"})");
    QTest::newRow("sku missing") << QByteArray(R"({"index": 0, "problem": "unavailable"})");
    QTest::newRow("unknown problem")
        << QByteArray(R"({"index": 0, "sku": "A", "problem": "too-expensive"})");
    QTest::newRow("seen not a decimal")
        << QByteArray(R"({"index": 0, "sku": "A", "problem": "price-changed", "seen": 2.5})");
    QTest::newRow("current negative")
        << QByteArray(R"({"index": 0, "sku": "A", "problem": "price-changed", "current": "-1"})");
    QTest::newRow("adjusted fractional") << QByteArray(
        R"({"index": 0, "sku": "A", "problem": "quantity-adjusted", "adjusted": "1.5"})");
    QTest::newRow("requested a number") << QByteArray(
        R"({"index": 0, "sku": "A", "problem": "quantity-adjusted", "requested": 3})");
    QTest::newRow("adjustments not strings") << QByteArray(
        R"({"index": 0, "sku": "A", "problem": "quantity-adjusted", "adjustments": [1]})");
    QTest::newRow("lead time negative") << QByteArray(
        R"({"index": 0, "sku": "A", "problem": "insufficient-stock", "lead_time_days": -2})");
    QTest::newRow("available_on not a date") << QByteArray(
        R"({"index": 0, "sku": "A", "problem": "insufficient-stock", "available_on": "soon"})");
}

void tst_Account::rejectsProblem()
{
    QFETCH(QByteArray, json);
    QVERIFY(!OrderLineProblem::fromJson(object(json)));
}

void tst_Account::problemsOfDocuments()
{
    // An order-needs-review problem: its `lines`; an unreadable entry is skipped.
    const QJsonObject review = object(R"({"type": "/problems/order-needs-review", "status": 422,
        "lines": [{"index": 0, "sku": "A", "problem": "price-changed", "seen": "1.0000",
                   "current": "1.2000"},
                  {"index": 1, "sku": "B", "problem": "bogus"},
                  {"index": 2, "sku": "C", "problem": "unavailable", "reason": "discontinued"}]})");
    const QList<OrderLineProblem> fromReview = orderLineProblems(review);
    QCOMPARE(fromReview.size(), 2);
    QCOMPARE(fromReview[0].kind, OrderLineProblem::Kind::PriceChanged);
    QCOMPARE(*fromReview[0].current, money("1.2"));
    QCOMPARE(fromReview[1].index, 2);
    QCOMPARE(fromReview[1].reason, QStringLiteral("discontinued"));

    // A placed order: its `warnings`, not its order lines.
    const QJsonObject placed = object(R"({"number": "SO-1", "lines": [{"line_no": 1, "sku": "S"}],
        "warnings": [{"index": 0, "sku": "S", "problem": "insufficient-stock", "requested": "5",
                      "available": "2", "backordered": "3", "lead_time_days": 4}]})");
    const QList<OrderLineProblem> fromOrder = orderLineProblems(placed);
    QCOMPARE(fromOrder.size(), 1);
    QCOMPARE(fromOrder[0].kind, OrderLineProblem::Kind::InsufficientStock);
    QCOMPARE(*fromOrder[0].backordered, 3);
    QCOMPARE(*fromOrder[0].leadTimeDays, 4);

    QVERIFY(orderLineProblems(QJsonObject()).isEmpty());
}

QTEST_GUILESS_MAIN(tst_Account)
#include "tst_account.moc"
