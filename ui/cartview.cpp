#include "ui/cartview.h"

#include "core/feeds.h"
#include "import/spreadsheetwriter.h"
#include "models/cartmodel.h"
#include "models/cartpricing.h"
#include "models/catalogquery.h"
#include "models/catalogstore.h"
#include "models/formatting.h"
#include "models/quickorderimport.h"
#include "ui/linenotice.h"
#include "ui/packdelegate.h"
#include "ui/productlookup.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace qm {

namespace {

QString defaultCartName()
{
    return CartView::tr("Cart");
}

// The rule column holds CartPricing's stable note ("contract,raised-to-minimum"); people
// read sentences.
class LineNoteDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QString displayText(const QVariant &value, const QLocale &) const override
    {
        return linenotice::fromNote(value.toString());
    }
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        // Amber when the line rules changed the quantity or the line has no price.
        const QStringList sources{
            pricing::sourceName(pricing::AppliedRule::Source::List),
            pricing::sourceName(pricing::AppliedRule::Source::Contract),
            pricing::sourceName(pricing::AppliedRule::Source::CategoryDiscount)};
        const QStringList parts =
            index.data(Qt::DisplayRole).toString().split(u',', Qt::SkipEmptyParts);
        for (const QString &part : parts) {
            if (!sources.contains(part)) {
                option->palette.setColor(QPalette::Text, QColor(0xb3, 0x6b, 0x00));
                break;
            }
        }
    }
};

// Quantities are edited with a spin box limited to what a line may hold; a refused edit
// says why.
class QuantityDelegate final : public QStyledItemDelegate
{
public:
    QuantityDelegate(std::function<void(const QString &)> onError, QObject *parent)
        : QStyledItemDelegate(parent)
        , m_onError(std::move(onError))
    {}

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &,
                          const QModelIndex &) const override
    {
        auto *spin = new QSpinBox(parent);
        spin->setObjectName(QStringLiteral("quantityEditor"));
        spin->setRange(1, int(CartStore::MaxQuantity));
        spin->setAlignment(Qt::AlignRight);
        spin->setFrame(false);
        return spin;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        auto *spin = static_cast<QSpinBox *>(editor);
        spin->setValue(
            int(std::min<qint64>(index.data(Qt::EditRole).toLongLong(), CartStore::MaxQuantity)));
        spin->selectAll();
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override
    {
        auto *spin = static_cast<QSpinBox *>(editor);
        spin->interpretText();
        if (!model->setData(index, QVariant::fromValue<qint64>(spin->value()), Qt::EditRole))
            m_onError(CartView::tr("The quantity was not changed: %1")
                          .arg(static_cast<CartModel *>(model)->lastError()));
    }

private:
    std::function<void(const QString &)> m_onError;
};

} // namespace

