#pragma once

#include <QStyledItemDelegate>

#include <functional>

namespace qm {

// Lets the user pick the pack a line orders (each, box, case...): a combo box of the
// packs an index offers under `packsRole` (formatting::packChoices), starting at the unit
// of measure under `uomRole`; the chosen pack's unit of measure is written back with
// Qt::EditRole. `onRejected` runs when the model refuses the change.
class PackDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    PackDelegate(int packsRole, int uomRole, std::function<void()> onRejected,
                 QObject *parent = nullptr);

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override;

private:
    int m_packsRole;
    int m_uomRole;
    std::function<void()> m_onRejected;
};

} // namespace qm
