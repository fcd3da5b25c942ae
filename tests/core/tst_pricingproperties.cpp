#include "core/pricing.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTest>

#include <limits>

using namespace qm;
using namespace qm::pricing;

// Random terms and requests against the pricing engine's invariants. The seed is printed;
// QM_PRICING_SEED=<seed> replays a failing run.

namespace {

const QDate Day(2026, 6, 15);
constexpr int Lines = 20000;
constexpr qint64 BruteForceLimit = 200000; // quantities searched exhaustively up to this

class Generator
{
public:
    explicit Generator(quint64 seed)
        : m_random(seed)
    {}

    qint64 between(qint64 low, qint64 high)
    {
        return low + qint64(m_random.bounded(quint64(high - low + 1)));
    }
    bool chance(int percent) { return between(1, 100) <= percent; }
    template<typename T>
    T pick(std::initializer_list<T> values)
    {
        return *(values.begin() + between(0, qint64(values.size()) - 1));
    }

    QDate date() { return chance(40) ? QDate() : Day.addDays(between(-20, 20)); }

    ItemTerms terms()
    {
        ItemTerms t;
        Product &p = t.product;
        p.sku = QStringLiteral("P-%1").arg(between(1, 999));
        p.name = p.sku;
        p.baseUom = QStringLiteral("EA");
        p.minOrderQty = chance(60) ? 1 : between(1, 60);
        p.orderMultiple = chance(50) ? 1 : pick<qint64>({2, 3, 4, 5, 6, 10, 12, 24, 25, 36});
        p.maxOrderQty = chance(60) ? 0 : between(1, 6000);
        p.discontinued = chance(3);
        if (chance(80))
            p.packs << Pack{QStringLiteral("EA"), QStringLiteral("Each"), 1, {}};
        const QStringList names{QStringLiteral("BX"), QStringLiteral("CS"), QStringLiteral("PL")};
        const int packs = int(between(0, 3));
        for (int i = 0; i < packs; ++i)
            p.packs << Pack{names.at(i), names.at(i), between(2, 1500), {}};
        if (p.packs.isEmpty())
            p.packs << Pack{QStringLiteral("BX"), QStringLiteral("Box"), between(2, 50), {}};
        t.inAssortment = !chance(3);

        t.prices.sku = p.sku;
        t.prices.currency = QString::fromLatin1(pick<const char *>({"USD", "EUR", "JPY", "KWD"}));
        const int rules = int(between(0, 7));
        for (int i = 0; i < rules; ++i) {
            PriceRule r;
            r.kind = chance(30) ? PriceRule::Kind::Contract : PriceRule::Kind::List;
            r.uom =
                chance(60) ? QStringLiteral("EA") : p.packs.at(between(0, p.packs.size() - 1)).uom;
            r.minQty = pick<qint64>({1, 1, 1, 2, 5, 10, 12, 50, 100, 1000});
            r.unitPrice = Decimal::fromUnits(chance(5) ? between(0, 100) : between(1, 99999999));
            r.validFrom = date();
            r.validTo = date();
            if (r.validFrom.isValid() && r.validTo.isValid() && r.validTo < r.validFrom)
                std::swap(r.validFrom, r.validTo);
            t.prices.rules << r;
        }
        const int discounts = chance(60) ? 0 : int(between(1, 3));
        for (int i = 0; i < discounts; ++i) {
            CategoryDiscount d;
            d.category = QStringLiteral("C%1").arg(i);
            d.percent = Decimal::fromUnits(chance(20) ? between(0, 100) * Decimal::One
                                                      : between(0, 100 * Decimal::One));
            d.validFrom = date();
            d.validTo = date();
            if (d.validFrom.isValid() && d.validTo.isValid() && d.validTo < d.validFrom)
                std::swap(d.validFrom, d.validTo);
            t.prices.discounts << d;
        }
        return t;
    }

