#pragma once

// Process-wide settings of the SQLite library, for the client's cache and for the portal's
// SQLite backend. Its own library (qm_sqliteprocess), so that qm_core stays free of SQLite.
namespace qm::sqliteprocess {

// Call before opening a SQLite database through QtSql, as often as convenient: the first call
// configures SQLite, the others do nothing. Turns off SQLite's count of the memory it holds,
// which it keeps under one lock for the whole process on every allocation; Debian's SQLite has
// no per-connection allocator (lookaside), so a query allocates for nearly every row, and two
// connections working at once on two threads spend much of their time waiting on that lock.
// Nothing here reads the count. SQLite takes this only before its first use in the process;
// when it was used already (say, by another component), it stays as it is. Returns whether
// the count is off.
bool configure();

} // namespace qm::sqliteprocess
