#pragma once

#include "models/catalogquery.h"

#include <QDate>
#include <QPointer>
#include <QScrollArea>

class QLabel;
class QStackedWidget;
class QTableWidget;

namespace qm {

class ThumbnailCache;
class ThumbnailFetch;

// The product detail pane: name, SKU, brand, category, description, your price with
// every tier and its validity, stock per warehouse, packs with GTINs and attributes, and
// the product's thumbnail when a ThumbnailCache is set (fetched in the background; a
// placeholder while it loads or when there is none, e.g. offline with nothing cached).
class ProductDetailView final : public QScrollArea
{
    Q_OBJECT

public:
    explicit ProductDetailView(QWidget *parent = nullptr);

    void showProduct(const ProductDetails &details, QDate priceDay = QDate::currentDate());
    void clear();
    QString sku() const { return m_sku; }

    // Whether prices show; when not, the price section says `reason` (the role may not see
    // prices) instead of a price.
    void setPricesShown(bool shown, const QString &reason = {});
    bool pricesShown() const { return m_pricesShown; }

    // Where thumbnails come from (not owned); nullptr hides the thumbnail.
    void setThumbnailCache(ThumbnailCache *cache);
    ThumbnailCache *thumbnailCache() const;

    // What the thumbnail shows, for tests: "loading", "image" or "none".
    QString thumbnailState() const;

private:
    QLabel *addSection(const QString &title);
    void requestThumbnail();
    void onThumbnail(ThumbnailFetch *fetch);
    void showThumbnailPlaceholder(const QString &state);

    QStackedWidget *m_stack;
    QString m_sku;
    bool m_pricesShown = true;
    QString m_pricesReason;
    QLabel *m_thumbnail;
    QPointer<ThumbnailCache> m_thumbnails;
    QLabel *m_name;
    QLabel *m_skuLine;
    QLabel *m_category;
    QLabel *m_discontinued;
    QLabel *m_description;
    QLabel *m_price;
    QLabel *m_priceRule;
    QTableWidget *m_rules;
    QLabel *m_stockTotal;
    QTableWidget *m_stock;
    QLabel *m_ordering;
    QTableWidget *m_packs;
    QTableWidget *m_attributes;
};

} // namespace qm
