#pragma once

#include "core/pricing.h"
#include "models/cartstore.h"
#include "ui/scanfeedback.h"

#include <QDateTime>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QTableView;

namespace qm {

class CartModel;
class CartPricing;
class Database;
class ProductLookup;

// The cart screen: a picker of the named carts (new, rename, delete), the lines of the
// current cart (quantity edited in place, sorted by clicking a header, removed with
// Delete), totals with what the contract and tier prices save, undo and redo of every
// edit, export, the codes that could not be resolved, and the last scans with undo.
//
// Scans: digits typed while the table has focus set the quantity of the next scan
// ("12" then a scan adds 12); addScannedCode() adds one scan to the current cart and gives
// the feedback a worker can trust without looking.
class CartView final : public QWidget
{
    Q_OBJECT

public:
    // What one scan did.
    enum class ScanOutcome
    {
        Added,
        Adjusted, // added, but the line rules changed the quantity
        Unknown,  // recorded as unresolved
        Failed,   // the cache refused the edit (see the message shown)
    };

    explicit CartView(Database &db, QWidget *parent = nullptr);
    ~CartView() override;

    // The cart shown; creates one named "Cart" when there is none.
    qint64 currentCartId() const { return m_cartId; }
    bool setCurrentCart(qint64 cartId);
    void reloadCarts();
    // Re-reads the lines and totals (after an import, a quick order or a sync).
    void refresh();

    // Adds one scan to the current cart; the flash goes over `feedbackView` (the cart table
    // when null).
    ScanOutcome addScannedCode(const QString &code, const QString &symbology = {},
                               QWidget *feedbackView = nullptr,
                               std::optional<qint64> quantity = std::nullopt);
    // The quantity of the next scan (1 unless digits were typed); reset by every scan.
    qint64 scanQuantity() const { return m_scanQuantity > 0 ? m_scanQuantity : 1; }
    void setScanQuantity(qint64 quantity);
    // Undoes the last scan in the list (the cart's last edit must be that scan).
    bool undoLastScan();

    // Writes the cart's lines (code, SKU, product, unit, quantity, unit price, total,
    // currency) as an XLSX workbook when the name ends in .xlsx, else as CSV.
    bool exportLines(const QString &fileName, QString *error) const;

    CartModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QComboBox *cartPicker() const { return m_picker; }
    QListWidget *unresolvedList() const { return m_unresolved; }
    QListWidget *scanList() const { return m_scans; }
    QLabel *totalsLabel() const { return m_totals; }
    ScanFeedback *feedback() const { return m_feedback; }
    pricing::CartTotals totals() const { return m_cartTotals; }
    qint64 lineCount() const { return m_lineCount; }

    QAction *undoAction() const { return m_undo; }
    QAction *redoAction() const { return m_redo; }
    QAction *removeAction() const { return m_remove; }
    // "Submit Order…" (Ctrl+Enter): enabled while the cart has lines.
    QAction *submitAction() const { return m_submit; }
    // Why the user may not place orders (their role); empty when they may. While set,
    // "Submit Order…" stays disabled with the reason as its tooltip.
    void setSubmitRefusal(const QString &reason);
    QString submitRefusal() const { return m_submitRefusal; }

    // For dialogs: asked before a cart is deleted; tests answer it.
    void setConfirmDelete(std::function<bool(const QString &cartName)> confirm)
    {
        m_confirmDelete = std::move(confirm);
    }

public Q_SLOTS:
    void newCart();
    void renameCart();
    void deleteCart();
    void undo();
    void redo();
    void removeSelectedLines();
    void exportAs();

Q_SIGNALS:
    // The lines or the choice of cart changed: the status bar's summary is out of date.
    void cartChanged(qint64 cartId);
    void message(const QString &text);
    // The user asked to submit the cart as an order.
    void submitRequested(qint64 cartId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createActions();
    QPushButton *createSubmitButton();
    void onCartPicked(int index);
    void updateTotals();
    void updateUndoActions();
    void updateUnresolved();
    void updateScanQuantityLabel();
    void edited(qint64 lineId);
    void reprice();
    void fail(const QString &error);

    Database &m_db;
    std::unique_ptr<CartStore> m_store;
    std::unique_ptr<ProductLookup> m_lookup;
    std::unique_ptr<CartPricing> m_pricing;
    CartModel *m_model;
    ScanFeedback *m_feedback;
    qint64 m_cartId = 0;
    qint64 m_lineCount = 0;
    qint64 m_scanQuantity = 0;
    pricing::CartTotals m_cartTotals;
    QComboBox *m_picker = nullptr;
    QTableView *m_table = nullptr;
    QListWidget *m_unresolved = nullptr;
    QListWidget *m_scans = nullptr;
    QPushButton *m_undoScan = nullptr;
    QLabel *m_totals = nullptr;
    QLabel *m_pricesAsOf = nullptr;
    QLabel *m_scanQuantityLabel = nullptr;
    QAction *m_undo = nullptr;
    QAction *m_redo = nullptr;
    QAction *m_remove = nullptr;
    QAction *m_export = nullptr;
    QAction *m_submit = nullptr;
    std::function<bool(const QString &)> m_confirmDelete;
    bool m_settingCart = false;
    QString m_submitRefusal;
};

} // namespace qm
