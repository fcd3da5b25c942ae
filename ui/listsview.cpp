#include "ui/listsview.h"

#include "core/problem.h"
#include "models/coderesolver.h"
#include "models/database.h"
#include "models/quickorderimport.h"
#include "ui/errormessages.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace qm {

namespace {

constexpr int IdRole = Qt::UserRole;

// A refused change's reason in words: the portal's problem, translated by its slug.
QString failureText(const QString &failure)
{
    const auto problem = Problem::fromJson(failure.toUtf8());
    if (problem) {
        if (problem->slug() == u"invalid-list" && !problem->detail.isEmpty())
            return ListsView::tr("the portal did not accept the list: %1").arg(problem->detail);
        return ErrorMessages::forProblemSlug(problem->slug());
    }
    return failure;
}

// Text that ends like a sentence, so that another can follow it.
QString asSentence(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty() || t.endsWith(u'.') || t.endsWith(u'!') || t.endsWith(u'?'))
        return t;
    return t + u'.';
}

} // namespace

ListsView::ListsView(Database &db, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_store(db)
    , m_lists(new QListWidget(this))
    , m_header(new QLabel(this))
    , m_state(new QLabel(this))
    , m_attention(new QWidget(this))
    , m_attentionText(new QLabel(m_attention))
    , m_lines(new QTableWidget(0, ColumnCount, this))
    , m_new(new QPushButton(tr("&New List…"), this))
    , m_saveCart(new QPushButton(tr("&Save Cart as List…"), this))
    , m_rename(new QPushButton(tr("Re&name…"), this))
    , m_delete(new QPushButton(tr("&Delete…"), this))
    , m_removeLine(new QPushButton(tr("&Remove Line"), this))
    , m_toCart(new QPushButton(tr("&Add to Cart"), this))
    , m_retry(new QPushButton(tr("&Try Again"), m_attention))
    , m_discard(new QPushButton(tr("Dis&card My Change…"), m_attention))
    , m_dismiss(new QPushButton(tr("D&ismiss"), m_attention))
{
    setObjectName(QStringLiteral("listsView"));
    m_lists->setObjectName(QStringLiteral("listsList"));
    m_lists->setSelectionMode(QAbstractItemView::SingleSelection);
    m_lists->setWordWrap(true);
    m_lists->setAlternatingRowColors(true);
    m_header->setObjectName(QStringLiteral("listHeader"));
    QFont headerFont = m_header->font();
    headerFont.setBold(true);
    headerFont.setPointSizeF(headerFont.pointSizeF() * 1.2);
    m_header->setFont(headerFont);
    m_state->setObjectName(QStringLiteral("listState"));
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_lines->setObjectName(QStringLiteral("listLines"));
    m_lines->setHorizontalHeaderLabels(
        {tr("SKU"), tr("Product"), tr("Quantity"), tr("Unit"), tr("Note")});
    m_lines->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_lines->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::AnyKeyPressed);
    m_lines->verticalHeader()->hide();
    m_lines->setAlternatingRowColors(true);
    m_lines->setShowGrid(false);
    m_lines->horizontalHeader()->setSectionResizeMode(ProductColumn, QHeaderView::Stretch);
    const int ch = fontMetrics().averageCharWidth();
    m_lines->setColumnWidth(SkuColumn, ch * 18);
    m_lines->setColumnWidth(QuantityColumn, ch * 12);
    m_lines->setColumnWidth(UnitColumn, ch * 8);
    m_lines->setColumnWidth(NoteColumn, ch * 24);

    m_new->setObjectName(QStringLiteral("newList"));
    m_saveCart->setObjectName(QStringLiteral("saveCartAsList"));
    m_rename->setObjectName(QStringLiteral("renameList"));
    m_delete->setObjectName(QStringLiteral("deleteList"));
    m_removeLine->setObjectName(QStringLiteral("removeListLine"));
    m_toCart->setObjectName(QStringLiteral("addListToCart"));

    // What needs the user's decision about the selected list: a refused change, a notice.
    m_attention->setObjectName(QStringLiteral("listAttention"));
    m_attentionText->setObjectName(QStringLiteral("listAttentionText"));
    m_attentionText->setWordWrap(true);
    m_attentionText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry->setObjectName(QStringLiteral("retryListChange"));
    m_retry->setToolTip(tr("Send the refused change again with the next sync"));
    m_discard->setObjectName(QStringLiteral("discardListChange"));
    m_discard->setToolTip(tr("Drop your changes to this list and keep the portal's version"));
    m_dismiss->setObjectName(QStringLiteral("dismissListNotice"));
    auto *attentionLayout = new QHBoxLayout(m_attention);
    attentionLayout->setContentsMargins(0, 0, 0, 0);
    attentionLayout->addWidget(m_attentionText, 1);
    attentionLayout->addWidget(m_retry);
    attentionLayout->addWidget(m_discard);
    attentionLayout->addWidget(m_dismiss);
    m_attention->hide();

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_lists, 1);
    auto *leftButtons = new QHBoxLayout;
    leftButtons->addWidget(m_new);
    leftButtons->addWidget(m_saveCart);
    leftLayout->addLayout(leftButtons);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_header);
    rightLayout->addWidget(m_state);
    rightLayout->addWidget(m_attention);
    rightLayout->addWidget(m_lines, 1);
    auto *rightButtons = new QHBoxLayout;
    rightButtons->addWidget(m_rename);
    rightButtons->addWidget(m_delete);
    rightButtons->addWidget(m_removeLine);
    rightButtons->addStretch(1);
    rightButtons->addWidget(m_toCart);
    rightLayout->addLayout(rightButtons);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({ch * 44, ch * 110});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_lists, &QListWidget::currentRowChanged, this, [this] { showCurrent(); });
    connect(m_lines, &QTableWidget::cellChanged, this, &ListsView::onLineEdited);
    connect(m_lines, &QTableWidget::itemSelectionChanged, this, &ListsView::updateActions);
    connect(m_new, &QPushButton::clicked, this, &ListsView::promptNewList);
    connect(m_saveCart, &QPushButton::clicked, this, &ListsView::promptSaveCart);
    connect(m_rename, &QPushButton::clicked, this, &ListsView::promptRename);
    connect(m_delete, &QPushButton::clicked, this, &ListsView::promptDelete);
    connect(m_removeLine, &QPushButton::clicked, this, &ListsView::removeSelectedLines);
    connect(m_toCart, &QPushButton::clicked, this, &ListsView::addCurrentToCart);
    connect(m_retry, &QPushButton::clicked, this, &ListsView::retryCurrent);
    connect(m_discard, &QPushButton::clicked, this, &ListsView::promptDiscard);
    connect(m_dismiss, &QPushButton::clicked, this, &ListsView::dismissCurrentNotice);
    // The decisions come right after the list in the tab order, before its lines.
    setTabOrder(m_lists, m_retry);
    setTabOrder(m_retry, m_discard);
    setTabOrder(m_discard, m_dismiss);
    setTabOrder(m_dismiss, m_lines);

    refresh();
}