CartView::CartView(Database &db, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_store(std::make_unique<CartStore>(db))
    , m_lookup(std::make_unique<ProductLookup>(db))
#if __has_include("models/pricingterms.h")
    , m_pricing(std::make_unique<CartPricing>(db))
#else
    , m_pricing(std::make_unique<CartPricing>(
          db, [&db](const QStringList &skus) { return ProductLookup::loadTerms(db, skus); }))
#endif
    , m_model(new CartModel(db, this))
    , m_feedback(new ScanFeedback(this))
{
    setObjectName(QStringLiteral("cartView"));
    const int ch = fontMetrics().averageCharWidth();

    m_picker = new QComboBox(this);
    m_picker->setObjectName(QStringLiteral("cartPicker"));
    m_picker->setMinimumWidth(ch * 28);
    m_picker->setToolTip(tr("The cart you are working on"));
    auto *pickerLabel = new QLabel(tr("C&art:"), this);
    pickerLabel->setBuddy(m_picker);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("cartTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::SelectedClicked);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setTabKeyNavigation(false);
    m_table->setSortingEnabled(true); // a header click calls CartModel::sort: SQL ORDER BY
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    // Fixed row heights: a 10,000-line cart scrolls without measuring every row.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() +
                                                     fontMetrics().height() / 2 + 4);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(CartModel::ProductColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(CartModel::CodeColumn, ch * 18);
    m_table->setColumnWidth(CartModel::PackColumn, ch * 14);
    m_table->setColumnWidth(CartModel::QuantityColumn, ch * 10);
    m_table->setColumnWidth(CartModel::UnitPriceColumn, ch * 14);
    m_table->setColumnWidth(CartModel::LineTotalColumn, ch * 14);
    m_table->setColumnWidth(CartModel::RuleColumn, ch * 22);
    m_table->setColumnWidth(CartModel::StockColumn, ch * 10);
    m_table->setItemDelegateForColumn(CartModel::RuleColumn, new LineNoteDelegate(m_table));
    m_table->setItemDelegateForColumn(
        CartModel::QuantityColumn,
        new QuantityDelegate([this](const QString &error) { fail(error); }, m_table));
    m_table->setItemDelegateForColumn(
        CartModel::PackColumn,
        new PackDelegate(
            CartModel::PacksRole, CartModel::UnitRole,
            [this] { fail(tr("The pack was not changed: %1").arg(m_model->lastError())); },
            m_table));
    m_table->installEventFilter(this);

    m_totals = new QLabel(this);
    m_totals->setObjectName(QStringLiteral("cartTotals"));
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pricesAsOf = new QLabel(this);
    m_pricesAsOf->setObjectName(QStringLiteral("pricesAsOf"));
    m_scanQuantityLabel = new QLabel(this);
    m_scanQuantityLabel->setObjectName(QStringLiteral("scanQuantity"));

    m_scans = new QListWidget(this);
    m_scans->setObjectName(QStringLiteral("lastScans"));
    m_undoScan = new QPushButton(tr("&Undo Last Scan"), this);
    m_undoScan->setObjectName(QStringLiteral("undoScanButton"));
    m_undoScan->setEnabled(false);
    connect(m_undoScan, &QPushButton::clicked, this, &CartView::undoLastScan);
    auto *scanBox = new QGroupBox(tr("Last scans"), this);
    auto *scanLayout = new QVBoxLayout(scanBox);
    scanLayout->addWidget(m_scans);
    scanLayout->addWidget(m_undoScan);

    m_unresolved = new QListWidget(this);
    m_unresolved->setObjectName(QStringLiteral("unresolvedCodes"));
    auto *unresolvedBox = new QGroupBox(tr("Codes not found"), this);
    auto *unresolvedLayout = new QVBoxLayout(unresolvedBox);
    unresolvedLayout->addWidget(m_unresolved);

    auto *side = new QWidget(this);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(scanBox);
    sideLayout->addWidget(unresolvedBox);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_table);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({ch * 120, ch * 34});

    createActions();

    auto *top = new QHBoxLayout;
    top->addWidget(pickerLabel);
    top->addWidget(m_picker);
    for (QAction *action : actions()) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        top->addWidget(button);
    }
    top->addStretch(1);
    top->addWidget(m_scanQuantityLabel);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_totals, 1);
    bottom->addWidget(m_pricesAsOf);
    bottom->addWidget(createSubmitButton());

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    layout->addLayout(bottom);

    connect(m_picker, &QComboBox::currentIndexChanged, this, &CartView::onCartPicked);
    // Queued: re-pricing reloads the model, which must not happen inside its setData().
    connect(m_model, &CartModel::lineEdited, this, &CartView::edited, Qt::QueuedConnection);

    m_confirmDelete = [this](const QString &name) {
        QMessageBox box(
            QMessageBox::Question, tr("Delete Cart"),
            tr("Delete the cart “%1” and all its lines? This cannot be undone.").arg(name),
            QMessageBox::Cancel, this);
        QPushButton *remove = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
        box.setDefaultButton(QMessageBox::Cancel);
        box.exec();
        return box.clickedButton() == remove;
    };

    reloadCarts();
    updateScanQuantityLabel();
}

CartView::~CartView() = default;

