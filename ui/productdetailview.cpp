#include "ui/productdetailview.h"

#include "models/formatting.h"
#include "sync/thumbnailcache.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPixmap>
#include <QScrollBar>
#include <QStackedWidget>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace qm {

namespace {

QLabel *makeLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// The side of the thumbnail in device-independent pixels (the portal's images are 160).
constexpr int ThumbnailSide = 160;

QTableWidget *makeTable(QWidget *parent, const QString &objectName, const QStringList &headers)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setFocusPolicy(Qt::NoFocus);
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->setWordWrap(false);
    table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    table->horizontalHeader()->setHighlightSections(false);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return table;
}

// Rows of text; columns listed in `numeric` are right-aligned. Bold rows are emphasised.
void fillTable(QTableWidget *table, const QList<QStringList> &rows, const QList<int> &numeric,
               int boldRow = -1)
{
    table->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        for (int c = 0; c < rows.at(r).size() && c < table->columnCount(); ++c) {
            auto *item = new QTableWidgetItem(rows.at(r).at(c));
            item->setToolTip(rows.at(r).at(c));
            if (numeric.contains(c))
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (r == boldRow) {
                QFont f = item->font();
                f.setBold(true);
                item->setFont(f);
            }
            table->setItem(r, c, item);
        }
    }
    for (int c : numeric) {
        if (auto *header = table->horizontalHeaderItem(c))
            header->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    table->resizeRowsToContents();
    // Show every row: the pane scrolls, not each table.
    int height = table->horizontalHeader()->sizeHint().height() + 2 * table->frameWidth();
    for (int r = 0; r < table->rowCount(); ++r)
        height += table->rowHeight(r);
    table->setFixedHeight(height);
    table->setVisible(!rows.isEmpty());
}

QString ruleValidity(const PriceRule &rule, const QLocale &locale)
{
    if (rule.validFrom.isValid() && rule.validTo.isValid())
        return ProductDetailView::tr("valid %1 to %2")
            .arg(locale.toString(rule.validFrom, QLocale::ShortFormat),
                 locale.toString(rule.validTo, QLocale::ShortFormat));
    if (rule.validFrom.isValid())
        return ProductDetailView::tr("valid from %1")
            .arg(locale.toString(rule.validFrom, QLocale::ShortFormat));
    if (rule.validTo.isValid())
        return ProductDetailView::tr("valid until %1")
            .arg(locale.toString(rule.validTo, QLocale::ShortFormat));
    return ProductDetailView::tr("no end date");
}

QString kindText(PriceRule::Kind kind)
{
    return kind == PriceRule::Kind::Contract ? ProductDetailView::tr("Contract")
                                             : ProductDetailView::tr("List");
}

} // namespace