    LineRequest request(const ItemTerms &t)
    {
        LineRequest r;
        r.sku = t.product.sku;
        const int kind = int(between(1, 100));
        if (kind <= 10)
            r.uom = QString();
        else if (kind <= 13)
            r.uom = QStringLiteral("PAIL");
        else
            r.uom = t.product.packs.at(between(0, t.product.packs.size() - 1)).uom;
        if (chance(10))
            r.uom = r.uom.toLower();
        const int size = int(between(1, 100));
        if (size <= 3)
            r.quantity = -between(0, 5);
        else if (size <= 8)
            r.quantity = between(1, std::numeric_limits<qint64>::max() / 1000);
        else if (size <= 10)
            r.quantity = std::numeric_limits<qint64>::max() - between(0, 20);
        else
            r.quantity = between(1, 2000);
        return r;
    }

private:
    QRandomGenerator64 m_random;
};

bool isValidBase(const Product &p, qint64 base)
{
    return base >= std::max<qint64>(1, p.minOrderQty) &&
           base % std::max<qint64>(1, p.orderMultiple) == 0 &&
           (p.maxOrderQty == 0 || base <= p.maxOrderQty);
}

bool sameLine(const PricedLine &a, const PricedLine &b)
{
    return a.request.sku == b.request.sku && a.request.uom == b.request.uom &&
           a.request.quantity == b.request.quantity && a.quantity == b.quantity && a.uom == b.uom &&
           a.baseQuantity == b.baseQuantity && a.adjustments == b.adjustments &&
           a.problem == b.problem && a.unitPrice == b.unitPrice &&
           a.listUnitPrice == b.listUnitPrice && a.lineTotal == b.lineTotal &&
           a.savings == b.savings && a.rule.source == b.rule.source && a.rule.uom == b.rule.uom &&
           a.rule.minQty == b.rule.minQty && a.rule.percent == b.rule.percent &&
           a.rule.category == b.rule.category;
}

} // namespace

class tst_PricingProperties final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void invariants();
};

