#include "core/decimal.h"

#include <QtNumeric>

#include <limits>

namespace qm {

namespace {

constexpr qint64 pow10(int n)
{
    qint64 r = 1;
    for (int i = 0; i < n; ++i)
        r *= 10;
    return r;
}

} // namespace

std::optional<Decimal> Decimal::parse(QStringView text)
{
    if (text.isEmpty())
        return std::nullopt;
    qsizetype i = 0;
    bool negative = false;
    if (text[0] == u'-' || text[0] == u'+') {
        negative = text[0] == u'-';
        ++i;
    }
    qint64 whole = 0;
    int wholeDigits = 0;
    constexpr qint64 maxWhole = std::numeric_limits<qint64>::max() / One - 1;
    for (; i < text.size() && text[i].isDigit() && text[i].unicode() < 128; ++i) {
        whole = whole * 10 + (text[i].unicode() - u'0');
        if (whole > maxWhole)
            return std::nullopt;
        ++wholeDigits;
    }
    qint64 frac = 0;
    int fracDigits = 0;
    if (i < text.size() && text[i] == u'.') {
        ++i;
        for (; i < text.size() && text[i].isDigit() && text[i].unicode() < 128; ++i) {
            if (fracDigits == Scale)
                return std::nullopt;
            frac = frac * 10 + (text[i].unicode() - u'0');
            ++fracDigits;
        }
        if (fracDigits == 0)
            return std::nullopt;
    }
    if (i != text.size() || wholeDigits == 0)
        return std::nullopt;
    const qint64 units = whole * One + frac * pow10(Scale - fracDigits);
    return fromUnits(negative ? -units : units);
}

Decimal Decimal::rounded(int digits) const
{
    if (digits >= Scale)
        return *this;
    if (digits < 0)
        digits = 0;
    const qint64 step = pow10(Scale - digits);
    const qint64 magnitude = m_units < 0 ? -m_units : m_units;
    qint64 q = magnitude / step;
    if ((magnitude % step) * 2 >= step)
        ++q;
    return fromUnits((m_units < 0 ? -q : q) * step);
}

QString Decimal::toString(int minDigits) const
{
    const qint64 magnitude = m_units < 0 ? -m_units : m_units;
    QString fraction = QString::number(magnitude % One).rightJustified(Scale, u'0');
    int keep = Scale;
    while (keep > minDigits && keep > 0 && fraction.at(keep - 1) == u'0')
        --keep;
    fraction.truncate(keep);
    QString out;
    if (m_units < 0)
        out += u'-';
    out += QString::number(magnitude / One);
    if (!fraction.isEmpty()) {
        out += u'.';
        out += fraction;
    }
    return out;
}

std::optional<Decimal> Decimal::times(qint64 quantity) const
{
    qint64 result = 0;
    if (qMulOverflow(m_units, quantity, &result))
        return std::nullopt;
    return fromUnits(result);
}

int currencyMinorDigits(QStringView code)
{
    static const struct
    {
        const char16_t *code;
        int digits;
    } exceptions[] = {
        {u"JPY", 0}, {u"KRW", 0}, {u"ISK", 0}, {u"CLP", 0}, {u"VND", 0},
        {u"KWD", 3}, {u"BHD", 3}, {u"OMR", 3}, {u"JOD", 3}, {u"TND", 3},
    };
    for (const auto &e : exceptions) {
        if (code == QStringView(e.code))
            return e.digits;
    }
    return 2;
}

} // namespace qm