ProductDetailView::ProductDetailView(QWidget *parent)
    : QScrollArea(parent)
    , m_stack(new QStackedWidget(this))
{
    setObjectName(QStringLiteral("productDetail"));
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *empty = new QLabel(tr("Select a product to see its prices, stock and packs."), m_stack);
    empty->setObjectName(QStringLiteral("emptyLabel"));
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    empty->setEnabled(false);
    m_stack->addWidget(empty);

    auto *page = new QWidget(m_stack);
    auto *layout = new QVBoxLayout(page);
    const int margin = style()->pixelMetric(QStyle::PM_LayoutLeftMargin);
    layout->setContentsMargins(margin * 2, margin, margin * 2, margin * 2);
    layout->setSpacing(style()->pixelMetric(QStyle::PM_LayoutVerticalSpacing));

    // The thumbnail sits left of the name, SKU and category.
    m_thumbnail = new QLabel(page);
    m_thumbnail->setObjectName(QStringLiteral("thumbnailLabel"));
    m_thumbnail->setFixedSize(ThumbnailSide, ThumbnailSide);
    m_thumbnail->setAlignment(Qt::AlignCenter);
    m_thumbnail->setWordWrap(true);
    m_thumbnail->setFrameShape(QFrame::StyledPanel);
    m_thumbnail->setForegroundRole(QPalette::PlaceholderText);
    m_thumbnail->hide();

    m_name = makeLabel(page, QStringLiteral("nameLabel"));
    QFont title = m_name->font();
    title.setPointSizeF(title.pointSizeF() * 1.35);
    title.setBold(true);
    m_name->setFont(title);
    m_skuLine = makeLabel(page, QStringLiteral("skuLabel"));
    m_category = makeLabel(page, QStringLiteral("categoryLabel"));
    m_category->setEnabled(false);
    m_discontinued = makeLabel(page, QStringLiteral("discontinuedLabel"));
    m_discontinued->setText(tr("Discontinued: can no longer be ordered once stock runs out."));
    m_description = makeLabel(page, QStringLiteral("descriptionLabel"));
    auto *header = new QHBoxLayout;
    header->setSpacing(margin * 2);
    header->addWidget(m_thumbnail, 0, Qt::AlignTop);
    auto *headerText = new QVBoxLayout;
    headerText->setSpacing(layout->spacing());
    headerText->addWidget(m_name);
    headerText->addWidget(m_skuLine);
    headerText->addWidget(m_category);
    headerText->addStretch(1);
    header->addLayout(headerText, 1);
    layout->addLayout(header);
    layout->addWidget(m_discontinued);
    layout->addWidget(m_description);

    layout->addWidget(addSection(tr("Your price")));
    m_price = makeLabel(page, QStringLiteral("priceLabel"));
    QFont priceFont = m_price->font();
    priceFont.setPointSizeF(priceFont.pointSizeF() * 1.2);
    priceFont.setBold(true);
    m_price->setFont(priceFont);
    m_priceRule = makeLabel(page, QStringLiteral("priceRuleLabel"));
    m_rules = makeTable(page, QStringLiteral("priceTable"),
                        {tr("Price"), tr("Unit"), tr("From qty"), tr("Unit price"),
                         tr("Valid from"), tr("Valid to")});
    layout->addWidget(m_price);
    layout->addWidget(m_priceRule);
    layout->addWidget(m_rules);

    layout->addWidget(addSection(tr("Stock")));
    m_stockTotal = makeLabel(page, QStringLiteral("stockLabel"));
    m_stock = makeTable(page, QStringLiteral("stockTable"),
                        {tr("Warehouse"), tr("On hand"), tr("Lead time"), tr("Next receipt")});
    layout->addWidget(m_stockTotal);
    layout->addWidget(m_stock);

    layout->addWidget(addSection(tr("Packs")));
    m_ordering = makeLabel(page, QStringLiteral("orderingLabel"));
    m_packs = makeTable(page, QStringLiteral("packTable"),
                        {tr("Unit"), tr("Pack"), tr("Quantity"), tr("GTIN")});
    layout->addWidget(m_ordering);
    layout->addWidget(m_packs);

    layout->addWidget(addSection(tr("Attributes")));
    m_attributes =
        makeTable(page, QStringLiteral("attributeTable"), {tr("Attribute"), tr("Value")});
    layout->addWidget(m_attributes);
    layout->addStretch(1);

    m_stack->addWidget(page);
    setWidget(m_stack);
}

QLabel *ProductDetailView::addSection(const QString &title)
{
    auto *label = new QLabel(title, m_stack);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    label->setContentsMargins(0, label->fontMetrics().height() / 2, 0, 0);
    return label;
}

void ProductDetailView::setPricesShown(bool shown, const QString &reason)
{
    m_pricesShown = shown;
    m_pricesReason = reason;
    if (!shown) {
        m_price->setText(tr("Prices not shown"));
        m_priceRule->setText(reason);
        fillTable(m_rules, {}, {});
    }
    m_rules->setVisible(shown);
}

void ProductDetailView::clear()
{
    m_sku.clear();
    m_stack->setCurrentIndex(0);
}