void CartView::createActions()
{
    auto add = [this](const QString &text, const QString &name, const QKeySequence &key,
                      void (CartView::*slot)()) {
        auto *action = new QAction(text, this);
        action->setObjectName(name);
        if (!key.isEmpty()) {
            action->setShortcut(key);
            action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        }
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        return action;
    };
    add(tr("&New"), QStringLiteral("newCartAction"), QKeySequence::New, &CartView::newCart);
    add(tr("Re&name…"), QStringLiteral("renameCartAction"), QKeySequence(Qt::Key_F2 | Qt::SHIFT),
        &CartView::renameCart);
    add(tr("De&lete Cart…"), QStringLiteral("deleteCartAction"), {}, &CartView::deleteCart);
    m_undo = add(tr("&Undo"), QStringLiteral("undoAction"), QKeySequence::Undo, &CartView::undo);
    m_redo = add(tr("&Redo"), QStringLiteral("redoAction"),
                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), &CartView::redo);
    m_remove = add(tr("Re&move Lines"), QStringLiteral("removeLinesAction"), QKeySequence::Delete,
                   &CartView::removeSelectedLines);
    m_export = add(tr("&Export…"), QStringLiteral("exportCartAction"), {}, &CartView::exportAs);
}

QPushButton *CartView::createSubmitButton()
{
    // Added after the tool buttons above the lines were made from actions(): this one is a
    // button of its own, next to the total.
    m_submit = new QAction(tr("&Submit Order…"), this);
    m_submit->setObjectName(QStringLiteral("submitOrderAction"));
    m_submit->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_submit->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_submit->setToolTip(tr("Place the cart as an order: check the ship-to, PO number and "
                            "delivery, then queue it for the portal (Ctrl+Enter)"));
    m_submit->setEnabled(false);
    connect(m_submit, &QAction::triggered, this, [this] {
        if (!m_submitRefusal.isEmpty()) {
            Q_EMIT message(m_submitRefusal);
            return;
        }
        if (m_cartId != 0 && m_lineCount > 0)
            Q_EMIT submitRequested(m_cartId);
    });
    addAction(m_submit);
    auto *button = new QPushButton(this);
    button->setObjectName(QStringLiteral("submitOrderButton"));
    button->setText(m_submit->text());
    button->setToolTip(m_submit->toolTip());
    connect(button, &QPushButton::clicked, m_submit, &QAction::trigger);
    connect(m_submit, &QAction::changed, button, [this, button] {
        button->setEnabled(m_submit->isEnabled());
        button->setToolTip(m_submit->toolTip());
    });
    button->setEnabled(false);
    return button;
}

void CartView::reloadCarts()
{
    QString error;
    if (m_store->carts().isEmpty() && !m_store->currentOrNewCart(defaultCartName(), &error))
        fail(error);
    const auto current = m_store->currentCart();
    const auto shown = m_cartId != 0 ? m_store->cart(m_cartId) : std::nullopt;
    const qint64 wanted = shown && !shown->archived ? m_cartId : current ? current->id : 0;
    m_settingCart = true;
    m_picker->clear();
    for (const CartInfo &cart : m_store->carts())
        m_picker->addItem(cart.name, cart.id);
    m_settingCart = false;
    const int index = m_picker->findData(wanted);
    if (index >= 0 && index == m_picker->currentIndex())
        onCartPicked(index);
    else
        m_picker->setCurrentIndex(index);
}

bool CartView::setCurrentCart(qint64 cartId)
{
    const int index = m_picker->findData(cartId);
    if (index < 0)
        return false;
    m_picker->setCurrentIndex(index);
    return true;
}

void CartView::onCartPicked(int index)
{
    if (m_settingCart)
        return;
    const qint64 cartId = index >= 0 ? m_picker->itemData(index).toLongLong() : 0;
    if (cartId != 0 && cartId != m_cartId) {
        QString error;
        if (!m_store->markUsed(cartId, &error))
            fail(error);
    }
    m_cartId = cartId;
    m_model->setCart(cartId);
    m_scans->clear();
    m_undoScan->setEnabled(false);
    refresh();
}

