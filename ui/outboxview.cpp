#include "ui/outboxview.h"

#include "core/problem.h"
#include "models/formatting.h"
#include "ui/errormessages.h"
#include "ui/orderreviewdialog.h"
#include "ui/outboxmodel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace qm {

namespace {

std::optional<Decimal> money(const QJsonObject &o, const char *key)
{
    return Decimal::parse(o.value(QLatin1String(key)).toString());
}

QString fieldErrors(const QJsonObject &extensions)
{
    QStringList out;
    for (const QJsonValue &v : extensions.value(QLatin1String("errors")).toArray()) {
        const QJsonObject e = v.toObject();
        const QString detail = e.value(QLatin1String("detail")).toString();
        const QString pointer = e.value(QLatin1String("pointer")).toString();
        if (!detail.isEmpty())
            out << (pointer.isEmpty() ? detail : OutboxView::tr("%1 (%2)").arg(detail, pointer));
    }
    return out.join(u'\n');
}

} // namespace

OutboxView::OutboxView(Database &db, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_model(new OutboxModel(db, this))
{
    setObjectName(QStringLiteral("outboxView"));
    const int ch = fontMetrics().averageCharWidth();

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("outboxTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->hide();
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(OutboxModel::CartColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(OutboxModel::StateColumn, ch * 20);
    m_table->setColumnWidth(OutboxModel::OrderColumn, ch * 12);
    m_table->setColumnWidth(OutboxModel::QueuedColumn, ch * 24);
    m_table->setColumnWidth(OutboxModel::AttemptsColumn, ch * 10);
    m_table->setColumnWidth(OutboxModel::TotalColumn, ch * 16);
    m_table->setColumnWidth(OutboxModel::NumberColumn, ch * 14);

    m_hideSent = new QCheckBox(tr("&Hide sent"), this);
    m_hideSent->setObjectName(QStringLiteral("hideSentBox"));
    connect(m_hideSent, &QCheckBox::toggled, this, [this](bool hide) {
        const auto current = currentOrder();
        m_model->setHideSent(hide);
        if (!current || !selectOrder(current->id))
            showCurrent();
    });
    m_sendNow = new QPushButton(tr("&Send Now"), this);
    m_sendNow->setObjectName(QStringLiteral("sendNowButton"));
    m_sendNow->setToolTip(tr("Send the queued orders to the portal now"));
    connect(m_sendNow, &QPushButton::clicked, this, &OutboxView::sendNow);

    auto *top = new QHBoxLayout;
    top->addWidget(m_hideSent);
    top->addStretch(1);
    top->addWidget(m_sendNow);

    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("outboxDetails"));
    m_details->setWordWrap(true);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_attention = new QLabel(this);
    m_attention->setObjectName(QStringLiteral("outboxAttention"));
    m_attention->setWordWrap(true);
    m_attention->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_attention->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_attention->setFrameShape(QFrame::StyledPanel);
    m_attention->setMargin(ch);
    m_attention->setStyleSheet(QStringLiteral("QLabel { background: #fff4e0; color: #5a3300; }"));
    m_attention->hide();

    m_review = new QPushButton(tr("&Review Changes…"), this);
    m_review->setObjectName(QStringLiteral("reviewButton"));
    m_review->setToolTip(tr("See what changed in prices and stock, then accept or edit"));
    m_retry = new QPushButton(tr("Re&try"), this);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_retry->setToolTip(tr("Send the order again unchanged"));
    m_edit = new QPushButton(tr("&Edit in Cart"), this);
    m_edit->setObjectName(QStringLiteral("editInCartButton"));
    m_edit->setToolTip(tr("Put the order's lines back into a cart and remove the order"));
    m_delete = new QPushButton(tr("&Delete…"), this);
    m_delete->setObjectName(QStringLiteral("deleteOrderButton"));
    connect(m_review, &QPushButton::clicked, this, &OutboxView::reviewCurrent);
    connect(m_retry, &QPushButton::clicked, this, &OutboxView::retryCurrent);
    connect(m_edit, &QPushButton::clicked, this, &OutboxView::editCurrentInCart);
    connect(m_delete, &QPushButton::clicked, this, &OutboxView::deleteCurrent);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_review);
    buttons->addWidget(m_retry);
    buttons->addWidget(m_edit);
    buttons->addStretch(1);
    buttons->addWidget(m_delete);

    auto *detailPane = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detailPane);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_details);
    detailLayout->addWidget(m_attention);
    detailLayout->addStretch(1);
    detailLayout->addLayout(buttons);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_table);
    splitter->addWidget(detailPane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({ch * 100, ch * 60});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &OutboxView::showCurrent);
    connect(m_model, &QAbstractItemModel::modelReset, this, &OutboxView::updateActions);
    showCurrent();
}

