#pragma once

#include "support/feedpuller.h"

#include <QMap>
#include <QString>
#include <QUrl>

namespace qm::test {

// What the portal serves `username` now in the catalog feeds, pulled page by page outside
// the client engine (see feedpuller.h).
struct Reference
{
    QMap<Feed, FeedPull> feeds;
    QString error; // empty when every feed converged

    Reference(const QUrl &portal, const QString &username,
              const QString &password = QStringLiteral("demo"));
};

// Checks that the client cache at `cachePath` holds exactly what `reference` saw: per feed
// the stored and recomputed counts and digests equal the portal's and the feed is verified;
// products, prices, stock, GTINs and part numbers read back through the client's queries
// equal the portal's payloads. Returns the first difference, or an empty string.
QString compareCache(const QString &cachePath, const Reference &reference);

} // namespace qm::test
