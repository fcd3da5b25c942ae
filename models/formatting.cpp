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

QString pack(const QLocale &locale, const QString &uom, const QString &name, qint64 quantity)
{
    if (name.isEmpty())
        return uom;
    return quantity > 1 ? QStringLiteral("%1 (%2)").arg(name, locale.toString(quantity)) : name;
}

QVariantList packChoices(const QLocale &locale, const Product &product)
{
    QList<Pack> packs = product.packs;
    const bool baseListed = std::any_of(packs.cbegin(), packs.cend(), [&](const Pack &p) {
        return p.uom.compare(product.baseUom, Qt::CaseInsensitive) == 0;
    });
    if (!baseListed)
        packs.prepend(Pack{product.baseUom, {}, 1, {}});
    std::stable_sort(packs.begin(), packs.end(),
                     [](const Pack &a, const Pack &b) { return a.quantity < b.quantity; });
    QVariantList choices;
    choices.reserve(packs.size());
    for (const Pack &p : std::as_const(packs))
        choices.append(
            QVariantMap{{QStringLiteral("uom"), p.uom},
                        {QStringLiteral("label"), pack(locale, p.uom, p.name, p.quantity)}});
    return choices;
}

} // namespace qm::formatting