void CartView::refresh()
{
    m_lookup->clear();
    m_pricing->invalidateAll();
    reprice();
    updateUndoActions();
    updateUnresolved();
    Q_EMIT cartChanged(m_cartId);
}

void CartView::edited(qint64 lineId)
{
    m_pricing->refreshLine(lineId);
    QString error;
    if (!m_pricing->store(&error))
        fail(error);
    // Keep the edited row where it is: reload, then put the cursor back on the line.
    const QModelIndex current = m_table->currentIndex();
    m_model->reload();
    const int row = m_model->rowOfLine(lineId);
    if (row >= 0)
        m_table->setCurrentIndex(m_model->index(row, current.isValid() ? current.column() : 0));
    updateTotals();
    updateUndoActions();
    Q_EMIT cartChanged(m_cartId);
}

void CartView::reprice()
{
    // Price every line with the engine the portal uses and store the prices with the lines,
    // so that the table shows and sorts by them.
    QString error;
    if (m_cartId != 0 && (!m_pricing->load(m_cartId, &error) || !m_pricing->store(&error)))
        fail(error);
    m_model->reload();
    updateTotals();
}

void CartView::updateTotals()
{
    m_lineCount = m_cartId != 0 ? m_pricing->lines().size() : 0;
    m_cartTotals = m_cartId != 0 ? m_pricing->totals() : pricing::CartTotals{};
    const QLocale locale;
    QString text = tr("%Ln line(s)", nullptr, int(m_lineCount));
    if (m_cartTotals.overflow) {
        text += tr(" · total too large to show");
    } else if (m_cartTotals.pricedLines > 0) {
        text += tr(" · Total %1")
                    .arg(formatting::money(locale, m_cartTotals.subtotal, m_cartTotals.currency));
        if (m_cartTotals.savings > Decimal())
            text +=
                tr(" · You save %1 with your prices")
                    .arg(formatting::money(locale, m_cartTotals.savings, m_cartTotals.currency));
    }
    if (m_cartTotals.unpricedLines > 0)
        text += tr(" · %Ln line(s) without a price", nullptr, m_cartTotals.unpricedLines);
    m_totals->setText(text);

    const QDateTime asOf = m_pricing->pricesAsOf();
    m_pricesAsOf->setText(
        asOf.isValid() ? tr("Prices as of %1")
                             .arg(QLocale().toString(asOf.toLocalTime(), QLocale::ShortFormat))
                       : tr("Prices not synced yet"));
}

void CartView::updateUndoActions()
{
    const auto undoStep = m_cartId ? m_store->undoStep(m_cartId) : std::nullopt;
    const auto redoStep = m_cartId ? m_store->redoStep(m_cartId) : std::nullopt;
    m_undo->setEnabled(undoStep.has_value());
    m_redo->setEnabled(redoStep.has_value());
    m_remove->setEnabled(m_lineCount > 0);
    m_export->setEnabled(m_lineCount > 0);
    m_submit->setEnabled(m_lineCount > 0 && m_submitRefusal.isEmpty());
}

void CartView::setSubmitRefusal(const QString &reason)
{
    m_submitRefusal = reason;
    m_submit->setToolTip(reason.isEmpty()
                             ? tr("Place the cart as an order: check the ship-to, PO number and "
                                  "delivery, then queue it for the portal (Ctrl+Enter)")
                             : reason);
    updateUndoActions();
}

void CartView::updateUnresolved()
{
    m_unresolved->clear();
    const QLocale locale;
    for (const UnresolvedCode &code : m_store->unresolvedCodes()) {
        if (code.cartId != m_cartId)
            continue;
        auto *item = new QListWidgetItem(code.code, m_unresolved);
        item->setData(Qt::UserRole, code.id);
        item->setToolTip(
            tr("Not found in the catalog; seen %1")
                .arg(locale.toString(code.seenAt.toLocalTime(), QLocale::ShortFormat)));
    }
}

