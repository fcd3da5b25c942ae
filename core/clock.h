#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>

// The client's one source of "today" for effective-dated prices and any rule that depends
// on the calendar. It is the real date unless overridden: by a test, or for diagnosis by the
// QM_TODAY environment variable (YYYY-MM-DD), which the qm CLI and the app read once at
// startup. Safe to read from any thread.
namespace qm::clock {

// The local calendar date (or the fixed one).
QDate today();
// The current time in UTC; with a fixed date, that date at the current UTC time of day.
QDateTime now();

// Fixes today() to `day`; an invalid date goes back to the real clock.
void setFixedForTesting(QDate day);

// Reads QM_TODAY. Unset or empty: the real clock. A valid YYYY-MM-DD fixes the date. Anything
// else returns false with the reason in `error` and leaves the clock as it was.
bool applyEnvironment(QString *error);

// The date QM_TODAY names, or an invalid date when `value` is not YYYY-MM-DD.
QDate parseDay(const QString &value);

} // namespace qm::clock
