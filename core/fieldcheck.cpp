#include "core/fieldcheck.h"

namespace qm::fieldcheck {

qsizetype characterCount(QStringView s)
{
    qsizetype n = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (!(s[i].isLowSurrogate() && i > 0 && s[i - 1].isHighSurrogate()))
            ++n;
    }
    return n;
}

} // namespace qm::fieldcheck
