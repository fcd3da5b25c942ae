#pragma once

#include <QByteArray>
#include <QString>

namespace qm {

struct Product;

// The demo supplier's product thumbnails: a PNG drawn from the product alone, so the same
// product always gives the same bytes (and the same ETag). The background colour comes from
// the product's category, the shape from its family (the top-level category: a hexagon for
// fasteners, a shield for PPE, a lightning bolt for electrical...) and the SKU is written
// across the bottom. Drawn and encoded with QtCore only: the portal links no Qt Gui.
class ThumbnailRenderer final
{
public:
    static constexpr int Size = 160; // width and height in pixels

    static QByteArray png(const Product &product);
    // The strong ETag of a thumbnail: the quoted, hex SHA-256 (first 128 bits) of the bytes.
    static QByteArray etag(const QByteArray &png);
};

} // namespace qm
