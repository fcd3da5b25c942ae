#include "ui/quickorderview.h"

#include "core/clock.h"
#include "models/catalogquery.h"
#include "models/formatting.h"
#include "models/quickorderimport.h"
#include "ui/linenotice.h"
#include "ui/packdelegate.h"
#include "ui/productlookup.h"

#include <QAbstractItemDelegate>
#include <QApplication>
#include <QClipboard>
#include <QCompleter>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

namespace qm {

namespace {

enum DataRole
{
    SkuRole = Qt::UserRole + 1,
    UomRole,
    QuantityRole,
    StateRole,
    PacksRole,         // pack cell: the packs the row's product comes in
    ChosenUomRole,     // code cell: the pack the user picked for the row
    ChosenForCodeRole, // code cell: the code that pick was made for
};

constexpr int CompletionLimit = 12;

// Edits the code column with completion from the catalog: every keystroke searches the
// cache (an exact SKU or GTIN first, then full-text prefix matches).
class CodeDelegate final : public QStyledItemDelegate
{
public:
    CodeDelegate(Database &db, QObject *parent)
        : QStyledItemDelegate(parent)
        , m_db(db)
    {}

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override
    {
        QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
        auto *line = qobject_cast<QLineEdit *>(editor);
        if (!line || index.column() != QuickOrderView::CodeColumn)
            return editor;
        line->setObjectName(QStringLiteral("codeEditor"));
        auto *model = new QStandardItemModel(line);
        auto *completer = new QCompleter(model, line);
        completer->setObjectName(QStringLiteral("codeCompleter"));
        completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
        completer->setCompletionRole(Qt::UserRole);
        completer->setMaxVisibleItems(CompletionLimit);
        line->setCompleter(completer);
        Database *db = &m_db;
        QObject::connect(line, &QLineEdit::textEdited, line,
                         [db, model, completer](const QString &text) {
                             model->clear();
                             if (text.trimmed().size() < 2)
                                 return;
                             const auto found =
                                 CatalogQuery(*db).search(text, CompletionLimit, 0, clock::today());
                             for (const ProductSummary &product : found) {
                                 auto *item = new QStandardItem(
                                     QuickOrderView::tr("%1 — %2").arg(product.sku, product.name));
                                 item->setData(product.sku, Qt::UserRole);
                                 model->appendRow(item);
                             }
                             completer->setCompletionPrefix(text);
                             if (model->rowCount() > 0)
                                 completer->complete();
                         });
        return line;
    }

private:
    Database &m_db;
};

bool isWholeNumber(const QString &text, qint64 *value)
{
    bool ok = false;
    const qint64 n = QLocale().toLongLong(text.trimmed(), &ok);
    if (!ok) {
        const qint64 c = QLocale::c().toLongLong(text.trimmed(), &ok);
        if (ok)
            *value = c;
        return ok;
    }
    *value = n;
    return true;
}

} // namespace

QuickOrderView::QuickOrderView(Database &db, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_lookup(std::make_unique<ProductLookup>(db))
    , m_store(std::make_unique<CartStore>(db))
{
    setObjectName(QStringLiteral("quickOrderView"));
    const int ch = fontMetrics().averageCharWidth();

    m_grid = new QTableWidget(0, ColumnCount, this);
    m_grid->setObjectName(QStringLiteral("quickOrderGrid"));
    m_grid->setHorizontalHeaderLabels({tr("Code"), tr("Quantity"), tr("Product"), tr("Pack"),
                                       tr("Price"), tr("Stock / problem")});
    m_grid->setItemDelegate(new CodeDelegate(db, m_grid));
    m_grid->setEditTriggers(QAbstractItemView::AnyKeyPressed | QAbstractItemView::DoubleClicked |
                            QAbstractItemView::EditKeyPressed);
    m_grid->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_grid->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_grid->setWordWrap(false);
    m_grid->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_grid->horizontalHeader()->setSectionResizeMode(ProductColumn, QHeaderView::Stretch);
    m_grid->setColumnWidth(CodeColumn, ch * 22);
    m_grid->setColumnWidth(QuantityColumn, ch * 10);
    m_grid->setColumnWidth(PackColumn, ch * 14);
    m_grid->setColumnWidth(PriceColumn, ch * 22);
    m_grid->setColumnWidth(StatusColumn, ch * 40);
    m_grid->setItemDelegateForColumn(PackColumn,
                                     new PackDelegate(PacksRole, UomRole, nullptr, m_grid));
    m_grid->installEventFilter(this);

    m_add = new QPushButton(tr("&Add to Cart"), this);
    m_add->setObjectName(QStringLiteral("addToCartButton"));
    m_add->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_add->setToolTip(tr("Put the rows that were found into the current cart (Ctrl+Enter)"));
    auto *clear = new QPushButton(tr("C&lear"), this);
    clear->setObjectName(QStringLiteral("clearQuickOrderButton"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("quickOrderSummary"));

    auto *hint = new QLabel(
        tr("Type or scan a code, Tab, the quantity, Enter. Paste rows from a spreadsheet with "
           "Ctrl+V."),
        this);
    hint->setWordWrap(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_summary, 1);
    buttons->addWidget(clear);
    buttons->addWidget(m_add);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addWidget(m_grid, 1);
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, &QuickOrderView::addToCart);
    connect(clear, &QPushButton::clicked, this, &QuickOrderView::clearRows);
    connect(m_grid, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_filling)
            return;
        if (item->column() == PackColumn) {
            // A pack picked in the Pack column: the row orders that pack from now on.
            QTableWidgetItem *code = m_grid->item(item->row(), CodeColumn);
            if (!code)
                return;
            m_filling = true;
            code->setData(ChosenUomRole, item->text());
            code->setData(ChosenForCodeRole, code->text());
            m_filling = false;
        } else if (item->column() != CodeColumn && item->column() != QuantityColumn) {
            return;
        }
        resolveRow(item->row());
        ensureTrailingEmptyRow();
        updateSummary();
    });
    // Enter in an editor submits it: code → quantity, quantity → the next row's code.
    connect(m_grid->itemDelegate(), &QAbstractItemDelegate::closeEditor, this,
            [this](QWidget *, QAbstractItemDelegate::EndEditHint endHint) {
                if (endHint != QAbstractItemDelegate::SubmitModelCache)
                    return;
                const QModelIndex current = m_grid->currentIndex();
                if (current.column() == CodeColumn)
                    m_grid->setCurrentCell(current.row(), QuantityColumn);
                else if (current.column() == QuantityColumn)
                    moveToNextRow(current.row());
            });

