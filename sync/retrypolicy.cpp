#include "sync/retrypolicy.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimeZone>

namespace qm {

namespace {

// HTTP-date (RFC 9110 5.6.7): IMF-fixdate and the obsolete RFC 850 and asctime forms, all
// in GMT. Parsed by hand so that the local time zone never gets involved.
std::optional<QDateTime> parseHttpDate(const QString &text)
{
    static const QRegularExpression imf(QStringLiteral(
        R"(^[A-Za-z]{3}, (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$)"));
    static const QRegularExpression rfc850(QStringLiteral(
        R"(^[A-Za-z]+, (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$)"));
    static const QRegularExpression asctime(QStringLiteral(
        R"(^[A-Za-z]{3} ([A-Za-z]{3}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$)"));
    static const QStringList months{
        QStringLiteral("Jan"), QStringLiteral("Feb"), QStringLiteral("Mar"), QStringLiteral("Apr"),
        QStringLiteral("May"), QStringLiteral("Jun"), QStringLiteral("Jul"), QStringLiteral("Aug"),
        QStringLiteral("Sep"), QStringLiteral("Oct"), QStringLiteral("Nov"), QStringLiteral("Dec")};

    int day = 0, month = 0, year = 0, hour = 0, minute = 0, second = 0;
    const auto monthOf = [](const QString &name) { return int(months.indexOf(name)) + 1; };
    if (const auto m = imf.match(text); m.hasMatch()) {
        day = m.captured(1).toInt();
        month = monthOf(m.captured(2));
        year = m.captured(3).toInt();
        hour = m.captured(4).toInt();
        minute = m.captured(5).toInt();
        second = m.captured(6).toInt();
    } else if (const auto m850 = rfc850.match(text); m850.hasMatch()) {
        day = m850.captured(1).toInt();
        month = monthOf(m850.captured(2));
        year = m850.captured(3).toInt();
        year += year < 70 ? 2000 : 1900;
        hour = m850.captured(4).toInt();
        minute = m850.captured(5).toInt();
        second = m850.captured(6).toInt();
    } else if (const auto ma = asctime.match(text); ma.hasMatch()) {
        month = monthOf(ma.captured(1));
        day = ma.captured(2).toInt();
        hour = ma.captured(3).toInt();
        minute = ma.captured(4).toInt();
        second = ma.captured(5).toInt();
        year = ma.captured(6).toInt();
    } else {
        return std::nullopt;
    }
    const QDate date(year, month, day);
    const QTime time(hour, minute, second);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    return QDateTime(date, time, QTimeZone::utc());
}

} // namespace

RetryPolicy::RetryPolicy()
    : RetryPolicy(Settings{})
{}

RetryPolicy::RetryPolicy(Settings settings)
    : m_settings(settings)
    , m_random([](qint64 bound) {
        return bound <= 0 ? 0 : QRandomGenerator::global()->bounded(bound + 1);
    })
{}

void RetryPolicy::setRandom(std::function<qint64(qint64)> random)
{
    m_random = std::move(random);
}

bool RetryPolicy::isRetryableStatus(int httpStatus)
{
    return httpStatus == 408 || httpStatus == 429 || (httpStatus >= 500 && httpStatus <= 599);
}

bool RetryPolicy::isIdempotentMethod(const QByteArray &method)
{
    static const QByteArrayList idempotent{"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"};
    return idempotent.contains(method.toUpper());
}

std::optional<std::chrono::milliseconds> RetryPolicy::parseRetryAfter(const QByteArray &value,
                                                                      const QDateTime &now)
{
    const QByteArray text = value.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool isNumber = true;
    for (char c : text)
        isNumber = isNumber && c >= '0' && c <= '9';
    if (isNumber) {
        bool ok = false;
        const qint64 seconds = text.toLongLong(&ok);
        // Anything beyond a day is as good as "not soon"; also keeps the product in range.
        if (!ok)
            return std::nullopt;
        return std::chrono::milliseconds(std::min<qint64>(seconds, 86400) * 1000);
    }
    const auto when = parseHttpDate(QString::fromLatin1(text));
    if (!when)
        return std::nullopt;
    const qint64 ms = now.msecsTo(*when);
    return std::chrono::milliseconds(std::max<qint64>(0, ms));
}

std::optional<std::chrono::milliseconds> RetryPolicy::retryDelay(const Request &request,
                                                                 const Outcome &outcome,
                                                                 int attempt,
                                                                 const QDateTime &now) const
{
    if (attempt >= m_settings.maxAttempts)
        return std::nullopt;
    if (!isIdempotentMethod(request.method) && !request.hasIdempotencyKey)
        return std::nullopt;
    if (!outcome.networkError && !isRetryableStatus(outcome.httpStatus))
        return std::nullopt;

    // Full jitter: uniform in [0, min(cap, base * 2^attempt)].
    const qint64 cap = m_settings.maxDelay.count();
    qint64 bound = m_settings.baseDelay.count();
    for (int i = 0; i < attempt && bound < cap; ++i)
        bound *= 2;
    bound = std::min(bound, cap);

    // Not before the time the server asked for, and spread after it over the backoff window
    // (at most as long as the wait itself): clients turned away together are told the same
    // time and must not all come back at that instant.
    if (const auto after = parseRetryAfter(outcome.retryAfter, now)) {
        const qint64 wait = std::min(*after, m_settings.maxRetryAfter).count();
        const qint64 spread = std::min(bound, wait);
        return std::chrono::milliseconds(wait + std::clamp<qint64>(m_random(spread), 0, spread));
    }
    return std::chrono::milliseconds(std::clamp<qint64>(m_random(bound), 0, bound));
}

} // namespace qm
