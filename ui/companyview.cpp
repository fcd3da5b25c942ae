#include "ui/companyview.h"

#include "core/clock.h"
#include "models/formatting.h"
#include "sync/apierror.h"
#include "sync/companyaccounts.h"
#include "ui/errormessages.h"
#include "ui/ordertexts.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace qm {

namespace {

constexpr int CodeRole = Qt::UserRole;

QTableWidgetItem *cell(const QString &text, Qt::Alignment alignment = Qt::AlignLeft)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    item->setTextAlignment(alignment | Qt::AlignVCenter);
    return item;
}

} // namespace

CompanyView::CompanyView(QWidget *parent)
    : QWidget(parent)
{
    m_period = new QComboBox(this);
    m_period->setObjectName(QStringLiteral("companyPeriod"));
    m_period->addItem(tr("Last 12 months"), Last12Months);
    m_period->addItem(tr("Last 90 days"), Last90Days);
    m_period->addItem(tr("This year"), ThisYear);
    m_period->addItem(tr("Last year"), LastYear);
    m_period->setToolTip(tr("The period of the orders and spend columns; open orders and credit "
                            "are as of now"));
    m_refresh = new QPushButton(tr("&Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("companyRefresh"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("companyStatus"));
    m_status->setWordWrap(true);

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("companyTree"));
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Account"), tr("Orders"), tr("Open"), tr("Spend"), tr("Balance"),
                             tr("Overdue"), tr("Available"), tr("Terms")});
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->header()->setSectionResizeMode(AccountColumn, QHeaderView::Stretch);
    for (int c = OrdersColumn; c < ColumnCount; ++c)
        m_tree->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setAccessibleName(tr("Accounts of the company"));

    m_rollUp = new QLabel(this);
    m_rollUp->setObjectName(QStringLiteral("companyRollUp"));
    m_rollUp->setWordWrap(true);
    m_rollUp->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_ordersTitle = new QLabel(this);
    m_openOnly = new QCheckBox(tr("Open orders &only"), this);
    m_openOnly->setObjectName(QStringLiteral("companyOpenOnly"));
    m_table = new QTableWidget(0, OrderColumnCount, this);
    m_table->setObjectName(QStringLiteral("companyOrders"));
    m_table->setHorizontalHeaderLabels({tr("Order"), tr("Placed"), tr("Status"), tr("Total"),
                                        tr("Ship-to"), tr("PO"), tr("Placed by")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Orders of the selected account"));
    m_more = new QPushButton(tr("Show &More"), this);
    m_more->setObjectName(QStringLiteral("companyMore"));
    m_more->setEnabled(false);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Orders placed in:"), this));
    top->addWidget(m_period);
    top->addWidget(m_refresh);
    top->addWidget(m_status, 1);

    auto *accounts = new QWidget(this);
    auto *accountsLayout = new QVBoxLayout(accounts);
    accountsLayout->setContentsMargins(0, 0, 0, 0);
    accountsLayout->addWidget(m_tree, 1);
    accountsLayout->addWidget(m_rollUp);

    auto *orders = new QWidget(this);
    auto *ordersLayout = new QVBoxLayout(orders);
    ordersLayout->setContentsMargins(0, 0, 0, 0);
    auto *ordersBar = new QHBoxLayout;
    ordersBar->addWidget(m_ordersTitle, 1);
    ordersBar->addWidget(m_openOnly);
    ordersLayout->addLayout(ordersBar);
    ordersLayout->addWidget(m_table, 1);
    auto *moreBar = new QHBoxLayout;
    moreBar->addStretch(1);
    moreBar->addWidget(m_more);
    ordersLayout->addLayout(moreBar);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(accounts);
    split->addWidget(orders);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(m_period, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
    connect(m_refresh, &QPushButton::clicked, this, &CompanyView::refresh);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (!item)
            return;
        m_ordersOf = item->data(AccountColumn, CodeRole).toString();
        showRollUp();
        fetchOrders(false);
    });
    connect(m_openOnly, &QCheckBox::toggled, this, [this] { fetchOrders(false); });
    connect(m_more, &QPushButton::clicked, this, [this] { fetchOrders(true); });
    setStatus(QString());
}

CompanyView::~CompanyView() = default;