    ensureTrailingEmptyRow();
    m_grid->setCurrentCell(0, CodeColumn);
    updateSummary();
}

QuickOrderView::~QuickOrderView() = default;

int QuickOrderView::rowCount() const
{
    return m_grid->rowCount();
}

QuickOrderView::RowState QuickOrderView::rowState(int row) const
{
    const QTableWidgetItem *item = m_grid->item(row, CodeColumn);
    return item ? RowState(item->data(StateRole).toInt()) : RowState::Empty;
}

void QuickOrderView::setCell(int row, int column, const QString &text, const QString &toolTip)
{
    QTableWidgetItem *item = m_grid->item(row, column);
    if (!item) {
        item = new QTableWidgetItem;
        if (column != CodeColumn && column != QuantityColumn)
            item->setFlags(item->flags() & ~Qt::ItemIsEditable);
        m_grid->setItem(row, column, item);
    }
    item->setText(text);
    item->setToolTip(toolTip);
}

void QuickOrderView::ensureTrailingEmptyRow()
{
    const int rows = m_grid->rowCount();
    if (rows > 0) {
        const QTableWidgetItem *code = m_grid->item(rows - 1, CodeColumn);
        const QTableWidgetItem *quantity = m_grid->item(rows - 1, QuantityColumn);
        if ((!code || code->text().trimmed().isEmpty()) &&
            (!quantity || quantity->text().trimmed().isEmpty()))
            return;
    }
    const bool filling = m_filling;
    m_filling = true;
    m_grid->insertRow(rows);
    for (int column = 0; column < ColumnCount; ++column)
        setCell(rows, column, {});
    m_filling = filling;
}

void QuickOrderView::moveToNextRow(int row)
{
    ensureTrailingEmptyRow();
    m_grid->setCurrentCell(std::min(row + 1, m_grid->rowCount() - 1), CodeColumn);
}

