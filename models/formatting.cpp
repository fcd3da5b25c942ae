#include "models/formatting.h"

#include <algorithm>

namespace qm::formatting {

QString decimal(const QLocale &locale, Decimal value, int minDigits)
{
    // Canonical text is "[-]digits[.digits]": split it and let the locale render each part.
    const QString canonical = value.toString(std::clamp(minDigits, 0, Decimal::Scale));
    const bool negative = canonical.startsWith(u'-');
    const QStringView body = QStringView(canonical).mid(negative ? 1 : 0);
    const qsizetype dot = body.indexOf(u'.');
    const QStringView whole = dot < 0 ? body : body.first(dot);
    QString out = locale.toString(whole.toLongLong());
    if (dot >= 0) {
        out += locale.decimalPoint();
        for (QChar c : body.mid(dot + 1))
            out += locale.toString(c.digitValue());
    }
    if (negative)
        out.prepend(locale.negativeSign());
    return out;
}

QString money(const QLocale &locale, Decimal value, const QString &currency)
{
    const QString amount = decimal(locale, value, currencyMinorDigits(currency));
    return currency.isEmpty() ? amount : amount + u'\u00a0' + currency;
}

} // namespace qm::formatting
