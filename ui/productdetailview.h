#pragma once

#include "models/catalogquery.h"

#include <QDate>
#include <QScrollArea>

class QLabel;
class QStackedWidget;
class QTableWidget;

namespace qm {

// The product detail pane: name, SKU, brand, category, description, your price with
// every tier and its validity, stock per warehouse, packs with GTINs and attributes.
class ProductDetailView final : public QScrollArea
{
    Q_OBJECT

public:
    explicit ProductDetailView(QWidget *parent = nullptr);

    void showProduct(const ProductDetails &details, QDate priceDay = QDate::currentDate());
    void clear();
    QString sku() const { return m_sku; }

private:
    QLabel *addSection(const QString &title);

    QStackedWidget *m_stack;
    QString m_sku;
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