void tst_PricingProperties::invariants()
{
    quint64 seed = quint64(QDateTime::currentMSecsSinceEpoch());
    const QByteArray fixed = qgetenv("QM_PRICING_SEED");
    if (!fixed.isEmpty())
        seed = fixed.toULongLong();
    qInfo("seed %llu (replay with QM_PRICING_SEED=%llu)", seed, seed);
    Generator gen(seed);

    int priced = 0;
    QList<PricedLine> cart;
    for (int i = 0; i < Lines; ++i) {
        const ItemTerms t = gen.terms();
        const LineRequest req = gen.request(t);
        const PricedLine line = priceLine(t, req, Day);
        const QByteArray where = QByteArray("line ") + QByteArray::number(i) + " of seed " +
                                 QByteArray::number(seed) + ": " + req.uom.toUtf8() + " x " +
                                 QByteArray::number(req.quantity) + " -> " +
                                 problemName(line.problem).toUtf8();

        QVERIFY2(sameLine(line, priceLine(t, req, Day)), where.constData());
        QCOMPARE(line.request.quantity, req.quantity);
        QCOMPARE(line.request.uom, req.uom);
        const auto pack = findPack(t.product, req.uom);

        // Problems that come before the line rules.
        if (!t.inAssortment) {
            QVERIFY2(line.problem == LineProblem::NotInAssortment, where.constData());
            continue;
        }
        if (t.product.discontinued) {
            QVERIFY2(line.problem == LineProblem::Discontinued, where.constData());
            continue;
        }
        if (!pack) {
            QVERIFY2(line.problem == LineProblem::UnknownUnit, where.constData());
            continue;
        }
        if (req.quantity <= 0) {
            QVERIFY2(line.problem == LineProblem::InvalidQuantity, where.constData());
            continue;
        }
        if (line.problem == LineProblem::Overflow) {
            // Only the huge requests may overflow: the generator's prices times its ordinary
            // quantities always fit.
            QVERIFY2(req.quantity > 1000000, where.constData());
            continue;
        }

        const qint64 packQty = pack->quantity;
        const qint64 maxPacks = t.product.maxOrderQty > 0 ? t.product.maxOrderQty / packQty
                                                          : std::numeric_limits<qint64>::max();
        if (line.problem == LineProblem::NoValidQuantity) {
            for (qint64 q = 1; q <= std::min(maxPacks, BruteForceLimit); ++q)
                QVERIFY2(!isValidBase(t.product, q * packQty), where.constData());
            continue;
        }

        // The adjusted quantity obeys the line rules...
        QCOMPARE(line.baseQuantity, line.quantity * packQty);
        QVERIFY2(isValidBase(t.product, line.baseQuantity), where.constData());
        const bool capped = line.adjustments.contains(Adjustment::CappedAtMaximum);
        if (line.adjustments.isEmpty())
            QCOMPARE(line.quantity, req.quantity);
        // ...and is the nearest valid one: the smallest at or above the request, or when
        // capped the largest under the maximum.
        if (!capped) {
            QVERIFY2(line.quantity >= req.quantity, where.constData());
            if (line.quantity - req.quantity <= BruteForceLimit) {
                for (qint64 q = req.quantity; q < line.quantity; ++q)
                    QVERIFY2(!isValidBase(t.product, q * packQty), where.constData());
            }
        } else {
            QVERIFY2(line.quantity < req.quantity, where.constData());
            for (qint64 q = line.quantity + 1;
                 q <= std::min(maxPacks, line.quantity + BruteForceLimit); ++q)
                QVERIFY2(!isValidBase(t.product, q * packQty), where.constData());
        }

        if (line.problem == LineProblem::NoPrice) {
            for (const PriceRule &r : t.prices.rules) {
                if (!r.isValidOn(Day))
                    continue;
                QVERIFY2(!(r.uom.compare(pack->uom, Qt::CaseInsensitive) == 0 &&
                           r.minQty <= line.quantity),
                         where.constData());
                QVERIFY2(!(r.uom == u"EA" && r.minQty <= line.baseQuantity), where.constData());
            }
            continue;
        }
        QVERIFY2(line.isPriced(), where.constData());
        ++priced;

        // Prices: no applicable rule is cheaper, and list is never below the unit price.
        QVERIFY2(line.unitPrice <= line.listUnitPrice, where.constData());
        QVERIFY2(!line.unitPrice.isNegative(), where.constData());
        for (const PriceRule &r : t.prices.rules) {
            if (!r.isValidOn(Day))
                continue;
            if (r.uom.compare(pack->uom, Qt::CaseInsensitive) == 0 && r.minQty <= line.quantity) {
                QVERIFY2(line.unitPrice <= r.unitPrice, where.constData());
                if (r.kind == PriceRule::Kind::List)
                    QVERIFY2(line.listUnitPrice <= r.unitPrice, where.constData());
            } else if (r.uom == u"EA" && r.minQty <= line.baseQuantity) {
                const auto converted = r.unitPrice.times(packQty);
                if (converted) {
                    QVERIFY2(line.unitPrice <= *converted, where.constData());
                    if (r.kind == PriceRule::Kind::List)
                        QVERIFY2(line.listUnitPrice <= *converted, where.constData());
                }
            }
        }
        if (line.rule.source == AppliedRule::Source::CategoryDiscount) {
            // price = list x (100 - percent) / 100, to four decimals (half up: all positive).
            // The generator keeps list x 10^6 within 64 bits.
            constexpr qint64 Hundred = 100 * Decimal::One;
            const qint64 scaled =
                line.listUnitPrice.units() * (Hundred - line.rule.percent.units());
            QCOMPARE(line.unitPrice.units(), (scaled + Hundred / 2) / Hundred);
        }

        // Totals: exactly unit x quantity and (list - unit) x quantity, rounded half away
        // from zero to the currency's minor unit.
        qint64 step = 1;
        for (int d = currencyMinorDigits(t.prices.currency); d < Decimal::Scale; ++d)
            step *= 10;
        const auto roundedProduct = [step](Decimal price, qint64 qty) {
            qint64 exact = 0;
            if (qMulOverflow(price.units(), qty, &exact))
                return qint64(-1); // the engine should have reported an overflow
            return (exact / step + (exact % step * 2 >= step ? 1 : 0)) * step;
        };
        QCOMPARE(line.lineTotal.units(), roundedProduct(line.unitPrice, line.quantity));
        QCOMPARE(line.savings.units(),
                 roundedProduct(line.listUnitPrice - line.unitPrice, line.quantity));
        QVERIFY(!line.savings.isNegative());
        if (cart.size() < 500)
            cart << line;
    }
    // A healthy share of the lines must reach the price checks, or they prove little.
    QVERIFY2(priced > Lines / 4, qPrintable(QStringLiteral("only %1 priced").arg(priced)));

    qint64 subtotal = 0;
    qint64 savings = 0;
    for (const PricedLine &line : cart) {
        subtotal += line.lineTotal.units();
        savings += line.savings.units();
    }
    const CartTotals sum = totals(cart, QStringLiteral("USD"));
    QCOMPARE(sum.subtotal.units(), subtotal);
    QCOMPARE(sum.savings.units(), savings);
    QCOMPARE(sum.pricedLines, int(cart.size()));
}

QTEST_GUILESS_MAIN(tst_PricingProperties)
#include "tst_pricingproperties.moc"
