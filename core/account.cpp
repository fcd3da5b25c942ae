#include "core/account.h"

#include "core/fieldcheck.h"
#include "core/order.h"

#include <QJsonArray>

#include <array>

namespace qm {

namespace {

using fieldcheck::ErrorSink;

constexpr std::array<std::pair<OrderLineProblem::Kind, const char *>, 4> KindNames{{
    {OrderLineProblem::Kind::PriceChanged, "price-changed"},
    {OrderLineProblem::Kind::QuantityAdjusted, "quantity-adjusted"},
    {OrderLineProblem::Kind::Unavailable, "unavailable"},
    {OrderLineProblem::Kind::InsufficientStock, "insufficient-stock"},
}};

// Generous bounds for texts the portal writes; they only keep a hostile answer small.
constexpr int MaxCodeLength = 64;
constexpr int MaxTextLength = 2000;

QString moneyText(const Decimal &amount, int digits)
{
    return amount.rounded(digits).toString(digits);
}

bool isCurrencyCode(const QString &s)
{
    if (s.size() != 3)
        return false;
    for (QChar c : s) {
        if (c < u'A' || c > u'Z')
            return false;
    }
    return true;
}

// A required string member (`allowEmpty`: "" is accepted).
bool readText(const QJsonObject &o, QStringView member, const QString &pointer, bool allowEmpty,
              int maxLength, QString *out, ErrorSink &sink)
{
    const QJsonValue v = o.value(member);
    if (v.isUndefined()) {
        sink.add(pointer, QStringLiteral("is missing"));
        return false;
    }
    if (!v.isString()) {
        sink.add(pointer, QStringLiteral("must be a string"));
        return false;
    }
    const QString s = v.toString();
    if (!allowEmpty && s.trimmed().isEmpty()) {
        sink.add(pointer, QStringLiteral("must be a non-empty string"));
        return false;
    }
    if (fieldcheck::characterCount(s) > maxLength) {
        sink.add(pointer, QStringLiteral("must be at most %1 characters").arg(maxLength));
        return false;
    }
    *out = s;
    return true;
}

// An optional string member: absent or null leave `out` empty.
bool readOptionalText(const QJsonObject &o, QStringView member, const QString &pointer,
                      int maxLength, QString *out, ErrorSink &sink)
{
    const QJsonValue v = o.value(member);
    if (v.isUndefined() || v.isNull())
        return true;
    return readText(o, member, pointer, true, maxLength, out, sink);
}

// A money member: a decimal string with at most four decimals; negative only when `signedMoney`.
bool readMoney(const QJsonObject &o, QStringView member, const QString &pointer, bool signedMoney,
               Decimal *out, ErrorSink &sink)
{
    const QJsonValue v = o.value(member);
    if (v.isUndefined()) {
        sink.add(pointer, QStringLiteral("is missing"));
        return false;
    }
    if (!v.isString()) {
        sink.add(pointer,
                 QStringLiteral("must be an amount written as a string such as \"12.50\""));
        return false;
    }
    const auto parsed = Decimal::parse(v.toString());
    if (!parsed) {
        sink.add(pointer, QStringLiteral("'%1' is not an amount with at most %2 decimals")
                              .arg(v.toString())
                              .arg(Decimal::Scale));
        return false;
    }
    if (!signedMoney && parsed->isNegative()) {
        sink.add(pointer, QStringLiteral("must not be negative"));
        return false;
    }
    *out = *parsed;
    return true;
}

// The `credit` member of the account documents: limit, balance, open orders, available
// credit and the overdue part of the balance.
struct CreditFigures
{
    Decimal *limit;
    Decimal *balance;
    Decimal *openOrders;
    Decimal *available;
    Decimal *overdue;
};

QJsonObject creditJson(const Decimal &limit, const Decimal &balance, const Decimal &openOrders,
                       const Decimal &available, const Decimal &overdue, int digits)
{
    return QJsonObject{{QStringLiteral("limit"), moneyText(limit, digits)},
                       {QStringLiteral("balance"), moneyText(balance, digits)},
                       {QStringLiteral("open_orders"), moneyText(openOrders, digits)},
                       {QStringLiteral("available"), moneyText(available, digits)},
                       {QStringLiteral("overdue"), moneyText(overdue, digits)}};
}

// Reads `credit` of `o`; `overdue` may be absent (portals that do not report it: zero).
void readCredit(const QJsonObject &o, const QString &pointer, const CreditFigures &out,
                ErrorSink &sink)
{
    const QJsonValue credit = o.value(u"credit");
    if (!credit.isObject()) {
        sink.add(pointer + QStringLiteral("/credit"),
                 credit.isUndefined()
                     ? QStringLiteral("is missing")
                     : QStringLiteral("must be an object with limit, balance, open_orders and "
                                      "available"));
        return;
    }
    const QJsonObject c = credit.toObject();
    const QString p = pointer + QStringLiteral("/credit/");
    readMoney(c, u"limit", p + QStringLiteral("limit"), false, out.limit, sink);
    readMoney(c, u"balance", p + QStringLiteral("balance"), false, out.balance, sink);
    readMoney(c, u"open_orders", p + QStringLiteral("open_orders"), false, out.openOrders, sink);
    readMoney(c, u"available", p + QStringLiteral("available"), true, out.available, sink);
    *out.overdue = Decimal();
    if (c.contains(u"overdue"))
        readMoney(c, u"overdue", p + QStringLiteral("overdue"), false, out.overdue, sink);
}

// A whole number written as a decimal string ("12", "12.0"); quantities on the wire.
std::optional<qint64> wholeNumber(const QJsonValue &v)
{
    if (!v.isString())
        return std::nullopt;
    const auto d = Decimal::parse(v.toString());
    if (!d || d->isNegative() || d->units() % Decimal::One != 0)
        return std::nullopt;
    return d->units() / Decimal::One;
}

} // namespace

QString AccountInfo::defaultShipTo() const
{
    for (const ShipToLocation &l : shipTo) {
        if (l.isDefault)
            return l.code;
    }
    return shipTo.isEmpty() ? QString() : shipTo.first().code;
}

QString AccountInfo::preferredShipTo(const QString &userDefault) const
{
    if (!userDefault.isEmpty() && location(userDefault))
        return userDefault;
    return defaultShipTo();
}

const ShipToLocation *AccountInfo::location(const QString &locationCode) const
{
    for (const ShipToLocation &l : shipTo) {
        if (l.code == locationCode)
            return &l;
    }
    return nullptr;
}

QJsonObject AccountInfo::toJson() const
{
    const int digits = currencyMinorDigits(currency);
    QJsonObject o{{QStringLiteral("code"), code},
                  {QStringLiteral("name"), name},
                  {QStringLiteral("currency"), currency},
                  {QStringLiteral("payment_terms"), paymentTerms}};
    o.insert(QStringLiteral("credit"),
             creditJson(creditLimit, balance, openOrders, availableCredit, overdue, digits));
    o.insert(QStringLiteral("spending_limit"), spendingLimit
                                                   ? QJsonValue(moneyText(*spendingLimit, digits))
                                                   : QJsonValue(QJsonValue::Null));
    QJsonArray locations;
    for (const ShipToLocation &l : shipTo) {
        QJsonObject address{{QStringLiteral("line1"), l.address.line1},
                            {QStringLiteral("city"), l.address.city},
                            {QStringLiteral("region"), l.address.region},
                            {QStringLiteral("postal_code"), l.address.postalCode},
                            {QStringLiteral("country"), l.address.country}};
        if (!l.address.line2.isEmpty())
            address.insert(QStringLiteral("line2"), l.address.line2);
        locations.append(QJsonObject{{QStringLiteral("code"), l.code},
                                     {QStringLiteral("name"), l.name},
                                     {QStringLiteral("address"), address},
                                     {QStringLiteral("default"), l.isDefault}});
    }
    o.insert(QStringLiteral("ship_to"), locations);
    return o;
}

std::optional<AccountInfo> AccountInfo::fromJson(const QJsonObject &o, QList<FieldError> *errors)
{
    ErrorSink sink(errors);
    AccountInfo a;
    readText(o, u"code", QStringLiteral("/code"), false, MaxCodeLength, &a.code, sink);
    readText(o, u"name", QStringLiteral("/name"), false, MaxTextLength, &a.name, sink);
    if (readText(o, u"currency", QStringLiteral("/currency"), false, 3, &a.currency, sink) &&
        !isCurrencyCode(a.currency))
        sink.add(QStringLiteral("/currency"),
                 QStringLiteral("must be a three-letter ISO 4217 code such as \"USD\""));
    readText(o, u"payment_terms", QStringLiteral("/payment_terms"), true, MaxTextLength,
             &a.paymentTerms, sink);

    readCredit(
        o, QString(),
        CreditFigures{&a.creditLimit, &a.balance, &a.openOrders, &a.availableCredit, &a.overdue},
        sink);

    const QJsonValue spending = o.value(u"spending_limit");
    if (spending.isUndefined()) {
        sink.add(QStringLiteral("/spending_limit"),
                 QStringLiteral("is missing (null when there is no limit)"));
    } else if (!spending.isNull()) {
        Decimal limit;
        if (readMoney(o, u"spending_limit", QStringLiteral("/spending_limit"), false, &limit, sink))
            a.spendingLimit = limit;
    }

    const QJsonValue shipTo = o.value(u"ship_to");
    if (!shipTo.isArray()) {
        sink.add(QStringLiteral("/ship_to"), shipTo.isUndefined()
                                                 ? QStringLiteral("is missing")
                                                 : QStringLiteral("must be an array of locations"));
    } else {
        const QJsonArray array = shipTo.toArray();
        for (qsizetype i = 0; i < array.size() && !sink.full(); ++i) {
            const QString p = QStringLiteral("/ship_to/%1").arg(i);
            if (!array.at(i).isObject()) {
                sink.add(p, QStringLiteral("must be an object with code, name, address and "
                                           "default"));
                continue;
            }
            const QJsonObject l = array.at(i).toObject();
            ShipToLocation location;
            readText(l, u"code", p + QStringLiteral("/code"), false,
                     OrderSubmission::MaxShipToLength, &location.code, sink);
            readText(l, u"name", p + QStringLiteral("/name"), true, MaxTextLength, &location.name,
                     sink);
            const QJsonValue isDefault = l.value(u"default");
            if (!isDefault.isBool())
                sink.add(p + QStringLiteral("/default"), QStringLiteral("must be true or false"));
            location.isDefault = isDefault.toBool();
            const QJsonValue address = l.value(u"address");
            if (!address.isObject()) {
                sink.add(p + QStringLiteral("/address"),
                         QStringLiteral("must be an object with line1, city, region, "
                                        "postal_code and country"));
            } else {
                const QJsonObject ad = address.toObject();
                const QString ap = p + QStringLiteral("/address");
                ShipToAddress &to = location.address;
                readText(ad, u"line1", ap + QStringLiteral("/line1"), true, MaxTextLength,
                         &to.line1, sink);
                readOptionalText(ad, u"line2", ap + QStringLiteral("/line2"), MaxTextLength,
                                 &to.line2, sink);
                readText(ad, u"city", ap + QStringLiteral("/city"), true, MaxTextLength, &to.city,
                         sink);
                readText(ad, u"region", ap + QStringLiteral("/region"), true, MaxTextLength,
                         &to.region, sink);
                readText(ad, u"postal_code", ap + QStringLiteral("/postal_code"), true,
                         MaxTextLength, &to.postalCode, sink);
                readText(ad, u"country", ap + QStringLiteral("/country"), true, MaxTextLength,
                         &to.country, sink);
            }
            a.shipTo.append(location);
        }
    }
    if (sink.any())
        return std::nullopt;
    return a;
}

QJsonObject AccountSummary::toJson() const
{
    const int digits = currencyMinorDigits(currency);
    return QJsonObject{
        {QStringLiteral("code"), code},
        {QStringLiteral("name"), name},
        {QStringLiteral("parent"),
         parentCode.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(parentCode)},
        {QStringLiteral("depth"), depth},
        {QStringLiteral("currency"), currency},
        {QStringLiteral("payment_terms"), paymentTerms},
        {QStringLiteral("credit"),
         creditJson(creditLimit, balance, openOrders, availableCredit, overdue, digits)},
        {QStringLiteral("orders"),
         QJsonObject{{QStringLiteral("count"), orderCount},
                     {QStringLiteral("open"), openOrderCount},
                     {QStringLiteral("spend"), moneyText(spend, digits)}}},
    };
}

namespace {

// A count member: a whole JSON number from 0 to `max`.
bool readCount(const QJsonObject &o, QStringView member, const QString &pointer, qint64 max,
               qint64 *out, ErrorSink &sink)
{
    const QJsonValue v = o.value(member);
    const double d = v.toDouble(-1);
    if (!v.isDouble() || d < 0 || d > double(max) || d != double(qint64(d))) {
        sink.add(pointer, v.isUndefined()
                              ? QStringLiteral("is missing")
                              : QStringLiteral("must be a whole number from 0 to %1").arg(max));
        return false;
    }
    *out = qint64(d);
    return true;
}

// How deep a company tree may go: a guard against a hostile answer, far beyond real ones.
constexpr qint64 MaxDepth = 64;
constexpr qint64 MaxOrderCount = qint64(1) << 40;

} // namespace

std::optional<AccountSummary> AccountSummary::fromJson(const QJsonObject &o, const QString &pointer,
                                                       QList<FieldError> *errors)
{
    ErrorSink sink(errors);
    AccountSummary a;
    readText(o, u"code", pointer + QStringLiteral("/code"), false, MaxCodeLength, &a.code, sink);
    readText(o, u"name", pointer + QStringLiteral("/name"), false, MaxTextLength, &a.name, sink);
    const QJsonValue parent = o.value(u"parent");
    if (parent.isUndefined())
        sink.add(pointer + QStringLiteral("/parent"),
                 QStringLiteral("is missing (null for the top account)"));
    else if (!parent.isNull())
        readText(o, u"parent", pointer + QStringLiteral("/parent"), false, MaxCodeLength,
                 &a.parentCode, sink);
    qint64 depth = 0;
    if (readCount(o, u"depth", pointer + QStringLiteral("/depth"), MaxDepth, &depth, sink))
        a.depth = int(depth);
    if (a.depth == 0 && !a.parentCode.isEmpty())
        sink.add(pointer + QStringLiteral("/parent"),
                 QStringLiteral("must be null for the account at depth 0"));
    if (a.depth > 0 && parent.isNull())
        sink.add(pointer + QStringLiteral("/parent"),
                 QStringLiteral("must name the parent of an account below the top"));
    if (readText(o, u"currency", pointer + QStringLiteral("/currency"), false, 3, &a.currency,
                 sink) &&
        !isCurrencyCode(a.currency))
        sink.add(pointer + QStringLiteral("/currency"),
                 QStringLiteral("must be a three-letter ISO 4217 code such as \"USD\""));
    readText(o, u"payment_terms", pointer + QStringLiteral("/payment_terms"), true, MaxTextLength,
             &a.paymentTerms, sink);
    readCredit(
        o, pointer,
        CreditFigures{&a.creditLimit, &a.balance, &a.openOrders, &a.availableCredit, &a.overdue},
        sink);
    const QJsonValue orders = o.value(u"orders");
    if (!orders.isObject()) {
        sink.add(pointer + QStringLiteral("/orders"),
                 orders.isUndefined() ? QStringLiteral("is missing")
                                      : QStringLiteral("must be an object with count, open and "
                                                       "spend"));
    } else {
        const QJsonObject c = orders.toObject();
        const QString p = pointer + QStringLiteral("/orders/");
        readCount(c, u"count", p + QStringLiteral("count"), MaxOrderCount, &a.orderCount, sink);
        readCount(c, u"open", p + QStringLiteral("open"), MaxOrderCount, &a.openOrderCount, sink);
        readMoney(c, u"spend", p + QStringLiteral("spend"), false, &a.spend, sink);
    }
    if (sink.any())
        return std::nullopt;
    return a;
}

const AccountSummary *CompanyOverview::account(const QString &code) const
{
    for (const AccountSummary &a : accounts) {
        if (a.code == code)
            return &a;
    }
    return nullptr;
}

QStringList CompanyOverview::subtree(const QString &code) const
{
    // Parents come before their subsidiaries, so one pass collects the whole subtree.
    QStringList codes;
    for (const AccountSummary &a : accounts) {
        if (a.code == code || (!a.parentCode.isEmpty() && codes.contains(a.parentCode)))
            codes.append(a.code);
    }
    return codes;
}

std::optional<AccountSummary> CompanyOverview::rolledUp(const QString &code) const
{
    const AccountSummary *top = account(code);
    if (!top)
        return std::nullopt;
    AccountSummary sum = *top;
    for (const QString &c : subtree(code)) {
        if (c == code)
            continue;
        const AccountSummary *a = account(c);
        if (a->currency != top->currency)
            return std::nullopt;
        sum.creditLimit = sum.creditLimit + a->creditLimit;
        sum.balance = sum.balance + a->balance;
        sum.openOrders = sum.openOrders + a->openOrders;
        sum.availableCredit = sum.availableCredit + a->availableCredit;
        sum.overdue = sum.overdue + a->overdue;
        sum.orderCount += a->orderCount;
        sum.openOrderCount += a->openOrderCount;
        sum.spend = sum.spend + a->spend;
    }
    return sum;
}

QJsonObject CompanyOverview::toJson() const
{
    QJsonArray array;
    for (const AccountSummary &a : accounts)
        array.append(a.toJson());
    return QJsonObject{{QStringLiteral("from"), from.toString(Qt::ISODate)},
                       {QStringLiteral("to"), to.toString(Qt::ISODate)},
                       {QStringLiteral("accounts"), array}};
}

std::optional<CompanyOverview> CompanyOverview::fromJson(const QJsonObject &o,
                                                         QList<FieldError> *errors)
{
    ErrorSink sink(errors);
    CompanyOverview c;
    const auto readDate = [&](QStringView member, QDate *out) {
        const QJsonValue v = o.value(member);
        *out = QDate::fromString(v.toString(), Qt::ISODate);
        if (!out->isValid())
            sink.add(QLatin1Char('/') + member.toString(),
                     v.isUndefined() ? QStringLiteral("is missing")
                                     : QStringLiteral("must be a date such as \"2026-11-26\""));
    };
    readDate(u"from", &c.from);
    readDate(u"to", &c.to);
    const QJsonValue accounts = o.value(u"accounts");
    if (!accounts.isArray()) {
        sink.add(QStringLiteral("/accounts"), accounts.isUndefined()
                                                  ? QStringLiteral("is missing")
                                                  : QStringLiteral("must be an array of accounts"));
    } else {
        const QJsonArray array = accounts.toArray();
        for (qsizetype i = 0; i < array.size() && !sink.full(); ++i) {
            const QString p = QStringLiteral("/accounts/%1").arg(i);
            QList<FieldError> found;
            const auto a = AccountSummary::fromJson(array.at(i).toObject(), p, &found);
            for (const FieldError &e : found)
                sink.add(e.pointer, e.detail);
            if (!array.at(i).isObject() && found.isEmpty())
                sink.add(p, QStringLiteral("must be an object"));
            if (!a)
                continue;
            // The tree must arrive in order: the top first, each parent before its
            // subsidiaries, codes unique.
            if (i == 0 && a->depth != 0)
                sink.add(p + QStringLiteral("/depth"),
                         QStringLiteral("the first account must be the top (depth 0)"));
            else if (i > 0 && a->depth == 0)
                sink.add(p + QStringLiteral("/depth"),
                         QStringLiteral("only the first account may be at depth 0"));
            else if (c.account(a->code))
                sink.add(p + QStringLiteral("/code"),
                         QStringLiteral("'%1' is listed twice").arg(a->code));
            else if (i > 0 &&
                     (!c.account(a->parentCode) || c.account(a->parentCode)->depth != a->depth - 1))
                sink.add(
                    p + QStringLiteral("/parent"),
                    QStringLiteral("'%1' is not listed before it one level up").arg(a->parentCode));
            else
                c.accounts.append(*a);
        }
    }
    if (sink.any())
        return std::nullopt;
    return c;
}

QString OrderLineProblem::kindName(Kind kind)
{
    for (const auto &[k, name] : KindNames) {
        if (k == kind)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<OrderLineProblem::Kind> OrderLineProblem::kindFromName(QStringView name)
{
    for (const auto &[k, text] : KindNames) {
        if (name == QLatin1String(text))
            return k;
    }
    return std::nullopt;
}

QJsonObject OrderLineProblem::toJson() const
{
    QJsonObject o{{QStringLiteral("index"), index},
                  {QStringLiteral("sku"), sku},
                  {QStringLiteral("problem"), kindName(kind)}};
    if (seen)
        o.insert(QStringLiteral("seen"), seen->toString());
    if (current)
        o.insert(QStringLiteral("current"), current->toString());
    if (!priceRuleSource.isEmpty())
        o.insert(QStringLiteral("price_rule"),
                 QJsonObject{{QStringLiteral("source"), priceRuleSource}});
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    if (requested)
        o.insert(QStringLiteral("requested"), QString::number(*requested));
    if (adjusted)
        o.insert(QStringLiteral("adjusted"), QString::number(*adjusted));
    if (kind == Kind::QuantityAdjusted || !adjustments.isEmpty())
        o.insert(QStringLiteral("adjustments"), QJsonArray::fromStringList(adjustments));
    if (available)
        o.insert(QStringLiteral("available"), QString::number(*available));
    if (backordered)
        o.insert(QStringLiteral("backordered"), QString::number(*backordered));
    if (leadTimeDays)
        o.insert(QStringLiteral("lead_time_days"), *leadTimeDays);
    if (availableOn.isValid())
        o.insert(QStringLiteral("available_on"), availableOn.toString(Qt::ISODate));
    return o;
}

std::optional<OrderLineProblem> OrderLineProblem::fromJson(const QJsonObject &o)
{
    OrderLineProblem p;
    const QJsonValue index = o.value(u"index");
    if (!index.isDouble() || index.toDouble() < 0 ||
        index.toDouble() != static_cast<double>(index.toInt(-1)))
        return std::nullopt;
    p.index = index.toInt();
    const QJsonValue sku = o.value(u"sku");
    if (!sku.isString() || sku.toString().isEmpty())
        return std::nullopt;
    p.sku = sku.toString();
    const auto kind = kindFromName(o.value(u"problem").toString());
    if (!kind)
        return std::nullopt;
    p.kind = *kind;

    // Optional members: present ones must be well-formed, or the entry is not read.
    const auto decimalMember = [&](QStringView member, std::optional<Decimal> *out) {
        const QJsonValue v = o.value(member);
        if (v.isUndefined() || v.isNull())
            return true;
        const auto d = v.isString() ? Decimal::parse(v.toString()) : std::nullopt;
        if (!d || d->isNegative())
            return false;
        *out = *d;
        return true;
    };
    const auto countMember = [&](QStringView member, std::optional<qint64> *out) {
        const QJsonValue v = o.value(member);
        if (v.isUndefined() || v.isNull())
            return true;
        *out = wholeNumber(v);
        return out->has_value();
    };
    if (!decimalMember(u"seen", &p.seen) || !decimalMember(u"current", &p.current) ||
        !countMember(u"requested", &p.requested) || !countMember(u"adjusted", &p.adjusted) ||
        !countMember(u"available", &p.available) || !countMember(u"backordered", &p.backordered))
        return std::nullopt;

    const QJsonValue rule = o.value(u"price_rule");
    if (rule.isObject())
        p.priceRuleSource = rule.toObject().value(u"source").toString();
    else if (!rule.isUndefined() && !rule.isNull())
        return std::nullopt;
    const QJsonValue reason = o.value(u"reason");
    if (!reason.isUndefined() && !reason.isNull() && !reason.isString())
        return std::nullopt;
    p.reason = reason.toString();
    const QJsonValue adjustments = o.value(u"adjustments");
    if (adjustments.isArray()) {
        for (const QJsonValue &a : adjustments.toArray()) {
            if (!a.isString())
                return std::nullopt;
            p.adjustments.append(a.toString());
        }
    } else if (!adjustments.isUndefined() && !adjustments.isNull()) {
        return std::nullopt;
    }
    const QJsonValue lead = o.value(u"lead_time_days");
    if (!lead.isUndefined() && !lead.isNull()) {
        if (!lead.isDouble() || lead.toDouble() < 0 ||
            lead.toDouble() != static_cast<double>(lead.toInt(-1)))
            return std::nullopt;
        p.leadTimeDays = lead.toInt();
    }
    const QJsonValue on = o.value(u"available_on");
    if (!on.isUndefined() && !on.isNull()) {
        const QDate day = QDate::fromString(on.toString(), Qt::ISODate);
        if (!on.isString() || on.toString().size() != 10 || !day.isValid())
            return std::nullopt;
        p.availableOn = day;
    }
    return p;
}

QList<OrderLineProblem> orderLineProblems(const QJsonObject &problemOrOrder)
{
    const QJsonValue lines = problemOrOrder.value(u"lines");
    // An order's `lines` are its order lines; its problems are its `warnings`.
    const QJsonArray entries = problemOrOrder.value(u"warnings").isArray()
                                   ? problemOrOrder.value(u"warnings").toArray()
                                   : lines.toArray();
    QList<OrderLineProblem> out;
    for (const QJsonValue &v : entries) {
        if (!v.isObject())
            continue;
        if (auto p = OrderLineProblem::fromJson(v.toObject()))
            out.append(*p);
    }
    return out;
}

} // namespace qm
