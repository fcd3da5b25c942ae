#include "ui/packdelegate.h"

#include <QComboBox>

namespace qm {

PackDelegate::PackDelegate(int packsRole, int uomRole, std::function<void()> onRejected,
                           QObject *parent)
    : QStyledItemDelegate(parent)
    , m_packsRole(packsRole)
    , m_uomRole(uomRole)
    , m_onRejected(std::move(onRejected))
{}

QWidget *PackDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &,
                                    const QModelIndex &index) const
{
    const QVariantList packs = index.data(m_packsRole).toList();
    if (packs.isEmpty())
        return nullptr; // nothing to choose from (an unknown product)
    auto *combo = new QComboBox(parent);
    combo->setObjectName(QStringLiteral("packEditor"));
    combo->setFrame(false);
    for (const QVariant &pack : packs) {
        const QVariantMap map = pack.toMap();
        combo->addItem(map.value(QStringLiteral("label")).toString(),
                       map.value(QStringLiteral("uom")));
    }
    // A choice commits at once: the line re-prices as soon as a pack is picked.
    connect(combo, &QComboBox::activated, this, [this, combo] {
        auto *self = const_cast<PackDelegate *>(this);
        Q_EMIT self->commitData(combo);
        Q_EMIT self->closeEditor(combo, QAbstractItemDelegate::NoHint);
    });
    return combo;
}

void PackDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *combo = static_cast<QComboBox *>(editor);
    const QString uom = index.data(m_uomRole).toString();
    for (int i = 0; i < combo->count(); ++i) {
        if (combo->itemData(i).toString().compare(uom, Qt::CaseInsensitive) == 0) {
            combo->setCurrentIndex(i);
            return;
        }
    }
}

void PackDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                                const QModelIndex &index) const
{
    const auto *combo = static_cast<QComboBox *>(editor);
    const QString uom = combo->currentData().toString();
    if (uom.compare(index.data(m_uomRole).toString(), Qt::CaseInsensitive) == 0)
        return;
    if (!model->setData(index, uom, Qt::EditRole) && m_onRejected)
        m_onRejected();
}

} // namespace qm
