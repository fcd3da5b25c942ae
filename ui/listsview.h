#pragma once

#include "models/liststore.h"

#include <QWidget>

#include <optional>

class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace qm {

class Database;

// The saved lists of the account: the lists on the left with where each stands (synced,
// waiting to send, send failed and why, conflicting copy of another list, a notice), the
// lines of the selected list on the right with quantities edited in place, and the actions
// New list, Save cart as list, Rename, Delete, Remove line and Add to cart. Edits go to the
// local cache and its outbox; the next sync sends them. When the portal refused a change of
// the selected list, a bar above its lines gives the reason and offers Try Again and Discard
// My Change; a notice of the list (a delete that was not applied) offers Dismiss.
class ListsView final : public QWidget
{
    Q_OBJECT

public:
    enum LineColumn
    {
        SkuColumn,
        ProductColumn,
        QuantityColumn,
        UnitColumn,
        NoteColumn,
        ColumnCount
    };

    explicit ListsView(Database &db, QWidget *parent = nullptr);
    ~ListsView() override;

    // The cart that "Save cart as list" copies and "Add to cart" fills.
    void setCartId(qint64 cartId)
    {
        m_cartId = cartId;
        updateActions();
    }
    qint64 cartId() const { return m_cartId; }

    // Why the user may not change lists or add them to the cart (their role cannot order);
    // empty when they may. While set, every edit and "Add to cart" is disabled with the
    // reason as its tooltip and refused with the reason as the message.
    void setEditRefusal(const QString &reason);
    QString editRefusal() const { return m_editRefusal; }

    // Re-reads the lists (after a sync or an edit), keeping the selection.
    void refresh();
    // The selected list's id; empty when none.
    QString currentListId() const;
    bool selectList(const QString &listId);

    // The actions, without their prompts (the buttons ask for names and confirmation).
    bool createList(const QString &name);
    bool saveCartAsList(const QString &name);
    bool renameCurrent(const QString &name);
    bool deleteCurrent();
    bool removeSelectedLines();
    // Adds the selected list to the cart like a quick order; false when nothing was added.
    bool addCurrentToCart();
    // Sets the quantity of line `row` from text as typed; false (and the line unchanged)
    // when it is not a quantity.
    bool setQuantity(int row, const QString &text);
    // The user's decisions about the selected list: send its refused change again with the
    // next sync; drop its changes so that it is the portal's version again (gone when the
    // portal never had it); clear its notice. False (with a message) when there is nothing to
    // act on.
    bool retryCurrent();
    bool discardCurrentChanges();
    bool dismissCurrentNotice();

    // What "Discard My Change" asks before it drops the list's changes: what is lost.
    static QString discardQuestion(const ListInfo &info);

    // How a list's state reads in the list on the left.
    static QString stateText(const ListInfo &info);

    QListWidget *listWidget() const { return m_lists; }
    QTableWidget *linesTable() const { return m_lines; }
    QLabel *headerLabel() const { return m_header; }
    QLabel *stateLabel() const { return m_state; }
    QLabel *attentionLabel() const { return m_attentionText; }

Q_SIGNALS:
    void message(const QString &text);
    // Lines went into the cart `cartId`.
    void linesAddedToCart(qint64 cartId);

private:
    void showCurrent();
    void onLineEdited(int row, int column);
    void updateActions();
    // True (after saying why) when edits are refused.
    bool refuseEdit();
    void promptNewList();
    void promptSaveCart();
    void promptRename();
    void promptDelete();
    void promptDiscard();

    Database &m_db;
    ListStore m_store;
    qint64 m_cartId = 0;
    QString m_editRefusal;
    std::optional<ListInfo> m_current;
    bool m_filling = false;
    QListWidget *m_lists;
    QLabel *m_header;
    QLabel *m_state;
    QWidget *m_attention;
    QLabel *m_attentionText;
    QTableWidget *m_lines;
    QPushButton *m_new;
    QPushButton *m_saveCart;
    QPushButton *m_rename;
    QPushButton *m_delete;
    QPushButton *m_removeLine;
    QPushButton *m_toCart;
    QPushButton *m_retry;
    QPushButton *m_discard;
    QPushButton *m_dismiss;
};

} // namespace qm
