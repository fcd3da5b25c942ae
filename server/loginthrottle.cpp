#include "server/loginthrottle.h"

#include <QDateTime>
#include <QMutexLocker>

namespace qm {

namespace {

QString userKey(const QString &username)
{
    return username.trimmed().toCaseFolded();
}

} // namespace

LoginThrottle::LoginThrottle(Settings settings, std::function<qint64()> nowMs)
    : m_settings(settings)
    , m_now(nowMs ? std::move(nowMs) : [] { return QDateTime::currentMSecsSinceEpoch(); })
{}

qint64 LoginThrottle::waitFor(Failures &failures, const QString &key, int limit, qint64 now)
{
    if (limit <= 0)
        return 0;
    const auto it = failures.find(key);
    if (it == failures.end())
        return 0;
    const qint64 windowMs = m_settings.windowSeconds * 1000;
    std::deque<qint64> &times = it.value();
    while (!times.empty() && times.front() + windowMs <= now)
        times.pop_front();
    if (times.empty()) {
        failures.erase(it);
        return 0;
    }
    if (qint64(times.size()) < limit)
        return 0;
    // The attempt may be made once enough failures left the window to go below the limit.
    const qint64 freeAt = times.at(times.size() - std::size_t(limit)) + windowMs;
    return qMax<qint64>(1, (freeAt - now + 999) / 1000);
}

void LoginThrottle::add(Failures &failures, const QString &key, qint64 now)
{
    auto it = failures.find(key);
    if (it == failures.end()) {
        if (failures.size() >= MaxTracked) {
            // Forget the key whose last failure is the oldest.
            auto oldest = failures.begin();
            for (auto f = failures.begin(); f != failures.end(); ++f) {
                if (f.value().empty() || f.value().back() < oldest.value().back())
                    oldest = f;
            }
            failures.erase(oldest);
        }
        it = failures.insert(key, {});
    }
    std::deque<qint64> &times = it.value();
    times.push_back(now);
    // Only the most recent failures matter for the limit.
    const std::size_t keep = std::size_t(qMax(m_settings.perUser, m_settings.perAddress));
    while (times.size() > keep)
        times.pop_front();
}

qint64 LoginThrottle::retryAfter(const QString &username, const QString &address)
{
    const QMutexLocker lock(&m_mutex);
    const qint64 now = m_now();
    return qMax(waitFor(m_byUser, userKey(username), m_settings.perUser, now),
                waitFor(m_byAddress, address, m_settings.perAddress, now));
}

void LoginThrottle::recordFailure(const QString &username, const QString &address)
{
    const QMutexLocker lock(&m_mutex);
    const qint64 now = m_now();
    if (m_settings.perUser > 0)
        add(m_byUser, userKey(username), now);
    if (m_settings.perAddress > 0)
        add(m_byAddress, address, now);
}

void LoginThrottle::recordSuccess(const QString &username)
{
    const QMutexLocker lock(&m_mutex);
    m_byUser.remove(userKey(username));
}

} // namespace qm