void CompanyView::setCompanyAccounts(CompanyAccounts *company)
{
    if (m_company)
        disconnect(m_company, nullptr, this, nullptr);
    m_company = company;
    m_loadingOverview = false;
    m_loadingOrders = false;
    if (company) {
        connect(company, &CompanyAccounts::overviewFetched, this, &CompanyView::onOverview);
        connect(company, &CompanyAccounts::ordersFetched, this, &CompanyView::onOrders);
        connect(company, &CompanyAccounts::failed, this, &CompanyView::onFailed);
        return;
    }
    // Signed out: nothing of the company stays on the page.
    m_overview.reset();
    m_ordersOf.clear();
    m_orders.clear();
    m_orderTotal = 0;
    fillTree();
    appendOrders({});
    showRollUp();
    setStatus(QString());
}

void CompanyView::setOnline(bool online)
{
    m_online = online;
    m_refresh->setEnabled(online);
    if (!online)
        setStatus(tr("Offline: the company view needs the portal."));
}

QDate CompanyView::periodStart(Period period, QDate today)
{
    switch (period) {
    case Last12Months:
        return today.addDays(-364);
    case Last90Days:
        return today.addDays(-89);
    case ThisYear:
        return QDate(today.year(), 1, 1);
    case LastYear:
        return QDate(today.year() - 1, 1, 1);
    }
    return today;
}

QDate CompanyView::periodEnd(Period period, QDate today)
{
    return period == LastYear ? QDate(today.year() - 1, 12, 31) : today;
}

void CompanyView::refresh()
{
    if (!m_company)
        return;
    if (!m_online) {
        setStatus(tr("Offline: the company view needs the portal."));
        return;
    }
    const auto period = Period(m_period->currentData().toInt());
    const QDate today = clock::today();
    m_loadingOverview = true;
    setStatus(tr("Loading…"));
    m_company->fetchOverview(periodStart(period, today), periodEnd(period, today));
}

void CompanyView::onOverview(const CompanyOverview &overview)
{
    m_loadingOverview = false;
    m_overview = overview;
    const QString keep = m_ordersOf;
    fillTree();
    setStatus(tr("Orders placed %1 to %2. Open orders and credit as of now.")
                  .arg(QLocale().toString(overview.from, QLocale::ShortFormat),
                       QLocale().toString(overview.to, QLocale::ShortFormat)));
    if (overview.accounts.isEmpty())
        return;
    if (!selectAccount(keep.isEmpty() || !overview.account(keep) ? overview.accounts.first().code
                                                                 : keep))
        return;
    showRollUp();
}

void CompanyView::fillTree()
{
    const QSignalBlocker block(m_tree);
    m_tree->clear();
    if (!m_overview)
        return;
    const QLocale locale;
    QHash<QString, QTreeWidgetItem *> items;
    for (const AccountSummary &a : m_overview->accounts) {
        QTreeWidgetItem *parent = items.value(a.parentCode);
        auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
        item->setText(AccountColumn, QStringLiteral("%1 — %2").arg(a.code, a.name));
        item->setData(AccountColumn, CodeRole, a.code);
        item->setText(OrdersColumn, locale.toString(a.orderCount));
        item->setText(OpenColumn, locale.toString(a.openOrderCount));
        item->setText(SpendColumn, formatting::money(locale, a.spend, a.currency));
        item->setText(BalanceColumn, formatting::money(locale, a.balance, a.currency));
        item->setText(OverdueColumn, formatting::money(locale, a.overdue, a.currency));
        item->setText(AvailableColumn, formatting::money(locale, a.availableCredit, a.currency));
        item->setText(TermsColumn, a.paymentTerms);
        for (int c = OrdersColumn; c < TermsColumn; ++c)
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        if (a.overdue > Decimal())
            item->setForeground(OverdueColumn, palette().brush(QPalette::Link));
        if (a.availableCredit.isNegative())
            item->setToolTip(AvailableColumn, tr("Over the credit limit"));
        items.insert(a.code, item);
    }
    m_tree->expandAll();
}

bool CompanyView::selectAccount(const QString &code)
{
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        if ((*it)->data(AccountColumn, CodeRole).toString() == code) {
            if (m_tree->currentItem() == *it) {
                m_ordersOf = code;
                fetchOrders(false);
            } else {
                m_tree->setCurrentItem(*it);
            }
            return true;
        }
    }
    return false;
}

QString CompanyView::currentAccount() const
{
    return m_ordersOf;
}

