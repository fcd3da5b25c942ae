#pragma once

#include "core/catalog.h"
#include "core/feeds.h"

#include <QByteArray>

namespace qm {

// The one place that turns catalog values into the canonical payload text stored in
// feed_entries. Lists are put in a fixed order first (packs by quantity, price rules by
// kind/unit/tier/dates, stock by warehouse), so the same data always renders to the same
// bytes, whether it comes from the demo generator or from the normalised tables.
class FeedPayloads final
{
public:
    static QByteArray product(Product product);
    static QByteArray prices(ProductPrices prices);
    static QByteArray stock(ProductStock stock);

    // feed_entries.feed of a feed.
    static int code(Feed feed);
};

} // namespace qm