void QuickOrderView::resolveRow(int row)
{
    const bool filling = m_filling;
    m_filling = true;
    const QString code =
        m_grid->item(row, CodeColumn) ? m_grid->item(row, CodeColumn)->text() : QString();
    const QString quantityText =
        m_grid->item(row, QuantityColumn) ? m_grid->item(row, QuantityColumn)->text() : QString();
    QTableWidgetItem *codeItem = m_grid->item(row, CodeColumn);
    if (!codeItem) {
        setCell(row, CodeColumn, code);
        codeItem = m_grid->item(row, CodeColumn);
    }
    auto finish = [&](RowState state, const QString &status, const QColor &color) {
        codeItem->setData(StateRole, int(state));
        setCell(row, StatusColumn, status, status);
        m_grid->item(row, StatusColumn)->setForeground(color.isValid() ? QBrush(color) : QBrush());
        m_filling = filling;
    };
    const QColor red(0xc0, 0x1c, 0x28), amber(0xb3, 0x6b, 0x00), green(0x26, 0x80, 0x3a);

    if (code.trimmed().isEmpty()) {
        for (int column = ProductColumn; column < ColumnCount; ++column)
            setCell(row, column, {});
        return finish(quantityText.trimmed().isEmpty() ? RowState::Empty : RowState::Unknown,
                      quantityText.trimmed().isEmpty() ? QString() : tr("Enter a code"), red);
    }
    const auto resolved = m_lookup->resolve(code);
    if (!resolved) {
        for (int column = ProductColumn; column < StatusColumn; ++column)
            setCell(row, column, {});
        QStringList suggestions;
        for (const ProductSummary &p : CatalogQuery(m_db).search(code, 3, 0, clock::today()))
            suggestions << p.sku;
        return finish(
            RowState::Unknown,
            suggestions.isEmpty()
                ? tr("Unknown code")
                : tr("Unknown code — did you mean %1?").arg(suggestions.join(QStringLiteral(", "))),
            red);
    }
    const Product &product = resolved->details.product;
    // The pack the code names (a case GTIN names the case), unless the user picked another.
    QString uom = resolved->uom;
    const QString chosen = codeItem->data(ChosenUomRole).toString();
    if (!chosen.isEmpty() && codeItem->data(ChosenForCodeRole).toString() == code &&
        pricing::findPack(product, chosen))
        uom = chosen;
    codeItem->setData(SkuRole, product.sku);
    codeItem->setData(UomRole, uom);
    setCell(row, ProductColumn, product.name, product.name);
    const QLocale locale;
    const auto pack = pricing::findPack(product, uom);
    setCell(row, PackColumn,
            pack ? formatting::pack(locale, pack->uom, pack->name, pack->quantity) : uom);
    const QVariantList packs = formatting::packChoices(locale, product);
    QTableWidgetItem *packItem = m_grid->item(row, PackColumn);
    packItem->setData(PacksRole, packs);
    packItem->setData(UomRole, uom);
    packItem->setFlags(packs.size() > 1 ? packItem->flags() | Qt::ItemIsEditable
                                        : packItem->flags() & ~Qt::ItemIsEditable);
    packItem->setToolTip(packs.size() > 1 ? tr("Double-click to order another pack") : QString());

    qint64 quantity = 1;
    if (!quantityText.trimmed().isEmpty() && (!isWholeNumber(quantityText, &quantity) ||
                                              quantity <= 0 || quantity > CartStore::MaxQuantity)) {
        setCell(row, PriceColumn, {});
        return finish(RowState::InvalidQuantity,
                      tr("“%1” is not a quantity: type a whole number above zero")
                          .arg(quantityText.trimmed()),
                      red);
    }
    const pricing::PricedLine priced = m_lookup->price(product.sku, uom, quantity);
    codeItem->setData(QuantityRole, priced.quantity > 0 ? priced.quantity : quantity);
    const QString currency =
        resolved->details.prices ? resolved->details.prices->currency : QString();
    if (priced.isPriced())
        setCell(row, PriceColumn,
                tr("%1 × %2 = %3")
                    .arg(locale.toString(priced.quantity),
                         formatting::money(locale, priced.unitPrice, currency),
                         formatting::money(locale, priced.lineTotal, currency)),
                linenotice::rule(priced.rule));
    else
        setCell(row, PriceColumn, {});

    const QString notice = linenotice::summary(priced, product);
    if (!priced.isPriced())
        return finish(RowState::Unavailable, notice, red);
    // Stock: what is on hand against what is asked for, with the lead time when short.
    QString stockText;
    const qint64 onHand = resolved->details.stock ? resolved->details.stock->totalOnHand() : 0;
    if (resolved->details.stock && onHand >= priced.baseQuantity) {
        stockText = tr("In stock (%1 %2)").arg(locale.toString(onHand), product.baseUom);
    } else if (resolved->details.stock) {
        int lead = 0;
        for (const StockLevel &level : std::as_const(resolved->details.stock->levels))
            lead = lead == 0 ? level.leadTimeDays : std::min(lead, level.leadTimeDays);
        stockText = lead > 0
                        ? tr("Short: %1 %2 on hand, more in %Ln day(s)", nullptr, lead)
                              .arg(locale.toString(onHand), product.baseUom)
                        : tr("Short: %1 %2 on hand").arg(locale.toString(onHand), product.baseUom);
    }
    if (!priced.adjustments.isEmpty())
        return finish(RowState::Adjusted,
                      stockText.isEmpty() ? notice : notice + QStringLiteral(" · ") + stockText,
                      amber);
    finish(RowState::Ready, stockText, onHand >= priced.baseQuantity ? green : amber);
}

