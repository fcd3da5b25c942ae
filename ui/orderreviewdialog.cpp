#include "ui/orderreviewdialog.h"

#include "models/catalogquery.h"
#include "models/formatting.h"
#include "ui/linenotice.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace qm {

namespace {

QString quantityText(const QLocale &locale, qint64 quantity, const QString &uom)
{
    return uom.isEmpty() ? locale.toString(quantity)
                         : OrderReviewDialog::tr("%1 %2").arg(locale.toString(quantity), uom);
}

QString changeText(OrderLineProblem::Kind kind)
{
    switch (kind) {
    case OrderLineProblem::Kind::PriceChanged:
        return OrderReviewDialog::tr("Price changed");
    case OrderLineProblem::Kind::QuantityAdjusted:
        return OrderReviewDialog::tr("Quantity adjusted");
    case OrderLineProblem::Kind::Unavailable:
        return OrderReviewDialog::tr("No longer available");
    case OrderLineProblem::Kind::InsufficientStock:
        return OrderReviewDialog::tr("Short stock");
    }
    return {};
}

QColor changeColor(OrderLineProblem::Kind kind)
{
    return kind == OrderLineProblem::Kind::Unavailable ? QColor(0xb0, 0x20, 0x20)
                                                       : QColor(0xb3, 0x6b, 0x00);
}

} // namespace

OrderReviewDialog::OrderReviewDialog(Database &db, const OutboxOrder &order, QWidget *parent)
    : QDialog(parent)
    , m_db(db)
    , m_order(order)
{
    setObjectName(QStringLiteral("orderReviewDialog"));
    setWindowTitle(tr("Review Changes"));
    const int ch = fontMetrics().averageCharWidth();
    resize(ch * 130, fontMetrics().height() * 28);

    m_problems = orderLineProblems(QJsonDocument::fromJson(order.problem).object());

    m_intro = new QLabel(this);
    m_intro->setObjectName(QStringLiteral("reviewIntro"));
    m_intro->setWordWrap(true);
    m_intro->setText(
        tr("The portal has not placed this order: prices or availability changed since it was "
           "queued on %1. Nothing has been ordered or charged. Check every change below, then "
           "accept the changes and submit, or edit the cart.")
            .arg(QLocale().toString(order.queuedAt.toLocalTime(), QLocale::ShortFormat)));

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("reviewTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("SKU"), tr("Product"), tr("Change"), tr("Before"), tr("After"), tr("Why")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->hide();
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(WhyColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(SkuColumn, ch * 14);
    m_table->setColumnWidth(ProductColumn, ch * 28);
    m_table->setColumnWidth(ChangeColumn, ch * 18);
    m_table->setColumnWidth(BeforeColumn, ch * 16);
    m_table->setColumnWidth(AfterColumn, ch * 22);

    m_totals = new QLabel(this);
    m_totals->setObjectName(QStringLiteral("reviewTotals"));
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("reviewError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b02020;"));
    m_error->hide();

    auto *buttons = new QDialogButtonBox(this);
    m_accept = buttons->addButton(tr("&Accept and Submit"), QDialogButtonBox::AcceptRole);
    m_accept->setObjectName(QStringLiteral("acceptChangesButton"));
    m_editCart = buttons->addButton(tr("&Edit Cart"), QDialogButtonBox::ActionRole);
    m_editCart->setObjectName(QStringLiteral("editCartButton"));
    QPushButton *close = buttons->addButton(QDialogButtonBox::Cancel);
    close->setText(tr("Decide Later"));
    m_accept->setDefault(false);
    m_accept->setAutoDefault(false);
    connect(m_accept, &QPushButton::clicked, this, &OrderReviewDialog::acceptChanges);
    connect(m_editCart, &QPushButton::clicked, this, &OrderReviewDialog::returnToCart);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_totals);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    fill();
}

OrderReviewDialog::~OrderReviewDialog() = default;

Decimal OrderReviewDialog::revisedTotal(const OrderSubmission &submission,
                                        const QList<OrderLineProblem> &problems,
                                        const QString &currency)
{
    const int digits = currencyMinorDigits(currency);
    Decimal total;
    for (int i = 0; i < submission.lines.size(); ++i) {
        const OrderSubmissionLine &line = submission.lines.at(i);
        Decimal price = line.unitPrice;
        qint64 quantity = line.quantity;
        bool dropped = false;
        for (const OrderLineProblem &p : problems) {
            if (p.index != i)
                continue;
            if (p.kind == OrderLineProblem::Kind::Unavailable)
                dropped = true;
            else if (p.kind == OrderLineProblem::Kind::PriceChanged && p.current)
                price = *p.current;
            else if (p.kind == OrderLineProblem::Kind::QuantityAdjusted && p.adjusted)
                quantity = *p.adjusted;
        }
        if (dropped)
            continue;
        const auto lineTotal = price.times(quantity);
        if (lineTotal)
            total = total + lineTotal->rounded(digits);
    }
    return total;
}

