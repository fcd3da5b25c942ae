#include "core/gtin.h"

namespace qm::gtin {

int checkDigit(QStringView body)
{
    int sum = 0;
    int weight = 3;
    for (qsizetype i = body.size() - 1; i >= 0; --i) {
        const char16_t c = body[i].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        sum += (c - u'0') * weight;
        weight = weight == 3 ? 1 : 3;
    }
    return (10 - sum % 10) % 10;
}

bool isValid(QStringView code)
{
    const qsizetype n = code.size();
    if (n != 8 && n != 12 && n != 13 && n != 14)
        return false;
    const int expected = checkDigit(code.first(n - 1));
    const char16_t last = code[n - 1].unicode();
    return expected >= 0 && last >= u'0' && last <= u'9' && expected == last - u'0';
}

QString normalized(QStringView code)
{
    if (!isValid(code))
        return {};
    return code.toString().rightJustified(14, u'0');
}

QString withCheckDigit(QStringView body)
{
    const int d = checkDigit(body);
    if (d < 0)
        return {};
    return body.toString() + QChar(u'0' + d);
}

} // namespace qm::gtin
