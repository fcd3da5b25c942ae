#include "models/readactivity.h"

#include <atomic>

namespace qm::readactivity {

namespace {

// Ticks of Clock at the last note(); the lowest value until then.
std::atomic<Clock::rep> lastRead{Clock::duration::min().count()};

} // namespace

void note()
{
    lastRead.store(Clock::now().time_since_epoch().count(), std::memory_order_relaxed);
}

std::optional<Clock::time_point> last()
{
    const Clock::rep ticks = lastRead.load(std::memory_order_relaxed);
    if (ticks == Clock::duration::min().count())
        return std::nullopt;
    return Clock::time_point(Clock::duration(ticks));
}

bool within(Clock::duration window)
{
    const auto read = last();
    return read && Clock::now() - *read <= window;
}

} // namespace qm::readactivity
