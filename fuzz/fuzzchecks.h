#pragma once

#include "import/quickorderrows.h"
#include "import/table.h"

#include <cstdlib>

// Invariants every reader result keeps, whatever the input; a broken one aborts the run.
inline void checkTable(const qm::import::ReadResult &result)
{
    const qm::import::Table &table = result.table;
    if (table.rows.size() != table.lines.size())
        std::abort();
    int previous = 0;
    for (int line : table.lines) {
        if (line <= previous)
            std::abort();
        previous = line;
    }
    if (!result.ok() && result.errorLine < 0)
        std::abort();
}

inline void checkRows(const qm::import::Table &table)
{
    const qm::import::QuickOrderRows rows = qm::import::quickOrderRows(table);
    for (const qm::import::QuickOrderRow &row : rows.rows) {
        if (row.quantity && (*row.quantity < 1 || *row.quantity > qm::import::kMaxQuantity))
            std::abort();
        if (!row.quantity && row.error.isEmpty())
            std::abort();
    }
}
