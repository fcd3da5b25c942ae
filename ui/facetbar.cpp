#include "ui/facetbar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QTimer>

#include <algorithm>

namespace qm {

namespace {

QComboBox *facetBox(QWidget *parent, const QString &name, const QString &toolTip)
{
    auto *box = new QComboBox(parent);
    box->setObjectName(name);
    box->setToolTip(toolTip);
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    box->setMinimumContentsLength(12);
    box->setMaxVisibleItems(20);
    return box;
}

} // namespace

FacetBar::FacetBar(Database &db, QWidget *parent)
    : QWidget(parent)
    , m_query(db)
    , m_category(facetBox(this, QStringLiteral("categoryFacet"), tr("Show only this category")))
    , m_brand(facetBox(this, QStringLiteral("brandFacet"), tr("Show only this brand")))
    , m_material(facetBox(this, QStringLiteral("materialFacet"), tr("Show only this material")))
    , m_inStock(new QCheckBox(this))
    , m_corrections(new QLabel(this))
    , m_recount(new QTimer(this))
{
    m_recount->setSingleShot(true);
    m_recount->setInterval(RecountDelayMs);
    connect(m_recount, &QTimer::timeout, this, &FacetBar::recount);
    setObjectName(QStringLiteral("facetBar"));
    m_inStock->setObjectName(QStringLiteral("inStockFacet"));
    m_inStock->setToolTip(tr("Show only products in stock in any warehouse"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_category);
    layout->addWidget(m_brand);
    layout->addWidget(m_material);
    layout->addWidget(m_inStock);
    m_corrections->setObjectName(QStringLiteral("correctionLabel"));
    m_corrections->setToolTip(tr("Nothing in the catalog starts with these words as typed"));
    m_corrections->hide();
    layout->addWidget(m_corrections);
    layout->addStretch(1);
    setTabOrder(m_category, m_brand);
    setTabOrder(m_brand, m_material);
    setTabOrder(m_material, m_inStock);

    for (QComboBox *box : {m_category, m_brand, m_material})
        connect(box, &QComboBox::currentIndexChanged, this, &FacetBar::readSelection);
    connect(m_inStock, &QCheckBox::toggled, this, &FacetBar::readSelection);
    recount();
}

void FacetBar::setSearchText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    // The results come first; the counts follow when typing pauses.
    m_recount->start();
}

void FacetBar::refresh()
{
    m_recount->stop();
    recount();
}

void FacetBar::clear()
{
    if (m_filter.isEmpty())
        return;
    m_filter = {};
    recount();
    Q_EMIT filterChanged();
}

void FacetBar::readSelection()
{
    if (m_filling)
        return;
    SearchFilter next;
    next.category = m_category->currentData().toString();
    next.brand = m_brand->currentData().toString();
    next.material = m_material->currentData().toString();
    next.inStockOnly = m_inStock->isChecked();
    m_filter = next;
    recount();
    Q_EMIT filterChanged();
}

void FacetBar::fill(QComboBox *box, const QString &allText, const QList<FacetValue> &values,
                    const QString &selected, bool complete)
{
    const QLocale locale;
    box->clear();
    box->addItem(allText, QString());
    bool found = selected.isEmpty();
    for (const FacetValue &v : values) {
        //: A facet value with the number of matching products, e.g. "Bolts (1,204)"; with
        //: "+" when only the first of very many matches were counted.
        box->addItem(
            (complete ? tr("%1 (%2)") : tr("%1 (%2+)")).arg(v.label, locale.toString(v.count)),
            v.value);
        if (v.value != v.label)
            box->setItemData(box->count() - 1, v.value, Qt::ToolTipRole);
        found = found || v.value.compare(selected, Qt::CaseInsensitive) == 0;
    }
    // The selected value stays selectable even when the search no longer finds it.
    if (!found)
        box->addItem(tr("%1 (%2)").arg(selected, locale.toString(0)), selected);
    const int index = selected.isEmpty() ? 0 : box->findData(selected, Qt::UserRole);
    box->setCurrentIndex(std::max(0, index));
}

void FacetBar::recount()
{
    m_recount->stop();
    const SearchFacets facets = m_query.facets(m_text, m_filter);
    const bool complete = facets.complete;
    m_filling = true;
    fill(m_category, tr("All categories"), facets.categories, m_filter.category, complete);
    fill(m_brand, tr("All brands"), facets.brands, m_filter.brand, complete);
    fill(m_material, tr("All materials"), facets.materials, m_filter.material, complete);
    const QString inStock = QLocale().toString(facets.inStock);
    m_inStock->setText(complete ? tr("In stock only (%1)").arg(inStock)
                                : tr("In stock only (%1+)").arg(inStock));
    m_inStock->setChecked(m_filter.inStockOnly);
    m_filling = false;
    // A correction that found nothing either is not worth a word.
    showCorrections(facets.total > 0 ? m_query.corrections(m_text) : QList<spelling::Correction>());
}

void FacetBar::showCorrections(const QList<spelling::Correction> &corrections)
{
    QStringList sentences;
    for (const spelling::Correction &c : corrections) {
        QStringList quoted;
        for (const QString &example : c.examples)
            quoted << tr("“%1”").arg(example);
        const QString last = quoted.takeLast();
        //: Alternatives searched for: "“bilge”, “bolt” or “bold”".
        const QString searched =
            quoted.isEmpty() ? last : tr("%1 or %2").arg(quoted.join(tr(", ")), last);
        //: A word of the search that nothing in the catalog starts with, searched for as the
        //: words of the catalog one typing slip away from it.
        sentences << tr("Searched for %1 instead of “%2”").arg(searched, c.typed);
    }
    m_corrections->setText(sentences.join(tr("; ")));
    m_corrections->setVisible(!sentences.isEmpty());
}

} // namespace qm
