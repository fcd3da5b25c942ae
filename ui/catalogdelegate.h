#pragma once

#include <QStyledItemDelegate>

namespace qm {

// Draws the catalog table: numbers right-aligned, discontinued products in the
// palette's disabled text colour (so it follows light and dark themes).
class CatalogDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace qm
