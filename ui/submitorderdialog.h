#pragma once

#include "core/account.h"
#include "core/pricing.h"
#include "models/orderstore.h"

#include <QDialog>
#include <QHash>

#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace qm {

class CartModel;
class CartPricing;
class Database;

// Submitting a cart as an order: the cart's lines and total as priced now ("prices as of"),
// the header a B2B order needs (ship-to location from the account's locations with its
// address, PO number, requested delivery, notes, contact), and the account's available
// credit, payment terms and the user's spending limit, with a warning when the total is above
// either. Submit checks every field (each problem next to its field), builds the order with
// OrderStore::buildSubmission and queues it in one transaction; nothing is queued until all
// is valid; the cart is archived then. Sending is the caller's business: the order waits in the
// outbox until then.
//
// Without a synced account the ship-to is a location code typed in, with a note that the
// portal checks it and the credit.
class SubmitOrderDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class Field
    {
        Lines,
        ShipTo,
        PoNumber,
        RequestedDelivery,
        Notes,
        ContactName,
        ContactEmail,
        ContactPhone,
    };

    SubmitOrderDialog(Database &db, qint64 cartId, QWidget *parent = nullptr);
    ~SubmitOrderDialog() override;

    // The header as filled in.
    OrderHeader header() const;
    // Checks the fields and the cart; shows every problem and returns false when any.
    bool validate();
    // validate(), build, queue; accepts the dialog on success. False with the problems shown.
    bool submit();
    const std::optional<OutboxOrder> &queuedOrder() const { return m_queued; }

    // The problem shown next to a field; empty when none.
    QString fieldError(Field field) const;
    // Problems that belong to no field (as buildSubmission reported them).
    QString generalError() const;
    // The warnings about credit and the spending limit; empty when none.
    QString creditWarning() const;
    bool hasAccount() const { return m_account.has_value(); }
    pricing::CartTotals totals() const { return m_totals; }

    QTableView *linesView() const { return m_lines; }
    QLabel *totalLabel() const { return m_totalLabel; }
    QLabel *pricesAsOfLabel() const { return m_pricesAsOf; }
    QComboBox *shipToBox() const { return m_shipTo; }
    QLineEdit *shipToEdit() const { return m_shipToText; }
    QLabel *shipToAddressLabel() const { return m_address; }
    QLineEdit *poNumberEdit() const { return m_po; }
    QCheckBox *deliveryBox() const { return m_deliveryWanted; }
    QDateEdit *deliveryEdit() const { return m_delivery; }
    QPlainTextEdit *notesEdit() const { return m_notes; }
    QLineEdit *contactNameEdit() const { return m_contactName; }
    QLineEdit *contactEmailEdit() const { return m_contactEmail; }
    QLineEdit *contactPhoneEdit() const { return m_contactPhone; }
    QLabel *creditLabel() const { return m_credit; }
    QLabel *warningLabel() const { return m_warning; }
    QLabel *errorLabel() const { return m_error; }
    QPushButton *submitButton() const { return m_submit; }

private:
    void loadCart();
    void fillAccount();
    void showAddress();
    void updateWarning();
    void setFieldError(Field field, const QString &text);
    void clearErrors();

    Database &m_db;
    qint64 m_cartId;
    QString m_cartName;
    std::unique_ptr<CartPricing> m_pricing;
    pricing::CartTotals m_totals;
    QStringList m_unpricedSkus;
    std::optional<AccountInfo> m_account;
    std::optional<OutboxOrder> m_queued;
    CartModel *m_model = nullptr;
    QTableView *m_lines = nullptr;
    QLabel *m_totalLabel = nullptr;
    QLabel *m_pricesAsOf = nullptr;
    QComboBox *m_shipTo = nullptr;
    QLineEdit *m_shipToText = nullptr;
    QLabel *m_address = nullptr;
    QLineEdit *m_po = nullptr;
    QCheckBox *m_deliveryWanted = nullptr;
    QDateEdit *m_delivery = nullptr;
    QPlainTextEdit *m_notes = nullptr;
    QLineEdit *m_contactName = nullptr;
    QLineEdit *m_contactEmail = nullptr;
    QLineEdit *m_contactPhone = nullptr;
    QLabel *m_credit = nullptr;
    QLabel *m_warning = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_submit = nullptr;
    QHash<int, QLabel *> m_fieldErrors;
};

} // namespace qm