ListsView::~ListsView() = default;

QString ListsView::stateText(const ListInfo &info)
{
    QStringList parts;
    switch (info.state) {
    case ListSyncState::Synced:
        parts << tr("Synced");
        break;
    case ListSyncState::Waiting:
        parts << tr("Waiting to send");
        break;
    case ListSyncState::Failed:
        parts << (info.deleting ? tr("Delete failed: %1") : tr("Send failed: %1"))
                     .arg(failureText(info.failure));
        break;
    }
    if (!info.conflictOf.isEmpty())
        parts << (info.conflictOfName.isEmpty()
                      ? tr("Conflicting copy of a list deleted on the portal")
                      : tr("Conflicting copy of “%1”").arg(info.conflictOfName));
    if (info.notice == listnotice::DeleteConflict)
        parts << tr("Not deleted: someone changed it on the portal meanwhile");
    return parts.join(QStringLiteral(" · "));
}

QString ListsView::currentListId() const
{
    const QListWidgetItem *item = m_lists->currentItem();
    return item ? item->data(IdRole).toString() : QString();
}

bool ListsView::selectList(const QString &listId)
{
    for (int row = 0; row < m_lists->count(); ++row) {
        if (m_lists->item(row)->data(IdRole).toString() == listId) {
            m_lists->setCurrentRow(row);
            return true;
        }
    }
    return false;
}

