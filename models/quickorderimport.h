#pragma once

#include "core/pricing.h"
#include "models/cartstore.h"
#include "models/coderesolver.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace qm::import {
struct QuickOrderRow;
}

namespace qm {

class Database;

// One line a user asked for, from whatever source: a typed line, a pasted or imported row
// (the import library's QuickOrderRow), or a scan.
struct QuickOrderEntry
{
    int line = 0;                   // 1-based, in the source (file line, pasted line, scan number)
    QString code;                   // SKU, customer part number or GTIN, as entered
    QString quantityText;           // as entered; empty: none given
    std::optional<qint64> quantity; // parsed; nullopt when missing or not a whole number
    QString uom;                    // as entered; empty: the code's pack or the base unit
    QString error;                  // what the reader found wrong with the row, if anything
    QString quantityError;          // what the reader found wrong with the quantity, if anything
    LineSource source = LineSource::Typed;
    QString symbology; // scans: the AIM symbology identifier ("]E0")
};

// The import preview: resolves every entry's code in one batch, applies the line rules and
// prices the result with the pricing engine, and says per entry what would happen. Nothing
// changes the cart until apply(); then the lines go in as one undoable step and the codes
// that resolved to nothing are kept in unresolved_codes.
class QuickOrderImport final
{
public:
    enum class Outcome
    {
        Added,           // goes into the cart as asked
        Adjusted,        // goes in, changed: see reasons
        Unknown,         // the code matches nothing: see suggestions
        InvalidQuantity, // missing, not a whole number, zero or negative, or no valid quantity
        InvalidUnit,     // the product has no pack in the unit asked for
        Ambiguous,       // the code names several products: see candidates
        Unavailable,     // discontinued or not in the account's assortment: goes in, flagged
        Invalid,         // the reader rejected the row: see the entry's error
    };
    enum class Reason
    {
        RaisedToMinimum,
        RoundedToMultiple,
        CappedAtMaximum,
        MergedDuplicate, // another entry of this import names the same product and unit
        MergedWithCart,  // the cart already has a line for it
        QuantityAssumed, // no quantity given: one
    };

    struct Result
    {
        QuickOrderEntry entry;
        Outcome outcome = Outcome::Added;
        QList<Reason> reasons;
        std::optional<CodeMatch> match; // what the code resolved to
        QList<CodeMatch> candidates;    // Ambiguous
        QStringList suggestions;        // Unknown: "did you mean"
        QString sku;                    // as the cache spells it
        QString productName;
        QString uom;            // the pack ordered (canonical spelling)
        qint64 quantity = 0;    // of this entry, as asked (or assumed)
        int mergedIntoLine = 0; // MergedDuplicate: the entry whose line this one joins
        // The priced line of the entry's product and unit after merging: the whole line as it
        // will stand in the cart (the first entry of a merged group carries it).
        pricing::PricedLine priced;

        bool inCart = false; // the entry's line goes into the cart (possibly flagged)

        bool goesIntoCart() const { return inCart; }
        bool needsAttention() const { return outcome != Outcome::Added; }
    };

    struct Summary
    {
        int added = 0;
        int adjusted = 0;
        int unknown = 0;
        int invalidQuantity = 0;
        int invalidUnit = 0;
        int ambiguous = 0;
        int unavailable = 0;
        int invalid = 0;
        int total() const
        {
            return added + adjusted + unknown + invalidQuantity + invalidUnit + ambiguous +
                   unavailable + invalid;
        }
    };

    // How long each step of the last preview took, in milliseconds.
    struct Timings
    {
        qint64 resolveMs = 0; // codes to products
        qint64 suggestMs = 0; // "did you mean" for unknown codes (beside the terms: the wait)
        qint64 termsMs = 0;   // pricing terms of the products found
        bool suggestedBeside = false; // "did you mean" ran on a second connection
        qint64 cartMs = 0;            // grouping, and the cart's lines for the same products
        qint64 priceMs = 0;           // line rules and prices
    };

    // Told how far a preview got (`done` of `total`); returning false cancels it.
    using Progress = std::function<bool(int done, int total)>;

    QuickOrderImport(Database &db, qint64 cartId);

    // The entries of rows read by the import library (a file or pasted cells).
    static QList<QuickOrderEntry> entriesFromRows(const QList<import::QuickOrderRow> &rows,
                                                  LineSource source);

    void setDay(QDate day); // prices and line rules on this day; today unless set
    void setSuggestionLimit(int limit) { m_suggestionLimit = limit; }

    // Resolves and prices `entries` against the cache and the cart as it stands. Replaces a
    // previous preview. Fails only when the cache cannot be read.
    bool preview(const QList<QuickOrderEntry> &entries, QString *error);
    // The same, reading the cache through `reader` when given (a connection of its own, e.g.
    // opened by a worker thread on the same file; apply() still writes through the
    // constructor's) and reporting to `progress`. A cancelled preview fails with nothing
    // previewed and cancelled() set.
    bool preview(const QList<QuickOrderEntry> &entries, QString *error, Database *reader,
                 const Progress &progress);
    bool cancelled() const { return m_cancelled; }
    const Timings &timings() const { return m_timings; }
    const QList<Result> &results() const { return m_results; }
    Summary summary() const;
    // The priced lines the cart would gain, one per product and unit.
    pricing::CartTotals totals() const;
    QString currency() const { return m_currency; }
    // The item terms the preview loaded, by SKU: CartPricing::addTerms() takes them, so
    // pricing the cart after apply() loads nothing again.
    const QHash<QString, pricing::ItemTerms> &terms() const { return m_terms; }

    // Adds what goes into the cart in one transaction and one undo step, and records the
    // unknown codes. Fails (changing nothing) when the cart changed since the preview.
    bool apply(QString *error);

    // The report as a table: a header row, then one row per entry.
    QList<QStringList> reportRows() const;

    // Stable names for the report, the CLI's JSON and logs.
    static QString outcomeName(Outcome outcome);
    static QString reasonName(Reason reason);

private:
    struct Group; // the entries of one product and unit

    Database &m_db;
    qint64 m_cartId = 0;
    QDate m_day;
    int m_suggestionLimit = 3;
    QList<Result> m_results;
    QHash<QString, pricing::ItemTerms> m_terms;
    QString m_currency;
    // What apply() adds, and the cart quantities it was computed against.
    QList<NewLine> m_newLines;
    struct CartQuantity
    {
        qint64 lineId = 0;
        qint64 quantity = 0; // at the preview
        QString sku;
        QString uom;
    };
    QList<CartQuantity> m_cartQuantities;
    QList<UnresolvedCode> m_unresolved;
    Timings m_timings;
    bool m_cancelled = false;
};

} // namespace qm
