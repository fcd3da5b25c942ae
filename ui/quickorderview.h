#pragma once

#include "models/cartstore.h"

#include <QWidget>

#include <functional>
#include <memory>

class QLabel;
class QPushButton;
class QTableWidget;

namespace qm {

class Database;
class ProductLookup;

// Quick order entry: a grid where each row is a code and a quantity. Type or paste a code
// (completion from the catalog as you type), Tab, the quantity, Enter: the next row. Every
// row resolves in place to the product, its pack, price and stock, or says what is wrong.
// "Add to cart" puts the rows that resolved into the current cart in one undoable step and
// leaves the others in the grid to be fixed.
class QuickOrderView final : public QWidget
{
    Q_OBJECT

public:
    enum Column
    {
        CodeColumn,
        QuantityColumn,
        ProductColumn,
        PackColumn,
        PriceColumn,
        StatusColumn,
        ColumnCount
    };
    // What a row resolved to.
    enum class RowState
    {
        Empty,
        Ready,           // goes into the cart as typed
        Adjusted,        // goes in with the quantity the line rules set
        Unavailable,     // goes in, flagged (discontinued, no price)
        Unknown,         // the code matches nothing
        InvalidQuantity, // not a whole number above zero
    };

    explicit QuickOrderView(Database &db, QWidget *parent = nullptr);
    ~QuickOrderView() override;

    void setCartId(qint64 cartId) { m_cartId = cartId; }
    qint64 cartId() const { return m_cartId; }

    // A pasted block of several rows goes to this handler (the import preview) when set;
    // otherwise its rows are appended to the grid.
    void setBlockPasteHandler(std::function<void(const QString &text)> handler)
    {
        m_pasteHandler = std::move(handler);
    }
    // Pastes `text`: one code (and quantity) fills the current row, a block of rows goes to
    // the paste handler or into the grid.
    void paste(const QString &text);

    // Appends a row (e.g. from a scan) and resolves it.
    void appendRow(const QString &code, const QString &quantity);
    RowState rowState(int row) const;
    int rowCount() const;
    QTableWidget *grid() const { return m_grid; }
    QPushButton *addButton() const { return m_add; }

    // Rows parsed from a tab- or comma-separated block: code, quantity. A first row whose
    // quantity is not a number is taken as a header and skipped.
    static QList<QPair<QString, QString>> parseBlock(const QString &text);

public Q_SLOTS:
    // Adds the rows that resolved to the current cart; returns how many lines went in.
    int addToCart();
    void clearRows();

Q_SIGNALS:
    void linesAdded(qint64 cartId, int count);
    void message(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void ensureTrailingEmptyRow();
    void resolveRow(int row);
    void moveToNextRow(int row);
    void updateSummary();
    void setCell(int row, int column, const QString &text, const QString &toolTip = {});

    Database &m_db;
    std::unique_ptr<ProductLookup> m_lookup;
    std::unique_ptr<CartStore> m_store;
    QTableWidget *m_grid = nullptr;
    QPushButton *m_add = nullptr;
    QLabel *m_summary = nullptr;
    qint64 m_cartId = 0;
    bool m_filling = false;
    std::function<void(const QString &)> m_pasteHandler;
};

} // namespace qm
