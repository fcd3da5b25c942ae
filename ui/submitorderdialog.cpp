#include "ui/submitorderdialog.h"

#include "core/clock.h"
#include "models/cartmodel.h"
#include "models/cartpricing.h"
#include "models/cartstore.h"
#include "models/formatting.h"
#include "models/profilestore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

Q_LOGGING_CATEGORY(lcOrders, "qm.ui.orders")

namespace qm {

namespace {

const char ErrorStyle[] = "color: #b02020;";

QString addressText(const ShipToAddress &a)
{
    QStringList lines;
    for (const QString &part : {a.line1, a.line2})
        if (!part.isEmpty())
            lines << part;
    QString city = a.postalCode.isEmpty() ? a.city : a.postalCode + u' ' + a.city;
    if (!a.region.isEmpty())
        city += QStringLiteral(", ") + a.region;
    if (!city.trimmed().isEmpty())
        lines << city.trimmed();
    if (!a.country.isEmpty())
        lines << a.country;
    return lines.join(u'\n');
}

} // namespace

SubmitOrderDialog::SubmitOrderDialog(Database &db, qint64 cartId, QWidget *parent)
    : QDialog(parent)
    , m_db(db)
    , m_cartId(cartId)
    , m_pricing(std::make_unique<CartPricing>(db))
    , m_account(OrderStore(db).account())
{
    setObjectName(QStringLiteral("submitOrderDialog"));
    const int ch = fontMetrics().averageCharWidth();
    resize(ch * 150, fontMetrics().height() * 40);

    // The cart as priced now.
    m_model = new CartModel(db, this);
    m_lines = new QTableView(this);
    m_lines->setObjectName(QStringLiteral("submitLines"));
    m_lines->setModel(m_model);
    m_lines->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_lines->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_lines->setAlternatingRowColors(true);
    m_lines->setWordWrap(false);
    m_lines->setShowGrid(false);
    m_lines->verticalHeader()->hide();
    m_lines->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_lines->horizontalHeader()->setSectionResizeMode(CartModel::ProductColumn,
                                                      QHeaderView::Stretch);
    m_lines->setColumnHidden(CartModel::StockColumn, true);
    m_lines->setColumnWidth(CartModel::CodeColumn, ch * 16);
    m_lines->setColumnWidth(CartModel::PackColumn, ch * 12);
    m_lines->setColumnWidth(CartModel::QuantityColumn, ch * 10);
    m_lines->setColumnWidth(CartModel::UnitPriceColumn, ch * 14);
    m_lines->setColumnWidth(CartModel::LineTotalColumn, ch * 14);
    m_lines->setColumnWidth(CartModel::RuleColumn, ch * 18);
    m_totalLabel = new QLabel(this);
    m_totalLabel->setObjectName(QStringLiteral("submitTotal"));
    m_totalLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pricesAsOf = new QLabel(this);
    m_pricesAsOf->setObjectName(QStringLiteral("submitPricesAsOf"));

    auto *linesBox = new QGroupBox(this);
    linesBox->setObjectName(QStringLiteral("submitLinesBox"));
    auto *linesLayout = new QVBoxLayout(linesBox);
    linesLayout->addWidget(m_lines, 1);
    auto *totalRow = new QHBoxLayout;
    totalRow->addWidget(m_totalLabel, 1);
    totalRow->addWidget(m_pricesAsOf);
    linesLayout->addLayout(totalRow);
    auto *linesError = new QLabel(this);
    linesLayout->addWidget(linesError);
    m_fieldErrors.insert(int(Field::Lines), linesError);

    // The header.
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    auto addRow = [&](const QString &label, QWidget *field, std::optional<Field> which) {
        auto *cell = new QWidget(this);
        auto *cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 0, 0);
        cellLayout->setSpacing(2);
        cellLayout->addWidget(field);
        if (which) {
            auto *error = new QLabel(cell);
            m_fieldErrors.insert(int(*which), error);
            cellLayout->addWidget(error);
        }
        auto *name = new QLabel(label, this);
        name->setBuddy(field);
        form->addRow(name, cell);
    };