void CompanyView::showRollUp()
{
    if (!m_overview || m_ordersOf.isEmpty()) {
        m_rollUp->clear();
        return;
    }
    const AccountSummary *a = m_overview->account(m_ordersOf);
    if (!a) {
        m_rollUp->clear();
        return;
    }
    const int below = int(m_overview->subtree(m_ordersOf).size()) - 1;
    if (below == 0) {
        m_rollUp->setText(tr("%1 has no subsidiaries.").arg(a->name));
        return;
    }
    const auto sum = m_overview->rolledUp(m_ordersOf);
    if (!sum) {
        m_rollUp->setText(tr("%1 and the %n account(s) below it bill in different currencies: "
                             "no total.",
                             nullptr, below)
                              .arg(a->name));
        return;
    }
    const QLocale locale;
    m_rollUp->setText(
        tr("%1 with the %n account(s) below it: %2 orders, %3 open, spend %4, balance %5, "
           "overdue %6, available %7.",
           nullptr, below)
            .arg(a->name, locale.toString(sum->orderCount), locale.toString(sum->openOrderCount),
                 formatting::money(locale, sum->spend, sum->currency),
                 formatting::money(locale, sum->balance, sum->currency),
                 formatting::money(locale, sum->overdue, sum->currency),
                 formatting::money(locale, sum->availableCredit, sum->currency)));
}

void CompanyView::fetchOrders(bool nextPage)
{
    if (!m_company || m_ordersOf.isEmpty() || !m_online)
        return;
    if (!nextPage) {
        m_orders.clear();
        m_orderTotal = 0;
        appendOrders({});
    }
    const AccountSummary *a = m_overview ? m_overview->account(m_ordersOf) : nullptr;
    m_ordersTitle->setText(a ? tr("Orders of %1").arg(a->name) : QString());
    m_loadingOrders = true;
    m_more->setEnabled(false);
    m_company->fetchOrders(m_ordersOf, m_openOnly->isChecked(), PageSize,
                           nextPage ? int(m_orders.size()) : 0);
}

void CompanyView::onOrders(const CompanyOrdersPage &page)
{
    // An answer for an account or page no longer shown (the user moved on) is dropped; the
    // request for what is shown now is on its way.
    if (page.code != m_ordersOf || page.offset != m_orders.size())
        return;
    m_loadingOrders = false;
    m_orderTotal = page.total;
    m_orders.append(page.orders);
    appendOrders(page.orders);
}

void CompanyView::appendOrders(const QList<Order> &orders)
{
    if (orders.isEmpty() && m_orders.isEmpty())
        m_table->setRowCount(0);
    const QLocale locale;
    int row = m_table->rowCount();
    m_table->setRowCount(row + int(orders.size()));
    for (const Order &o : orders) {
        m_table->setItem(row, NumberColumn, cell(o.number));
        m_table->setItem(row, PlacedColumn,
                         cell(locale.toString(o.placedAt.toLocalTime(), QLocale::ShortFormat)));
        m_table->setItem(row, StatusColumn, cell(OrderTexts::status(o.status)));
        m_table->setItem(row, TotalColumn,
                         cell(formatting::money(locale, o.subtotal, o.currency), Qt::AlignRight));
        m_table->setItem(row, ShipToColumn, cell(o.shipTo));
        m_table->setItem(row, PoColumn, cell(o.poNumber));
        m_table->setItem(row, PlacedByColumn, cell(o.placedBy));
        ++row;
    }
    m_more->setEnabled(m_orders.size() < m_orderTotal);
    m_more->setText(
        m_orders.size() < m_orderTotal
            ? tr("Show &More (%1 of %2)")
                  .arg(locale.toString(qint64(m_orders.size())), locale.toString(m_orderTotal))
            : tr("Show &More"));
    if (!m_ordersOf.isEmpty() && !m_loadingOrders && m_orders.isEmpty())
        m_ordersTitle->setText(m_openOnly->isChecked() ? tr("No open orders.") : tr("No orders."));
}

void CompanyView::onFailed(const ApiError &error)
{
    m_loadingOverview = false;
    m_loadingOrders = false;
    const QString text = ErrorMessages::forApiError(error);
    setStatus(text);
    Q_EMIT message(text);
}

void CompanyView::setStatus(const QString &text)
{
    m_status->setText(text);
}

} // namespace qm
