#pragma once

#include "models/catalogquery.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QTimer;

namespace qm {

class Database;

// The catalog's facet filters, above the product table: category, brand and material
// (each "All" or one value, with how many products of the current search have it) and
// "In stock only". Counts follow the search text; choosing a value narrows the results.
// Reachable with Tab from the search field and the table. After them, which typing slips of
// the search text were searched for as something else ("Searched for “galvanized” instead
// of “galvinized”").
class FacetBar final : public QWidget
{
    Q_OBJECT

public:
    explicit FacetBar(Database &db, QWidget *parent = nullptr);

    // Recounts for `text` (empty: the whole catalog) once typing pauses for
    // RecountDelayMs, keeping the selection.
    void setSearchText(const QString &text);
    static constexpr int RecountDelayMs = 250;
    // Recounts after the cache changed.
    void refresh();
    SearchFilter filter() const { return m_filter; }
    // Back to "All" everywhere.
    void clear();

    QComboBox *categoryBox() const { return m_category; }
    QComboBox *brandBox() const { return m_brand; }
    QComboBox *materialBox() const { return m_material; }
    QCheckBox *inStockBox() const { return m_inStock; }
    QLabel *correctionLabel() const { return m_corrections; }

Q_SIGNALS:
    void filterChanged();

private:
    void recount();
    void showCorrections(const QList<spelling::Correction> &corrections);
    void readSelection();
    static void fill(QComboBox *box, const QString &allText, const QList<FacetValue> &values,
                     const QString &selected, bool complete);

    CatalogQuery m_query;
    QString m_text;
    SearchFilter m_filter;
    QComboBox *m_category;
    QComboBox *m_brand;
    QComboBox *m_material;
    QCheckBox *m_inStock;
    QLabel *m_corrections;
    QTimer *m_recount;
    bool m_filling = false;
};

} // namespace qm