    m_shipTo = new QComboBox(this);
    m_shipTo->setObjectName(QStringLiteral("shipToBox"));
    m_shipToText = new QLineEdit(this);
    m_shipToText->setObjectName(QStringLiteral("shipToEdit"));
    m_shipToText->setMaxLength(OrderSubmission::MaxShipToLength + 16);
    m_shipToText->setPlaceholderText(tr("Location code, e.g. MAIN"));
    m_address = new QLabel(this);
    m_address->setObjectName(QStringLiteral("shipToAddress"));
    m_address->setWordWrap(true);
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *shipToCell = new QWidget(this);
    auto *shipToLayout = new QVBoxLayout(shipToCell);
    shipToLayout->setContentsMargins(0, 0, 0, 0);
    shipToLayout->addWidget(m_shipTo);
    shipToLayout->addWidget(m_shipToText);
    shipToLayout->addWidget(m_address);
    addRow(tr("&Ship to:"), shipToCell, Field::ShipTo);

    m_po = new QLineEdit(this);
    m_po->setObjectName(QStringLiteral("poNumberEdit"));
    m_po->setPlaceholderText(tr("Your purchase order number (optional)"));
    addRow(tr("&PO number:"), m_po, Field::PoNumber);

    m_deliveryWanted = new QCheckBox(tr("On"), this);
    m_deliveryWanted->setObjectName(QStringLiteral("deliveryBox"));
    m_delivery = new QDateEdit(this);
    m_delivery->setObjectName(QStringLiteral("deliveryEdit"));
    m_delivery->setCalendarPopup(true);
    m_delivery->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    m_delivery->setDate(clock::today().addDays(7));
    m_delivery->setEnabled(false);
    connect(m_deliveryWanted, &QCheckBox::toggled, m_delivery, &QWidget::setEnabled);
    auto *deliveryCell = new QWidget(this);
    auto *deliveryLayout = new QHBoxLayout(deliveryCell);
    deliveryLayout->setContentsMargins(0, 0, 0, 0);
    deliveryLayout->addWidget(m_deliveryWanted);
    deliveryLayout->addWidget(m_delivery);
    deliveryLayout->addWidget(new QLabel(tr("(otherwise as soon as possible)"), this), 1);
    addRow(tr("Requested &delivery:"), deliveryCell, Field::RequestedDelivery);

    m_notes = new QPlainTextEdit(this);
    m_notes->setObjectName(QStringLiteral("notesEdit"));
    m_notes->setTabChangesFocus(true);
    m_notes->setPlaceholderText(tr("Delivery instructions, gate codes… (optional)"));
    m_notes->setFixedHeight(fontMetrics().height() * 4);
    addRow(tr("&Notes:"), m_notes, Field::Notes);

    m_contactName = new QLineEdit(this);
    m_contactName->setObjectName(QStringLiteral("contactNameEdit"));
    m_contactName->setPlaceholderText(tr("Who receives the delivery (optional)"));
    addRow(tr("Contact &name:"), m_contactName, Field::ContactName);
    m_contactEmail = new QLineEdit(this);
    m_contactEmail->setObjectName(QStringLiteral("contactEmailEdit"));
    addRow(tr("Contact &email:"), m_contactEmail, Field::ContactEmail);
    m_contactPhone = new QLineEdit(this);
    m_contactPhone->setObjectName(QStringLiteral("contactPhoneEdit"));
    addRow(tr("Contact p&hone:"), m_contactPhone, Field::ContactPhone);

    for (QLabel *error : std::as_const(m_fieldErrors)) {
        error->setWordWrap(true);
        error->setStyleSheet(QLatin1String(ErrorStyle));
        error->hide();
    }
    m_fieldErrors.value(int(Field::Lines))->setObjectName(QStringLiteral("linesError"));
    m_fieldErrors.value(int(Field::ShipTo))->setObjectName(QStringLiteral("shipToError"));
    m_fieldErrors.value(int(Field::PoNumber))->setObjectName(QStringLiteral("poNumberError"));
    m_fieldErrors.value(int(Field::RequestedDelivery))
        ->setObjectName(QStringLiteral("deliveryError"));
    m_fieldErrors.value(int(Field::Notes))->setObjectName(QStringLiteral("notesError"));
    m_fieldErrors.value(int(Field::ContactName))->setObjectName(QStringLiteral("contactNameError"));
    m_fieldErrors.value(int(Field::ContactEmail))
        ->setObjectName(QStringLiteral("contactEmailError"));
    m_fieldErrors.value(int(Field::ContactPhone))
        ->setObjectName(QStringLiteral("contactPhoneError"));