void ProductDetailView::showProduct(const ProductDetails &details, QDate priceDay)
{
    const QLocale locale;
    const Product &p = details.product;
    m_sku = p.sku;
    m_name->setText(p.name);
    QStringList line{tr("SKU %1").arg(p.sku)};
    if (!p.brand.isEmpty())
        line << p.brand;
    m_skuLine->setText(line.join(QStringLiteral("  ·  ")));
    m_category->setText(p.categoryPath.join(QStringLiteral(" › ")));
    m_category->setVisible(!p.categoryPath.isEmpty());
    m_discontinued->setVisible(p.discontinued);
    m_description->setText(p.description);
    m_description->setVisible(!p.description.isEmpty());

    // Price
    m_rules->setVisible(m_pricesShown);
    if (!m_pricesShown) {
        m_price->setText(tr("Prices not shown"));
        m_priceRule->setText(m_pricesReason);
        fillTable(m_rules, {}, {});
    } else if (details.prices) {
        const ProductPrices &prices = *details.prices;
        const qint64 qty = std::max<qint64>(1, p.minOrderQty);
        const auto quote = resolvePrice(prices.rules, p.baseUom, qty, priceDay);
        if (quote) {
            m_price->setText(
                tr("%1 per %2")
                    .arg(formatting::money(locale, quote->unitPrice, prices.currency), p.baseUom));
            const QString kind = quote->rule.kind == PriceRule::Kind::Contract
                                     ? tr("Your contract price")
                                     : tr("List price");
            m_priceRule->setText(tr("%1, %2; prices as of %3")
                                     .arg(kind, ruleValidity(quote->rule, locale),
                                          locale.toString(priceDay, QLocale::ShortFormat)));
        } else {
            m_price->setText(tr("No price today"));
            m_priceRule->setText(tr("No price rule applies on %1.")
                                     .arg(locale.toString(priceDay, QLocale::ShortFormat)));
        }
        QList<PriceRule> rules = prices.rules;
        std::stable_sort(rules.begin(), rules.end(), [](const PriceRule &a, const PriceRule &b) {
            if (a.uom != b.uom)
                return a.uom < b.uom;
            if (a.minQty != b.minQty)
                return a.minQty < b.minQty;
            return a.kind < b.kind;
        });
        QList<QStringList> rows;
        int bold = -1;
        for (const PriceRule &r : std::as_const(rules)) {
            if (quote && r.kind == quote->rule.kind && r.uom == quote->rule.uom &&
                r.minQty == quote->rule.minQty && r.unitPrice == quote->rule.unitPrice &&
                r.validFrom == quote->rule.validFrom)
                bold = int(rows.size());
            rows.append({kindText(r.kind), r.uom, locale.toString(r.minQty),
                         formatting::money(locale, r.unitPrice, prices.currency),
                         r.validFrom.isValid() ? locale.toString(r.validFrom, QLocale::ShortFormat)
                                               : QStringLiteral("—"),
                         r.validTo.isValid() ? locale.toString(r.validTo, QLocale::ShortFormat)
                                             : QStringLiteral("—")});
        }
        fillTable(m_rules, rows, {2, 3}, bold);
    } else {
        m_price->setText(tr("Not available"));
        m_priceRule->setText(tr("Your role does not show prices, or none were synced yet."));
        fillTable(m_rules, {}, {});
    }

    // Stock
    if (details.stock) {
        const ProductStock &stock = *details.stock;
        m_stockTotal->setText(
            tr("%1 %2 on hand in %n warehouse(s)", nullptr, int(stock.levels.size()))
                .arg(locale.toString(stock.totalOnHand()), p.baseUom));
        QList<QStringList> rows;
        for (const StockLevel &s : stock.levels) {
            const QString lead =
                s.leadTimeDays > 0 ? tr("%n day(s)", nullptr, s.leadTimeDays) : QStringLiteral("—");
            const QString receipt =
                s.nextReceiptDate.isValid()
                    ? tr("%1 on %2")
                          .arg(locale.toString(s.nextReceiptQty),
                               locale.toString(s.nextReceiptDate, QLocale::ShortFormat))
                    : QStringLiteral("—");
            rows.append({tr("%1 (%2)").arg(s.warehouseName, s.warehouse), locale.toString(s.onHand),
                         lead, receipt});
        }
        fillTable(m_stock, rows, {1, 2});
    } else {
        m_stockTotal->setText(tr("No stock information."));
        fillTable(m_stock, {}, {});
    }

    // Packs and ordering
    QStringList ordering;
    if (p.minOrderQty > 1)
        ordering << tr("Minimum order %1 %2").arg(locale.toString(p.minOrderQty), p.baseUom);
    if (p.orderMultiple > 1)
        ordering << tr("in multiples of %1 %2").arg(locale.toString(p.orderMultiple), p.baseUom);
    m_ordering->setText(ordering.isEmpty() ? tr("Sold in units of %1.").arg(p.baseUom)
                                           : ordering.join(QStringLiteral(", ")));
    QList<QStringList> packRows;
    for (const Pack &pack : p.packs)
        packRows.append({pack.uom, pack.name, locale.toString(pack.quantity),
                         pack.gtin.isEmpty() ? QStringLiteral("—") : pack.gtin});
    fillTable(m_packs, packRows, {2});

    QList<QStringList> attributeRows;
    for (auto it = p.attributes.cbegin(); it != p.attributes.cend(); ++it) {
        QString key = it.key();
        key.replace(QLatin1Char('_'), QLatin1Char(' '));
        if (!key.isEmpty())
            key[0] = key.at(0).toUpper();
        attributeRows.append({key, it.value()});
    }
    fillTable(m_attributes, attributeRows, {});

    m_stack->setCurrentIndex(1);
    verticalScrollBar()->setValue(0);
    requestThumbnail();
}