OutboxView::~OutboxView() = default;

void OutboxView::refresh()
{
    const auto current = currentOrder();
    m_model->reload();
    if (current && selectOrder(current->id))
        return;
    // Nothing chosen yet: the newest order, so that its details show.
    if (m_model->rowCount() > 0 && selectOrder(m_model->order(m_model->rowCount() - 1).id))
        return;
    showCurrent();
}

bool OutboxView::selectOrder(qint64 id)
{
    const int row = m_model->rowOfId(id);
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row, OutboxModel::StateColumn);
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    showCurrent();
    return true;
}

std::optional<OutboxOrder> OutboxView::currentOrder() const
{
    const QModelIndex index = m_table->currentIndex();
    if (!index.isValid() || index.row() >= m_model->rowCount())
        return std::nullopt;
    return m_model->order(index.row());
}

bool OutboxView::needsReview(const OutboxOrder &order)
{
    if (order.state != OutboxState::NeedsAttention || !order.replacedBy.isEmpty())
        return false;
    const auto problem = Problem::fromJson(order.problem);
    return problem && problem->slug() == problems::OrderNeedsReview;
}

QString OutboxView::attentionText(const OutboxOrder &order)
{
    if (order.state != OutboxState::NeedsAttention || !order.replacedBy.isEmpty())
        return {};
    const auto problem = Problem::fromJson(order.problem);
    const QString slug = problem ? problem->slug() : QString();
    const QLocale locale;
    if (slug == problems::OrderNeedsReview) {
        const int lines = int(orderLineProblems(problem->extensions).size());
        return tr("Prices or availability changed since the order was queued (%n line(s)). The "
                  "portal placed nothing and charged nothing.\nReview the changes: accept them "
                  "and submit, or edit the cart.",
                  nullptr, lines);
    }
    if (slug == problems::CreditLimitExceeded) {
        const QJsonObject &x = problem->extensions;
        const QString currency = x.value(QLatin1String("currency")).toString(order.currency);
        const auto total = money(x, "order_total");
        const auto available = money(x, "available");
        QString text =
            total && available
                ? tr("The order total of %1 is more than the account's available credit of %2.")
                      .arg(formatting::money(locale, *total, currency),
                           formatting::money(locale, *available, currency))
                : tr("The order is more than the account's available credit.");
        const auto limit = money(x, "limit");
        const auto balance = money(x, "balance");
        const auto open = money(x, "open");
        if (limit && balance && open)
            text += u' ' + tr("Credit limit %1, balance %2, open orders %3.")
                               .arg(formatting::money(locale, *limit, currency),
                                    formatting::money(locale, *balance, currency),
                                    formatting::money(locale, *open, currency));
        return text + u'\n' +
               tr("Contact the supplier to raise the limit or settle open invoices, then Retry; "
                  "or Retry later, when open orders have been invoiced and paid. Edit in Cart "
                  "makes the order smaller.");
    }
    if (slug == problems::UnknownShipTo) {
        return tr("The ship-to location %1 is not one of the account's locations any more.")
                   .arg(order.submission.shipTo) +
               u'\n' + tr("Edit in Cart and submit it again with another ship-to location.");
    }
    if (slug == problems::Forbidden || order.problemStatus == 403) {
        return tr("The portal refused the order: your role may not submit orders.") + u'\n' +
               tr("Ask your account administrator for the buyer role, then Retry; or ask a "
                  "colleague who may order to submit the cart.");
    }
    if (slug == problems::InvalidOrder) {
        const QString errors = fieldErrors(problem->extensions);
        return tr("The portal found the order invalid.") +
               (errors.isEmpty() ? QString() : u'\n' + errors) + u'\n' +
               tr("Edit in Cart to correct it and submit it again.");
    }
    if (slug == problems::IdempotencyKeyReused || slug == problems::IdempotencyKeyMismatch) {
        return tr("The portal already has a different order under this order's id, so it cannot "
                  "place this one under it.") +
               u'\n' + tr("Edit in Cart to submit the lines as a new order.");
    }
    QString text = problem ? ErrorMessages::forProblemSlug(slug)
                           : tr("The portal refused the order (HTTP %1).").arg(order.problemStatus);
    if (problem && !problem->detail.isEmpty())
        text += u'\n' + problem->detail;
    return text + u'\n' + tr("Retry, Edit in Cart or Delete the order.");
}

