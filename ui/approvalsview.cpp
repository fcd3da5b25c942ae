#include "ui/approvalsview.h"

#include "models/formatting.h"
#include "models/orderstore.h"
#include "sync/apierror.h"
#include "sync/orderactions.h"
#include "ui/errormessages.h"
#include "ui/orderdetailview.h"
#include "ui/ordertexts.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace qm {

ApprovalsView::ApprovalsView(Database &db, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_state(new QLabel(this))
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_detail(new OrderDetailView(this))
    , m_refresh(new QPushButton(tr("Re&fresh"), this))
    , m_approve(new QPushButton(tr("&Approve…"), this))
    , m_reject(new QPushButton(tr("Re&ject…"), this))
{
    setObjectName(QStringLiteral("approvalsView"));
    m_state->setObjectName(QStringLiteral("approvalsState"));
    m_state->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("approvalsTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Order"), tr("Placed"), tr("Placed by"), tr("Total"), tr("Why")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_detail->setReorderVisible(false);
    m_refresh->setObjectName(QStringLiteral("approvalsRefresh"));
    m_approve->setObjectName(QStringLiteral("approveButton"));
    m_reject->setObjectName(QStringLiteral("rejectButton"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_refresh);
    buttons->addStretch(1);
    buttons->addWidget(m_reject);
    buttons->addWidget(m_approve);
    auto *listPane = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_state);
    listLayout->addWidget(m_table, 1);
    auto *detailPane = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detailPane);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_detail, 1);
    detailLayout->addLayout(buttons);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(listPane);
    splitter->addWidget(detailPane);
    splitter->setChildrenCollapsible(false);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_refresh, &QPushButton::clicked, this, &ApprovalsView::refresh);
    connect(m_approve, &QPushButton::clicked, this, [this] { promptDecision(true); });
    connect(m_reject, &QPushButton::clicked, this, [this] { promptDecision(false); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ApprovalsView::showCurrent);
    connect(m_detail, &OrderDetailView::message, this, &ApprovalsView::message);
    m_state->setText(tr("Sign in to see the orders waiting for your approval."));
    updateActions();
}

ApprovalsView::~ApprovalsView() = default;

void ApprovalsView::setOrderActions(OrderActions *actions)
{
    if (m_actions)
        disconnect(m_actions, nullptr, this, nullptr);
    m_actions = actions;
    m_loading = false;
    m_pending.clear();
    if (actions) {
        connect(actions, &OrderActions::approvalsFetched, this, &ApprovalsView::onFetched);
        connect(actions, &OrderActions::orderUpdated, this, &ApprovalsView::onUpdated);
        connect(actions, &OrderActions::failed, this, &ApprovalsView::onFailed);
    } else {
        m_queue.clear();
        fillTable();
        m_state->setText(tr("Sign in to see the orders waiting for your approval."));
    }
    updateActions();
}

void ApprovalsView::setSupplierName(const QString &name)
{
    m_detail->setSupplierName(name);
}

void ApprovalsView::setAccountName(const QString &name)
{
    m_detail->setAccountName(name);
}

void ApprovalsView::refresh()
{
    m_detail->setAccount(OrderStore(m_db).account());
    if (!m_actions || m_loading)
        return;
    m_loading = true;
    m_state->setText(tr("Fetching the orders waiting for approval…"));
    updateActions();
    m_actions->fetchApprovals();
}

void ApprovalsView::onFetched(const QList<Order> &orders)
{
    if (!m_loading)
        return;
    m_loading = false;
    m_queue = orders;
    fillTable();
    updateActions();
}

void ApprovalsView::fillTable()
{
    const QString previous = currentNumber();
    const QLocale locale;
    {
        const QSignalBlocker block(m_table->selectionModel());
        m_table->clearContents();
        m_table->setRowCount(int(m_queue.size()));
        for (int r = 0; r < m_queue.size(); ++r) {
            const Order &o = m_queue.at(r);
            const QStringList cells{o.number,
                                    locale.toString(o.placedAt.toLocalTime(), QLocale::ShortFormat),
                                    o.placedBy, formatting::money(locale, o.subtotal, o.currency),
                                    OrderTexts::approvalReason(o.approval.reason)};
            for (int c = 0; c < ColumnCount; ++c) {
                auto *item = new QTableWidgetItem(cells.at(c));
                if (c == TotalColumn)
                    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                m_table->setItem(r, c, item);
            }
        }
    }
    m_table->resizeColumnsToContents();
    if (m_queue.isEmpty()) {
        m_state->setText(m_actions ? tr("No order is waiting for your approval.")
                                   : tr("Sign in to see the orders waiting for your approval."));
        m_detail->clear();
    } else {
        m_state->setText(
            tr("%Ln order(s) waiting for your approval, oldest first.", nullptr, m_queue.size()));
        if (!selectOrder(previous))
            selectOrder(m_queue.constFirst().number);
    }
}

QString ApprovalsView::currentNumber() const
{
    const int row = m_table->currentRow();
    return row >= 0 && row < m_queue.size() ? m_queue.at(row).number : QString();
}

