#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

#include <deque>
#include <functional>

namespace qm {

// Limits password sign-in attempts that fail, so that passwords cannot be guessed at speed:
// at most `perUser` failures per username (case-insensitive, whether or not the user exists,
// so that the limit reveals nothing about which usernames are real) and at most `perAddress`
// failures per client address (across usernames: password spraying) within a sliding
// `windowSeconds`. Once a limit is reached, every attempt for that username or from that
// address is refused without checking the password until the oldest failure leaves the
// window, the correct password included; a successful sign-in clears the user's failures.
//
// State is per qm-portal process, in memory, and bounded: entries whose failures all left the
// window are dropped, and at most MaxTracked usernames and addresses each are tracked (the
// least recently failed are forgotten first). Safe to use from several threads.
class LoginThrottle final
{
public:
    struct Settings
    {
        int perUser = 5;     // 0: no per-user limit
        int perAddress = 50; // 0: no per-address limit
        qint64 windowSeconds = 900;
    };
    static constexpr int MaxTracked = 100000;

    // `nowMs` returns the current time in milliseconds (any epoch); for tests.
    explicit LoginThrottle(Settings settings, std::function<qint64()> nowMs = {});

    // Seconds until an attempt for `username` from `address` may be made (rounded up, at
    // least 1); 0 when it may be made now.
    qint64 retryAfter(const QString &username, const QString &address);
    void recordFailure(const QString &username, const QString &address);
    void recordSuccess(const QString &username);

    const Settings &settings() const { return m_settings; }

private:
    using Failures = QHash<QString, std::deque<qint64>>;
    qint64 waitFor(Failures &failures, const QString &key, int limit, qint64 now);
    void add(Failures &failures, const QString &key, qint64 now);

    Settings m_settings;
    std::function<qint64()> m_now;
    QMutex m_mutex;
    Failures m_byUser;
    Failures m_byAddress;
};

} // namespace qm