void OutboxView::showCurrent()
{
    const auto order = currentOrder();
    if (!order) {
        m_details->setText(m_model->rowCount() == 0
                               ? tr("No orders in the outbox. Submit a cart to place an order; "
                                    "it waits here until the portal has it.")
                               : tr("Select an order to see its details."));
        m_attention->hide();
        updateActions();
        return;
    }
    const QLocale locale;
    QStringList rows;
    rows << tr("Order %1 · %2").arg(order->clientOrderId, OutboxModel::stateText(order->state));
    if (!order->replacedBy.isEmpty())
        rows << tr("Replaced by order %1 with the prices you accepted; this one is not sent.")
                    .arg(OutboxModel::shortId(order->replacedBy));
    if (!order->orderNumber.isEmpty())
        rows << tr("Portal number: %1").arg(order->orderNumber);
    if (!order->cartName.isEmpty())
        rows << tr("From the cart: %1").arg(order->cartName);
    rows << tr("Queued: %1")
                .arg(locale.toString(order->queuedAt.toLocalTime(), QLocale::LongFormat));
    rows << tr("%Ln line(s), total %1", nullptr, int(order->submission.lines.size()))
                .arg(formatting::money(locale, order->expectedTotal, order->currency));
    rows << tr("Ship to: %1").arg(order->submission.shipTo);
    if (!order->submission.poNumber.isEmpty())
        rows << tr("PO number: %1").arg(order->submission.poNumber);
    if (order->submission.requestedDelivery.isValid())
        rows << tr("Requested delivery: %1")
                    .arg(locale.toString(order->submission.requestedDelivery, QLocale::LongFormat));
    if (order->attempts > 0)
        rows << tr("Sends started: %1").arg(locale.toString(order->attempts));
    if (order->state == OutboxState::Queued && !order->lastError.isEmpty()) {
        rows << tr("The last send got no answer: %1").arg(order->lastError);
        if (order->nextAttemptAt.isValid())
            rows << tr("Next try: %1")
                        .arg(locale.toString(order->nextAttemptAt.toLocalTime(),
                                             QLocale::ShortFormat));
    }
    if (order->state == OutboxState::Queued && order->attempts == 0)
        rows << tr("Waiting to be sent: it goes out with the next sync when online.");
    m_details->setText(rows.join(u'\n'));

    const QString attention = attentionText(*order);
    m_attention->setText(attention);
    m_attention->setVisible(!attention.isEmpty());
    updateActions();
}

void OutboxView::updateActions()
{
    const auto order = currentOrder();
    const OutboxState state =
        order && order->replacedBy.isEmpty() ? order->state : OutboxState::Sent;
    const bool removable =
        order && (state == OutboxState::Queued || state == OutboxState::NeedsAttention);
    m_review->setVisible(order && needsReview(*order));
    m_retry->setEnabled(state == OutboxState::NeedsAttention && !needsReview(*order));
    m_edit->setEnabled(removable);
    m_delete->setEnabled(removable);
    m_delete->setToolTip(order && state == OutboxState::Sent
                             ? tr("The portal has this order: it cannot be deleted here.")
                             : tr("Remove the order without sending it"));
    bool anyQueued = false;
    for (int row = 0; row < m_model->rowCount() && !anyQueued; ++row)
        anyQueued = m_model->order(row).state == OutboxState::Queued;
    m_sendNow->setEnabled(anyQueued);
}