void ProductDetailView::setThumbnailCache(ThumbnailCache *cache)
{
    m_thumbnails = cache;
    m_thumbnail->setVisible(cache != nullptr);
    if (!m_sku.isEmpty())
        requestThumbnail();
}

ThumbnailCache *ProductDetailView::thumbnailCache() const
{
    return m_thumbnails;
}

QString ProductDetailView::thumbnailState() const
{
    return m_thumbnail->property("thumbnailState").toString();
}

void ProductDetailView::showThumbnailPlaceholder(const QString &state)
{
    m_thumbnail->setPixmap({});
    m_thumbnail->setText(state == u"loading" ? tr("Loading picture…") : tr("No picture"));
    m_thumbnail->setProperty("thumbnailState", state);
}

void ProductDetailView::requestThumbnail()
{
    if (!m_thumbnails || m_sku.isEmpty())
        return;
    showThumbnailPlaceholder(QStringLiteral("loading"));
    // The fetch answers from the event loop; an answer for a product no longer shown is
    // ignored (onThumbnail compares the SKU).
    ThumbnailFetch *fetch = m_thumbnails->fetch(m_sku);
    connect(fetch, &ThumbnailFetch::finished, this, [this, fetch] { onThumbnail(fetch); });
}

void ProductDetailView::onThumbnail(ThumbnailFetch *fetch)
{
    if (fetch->sku() != m_sku)
        return;
    QPixmap pixmap;
    if (!fetch->hasImage() || !pixmap.loadFromData(fetch->image(), "PNG")) {
        showThumbnailPlaceholder(QStringLiteral("none"));
        return;
    }
    const qreal ratio = devicePixelRatioF();
    pixmap = pixmap.scaled(QSize(ThumbnailSide, ThumbnailSide) * ratio, Qt::KeepAspectRatio,
                           Qt::SmoothTransformation);
    pixmap.setDevicePixelRatio(ratio);
    m_thumbnail->setText({});
    m_thumbnail->setPixmap(pixmap);
    m_thumbnail->setProperty("thumbnailState", QStringLiteral("image"));
}

} // namespace qm