void ListsView::refresh()
{
    const QString selected = currentListId();
    const QSignalBlocker blocker(m_lists);
    m_lists->clear();
    for (const ListInfo &info : m_store.lists()) {
        auto *item =
            new QListWidgetItem(tr("%1\n%2 · %Ln line(s)", nullptr, int(info.list.lines.size()))
                                    .arg(info.list.name, stateText(info)),
                                m_lists);
        item->setData(IdRole, info.list.id);
        item->setToolTip(stateText(info));
    }
    if (!selected.isEmpty())
        selectList(selected);
    if (!m_lists->currentItem() && m_lists->count() > 0)
        m_lists->setCurrentRow(0);
    showCurrent();
}

void ListsView::showCurrent()
{
    const QString id = currentListId();
    m_current = id.isEmpty() ? std::nullopt : m_store.list(id);
    m_filling = true;
    m_lines->setRowCount(0);
    if (!m_current) {
        m_header->setText(m_lists->count() == 0 ? tr("No saved lists yet") : QString());
        m_state->setText(m_lists->count() == 0
                             ? tr("Save a cart as a list, or start a new one, to reorder the"
                                  " same items quickly. Everyone in your account sees it.")
                             : QString());
        m_attention->hide();
        m_filling = false;
        updateActions();
        return;
    }
    const RequisitionList &list = m_current->list;
    m_header->setText(list.name);
    QString state = stateText(*m_current);
    if (list.version > 0)
        state += tr(" · last changed by %1, %2")
                     .arg(list.updatedBy,
                          QLocale().toString(list.updatedAt.toLocalTime(), QLocale::ShortFormat));
    m_state->setText(state);

    const bool refused = m_current->state == ListSyncState::Failed;
    const bool notice = !m_current->notice.isEmpty();
    QStringList attention;
    if (refused)
        attention << (m_current->deleting
                          ? tr("The portal refused to delete this list: %1")
                          : tr("The portal refused your change: %1 Your later changes to this"
                               " list wait until you try again or discard it."))
                         .arg(asSentence(failureText(m_current->failure)));
    if (m_current->notice == listnotice::DeleteConflict)
        attention << tr("You deleted this list, but someone changed it on the portal meanwhile,"
                        " so it was not deleted. It shows their version.");
    m_attentionText->setText(attention.join(u' '));
    // Once decided, the keyboard goes back to the lists rather than wherever Qt moves it.
    const QWidget *focused = focusWidget();
    if ((!refused && (focused == m_retry || focused == m_discard)) ||
        (!notice && focused == m_dismiss))
        m_lists->setFocus();
    m_retry->setVisible(refused);
    m_discard->setVisible(refused);
    m_dismiss->setVisible(notice);
    m_attention->setVisible(refused || notice);

    QStringList skus;
    for (const RequisitionListLine &l : list.lines)
        skus << l.sku;
    const auto matches = CodeResolver(m_db).resolveMany(skus);
    m_lines->setRowCount(int(list.lines.size()));
    const QLocale locale;
    for (int row = 0; row < list.lines.size(); ++row) {
        const RequisitionListLine &l = list.lines.at(row);
        QString product;
        for (const CodeMatch &m : matches.value(l.sku)) {
            if (m.by == CodeMatch::By::Sku && !m.productName.isEmpty())
                product = m.productName;
        }
        const auto readOnly = [](const QString &text) {
            auto *item = new QTableWidgetItem(text);
            item->setFlags(item->flags() & ~Qt::ItemIsEditable);
            return item;
        };
        m_lines->setItem(row, SkuColumn, readOnly(l.sku));
        QTableWidgetItem *productItem =
            readOnly(product.isEmpty() ? tr("Not in your assortment") : product);
        if (product.isEmpty()) {
            productItem->setForeground(palette().color(QPalette::PlaceholderText));
            productItem->setToolTip(tr("The catalog no longer has this product for your account;"
                                       " it is reported when the list goes into a cart."));
        }
        m_lines->setItem(row, ProductColumn, productItem);
        auto *quantity = new QTableWidgetItem(l.quantity.toString(0));
        quantity->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_lines->setItem(row, QuantityColumn, quantity);
        m_lines->setItem(row, UnitColumn, readOnly(l.unit));
        m_lines->setItem(row, NoteColumn, readOnly(l.note));
    }
    m_filling = false;
    updateActions();
}