void CartView::fail(const QString &error)
{
    if (!error.isEmpty())
        Q_EMIT message(error);
}

void CartView::newCart()
{
    // Suggest a name that is free: "Cart 2", "Cart 3"...
    QString name = defaultCartName();
    for (int n = 2; m_store->findCart(name); ++n)
        name = tr("Cart %1").arg(n);
    bool ok = false;
    name = QInputDialog::getText(this, tr("New Cart"), tr("Name:"), QLineEdit::Normal, name, &ok);
    if (!ok || name.trimmed().isEmpty())
        return;
    QString error;
    const auto cart = m_store->createCart(name.trimmed(), &error);
    if (!cart)
        return fail(error);
    m_cartId = cart->id;
    reloadCarts();
}

void CartView::renameCart()
{
    const auto cart = m_store->cart(m_cartId);
    if (!cart)
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename Cart"), tr("Name:"),
                                               QLineEdit::Normal, cart->name, &ok);
    if (!ok || name.trimmed().isEmpty() || name.trimmed() == cart->name)
        return;
    QString error;
    if (!m_store->renameCart(m_cartId, name.trimmed(), &error))
        return fail(error);
    reloadCarts();
}

void CartView::deleteCart()
{
    const auto cart = m_store->cart(m_cartId);
    if (!cart || !m_confirmDelete(cart->name))
        return;
    QString error;
    if (!m_store->deleteCart(m_cartId, &error))
        return fail(error);
    m_cartId = 0;
    reloadCarts();
}

void CartView::undo()
{
    QString error;
    if (m_cartId == 0 || !m_store->undoStep(m_cartId))
        return;
    if (!m_store->undo(m_cartId, &error))
        return fail(error);
    refresh();
}

void CartView::redo()
{
    QString error;
    if (m_cartId == 0 || !m_store->redoStep(m_cartId))
        return;
    if (!m_store->redo(m_cartId, &error))
        return fail(error);
    refresh();
}

void CartView::removeSelectedLines()
{
    QList<qint64> ids;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        ids << index.data(CartModel::LineIdRole).toLongLong();
    if (ids.isEmpty() && m_table->currentIndex().isValid())
        ids << m_table->currentIndex().data(CartModel::LineIdRole).toLongLong();
    if (ids.isEmpty())
        return;
    const int row = m_table->currentIndex().row();
    QString error;
    if (!m_store->removeLines(m_cartId, ids, &error))
        return fail(error);
    refresh();
    if (m_model->rowCount() > 0)
        m_table->setCurrentIndex(
            m_model->index(std::min(row, m_model->rowCount() - 1), CartModel::QuantityColumn));
    Q_EMIT message(tr("Removed %Ln line(s). Undo with %1.", nullptr, int(ids.size()))
                       .arg(QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText)));
}

bool CartView::exportLines(const QString &fileName, QString *error) const
{
    const QStringList header{QStringLiteral("code"),       QStringLiteral("sku"),
                             QStringLiteral("product"),    QStringLiteral("unit"),
                             QStringLiteral("quantity"),   QStringLiteral("unit_price"),
                             QStringLiteral("line_total"), QStringLiteral("currency")};
    const bool xlsx = fileName.endsWith(QStringLiteral(".xlsx"), Qt::CaseInsensitive);
    const QString currency = m_pricing->currency();
    const CatalogQuery catalog(m_db);
    QList<QStringList> textRows;
    QList<QList<QVariant>> cellRows;
    for (const PricedCartLine &l : m_pricing->lines()) {
        const CartLine &line = l.line;
        const pricing::PricedLine &priced = l.priced;
        const bool hasPrice = l.knownProduct && priced.isPriced();
        const auto details = catalog.product(line.sku);
        const QString name = details ? details->product.name : QString();
        if (xlsx) {
            // Numbers as number cells; money as exact decimal text converted once here.
            cellRows << QList<QVariant>{
                line.code,
                line.sku,
                name,
                line.uom,
                line.quantity,
                hasPrice ? QVariant(priced.unitPrice.toString()) : QVariant(),
                hasPrice ? QVariant(priced.lineTotal.toString(2)) : QVariant(),
                hasPrice ? QVariant(currency) : QVariant()};
        } else {
            textRows << QStringList{line.code,
                                    line.sku,
                                    name,
                                    line.uom,
                                    QString::number(line.quantity),
                                    hasPrice ? priced.unitPrice.toString() : QString(),
                                    hasPrice ? priced.lineTotal.toString(2) : QString(),
                                    hasPrice ? currency : QString()};
        }
    }
    return xlsx ? import::writeXlsx(fileName, m_picker->currentText(), header, cellRows, error)
                : import::writeCsv(fileName, header, textRows, error);
}

