#pragma once

#include <cstdio>

namespace qm {

// Whether `stream` (stdout or stderr) is an interactive terminal. The one
// platform-specific call of the CLI.
bool isTerminal(std::FILE *stream);

} // namespace qm