bool ApprovalsView::selectOrder(const QString &number)
{
    for (int r = 0; r < m_queue.size(); ++r) {
        if (m_queue.at(r).number != number)
            continue;
        m_table->selectionModel()->setCurrentIndex(m_table->model()->index(r, 0),
                                                   QItemSelectionModel::ClearAndSelect |
                                                       QItemSelectionModel::Rows);
        showCurrent();
        return true;
    }
    return false;
}

void ApprovalsView::showCurrent()
{
    const int row = m_table->currentRow();
    if (row >= 0 && row < m_queue.size())
        m_detail->showOrder(m_queue.at(row));
    else
        m_detail->clear();
    updateActions();
}

void ApprovalsView::updateActions()
{
    const bool can = m_actions && m_pending.isEmpty() && !currentNumber().isEmpty();
    m_approve->setEnabled(can);
    m_reject->setEnabled(can);
    m_refresh->setEnabled(m_actions && !m_loading);
}

bool ApprovalsView::approveCurrent(const QString &comment)
{
    return decide(true, comment);
}

bool ApprovalsView::rejectCurrent(const QString &comment)
{
    return decide(false, comment);
}

bool ApprovalsView::decide(bool approve, const QString &comment)
{
    const QString number = currentNumber();
    if (!m_actions || number.isEmpty() || !m_pending.isEmpty())
        return false;
    if (!approve && comment.trimmed().isEmpty()) {
        Q_EMIT message(tr("Say why %1 is rejected: the buyer sees the comment.").arg(number));
        return false;
    }
    m_pending = number;
    m_pendingApprove = approve;
    updateActions();
    Q_EMIT message(approve ? tr("Approving %1…").arg(number) : tr("Rejecting %1…").arg(number));
    if (approve)
        m_actions->approve(number, comment.trimmed());
    else
        m_actions->reject(number, comment.trimmed());
    return true;
}

void ApprovalsView::onUpdated(const Order &order)
{
    if (order.number != m_pending)
        return;
    m_pending.clear();
    for (qsizetype i = 0; i < m_queue.size(); ++i) {
        if (m_queue.at(i).number == order.number) {
            m_queue.removeAt(i);
            break;
        }
    }
    const int row = m_table->currentRow();
    fillTable();
    if (!m_queue.isEmpty())
        selectOrder(m_queue.at(std::clamp<qsizetype>(row, 0, m_queue.size() - 1)).number);
    updateActions();
    Q_EMIT message(order.status == OrderStatus::Rejected
                       ? tr("Rejected %1; %2 sees the decision in their order history.")
                             .arg(order.number, order.placedBy)
                       : tr("Approved %1; it goes on to the supplier.").arg(order.number));
    Q_EMIT decided(order);
}

void ApprovalsView::onFailed(const QString &number, const ApiError &error)
{
    if (number.isEmpty()) {
        if (!m_loading)
            return;
        m_loading = false;
        m_state->setText(ErrorMessages::isConnectivity(error)
                             ? tr("Offline: the orders waiting for approval come from the "
                                  "portal. Try again when the connection is back.")
                             : tr("The approvals could not be fetched: %1")
                                   .arg(ErrorMessages::forApiError(error)));
        updateActions();
        return;
    }
    if (number != m_pending)
        return;
    m_pending.clear();
    updateActions();
    const QString reason = ErrorMessages::isConnectivity(error)
                               ? tr("the portal cannot be reached; nothing was decided")
                               : ErrorMessages::forApiError(error);
    Q_EMIT message(m_pendingApprove ? tr("%1 was not approved: %2").arg(number, reason)
                                    : tr("%1 was not rejected: %2").arg(number, reason));
    // An order someone else decided meanwhile is no longer in the queue.
    if (error.httpStatus == 409 || error.httpStatus == 404)
        refresh();
}

void ApprovalsView::promptDecision(bool approve)
{
    const QString number = currentNumber();
    if (number.isEmpty())
        return;
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("decisionDialog"));
    dialog.setWindowTitle(approve ? tr("Approve %1").arg(number) : tr("Reject %1").arg(number));
    auto *label = new QLabel(approve ? tr("A comment for the buyer (optional):")
                                     : tr("Why is the order rejected? The buyer sees this."),
                             &dialog);
    auto *comment = new QPlainTextEdit(&dialog);
    comment->setObjectName(QStringLiteral("decisionComment"));
    comment->setTabChangesFocus(true);
    auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QPushButton *ok = box->button(QDialogButtonBox::Ok);
    ok->setText(approve ? tr("&Approve") : tr("Re&ject"));
    if (!approve) {
        // A rejection without a reason leaves the buyer guessing.
        ok->setEnabled(false);
        connect(comment, &QPlainTextEdit::textChanged, ok,
                [ok, comment] { ok->setEnabled(!comment->toPlainText().trimmed().isEmpty()); });
    }
    connect(box, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(box, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(label);
    layout->addWidget(comment);
    layout->addWidget(box);
    comment->setFocus();
    if (dialog.exec() != QDialog::Accepted)
        return;
    decide(approve, comment->toPlainText());
}

} // namespace qm