void ListsView::updateActions()
{
    const bool has = m_current.has_value();
    const bool editable = m_editRefusal.isEmpty();
    m_new->setEnabled(editable);
    m_rename->setEnabled(editable && has);
    m_delete->setEnabled(editable && has);
    m_toCart->setEnabled(editable && has && !m_current->list.lines.isEmpty() && m_cartId > 0);
    m_removeLine->setEnabled(editable && has &&
                             !m_lines->selectionModel()->selectedRows().isEmpty());
    m_saveCart->setEnabled(editable && m_cartId > 0);
    m_retry->setEnabled(editable);
    m_discard->setEnabled(editable);
}

void ListsView::setEditRefusal(const QString &reason)
{
    m_editRefusal = reason;
    for (QPushButton *button : {m_new, m_saveCart, m_rename, m_delete, m_removeLine, m_toCart})
        button->setToolTip(reason);
    m_retry->setToolTip(reason.isEmpty() ? tr("Send the refused change again with the next sync")
                                         : reason);
    m_discard->setToolTip(reason.isEmpty()
                              ? tr("Drop your changes to this list and keep the portal's version")
                              : reason);
    m_lines->setEditTriggers(reason.isEmpty() ? QAbstractItemView::DoubleClicked |
                                                    QAbstractItemView::EditKeyPressed |
                                                    QAbstractItemView::AnyKeyPressed
                                              : QAbstractItemView::NoEditTriggers);
    updateActions();
}

bool ListsView::refuseEdit()
{
    if (m_editRefusal.isEmpty())
        return false;
    Q_EMIT message(m_editRefusal);
    return true;
}

bool ListsView::createList(const QString &name)
{
    if (refuseEdit())
        return false;
    QString error;
    const auto created = m_store.create(name, {}, &error);
    if (!created) {
        Q_EMIT message(tr("The list was not created: %1").arg(error));
        return false;
    }
    refresh();
    selectList(created->list.id);
    Q_EMIT message(tr("Created the list “%1”.").arg(created->list.name));
    return true;
}

bool ListsView::saveCartAsList(const QString &name)
{
    if (refuseEdit())
        return false;
    QString error;
    const auto created = m_store.saveCart(m_cartId, name, &error);
    if (!created) {
        Q_EMIT message(tr("The cart was not saved as a list: %1").arg(error));
        return false;
    }
    refresh();
    selectList(created->list.id);
    Q_EMIT message(tr("Saved the cart as the list “%1” (%Ln line(s)).", nullptr,
                      int(created->list.lines.size()))
                       .arg(created->list.name));
    return true;
}