void QuickOrderView::updateSummary()
{
    int ready = 0, problems = 0;
    for (int row = 0; row < m_grid->rowCount(); ++row) {
        switch (rowState(row)) {
        case RowState::Empty:
            break;
        case RowState::Ready:
        case RowState::Adjusted:
        case RowState::Unavailable:
            ++ready;
            break;
        case RowState::Unknown:
        case RowState::InvalidQuantity:
            ++problems;
            break;
        }
    }
    m_summary->setText(tr("%Ln row(s) ready", nullptr, ready) +
                       (problems ? tr(", %Ln to fix", nullptr, problems) : QString()));
    m_add->setEnabled(ready > 0);
}

void QuickOrderView::appendRow(const QString &code, const QString &quantity)
{
    ensureTrailingEmptyRow();
    const int row = m_grid->rowCount() - 1;
    m_filling = true;
    setCell(row, CodeColumn, code.trimmed());
    setCell(row, QuantityColumn, quantity.trimmed());
    m_filling = false;
    resolveRow(row);
    ensureTrailingEmptyRow();
    updateSummary();
}

QList<QPair<QString, QString>> QuickOrderView::parseBlock(const QString &text)
{
    QList<QPair<QString, QString>> rows;
    const QStringList lines = text.split(QRegularExpression(QStringLiteral("\r\n|\n|\r")));
    const QChar separator = text.contains(u'\t') ? u'\t' : (text.contains(u';') ? u';' : u',');
    for (const QString &line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        const QStringList cells = line.split(separator);
        rows.append({cells.value(0).trimmed(), cells.value(1).trimmed()});
    }
    qint64 quantity = 0;
    if (rows.size() > 1 && !rows.first().second.isEmpty() &&
        !isWholeNumber(rows.first().second, &quantity))
        rows.removeFirst(); // a header: "SKU<TAB>Qty"
    return rows;
}

void QuickOrderView::paste(const QString &text)
{
    const auto rows = parseBlock(text);
    if (rows.isEmpty())
        return;
    if (rows.size() > 1 && m_pasteHandler) {
        m_pasteHandler(text);
        return;
    }
    int row = m_grid->currentRow();
    if (rows.size() == 1 && row >= 0) {
        m_filling = true;
        setCell(row, CodeColumn, rows.first().first);
        if (!rows.first().second.isEmpty())
            setCell(row, QuantityColumn, rows.first().second);
        m_filling = false;
        resolveRow(row);
        ensureTrailingEmptyRow();
        updateSummary();
        return;
    }
    // Drop a trailing empty row first so the pasted rows follow the last typed one.
    while (m_grid->rowCount() > 0 && rowState(m_grid->rowCount() - 1) == RowState::Empty &&
           (!m_grid->item(m_grid->rowCount() - 1, CodeColumn) ||
            m_grid->item(m_grid->rowCount() - 1, CodeColumn)->text().isEmpty()))
        m_grid->removeRow(m_grid->rowCount() - 1);
    m_grid->setUpdatesEnabled(false);
    for (const auto &[code, quantity] : rows) {
        const int at = m_grid->rowCount();
        m_filling = true;
        m_grid->insertRow(at);
        for (int column = 0; column < ColumnCount; ++column)
            setCell(at, column, {});
        setCell(at, CodeColumn, code);
        setCell(at, QuantityColumn, quantity);
        m_filling = false;
        resolveRow(at);
    }
    m_grid->setUpdatesEnabled(true);
    ensureTrailingEmptyRow();
    updateSummary();
    Q_EMIT message(tr("Pasted %Ln row(s).", nullptr, int(rows.size())));
}

