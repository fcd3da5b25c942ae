#pragma once

#include <QByteArray>
#include <QDateTime>

#include <chrono>
#include <functional>
#include <optional>

namespace qm {

// The one retry policy of every portal request (pure logic, unit-tested):
//  - retry network errors, timeouts, 408, 429 and 5xx;
//  - exponential backoff with full jitter: delay = random(0, min(cap, base * 2^attempt));
//  - a Retry-After header (seconds or HTTP date, capped at maxRetryAfter) is the earliest
//    moment; a jitter over min(backoff window, the wait) is added to it, so that clients
//    told the same time spread out;
//  - never retry a POST (or other non-idempotent method) without an Idempotency-Key;
//  - give up after maxAttempts.
// 401 is not retried here: the job refreshes the token once and replays.
class RetryPolicy final
{
public:
    struct Settings
    {
        int maxAttempts = 5; // including the first
        std::chrono::milliseconds baseDelay{500};
        std::chrono::milliseconds maxDelay{30000};
        std::chrono::milliseconds maxRetryAfter{300000};
    };

    struct Outcome
    {
        int httpStatus = 0;        // 0 when no HTTP answer arrived
        bool networkError = false; // connection failed, reset or timed out
        QByteArray retryAfter;     // the Retry-After header, if any
    };

    struct Request
    {
        QByteArray method; // "GET", "POST", ...
        bool hasIdempotencyKey = false;
    };

    RetryPolicy();
    explicit RetryPolicy(Settings settings);

    // Whether attempt number `attempt` (1 = the first try, just failed with `outcome`)
    // should be retried, and after how long. `now` parses HTTP-date Retry-After values.
    std::optional<std::chrono::milliseconds> retryDelay(const Request &request,
                                                        const Outcome &outcome, int attempt,
                                                        const QDateTime &now) const;

    // Replaces the random source (uniform in [0, bound]); for tests.
    void setRandom(std::function<qint64(qint64 bound)> random);

    const Settings &settings() const { return m_settings; }
    // The longest delay retryDelay() ever returns.
    std::chrono::milliseconds longestDelay() const
    {
        return std::max(m_settings.maxRetryAfter, std::chrono::milliseconds(0)) +
               std::max(m_settings.maxDelay, std::chrono::milliseconds(0));
    }

    static bool isRetryableStatus(int httpStatus);
    static bool isIdempotentMethod(const QByteArray &method);
    // Seconds or an HTTP date (RFC 9110); nullopt if absent or unparseable.
    static std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &value,
                                                                    const QDateTime &now);

private:
    Settings m_settings;
    std::function<qint64(qint64)> m_random;
};

} // namespace qm