bool ListsView::renameCurrent(const QString &name)
{
    if (refuseEdit())
        return false;
    if (!m_current)
        return false;
    QString error;
    if (!m_store.rename(m_current->list.id, name, &error)) {
        Q_EMIT message(tr("The list was not renamed: %1").arg(error));
        return false;
    }
    refresh();
    return true;
}

bool ListsView::deleteCurrent()
{
    if (refuseEdit())
        return false;
    if (!m_current)
        return false;
    const QString name = m_current->list.name;
    QString error;
    if (!m_store.remove(m_current->list.id, &error)) {
        Q_EMIT message(tr("The list was not deleted: %1").arg(error));
        return false;
    }
    refresh();
    Q_EMIT message(tr("Deleted the list “%1”.").arg(name));
    return true;
}

bool ListsView::removeSelectedLines()
{
    if (refuseEdit())
        return false;
    if (!m_current)
        return false;
    QList<int> rows;
    for (const QModelIndex &index : m_lines->selectionModel()->selectedRows())
        rows << index.row();
    if (rows.isEmpty())
        return false;
    std::sort(rows.begin(), rows.end(), std::greater<>());
    QList<RequisitionListLine> lines = m_current->list.lines;
    for (int row : std::as_const(rows))
        lines.removeAt(row);
    QString error;
    if (!m_store.setLines(m_current->list.id, lines, &error)) {
        Q_EMIT message(tr("The line was not removed: %1").arg(error));
        return false;
    }
    refresh();
    return true;
}

bool ListsView::setQuantity(int row, const QString &text)
{
    if (refuseEdit())
        return false;
    if (!m_current || row < 0 || row >= m_current->list.lines.size())
        return false;
    // Typed in the user's locale ("1,5" in German) or with a point.
    QString typed = text.trimmed();
    typed.replace(QLocale().decimalPoint(), QStringLiteral("."));
    const auto quantity = Decimal::parse(typed);
    QList<RequisitionListLine> lines = m_current->list.lines;
    QString error;
    bool ok = quantity && quantity->units() > 0;
    if (ok) {
        lines[row].quantity = *quantity;
        ok = m_store.setLines(m_current->list.id, lines, &error);
    }
    if (!ok)
        Q_EMIT message(tr("“%1” is not a quantity: use a number above 0 with at most %2 decimals.")
                           .arg(text)
                           .arg(Decimal::Scale));
    refresh();
    return ok;
}

void ListsView::onLineEdited(int row, int column)
{
    if (m_filling || column != QuantityColumn)
        return;
    const QString text = m_lines->item(row, column)->text();
    // Re-filling the table from inside its own signal is deferred to the event loop.
    QMetaObject::invokeMethod(
        this, [this, row, text] { setQuantity(row, text); }, Qt::QueuedConnection);
}

bool ListsView::addCurrentToCart()
{
    if (refuseEdit())
        return false;
    if (!m_current || m_cartId <= 0)
        return false;
    QuickOrderImport quickOrder(m_db, m_cartId);
    QString error;
    if (!quickOrder.preview(ListStore::quickOrderEntries(m_current->list), &error) ||
        !quickOrder.apply(&error)) {
        Q_EMIT message(tr("The list was not added to the cart: %1").arg(error));
        return false;
    }
    const QuickOrderImport::Summary s = quickOrder.summary();
    QStringList notAdded;
    for (const QuickOrderImport::Result &r : quickOrder.results()) {
        if (!r.goesIntoCart())
            notAdded << r.entry.code;
    }
    const int added = s.added + s.adjusted + s.unavailable;
    if (notAdded.isEmpty())
        Q_EMIT message(
            tr("Added %Ln line(s) of “%1” to the cart.", nullptr, added).arg(m_current->list.name));
    else
        Q_EMIT message(tr("Added %Ln line(s) of “%1” to the cart; not added: %2.", nullptr, added)
                           .arg(m_current->list.name, notAdded.join(QStringLiteral(", "))));
    if (added > 0)
        Q_EMIT linesAddedToCart(m_cartId);
    return added > 0;
}