void CartView::exportAs()
{
    QString filter;
    const QString fileName = QFileDialog::getSaveFileName(
        this, tr("Export Cart"), m_picker->currentText() + QStringLiteral(".xlsx"),
        tr("Excel workbook (*.xlsx);;CSV files (*.csv)"), &filter);
    if (fileName.isEmpty())
        return;
    QString error;
    if (!exportLines(fileName, &error))
        QMessageBox::warning(this, tr("Export Cart"),
                             tr("The cart could not be exported: %1").arg(error));
    else
        Q_EMIT message(tr("Exported %Ln line(s) to %1.", nullptr, int(m_lineCount))
                           .arg(QDir::toNativeSeparators(fileName)));
}

void CartView::setScanQuantity(qint64 quantity)
{
    m_scanQuantity = std::clamp<qint64>(quantity, 0, CartStore::MaxQuantity);
    updateScanQuantityLabel();
}

void CartView::updateScanQuantityLabel()
{
    m_scanQuantityLabel->setText(m_scanQuantity > 0
                                     ? tr("Next scan: %1 ×").arg(QLocale().toString(m_scanQuantity))
                                     : tr("Type a quantity, then scan"));
}

CartView::ScanOutcome CartView::addScannedCode(const QString &code, const QString &symbology,
                                               QWidget *feedbackView,
                                               std::optional<qint64> quantity)
{
    if (!feedbackView)
        feedbackView = m_table->viewport();
    // A quantity typed before the scan wins over one the barcode carries (GS1 AI 30/37).
    const qint64 wanted = m_scanQuantity > 0 ? m_scanQuantity : quantity.value_or(1);
    setScanQuantity(0);
    if (m_cartId == 0) {
        reloadCarts();
        if (m_cartId == 0)
            return ScanOutcome::Failed;
    }
    // The same pipeline as the quick order, imports and `qm cart`: resolve, apply the line
    // rules, merge with the cart, record unknown codes.
    QuickOrderEntry entry;
    entry.line = 1;
    entry.code = code.trimmed();
    entry.quantity = wanted;
    entry.quantityText = QString::number(wanted);
    entry.source = LineSource::Scanned;
    entry.symbology = symbology;
    QuickOrderImport plan(m_db, m_cartId);
    QString error;
    if (!plan.preview({entry}, &error) || plan.results().isEmpty()) {
        fail(error);
        m_feedback->give(ScanFeedback::Kind::Unknown, feedbackView);
        return ScanOutcome::Failed;
    }
    const QuickOrderImport::Result result = plan.results().constFirst();
    if (!plan.apply(&error)) {
        fail(error);
        m_feedback->give(ScanFeedback::Kind::Unknown, feedbackView);
        return ScanOutcome::Failed;
    }
    if (!result.goesIntoCart()) {
        updateUnresolved();
        m_feedback->give(ScanFeedback::Kind::Unknown, feedbackView);
        switch (result.outcome) {
        case QuickOrderImport::Outcome::Ambiguous:
            Q_EMIT message(
                tr("Code %1 names several products; add it from the quick order.").arg(entry.code));
            break;
        case QuickOrderImport::Outcome::Unknown:
            Q_EMIT message(
                result.suggestions.isEmpty()
                    ? tr("Unknown code %1: not in the catalog.").arg(entry.code)
                    : tr("Unknown code %1: not in the catalog. Did you mean %2?")
                          .arg(entry.code, result.suggestions.join(QStringLiteral(", "))));
            break;
        default:
            Q_EMIT message(tr("Scan of %1 not added.").arg(entry.code));
            break;
        }
        return ScanOutcome::Unknown;
    }
    // Amber when the line rules changed what was asked for, or the product is flagged.
    bool adjusted = result.outcome == QuickOrderImport::Outcome::Unavailable;
    for (QuickOrderImport::Reason reason : result.reasons)
        adjusted = adjusted || reason == QuickOrderImport::Reason::RaisedToMinimum ||
                   reason == QuickOrderImport::Reason::RoundedToMultiple ||
                   reason == QuickOrderImport::Reason::CappedAtMaximum;

    const auto line = m_store->findLine(m_cartId, result.sku, result.uom);
    auto *item = new QListWidgetItem(
        tr("%1 × %2 %3").arg(QLocale().toString(wanted), result.sku, result.productName));
    item->setData(Qt::UserRole, line ? line->id : 0);
    m_scans->insertItem(0, item);
    while (m_scans->count() > 50)
        delete m_scans->takeItem(m_scans->count() - 1);
    m_undoScan->setEnabled(true);

    if (line)
        m_pricing->refreshLine(line->id);
    if (!m_pricing->store(&error))
        fail(error);
    m_model->reload();
    const int row = line ? m_model->rowOfLine(line->id) : -1;
    if (row >= 0)
        m_table->scrollTo(m_model->index(row, 0));
    updateTotals();
    updateUndoActions();
    Q_EMIT cartChanged(m_cartId);
    m_feedback->give(adjusted ? ScanFeedback::Kind::Adjusted : ScanFeedback::Kind::Added,
                     feedbackView);
    if (adjusted) {
        QStringList why;
        for (QuickOrderImport::Reason reason : result.reasons)
            why << QuickOrderImport::reasonName(reason);
        if (result.outcome == QuickOrderImport::Outcome::Unavailable)
            why << pricing::problemName(result.priced.problem);
        Q_EMIT message(tr("%1: %2 now in the cart (%3).")
                           .arg(result.sku, QLocale().toString(line ? line->quantity : 0),
                                linenotice::fromNote(why.join(u','))));
    }
    return adjusted ? ScanOutcome::Adjusted : ScanOutcome::Added;
}

