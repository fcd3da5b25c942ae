#include "ui/catalogdelegate.h"

#include "models/catalogmodel.h"

namespace qm {

void CatalogDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.column() == CatalogModel::PriceColumn || index.column() == CatalogModel::StockColumn)
        option->displayAlignment = Qt::AlignRight | Qt::AlignVCenter;
    if (index.data(CatalogModel::DiscontinuedRole).toBool()) {
        const QColor disabled = option->palette.color(QPalette::Disabled, QPalette::Text);
        option->palette.setColor(QPalette::Text, disabled);
        option->palette.setColor(
            QPalette::HighlightedText,
            option->palette.color(QPalette::Disabled, QPalette::HighlightedText));
        option->font.setItalic(true);
    }
}

} // namespace qm
