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
             QJsonObject{{QStringLiteral("limit"), moneyText(creditLimit, digits)},
                         {QStringLiteral("balance"), moneyText(balance, digits)},
                         {QStringLiteral("open_orders"), moneyText(openOrders, digits)},
                         {QStringLiteral("available"), moneyText(availableCredit, digits)}});
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

    const QJsonValue credit = o.value(u"credit");
    if (!credit.isObject()) {
        sink.add(QStringLiteral("/credit"),
                 credit.isUndefined()
                     ? QStringLiteral("is missing")
                     : QStringLiteral("must be an object with limit, balance, open_orders and "
                                      "available"));
    } else {
        const QJsonObject c = credit.toObject();
        readMoney(c, u"limit", QStringLiteral("/credit/limit"), false, &a.creditLimit, sink);
        readMoney(c, u"balance", QStringLiteral("/credit/balance"), false, &a.balance, sink);
        readMoney(c, u"open_orders", QStringLiteral("/credit/open_orders"), false, &a.openOrders,
                  sink);
        readMoney(c, u"available", QStringLiteral("/credit/available"), true, &a.availableCredit,
                  sink);
    }

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