bool ListsView::retryCurrent()
{
    if (refuseEdit())
        return false;
    if (!m_current)
        return false;
    const auto refused = m_store.failedChange(m_current->list.id);
    QString error;
    if (!refused) {
        Q_EMIT message(tr("The portal refused no change of “%1”; there is nothing to try again.")
                           .arg(m_current->list.name));
        return false;
    }
    if (!m_store.retryChange(refused->id, &error)) {
        Q_EMIT message(tr("The change was not queued again: %1").arg(error));
        return false;
    }
    const QString name = m_current->list.name;
    refresh();
    Q_EMIT message(tr("The change of “%1” goes to the portal again with the next sync.").arg(name));
    return true;
}

bool ListsView::discardCurrentChanges()
{
    if (refuseEdit())
        return false;
    if (!m_current)
        return false;
    const ListInfo before = *m_current;
    QString error;
    if (!m_store.discardChanges(before.list.id, &error)) {
        Q_EMIT message(tr("Your changes were not discarded: %1").arg(error));
        return false;
    }
    refresh();
    if (before.list.version > 0) {
        selectList(before.list.id);
        Q_EMIT message(tr("Discarded your changes: “%1” is the portal's version again.")
                           .arg(m_current ? m_current->list.name : before.list.name));
    } else {
        Q_EMIT message(
            tr("Discarded the list “%1”, which the portal never accepted.").arg(before.list.name));
    }
    return true;
}

bool ListsView::dismissCurrentNotice()
{
    if (!m_current)
        return false;
    QString error;
    if (!m_store.dismissNotice(m_current->list.id, &error)) {
        Q_EMIT message(tr("The notice was not dismissed: %1").arg(error));
        return false;
    }
    refresh();
    return true;
}

QString ListsView::discardQuestion(const ListInfo &info)
{
    if (info.list.version == 0)
        return tr("Discard the list “%1”? The portal never accepted it, so it is removed from"
                  " this computer with its %Ln line(s).",
                  nullptr, int(info.list.lines.size()))
            .arg(info.list.name);
    if (info.deleting)
        return tr("Discard your deletion of “%1”? The list stays as the portal has it (last"
                  " changed by %2); any other change you made to it is lost too.")
            .arg(info.list.name, info.list.updatedBy);
    return tr("Discard your changes to “%1”? The list goes back to the portal's version (last"
              " changed by %2): every change you made to its name and lines since then is lost.")
        .arg(info.list.name, info.list.updatedBy);
}

void ListsView::promptNewList()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("New List"), tr("Name of the list:"),
                                               QLineEdit::Normal, {}, &ok);
    if (ok)
        createList(name);
}

void ListsView::promptSaveCart()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save Cart as List"),
                                               tr("Name of the list:"), QLineEdit::Normal, {}, &ok);
    if (ok)
        saveCartAsList(name);
}

void ListsView::promptRename()
{
    if (!m_current)
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename List"), tr("New name of the list:"),
                                               QLineEdit::Normal, m_current->list.name, &ok);
    if (ok)
        renameCurrent(name);
}

void ListsView::promptDelete()
{
    if (!m_current)
        return;
    const auto answer = QMessageBox::question(
        this, tr("Delete List"),
        tr("Delete the list “%1”? It is deleted for everyone in your account.")
            .arg(m_current->list.name));
    if (answer == QMessageBox::Yes)
        deleteCurrent();
}

void ListsView::promptDiscard()
{
    if (!m_current)
        return;
    QMessageBox box(QMessageBox::Warning, tr("Discard My Change"), discardQuestion(*m_current),
                    QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("discardListChangeQuestion"));
    QPushButton *discard = box.addButton(tr("&Discard"), QMessageBox::DestructiveRole);
    discard->setObjectName(QStringLiteral("confirmDiscard"));
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == discard)
        discardCurrentChanges();
}

} // namespace qm
