#pragma once

#include "core/catalog.h"
#include "core/feeds.h"
#include "core/requisitionlist.h"

#include <QByteArray>

namespace qm {

// The one place that turns catalog values into the canonical payload text stored in
// feed_entries. Lists are put in a fixed order first (packs by quantity, price rules by
// kind/unit/tier/dates, discounts by category and dates, stock by warehouse), so the same data
// always renders to the same bytes, whether it comes from the demo generator or from the normalised
// tables.
class FeedPayloads final
{
public:
    static QByteArray product(Product product);
    static QByteArray prices(ProductPrices prices);
    static QByteArray stock(ProductStock stock);
    static QByteArray partNumber(const CustomerPartNumber &partNumber);
    static QByteArray list(const RequisitionList &list);

    // feed_entries.feed of a feed. Distinct for every feed, so that (scope, feed) stays unique
    // although the catalog feeds are scoped by catalog ids and part numbers by account ids.
    static int code(Feed feed);
};

} // namespace qm