void OrderReviewDialog::fill()
{
    const QLocale locale;
    const CatalogQuery catalog(m_db);
    const QString currency = m_order.currency;
    const QList<OrderSubmissionLine> &lines = m_order.submission.lines;
    m_table->setRowCount(0);
    for (const OrderLineProblem &p : m_problems) {
        const OrderSubmissionLine *line =
            p.index >= 0 && p.index < lines.size() ? &lines.at(p.index) : nullptr;
        const QString sku = p.sku.isEmpty() && line ? line->sku : p.sku;
        const QString uom = line ? line->uom : QString();
        const auto details = catalog.product(sku);
        QString before;
        QString after;
        QString why;
        switch (p.kind) {
        case OrderLineProblem::Kind::PriceChanged:
            before =
                p.seen ? formatting::money(locale, *p.seen, currency)
                       : (line ? formatting::money(locale, line->unitPrice, currency) : QString());
            after = p.current ? formatting::money(locale, *p.current, currency) : QString();
            why = p.priceRuleSource.isEmpty()
                      ? tr("Today's price")
                      : tr("Today's price: %1").arg(linenotice::fromNote(p.priceRuleSource));
            break;
        case OrderLineProblem::Kind::QuantityAdjusted:
            before = quantityText(locale, p.requested.value_or(line ? line->quantity : 0), uom);
            after = p.adjusted ? quantityText(locale, *p.adjusted, uom) : QString();
            why = linenotice::fromNote(p.adjustments.join(u','));
            break;
        case OrderLineProblem::Kind::Unavailable:
            before = line ? quantityText(locale, line->quantity, uom) : QString();
            after = tr("left out of the order");
            why = p.reason.isEmpty() ? tr("The portal cannot supply it.")
                                     : linenotice::fromNote(p.reason);
            break;
        case OrderLineProblem::Kind::InsufficientStock: {
            before = line ? quantityText(locale, line->quantity, uom) : QString();
            after = tr("%1 in stock, %2 back-ordered")
                        .arg(locale.toString(p.available.value_or(0)),
                             locale.toString(p.backordered.value_or(0)));
            if (p.availableOn.isValid())
                why = tr("The rest is expected on %1.")
                          .arg(locale.toString(p.availableOn, QLocale::ShortFormat));
            else if (p.leadTimeDays)
                why = tr("The rest is expected in %n day(s).", nullptr, *p.leadTimeDays);
            else
                why = tr("No date for the rest yet.");
            break;
        }
        }
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto set = [&](int column, const QString &text) {
            auto *item = new QTableWidgetItem(text);
            if (column == BeforeColumn || column == AfterColumn)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(row, column, item);
            return item;
        };
        set(SkuColumn, sku)->setData(Qt::UserRole, p.index);
        set(ProductColumn, details ? details->product.name : QString());
        set(ChangeColumn, changeText(p.kind))->setForeground(changeColor(p.kind));
        set(BeforeColumn, before);
        set(AfterColumn, after);
        set(WhyColumn, why);
    }

    const Decimal revised = revisedTotal(m_order.submission, m_problems, currency);
    const Decimal difference = revised - m_order.expectedTotal;
    QString diff = formatting::money(
        locale, difference.isNegative() ? Decimal() - difference : difference, currency);
    diff = difference.isNegative() ? tr("%1 less").arg(diff)
           : difference.isZero()   ? tr("no difference")
                                   : tr("%1 more").arg(diff);
    m_totals->setText(tr("Total when queued: %1 · New total: %2 (%3)")
                          .arg(formatting::money(locale, m_order.expectedTotal, currency),
                               formatting::money(locale, revised, currency), diff));

    const bool anyLeft = [&] {
        for (int i = 0; i < lines.size(); ++i) {
            bool dropped = false;
            for (const OrderLineProblem &p : m_problems)
                dropped =
                    dropped || (p.index == i && p.kind == OrderLineProblem::Kind::Unavailable);
            if (!dropped)
                return true;
        }
        return false;
    }();
    m_accept->setEnabled(anyLeft);
    if (!anyLeft)
        m_accept->setToolTip(tr("None of the order's items can be ordered any more."));
}

void OrderReviewDialog::fail(const QString &error)
{
    m_error->setText(error);
    m_error->show();
}

bool OrderReviewDialog::acceptChanges()
{
    QString error;
    const auto placed = OrderStore(m_db).acceptReview(m_order.id, &error);
    if (!placed) {
        fail(tr("The order with the changes could not be queued: %1").arg(error));
        return false;
    }
    m_newOrder = placed;
    m_outcome = Outcome::Accepted;
    accept();
    return true;
}

bool OrderReviewDialog::returnToCart()
{
    QString error;
    const QString cartName = m_order.cartName.isEmpty() ? tr("Cart") : m_order.cartName;
    const auto cart = OrderStore(m_db).returnToCart(m_order.id, cartName, &error);
    if (!cart) {
        fail(tr("The lines could not be put back into the cart: %1").arg(error));
        return false;
    }
    m_cartId = *cart;
    m_outcome = Outcome::ReturnedToCart;
    accept();
    return true;
}

} // namespace qm
