#include "server/demogtins.h"

#include "core/gtin.h"

namespace qm {

QString DemoGtins::body12(qint64 index)
{
    if (index < CompanyPrefixCapacity)
        return QStringLiteral("0614141") + QString::number(index).rightJustified(5, u'0');
    return QStringLiteral("04") + QString::number(index).rightJustified(10, u'0');
}

QString DemoGtins::unit(qint64 index)
{
    const QString gtin13 = gtin::withCheckDigit(body12(index));
    // A leading zero makes the same number a UPC-A; the check digit does not change.
    if (index % 4 == 0)
        return gtin13.mid(1);
    return gtin13;
}

QString DemoGtins::pack(qint64 index, int indicator)
{
    Q_ASSERT(indicator >= 1 && indicator <= 8);
    return gtin::withCheckDigit(QString::number(indicator) + body12(index));
}

} // namespace qm
