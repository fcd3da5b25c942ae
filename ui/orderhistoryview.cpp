#include "ui/orderhistoryview.h"

#include "ui/orderdetailview.h"
#include "ui/ordermodel.h"
#include "ui/ordertexts.h"

#include <QComboBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace qm {

namespace {

// A date edit at its minimum shows "Any" and does not filter.
const QDate AnyDate(2000, 1, 1);

QDateEdit *dateEdit(const QString &objectName, QWidget *parent)
{
    auto *edit = new QDateEdit(parent);
    edit->setObjectName(objectName);
    edit->setCalendarPopup(true);
    edit->setMinimumDate(AnyDate);
    edit->setSpecialValueText(OrderHistoryView::tr("Any"));
    edit->setDate(AnyDate);
    return edit;
}

QLineEdit *lineEdit(const QString &objectName, const QString &placeholder, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    return edit;
}

} // namespace

OrderHistoryView::OrderHistoryView(Database &db, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_model(new OrderModel(db, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_detail(new OrderDetailView(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_from(dateEdit(QStringLiteral("ordersFrom"), this))
    , m_to(dateEdit(QStringLiteral("ordersTo"), this))
    , m_status(new QComboBox(this))
    , m_po(lineEdit(QStringLiteral("ordersPo"), tr("PO number"), this))
    , m_sku(lineEdit(QStringLiteral("ordersSku"), tr("SKU"), this))
    , m_shipTo(new QComboBox(this))
    , m_placedBy(lineEdit(QStringLiteral("ordersPlacedBy"), tr("Placed by"), this))
    , m_text(lineEdit(QStringLiteral("ordersText"), tr("Search number, PO or notes"), this))
    , m_clear(new QPushButton(tr("C&lear Filters"), this))
    , m_count(new QLabel(this))
{
    setObjectName(QStringLiteral("orderHistoryView"));
    m_status->setObjectName(QStringLiteral("ordersStatus"));
    m_status->addItem(tr("Any status"), -1);
    for (OrderStatus status :
         {OrderStatus::Submitted, OrderStatus::PendingApproval, OrderStatus::Approved,
          OrderStatus::Rejected, OrderStatus::Confirmed, OrderStatus::PartiallyShipped,
          OrderStatus::Shipped, OrderStatus::Delivered, OrderStatus::Cancelled})
        m_status->addItem(OrderTexts::status(status), int(status));
    m_shipTo->setObjectName(QStringLiteral("ordersShipTo"));
    m_shipTo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_clear->setObjectName(QStringLiteral("ordersClearFilters"));
    m_count->setObjectName(QStringLiteral("ordersCount"));

    auto *filters = new QGridLayout;
    auto addField = [this, filters](int r, int c, const QString &label, QWidget *field) {
        auto *l = new QLabel(label, this);
        l->setBuddy(field);
        filters->addWidget(l, r, c * 2);
        filters->addWidget(field, r, c * 2 + 1);
    };
    addField(0, 0, tr("&From:"), m_from);
    addField(0, 1, tr("&To:"), m_to);
    addField(0, 2, tr("&Status:"), m_status);
    addField(0, 3, tr("S&hip to:"), m_shipTo);
    addField(1, 0, tr("&PO:"), m_po);
    addField(1, 1, tr("S&KU:"), m_sku);
    addField(1, 2, tr("Placed &by:"), m_placedBy);
    addField(1, 3, tr("Sea&rch:"), m_text);
    filters->setColumnStretch(7, 1);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_count, 1);
    bottom->addWidget(m_clear);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(OrderModel::RawRole);
    m_table->setObjectName(QStringLiteral("ordersTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(OrderModel::PlacedAtColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setStretchLastSection(false);
    const int ch = fontMetrics().averageCharWidth();
    // Columns start narrow and grow to their content (fitColumns).
    m_table->horizontalHeader()->setDefaultSectionSize(ch * 6);
    auto *listPane = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addLayout(filters);
    listLayout->addWidget(m_table, 1);
    listLayout->addLayout(bottom);
    m_splitter->addWidget(listPane);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({ch * 130, ch * 90});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_splitter);

    for (QDateEdit *edit : {m_from, m_to})
        connect(edit, &QDateEdit::dateChanged, this, &OrderHistoryView::applyFilter);
    for (QComboBox *box : {m_status, m_shipTo})
        connect(box, &QComboBox::currentIndexChanged, this, &OrderHistoryView::applyFilter);
    for (QLineEdit *edit : {m_po, m_sku, m_placedBy, m_text})
        connect(edit, &QLineEdit::textChanged, this, &OrderHistoryView::applyFilter);
    connect(m_clear, &QPushButton::clicked, this, &OrderHistoryView::clearFilters);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &OrderHistoryView::showCurrent);
    connect(m_model, &QAbstractItemModel::modelReset, this, &OrderHistoryView::fitColumns);
    connect(m_detail, &OrderDetailView::message, this, &OrderHistoryView::message);
    connect(m_detail, &OrderDetailView::reorderRequested, this,
            &OrderHistoryView::reorderRequested);

    refresh();
}

OrderHistoryView::~OrderHistoryView() = default;

void OrderHistoryView::setPricesShown(bool shown)
{
    m_table->setColumnHidden(OrderModel::TotalColumn, !shown);
    m_detail->setPricesShown(shown);
}

void OrderHistoryView::setSupplierName(const QString &name)
{
    m_detail->setSupplierName(name);
}

void OrderHistoryView::setAccountName(const QString &name)
{
    m_detail->setAccountName(name);
}

void OrderHistoryView::fillShipTo(const std::optional<AccountInfo> &account)
{
    const QString current = m_shipTo->currentData().toString();
    const QSignalBlocker block(m_shipTo);
    m_shipTo->clear();
    m_shipTo->addItem(tr("Any location"), QString());
    if (account) {
        for (const ShipToLocation &location : account->shipTo)
            m_shipTo->addItem(tr("%1 (%2)").arg(location.name, location.code), location.code);
    }
    // A location no longer in the account keeps filtering until the user changes it.
    int index = m_shipTo->findData(current);
    if (index < 0 && !current.isEmpty()) {
        m_shipTo->addItem(current, current);
        index = m_shipTo->count() - 1;
    }
    m_shipTo->setCurrentIndex(std::max(index, 0));
}

void OrderHistoryView::refresh()
{
    const std::optional<AccountInfo> account = OrderStore(m_db).account();
    fillShipTo(account);
    m_model->setAccount(account);
    m_detail->setAccount(account);
    applyFilter();
}

OrderFilter OrderHistoryView::filter() const
{
    OrderFilter f;
    if (m_from->date() != AnyDate)
        f.from = m_from->date();
    if (m_to->date() != AnyDate)
        f.to = m_to->date();
    if (const int status = m_status->currentData().toInt(); status >= 0)
        f.status = OrderStatus(status);
    f.poNumber = m_po->text().trimmed();
    f.sku = m_sku->text().trimmed();
    f.shipTo = m_shipTo->currentData().toString();
    f.placedBy = m_placedBy->text().trimmed();
    f.text = m_text->text().trimmed();
    return f;
}

void OrderHistoryView::clearFilters()
{
    m_applying = true;
    m_from->setDate(AnyDate);
    m_to->setDate(AnyDate);
    m_status->setCurrentIndex(0);
    m_shipTo->setCurrentIndex(0);
    for (QLineEdit *edit : {m_po, m_sku, m_placedBy, m_text})
        edit->clear();
    m_applying = false;
    applyFilter();
}

void OrderHistoryView::applyFilter()
{
    if (m_applying)
        return;
    const QString selected = currentNumber();
    m_model->setFilter(filter());
    // The order that was shown stays shown while the filters keep it.
    if (!selected.isEmpty() && !selectOrder(selected))
        m_detail->clear();
    updateCount();
}

void OrderHistoryView::fitColumns()
{
    // Numbers, dates, statuses and totals are never elided: the columns grow to the widest
    // of the first rows (and never shrink, so they do not jump while filtering).
    const QFontMetrics metrics(m_table->font());
    const int padding = 3 * metrics.averageCharWidth();
    for (int column : {int(OrderModel::NumberColumn), int(OrderModel::PlacedAtColumn),
                       int(OrderModel::StatusColumn), int(OrderModel::PoNumberColumn),
                       int(OrderModel::ShipToColumn), int(OrderModel::PlacedByColumn),
                       int(OrderModel::LinesColumn), int(OrderModel::TotalColumn)}) {
        int width = m_table->horizontalHeader()->sectionSizeHint(column);
        for (int row = 0; row < std::min(m_model->rowCount(), 100); ++row)
            width = std::max(
                width,
                metrics.horizontalAdvance(m_model->index(row, column).data().toString()) + padding);
        if (width > m_table->columnWidth(column))
            m_table->setColumnWidth(column, width);
    }
}

void OrderHistoryView::updateCount()
{
    const int shown = m_model->rowCount();
    const OrderFilter f = filter();
    const bool filtered = f.from.isValid() || f.to.isValid() || f.status || !f.poNumber.isEmpty() ||
                          !f.sku.isEmpty() || !f.shipTo.isEmpty() || !f.placedBy.isEmpty() ||
                          !f.text.isEmpty();
    m_clear->setEnabled(filtered);
    if (shown == 0)
        m_count->setText(filtered ? tr("No order matches the filters.")
                                  : tr("No orders yet. Orders appear here after a sync."));
    else
        m_count->setText(filtered ? tr("%Ln order(s) match the filters.", nullptr, shown)
                                  : tr("%Ln order(s).", nullptr, shown));
}

bool OrderHistoryView::selectOrder(const QString &number)
{
    const int row = m_model->rowOf(number);
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, OrderModel::NumberColumn));
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    showCurrent();
    return true;
}

bool OrderHistoryView::selectFirstOrder()
{
    if (m_proxy->rowCount() == 0)
        return false;
    const QModelIndex first = m_proxy->index(0, OrderModel::NumberColumn);
    return selectOrder(first.data(OrderModel::NumberRole).toString());
}

QString OrderHistoryView::currentNumber() const
{
    return m_detail->order() ? m_detail->order()->number : QString();
}

void OrderHistoryView::showCurrent()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    const int row = m_proxy->mapToSource(current).row();
    m_detail->showOrder(m_model->orderAt(row).order);
}

} // namespace qm
