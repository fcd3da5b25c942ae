#include "core/clock.h"

#include <QRegularExpression>

#include <atomic>

namespace qm::clock {

namespace {

// The fixed day as a Julian day number; 0 for the real clock (day 0 is 4714 BC).
std::atomic<qint64> fixedJulianDay{0};

} // namespace

QDate today()
{
    const qint64 fixed = fixedJulianDay.load(std::memory_order_relaxed);
    return fixed != 0 ? QDate::fromJulianDay(fixed) : QDate::currentDate();
}

QDateTime now()
{
    const QDateTime real = QDateTime::currentDateTimeUtc();
    const qint64 fixed = fixedJulianDay.load(std::memory_order_relaxed);
    if (fixed == 0)
        return real;
    return real.addDays(fixed - real.date().toJulianDay());
}

void setFixedForTesting(QDate day)
{
    fixedJulianDay.store(day.isValid() ? day.toJulianDay() : 0, std::memory_order_relaxed);
}

QDate parseDay(const QString &value)
{
    static const QRegularExpression pattern(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    if (!pattern.match(value).hasMatch())
        return {};
    return QDate::fromString(value, Qt::ISODate);
}

bool applyEnvironment(QString *error)
{
    const QString value = qEnvironmentVariable("QM_TODAY").trimmed();
    if (value.isEmpty())
        return true;
    const QDate day = parseDay(value);
    if (!day.isValid()) {
        if (error)
            *error = QStringLiteral("QM_TODAY must be a date as YYYY-MM-DD, not '%1'").arg(value);
        return false;
    }
    setFixedForTesting(day);
    return true;
}

} // namespace qm::clock
