#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

namespace qm {

// An exact decimal number with four fractional digits, stored as an integer count of
// 1/10000 units. Money, unit prices and discounts use it; binary floating point never
// holds money anywhere in Quartermaster.
//
// Rounding rule (one for the whole product): when a value has to lose digits, it is
// rounded half away from zero ("commercial rounding"): 0.125 -> 0.13, -0.125 -> -0.13.
class Decimal final
{
public:
    static constexpr int Scale = 4;
    static constexpr qint64 One = 10000;

    constexpr Decimal() = default;
    static constexpr Decimal fromUnits(qint64 units)
    {
        Decimal d;
        d.m_units = units;
        return d;
    }
    static constexpr Decimal fromInt(qint64 value) { return fromUnits(value * One); }

    // Parses "12", "12.5", "-0.0001", "+3.25". At most Scale fractional digits; more
    // digits, exponents, thousands separators or surrounding text make it fail.
    static std::optional<Decimal> parse(QStringView text);

    constexpr qint64 units() const { return m_units; }
    constexpr bool isZero() const { return m_units == 0; }
    constexpr bool isNegative() const { return m_units < 0; }

    // Rounded half away from zero to `digits` fractional digits (0..Scale).
    Decimal rounded(int digits) const;

    // Canonical text: all Scale digits, "12.3400"; minDigits..Scale digits with
    // trailing zeros trimmed when minDigits < Scale ("12.34" for minDigits 2).
    QString toString(int minDigits = Scale) const;

    // Multiplies by an integer quantity; returns nullopt on overflow.
    std::optional<Decimal> times(qint64 quantity) const;

    friend constexpr Decimal operator+(Decimal a, Decimal b)
    {
        return fromUnits(a.m_units + b.m_units);
    }
    friend constexpr Decimal operator-(Decimal a, Decimal b)
    {
        return fromUnits(a.m_units - b.m_units);
    }
    friend constexpr bool operator==(Decimal a, Decimal b) { return a.m_units == b.m_units; }
    friend constexpr bool operator!=(Decimal a, Decimal b) { return a.m_units != b.m_units; }
    friend constexpr bool operator<(Decimal a, Decimal b) { return a.m_units < b.m_units; }
    friend constexpr bool operator<=(Decimal a, Decimal b) { return a.m_units <= b.m_units; }
    friend constexpr bool operator>(Decimal a, Decimal b) { return a.m_units > b.m_units; }
    friend constexpr bool operator>=(Decimal a, Decimal b) { return a.m_units >= b.m_units; }

private:
    qint64 m_units = 0;
};

// Number of fractional digits of a currency's minor unit (ISO 4217): 2 for USD/EUR,
// 0 for JPY, 3 for KWD. Unknown codes are treated as 2.
int currencyMinorDigits(QStringView currencyCode);

} // namespace qm
