#pragma once

#include <chrono>
#include <optional>

// When someone in this process last waited on a read of the catalog cache (a search as they
// type, a page of the catalog table). Background work on the cache gives way while reads are
// recent: the page writer pauses between the steps of its idle work (PageWriter::setIdleWork),
// so that the work's reads and writes do not slow the searches down. Safe from any thread.
namespace qm::readactivity {

using Clock = std::chrono::steady_clock;

// Marks a read now.
void note();
// When the last read was marked; none before the first.
std::optional<Clock::time_point> last();
// Whether a read was marked within `window` before now.
bool within(Clock::duration window);

} // namespace qm::readactivity