int QuickOrderView::addToCart()
{
    if (m_cartId == 0) {
        Q_EMIT message(tr("Choose or create a cart first."));
        return 0;
    }
    // The rows that resolved go through the same pipeline as imports, scans and `qm cart
    // add`: merged with the cart's lines, line rules applied to the merged quantity, one
    // undo step.
    QList<QuickOrderEntry> entries;
    QList<int> rows;
    for (int row = 0; row < m_grid->rowCount(); ++row) {
        const RowState state = rowState(row);
        if (state != RowState::Ready && state != RowState::Adjusted &&
            state != RowState::Unavailable)
            continue;
        QuickOrderEntry entry;
        entry.line = row + 1;
        const QTableWidgetItem *code = m_grid->item(row, CodeColumn);
        entry.code = code->text().trimmed();
        // A pack picked in the grid; otherwise the code's own pack, as the import decides.
        if (!code->data(ChosenUomRole).toString().isEmpty() &&
            code->data(ChosenForCodeRole).toString() == code->text())
            entry.uom = code->data(UomRole).toString();
        const QTableWidgetItem *quantity = m_grid->item(row, QuantityColumn);
        entry.quantityText = quantity ? quantity->text().trimmed() : QString();
        qint64 value = 0;
        if (!entry.quantityText.isEmpty() && isWholeNumber(entry.quantityText, &value))
            entry.quantity = value;
        entry.source = LineSource::Typed;
        entries << entry;
        rows << row;
    }
    if (entries.isEmpty())
        return 0;
    QuickOrderImport plan(m_db, m_cartId);
    QString error;
    if (!plan.preview(entries, &error) || !plan.apply(&error)) {
        Q_EMIT message(tr("Nothing was added: %1").arg(error));
        return 0;
    }
    QList<int> added;
    for (qsizetype i = 0; i < plan.results().size(); ++i) {
        const QuickOrderImport::Result &r = plan.results().at(i);
        if (r.goesIntoCart()) {
            added << rows.at(i);
        } else {
            // e.g. a code that is also one of the account's part numbers: say why it stayed.
            const bool filling = m_filling;
            m_filling = true;
            m_grid->item(rows.at(i), CodeColumn)->setData(StateRole, int(RowState::Unknown));
            setCell(rows.at(i), StatusColumn, QuickOrderImport::outcomeName(r.outcome));
            m_filling = filling;
        }
    }
    for (auto it = added.crbegin(); it != added.crend(); ++it)
        m_grid->removeRow(*it);
    ensureTrailingEmptyRow();
    updateSummary();
    m_grid->setCurrentCell(m_grid->rowCount() - 1, CodeColumn);
    if (!added.isEmpty()) {
        Q_EMIT linesAdded(m_cartId, int(added.size()));
        Q_EMIT message(tr("Added %Ln line(s) to the cart.", nullptr, int(added.size())));
    }
    return int(added.size());
}

void QuickOrderView::clearRows()
{
    m_grid->setRowCount(0);
    ensureTrailingEmptyRow();
    m_grid->setCurrentCell(0, CodeColumn);
    updateSummary();
}

bool QuickOrderView::eventFilter(QObject *watched, QEvent *event)
{
    // While a cell is edited, keys go to its editor, not to the grid.
    if (watched == m_grid && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Paste)) {
            paste(QApplication::clipboard()->text());
            return true;
        }
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            const QModelIndex current = m_grid->currentIndex();
            if (current.column() == CodeColumn)
                m_grid->setCurrentCell(current.row(), QuantityColumn);
            else
                moveToNextRow(current.row());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace qm