bool CartView::undoLastScan()
{
    if (m_scans->count() == 0 || m_cartId == 0)
        return false;
    const auto step = m_store->undoStep(m_cartId);
    if (!step || (step->edit != CartEdit::AddLine && step->edit != CartEdit::AddLines)) {
        Q_EMIT message(tr("The last scan is no longer the cart's last change."));
        return false;
    }
    QString error;
    if (!m_store->undo(m_cartId, &error)) {
        fail(error);
        return false;
    }
    delete m_scans->takeItem(0);
    m_undoScan->setEnabled(m_scans->count() > 0);
    refresh();
    return true;
}

bool CartView::eventFilter(QObject *watched, QEvent *event)
{
    // Digits typed on the table (not while editing a quantity) set the next scan's quantity.
    // While a quantity is edited, keys go to the editor, not to the table.
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const Qt::KeyboardModifiers modifiers =
            key->modifiers() & ~(Qt::KeypadModifier | Qt::ShiftModifier);
        if (modifiers == Qt::NoModifier && key->key() >= Qt::Key_0 && key->key() <= Qt::Key_9) {
            const qint64 digit = key->key() - Qt::Key_0;
            if (m_scanQuantity <= (CartStore::MaxQuantity - digit) / 10)
                setScanQuantity(m_scanQuantity * 10 + digit);
            return true;
        }
        if (m_scanQuantity > 0 && modifiers == Qt::NoModifier) {
            if (key->key() == Qt::Key_Backspace) {
                setScanQuantity(m_scanQuantity / 10);
                return true;
            }
            if (key->key() == Qt::Key_Escape) {
                setScanQuantity(0);
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace qm