void OutboxView::reviewCurrent()
{
    const auto order = currentOrder();
    if (!order || !needsReview(*order))
        return;
    OrderReviewDialog dialog(m_db, *order, this);
    Q_EMIT reviewOpened(&dialog);
    dialog.exec();
    switch (dialog.outcome()) {
    case OrderReviewDialog::Outcome::Accepted:
        refresh();
        if (dialog.newOrder())
            selectOrder(dialog.newOrder()->id);
        Q_EMIT outboxChanged();
        Q_EMIT message(tr("Queued the order with the new prices."));
        Q_EMIT sendRequested();
        break;
    case OrderReviewDialog::Outcome::ReturnedToCart:
        refresh();
        Q_EMIT outboxChanged();
        Q_EMIT returnedToCart(dialog.cartId());
        Q_EMIT message(tr("The order's lines are back in the cart."));
        break;
    case OrderReviewDialog::Outcome::None:
        break;
    }
}

bool OutboxView::retryCurrent()
{
    const auto order = currentOrder();
    if (!order)
        return false;
    QString error;
    if (!OrderStore(m_db).retry(order->id, &error)) {
        Q_EMIT message(tr("The order was not queued again: %1").arg(error));
        return false;
    }
    refresh();
    Q_EMIT outboxChanged();
    Q_EMIT message(tr("Order %1 queued again.").arg(OutboxModel::shortId(order->clientOrderId)));
    Q_EMIT sendRequested();
    return true;
}

bool OutboxView::editCurrentInCart()
{
    const auto order = currentOrder();
    if (!order)
        return false;
    const QString cartName = order->cartName.isEmpty() ? tr("Cart") : order->cartName;
    QString error;
    const auto cart = OrderStore(m_db).returnToCart(order->id, cartName, &error);
    if (!cart) {
        Q_EMIT message(tr("The order's lines were not put back into a cart: %1").arg(error));
        return false;
    }
    refresh();
    Q_EMIT outboxChanged();
    Q_EMIT returnedToCart(*cart);
    Q_EMIT message(tr("The lines of order %1 are in the cart “%2” again; the order was removed.")
                       .arg(OutboxModel::shortId(order->clientOrderId), cartName));
    return true;
}

bool OutboxView::deleteCurrent()
{
    const auto order = currentOrder();
    if (!order)
        return false;
    if (order->state == OutboxState::Sent || order->state == OutboxState::Sending) {
        Q_EMIT message(order->state == OutboxState::Sent
                           ? tr("Order %1 is with the portal already; it cannot be deleted.")
                                 .arg(order->orderNumber)
                           : tr("The order is being sent; wait for the answer."));
        return false;
    }
    QString question =
        tr("Delete order %1 (%2, %3) without sending it? This cannot be undone.")
            .arg(OutboxModel::shortId(order->clientOrderId),
                 order->cartName.isEmpty() ? tr("no cart") : order->cartName,
                 formatting::money(QLocale(), order->expectedTotal, order->currency));
    if (order->state == OutboxState::Queued && order->attempts > 0)
        question += u'\n' + tr("An earlier send got no answer: the portal may have the order "
                               "already.");
    QMessageBox box(QMessageBox::Question, tr("Delete Order"), question, QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("confirmDeleteOrder"));
    QPushButton *remove = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("confirmDeleteButton"));
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != remove)
        return false;
    QString error;
    if (!OrderStore(m_db).deleteOrder(order->id, &error)) {
        Q_EMIT message(tr("The order was not deleted: %1").arg(error));
        return false;
    }
    refresh();
    Q_EMIT outboxChanged();
    Q_EMIT message(tr("Order %1 deleted.").arg(OutboxModel::shortId(order->clientOrderId)));
    return true;
}

void OutboxView::sendNow()
{
    // The user asked for it: orders waiting out a back-off go now too.
    QString error;
    if (!OrderStore(m_db).sendWaitingNow(&error)) {
        Q_EMIT message(tr("The outbox could not be updated: %1").arg(error));
        return;
    }
    refresh();
    Q_EMIT sendRequested();
}

} // namespace qm
