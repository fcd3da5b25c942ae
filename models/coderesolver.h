#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace qm {

class Database;

// One product a code stands for.
struct CodeMatch
{
    enum class By
    {
        Sku,
        Gtin,
        PartNumber,
    };

    QString sku; // as the cache spells it
    QString uom; // the pack a GTIN names; empty: the product's base unit
    By by = By::Sku;
    QString productName;  // empty when the cache has no such product (a part number of a
                          // product outside the assortment)
    qint64 productId = 0; // the product's row in the cache (PricingTerms::Wanted); 0 when
                          // the cache has no such product

    friend bool operator==(const CodeMatch &a, const CodeMatch &b)
    {
        return a.sku == b.sku && a.uom == b.uom && a.by == b.by && a.productName == b.productName &&
               a.productId == b.productId;
    }
};

// What a typed, pasted, imported or scanned code means in the account's cache. The code is
// trimmed; an SKU matches case-insensitively; a valid GTIN-8/12/13/14 finds the pack with
// that GTIN (a UPC-A, an EAN-13 and a GTIN-14 of one pack agree) and names its unit; a
// customer part number (case-insensitive) stands for its SKU in the base unit. A code can
// mean several things: the SKU of one product and the part number of another give both
// matches, in the order SKU, GTIN, part number.
class CodeResolver final
{
public:
    explicit CodeResolver(Database &db);

    // No match: unknown. Matches naming more than one distinct SKU: ambiguous.
    QList<CodeMatch> resolve(QStringView code) const;

    // Which matches of resolveMany() carry the product's name.
    enum class Names
    {
        All,
        // Only the matches of ambiguous codes (matches naming several SKUs): for callers
        // that read each product's row anyway (the pricing terms have its name). In a large
        // cache, reading a wide product row per code is most of the lookup's time.
        OfAmbiguous,
    };

    // The same for many codes at once with a few queries, keyed by each code as given
    // (codes that match nothing are absent).
    QHash<QString, QList<CodeMatch>> resolveMany(const QStringList &codes,
                                                 Names names = Names::All) const;

    // "Did you mean": up to `limit` SKUs for a code that resolves to nothing, best first:
    // SKUs equal to it but for separators and case, a GTIN with a mistyped check digit,
    // SKUs sharing a long prefix with it (closest first), then full-text prefix matches.
    QStringList suggestions(QStringView unknownCode, int limit) const;
    // The same for many codes, each statement prepared once; keyed by each code as given.
    QHash<QString, QStringList> suggestionsMany(const QStringList &unknownCodes, int limit) const;

    // Whether `matches` name more than one product (SKUs compare case-insensitively): the
    // code is ambiguous and the user must pick one.
    static bool isAmbiguous(const QList<CodeMatch> &matches);

    // The code without separators, in upper case ("his-100 001" -> "HIS100001"): how
    // products.sku_key is written and compared.
    static QString codeKey(QStringView code);

private:
    Database &m_db;
};

} // namespace qm