    // The account's credit.
    m_credit = new QLabel(this);
    m_credit->setObjectName(QStringLiteral("creditLabel"));
    m_credit->setWordWrap(true);
    m_credit->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warning = new QLabel(this);
    m_warning->setObjectName(QStringLiteral("creditWarning"));
    m_warning->setWordWrap(true);
    m_warning->setFrameShape(QFrame::StyledPanel);
    m_warning->setMargin(ch);
    m_warning->setStyleSheet(QStringLiteral("QLabel { background: #fff4e0; color: #5a3300; }"));
    m_warning->hide();
    auto *creditBox = new QGroupBox(tr("Account"), this);
    auto *creditLayout = new QVBoxLayout(creditBox);
    creditLayout->addWidget(m_credit);
    creditLayout->addWidget(m_warning);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("submitError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QLatin1String(ErrorStyle));
    m_error->hide();

    auto *buttons = new QDialogButtonBox(this);
    m_submit = buttons->addButton(tr("&Submit Order"), QDialogButtonBox::AcceptRole);
    m_submit->setObjectName(QStringLiteral("submitOrderButton"));
    m_submit->setDefault(true);
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Submit runs the checks; the dialog closes only when the order is queued.
    connect(m_submit, &QPushButton::clicked, this, &SubmitOrderDialog::submit);

    auto *headerPane = new QWidget(this);
    auto *headerLayout = new QVBoxLayout(headerPane);
    headerLayout->setContentsMargins(0, 0, 0, 0);
    headerLayout->addLayout(form);
    headerLayout->addWidget(creditBox);
    headerLayout->addStretch(1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(linesBox);
    splitter->addWidget(headerPane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_shipTo, &QComboBox::currentIndexChanged, this, &SubmitOrderDialog::showAddress);

    loadCart();
    linesBox->setTitle(tr("Cart “%1”").arg(m_cartName));
    setWindowTitle(tr("Submit Order — %1").arg(m_cartName));
    fillAccount();
    updateWarning();
}

SubmitOrderDialog::~SubmitOrderDialog() = default;

void SubmitOrderDialog::loadCart()
{
    const auto cart = CartStore(m_db).cart(m_cartId);
    m_cartName = cart ? cart->name : QString();
    // Priced for today with the engine the portal uses; the stored prices follow, so the
    // table shows what is submitted.
    m_pricing->setDay(clock::today());
    QString error;
    if (m_cartId != 0 && (!m_pricing->load(m_cartId, &error) || !m_pricing->store(&error))) {
        m_error->setText(error);
        m_error->show();
    }
    m_model->setCart(m_cartId);
    m_totals = m_pricing->totals();
    m_unpricedSkus.clear();
    for (const PricedCartLine &line : m_pricing->lines()) {
        if (!line.knownProduct || !line.priced.isPriced())
            m_unpricedSkus << line.line.sku;
    }
    const QLocale locale;
    QString text = tr("%Ln line(s)", nullptr, int(m_pricing->lines().size()));
    if (m_totals.overflow)
        text += tr(" · total too large to show");
    else if (m_totals.pricedLines > 0)
        text +=
            tr(" · Total %1").arg(formatting::money(locale, m_totals.subtotal, m_totals.currency));
    m_totalLabel->setText(text);
    const QDateTime asOf = m_pricing->pricesAsOf();
    m_pricesAsOf->setText(
        asOf.isValid()
            ? tr("Prices as of %1").arg(locale.toString(asOf.toLocalTime(), QLocale::ShortFormat))
            : tr("Prices not synced yet"));
}

void SubmitOrderDialog::fillAccount()
{
    const QLocale locale;
    if (!m_account) {
        m_shipTo->hide();
        m_shipToText->show();
        m_address->setText(tr("The account's ship-to locations have not been synced yet: enter "
                              "the location code. The portal checks it when the order is sent."));
        m_credit->setText(tr("Credit, payment terms and your spending limit are not synced yet; "
                             "the portal checks them when the order is sent."));
        return;
    }
    m_shipToText->hide();
    m_shipTo->show();
    for (const ShipToLocation &location : m_account->shipTo)
        m_shipTo->addItem(tr("%1 (%2)").arg(location.name, location.code), location.code);
    // The user's own default location when an administrator chose one, else the account's.
    const int preselected =
        m_shipTo->findData(m_account->preferredShipTo(ProfileStore(m_db).load().defaultLocation()));
    m_shipTo->setCurrentIndex(preselected >= 0 ? preselected : 0);
    showAddress();

    const QString currency = m_account->currency;
    QStringList lines;
    lines << tr("%1 (%2)").arg(m_account->name, m_account->code);
    lines << tr("Available credit: %1 (limit %2, balance %3, open orders %4)")
                 .arg(formatting::money(locale, m_account->availableCredit, currency),
                      formatting::money(locale, m_account->creditLimit, currency),
                      formatting::money(locale, m_account->balance, currency),
                      formatting::money(locale, m_account->openOrders, currency));
    if (m_account->overdue > Decimal())
        lines << tr("Overdue: %1").arg(formatting::money(locale, m_account->overdue, currency));
    lines << tr("Payment terms: %1").arg(m_account->paymentTerms);
    lines << (m_account->spendingLimit
                  ? tr("Your spending limit per order: %1")
                        .arg(formatting::money(locale, *m_account->spendingLimit, currency))
                  : tr("Your spending limit per order: none"));
    const QDateTime fetched = OrderStore(m_db).accountFetchedAt();
    if (fetched.isValid())
        lines << tr("As of %1").arg(locale.toString(fetched.toLocalTime(), QLocale::ShortFormat));
    m_credit->setText(lines.join(u'\n'));
}

void SubmitOrderDialog::showAddress()
{
    if (!m_account)
        return;
    const ShipToLocation *location = m_account->location(m_shipTo->currentData().toString());
    m_address->setText(location ? addressText(location->address) : QString());
}

QString SubmitOrderDialog::creditWarning() const
{
    if (!m_account || m_totals.overflow || m_totals.pricedLines == 0)
        return {};
    const QLocale locale;
    const QString currency = m_account->currency;
    QStringList warnings;
    if (m_totals.subtotal > m_account->availableCredit)
        warnings << tr("The total of %1 is more than the account's available credit of %2: the "
                       "portal will refuse the order until credit is freed. Contact the supplier "
                       "or make the order smaller.")
                        .arg(formatting::money(locale, m_totals.subtotal, currency),
                             formatting::money(locale, m_account->availableCredit, currency));
    if (m_account->spendingLimit && m_totals.subtotal > *m_account->spendingLimit)
        warnings << tr("Needs approval: the total of %1 is above your spending limit of %2. The "
                       "order waits for an approver of your account before the supplier "
                       "processes it.")
                        .arg(formatting::money(locale, m_totals.subtotal, currency),
                             formatting::money(locale, *m_account->spendingLimit, currency));
    return warnings.join(u'\n');
}

void SubmitOrderDialog::updateWarning()
{
    const QString warning = creditWarning();
    m_warning->setText(warning);
    m_warning->setVisible(!warning.isEmpty());
}

OrderHeader SubmitOrderDialog::header() const
{
    OrderHeader h;
    h.shipTo = m_account ? m_shipTo->currentData().toString() : m_shipToText->text().trimmed();
    h.poNumber = m_po->text().trimmed();
    h.requestedDelivery = m_deliveryWanted->isChecked() ? m_delivery->date() : QDate();
    h.notes = m_notes->toPlainText().trimmed();
    h.contact.name = m_contactName->text().trimmed();
    h.contact.email = m_contactEmail->text().trimmed();
    h.contact.phone = m_contactPhone->text().trimmed();
    return h;
}

QString SubmitOrderDialog::fieldError(Field field) const
{
    QLabel *label = m_fieldErrors.value(int(field));
    return label && !label->isHidden() ? label->text() : QString();
}

QString SubmitOrderDialog::generalError() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void SubmitOrderDialog::setFieldError(Field field, const QString &text)
{
    QLabel *label = m_fieldErrors.value(int(field));
    if (!label)
        return;
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

void SubmitOrderDialog::clearErrors()
{
    for (QLabel *label : std::as_const(m_fieldErrors)) {
        label->clear();
        label->hide();
    }
    m_error->clear();
    m_error->hide();
}

bool SubmitOrderDialog::validate()
{
    clearErrors();
    const OrderHeader h = header();
    const QLocale locale;
    QWidget *firstBad = nullptr;
    auto bad = [&](Field field, QWidget *widget, const QString &text) {
        setFieldError(field, text);
        if (!firstBad)
            firstBad = widget;
    };

    if (m_pricing->lines().isEmpty())
        bad(Field::Lines, m_lines, tr("The cart is empty: add the items to order first."));
    else if (!m_unpricedSkus.isEmpty())
        bad(Field::Lines, m_lines,
            tr("%Ln line(s) have no price and cannot be ordered: %1. Remove them from the cart "
               "or sync the prices.",
               nullptr, int(m_unpricedSkus.size()))
                .arg(m_unpricedSkus.join(QStringLiteral(", "))));
    else if (m_totals.overflow)
        bad(Field::Lines, m_lines, tr("The order's total is too large: split it into several."));

    QWidget *shipToWidget = m_account ? static_cast<QWidget *>(m_shipTo) : m_shipToText;
    if (h.shipTo.isEmpty())
        bad(Field::ShipTo, shipToWidget,
            m_account && m_account->shipTo.isEmpty()
                ? tr("The account has no ship-to location. Ask your account administrator to "
                     "add one.")
                : tr("Choose where the order is delivered."));
    else if (h.shipTo.size() > OrderSubmission::MaxShipToLength)
        bad(Field::ShipTo, shipToWidget,
            tr("A ship-to location code has at most %1 characters.")
                .arg(OrderSubmission::MaxShipToLength));
    else if (m_account && !m_account->location(h.shipTo))
        bad(Field::ShipTo, shipToWidget,
            tr("The account has no ship-to location %1.").arg(h.shipTo));

    if (h.poNumber.size() > OrderSubmission::MaxPoNumberLength)
        bad(Field::PoNumber, m_po,
            tr("The PO number has %1 characters; at most %2 are allowed.")
                .arg(h.poNumber.size())
                .arg(OrderSubmission::MaxPoNumberLength));

    if (m_deliveryWanted->isChecked() && h.requestedDelivery < clock::today())
        bad(Field::RequestedDelivery, m_delivery,
            tr("The requested delivery date %1 is in the past; choose today or later.")
                .arg(locale.toString(h.requestedDelivery, QLocale::ShortFormat)));

    if (h.notes.size() > OrderSubmission::MaxNotesLength)
        bad(Field::Notes, m_notes,
            tr("The notes have %1 characters; at most %2 are allowed.")
                .arg(h.notes.size())
                .arg(OrderSubmission::MaxNotesLength));

    const auto tooLong = [](const QString &text) { return text.size() > OrderContact::MaxLength; };
    if (tooLong(h.contact.name))
        bad(Field::ContactName, m_contactName,
            tr("The contact name may have at most %1 characters.").arg(OrderContact::MaxLength));
    static const QRegularExpression email(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    if (tooLong(h.contact.email))
        bad(Field::ContactEmail, m_contactEmail,
            tr("The contact email may have at most %1 characters.").arg(OrderContact::MaxLength));
    else if (!h.contact.email.isEmpty() && !email.match(h.contact.email).hasMatch())
        bad(Field::ContactEmail, m_contactEmail,
            tr("“%1” is not an email address (name@example.com).").arg(h.contact.email));
    static const QRegularExpression phone(QStringLiteral("^[0-9+()./ -]+$"));
    if (tooLong(h.contact.phone))
        bad(Field::ContactPhone, m_contactPhone,
            tr("The contact phone may have at most %1 characters.").arg(OrderContact::MaxLength));
    else if (!h.contact.phone.isEmpty() && !phone.match(h.contact.phone).hasMatch())
        bad(Field::ContactPhone, m_contactPhone,
            tr("A phone number has digits, spaces and + ( ) - . / only."));

    if (firstBad) {
        firstBad->setFocus(Qt::OtherFocusReason);
        return false;
    }
    return true;
}

bool SubmitOrderDialog::submit()
{
    if (m_queued)
        return true;
    if (!validate())
        return false;
    OrderStore store(m_db);
    QStringList errors;
    Decimal total;
    QString currency;
    const auto submission =
        store.buildSubmission(m_cartId, header(), clock::today(), &errors, &total, &currency);
    if (!submission) {
        m_error->setText(errors.isEmpty() ? tr("The order could not be built.")
                                          : errors.join(u'\n'));
        m_error->show();
        return false;
    }
    QString error;
    const auto queued = store.queue(*submission, m_cartName, total, currency, &error);
    if (!queued) {
        m_error->setText(tr("The order was not queued: %1").arg(error));
        m_error->show();
        return false;
    }
    m_queued = queued;
    // The cart became an order: archive it (as `qm order submit` does), so that the next
    // lines go into a fresh cart. The order is queued whatever happens here.
    if (!CartStore(m_db).setArchived(m_cartId, true, &error))
        qCWarning(lcOrders) << "the cart was not archived after queueing:" << error;
    accept();
    return true;
}

} // namespace qm
