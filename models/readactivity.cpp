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

bool within(Clock::duration window)
{
    const Clock::rep last = lastRead.load(std::memory_order_relaxed);
    return last != Clock::duration::min().count() &&
           Clock::now().time_since_epoch() - Clock::duration(last) <= window;
}

} // namespace qm::readactivity
