#pragma once

#include "core/catalog.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

// How catalog text is cut into search terms, on both sides: what the cache indexes for a
// product and what a user's query turns into. Kept in one place so that a richer search
// (synonyms, units, natural language) extends these functions rather than adding a
// second idea of a "word".
namespace qm::searchtext {

// `text` lowercased and without accents ("Tuérca" -> "tuerca"), the way the full-text
// index's tokenizer (unicode61, remove_diacritics 2) folds it.
QString fold(QStringView text);

// The words of `text`, lowercased: runs of letters, digits and combining marks, where a
// '-', '.' or '/' between two such characters stays inside the word ("a4-80", "1.5",
// "1/2"). Everything else separates words; nothing in the result is an FTS operator.
QStringList words(QStringView text);

// The parts a compound word also stands for: "a4-80" -> {"a4", "80"}, "m8x40" ->
// {"m8", "40"}, "10x20x30" -> {"10", "20", "30"}, and a number with its unit glued on:
// "40mm" -> {"40", "mm"}, "m8x40mm" -> {"m8", "40", "mm"}. Empty if the word has no parts.
QStringList parts(const QString &word);

// What every indexed word that starts with `prefix`, a prefix of a compound with a '-'
// ("qm-04", "a4-8"), holds among its parts (see indexTerms()): `whole`, the parts of what
// comes before its last '-', and a part that starts with `start`, which is what follows the
// last '-' cut where a part of the word could end ("4x" of "4x8" -> "4", "40m" -> "40").
// `start` is empty when nothing follows the '-'. Both are empty when `prefix` has no '-'
// or nothing before it.
struct CompoundPrefix
{
    QStringList whole;
    QString start;
};
CompoundPrefix compoundPrefix(QStringView prefix);

// The singular of an English plural (`word` lowercase): "vests" -> "vest", "boxes" -> "box",
// "inches" -> "inch", "batteries" -> "battery", "ties" -> "tie". Empty when `word` is not
// taken for a plural: shorter than four letters, not only letters, ending in "ss", "us" or
// "is" ("glass", "chassis"), or a singular that ends in 's' ("lens", "series").
QString singular(const QString &word);

// Whether `word` (lowercase) is a unit of measure that may follow a number, glued or apart:
// "mm", "kg", "in", ...
bool isUnit(QStringView word);

// Extra terms for the full-text index of a product: the parts of its compound words, so
// that "80" finds "A4-80" and "m8 40" finds "M8x40". Space-separated.
QString indexTerms(const Product &product);

// Abbreviations and synonyms of catalog words, read from a text file of lines
//
//     term = alternative | alternative ...
//
// where the term and each alternative are one or more words ("rust resistant = stainless
// | galvanized", "ss = stainless"). Blank lines and lines starting with '#' are ignored.
// Words are compared folded (see fold()). A query word sequence equal to a term matches
// itself or any of its alternatives.
class Synonyms final
{
public:
    // Reads `text`. A line that does not follow the format is skipped and described in
    // `errors` as "line N: what is wrong"; the other lines still count.
    static Synonyms parse(QStringView text, QStringList *errors);
    // Reads a file (UTF-8); a file that cannot be read is one error and no synonyms.
    static Synonyms load(const QString &path, QStringList *errors);
    // The synonyms shipped with the application (:/search/synonyms.txt), read once.
    // Problems in that file are logged; search then works with the lines that were valid.
    static const Synonyms &builtIn();

    bool isEmpty() const { return m_byFirstWord.isEmpty(); }
    qsizetype size() const { return m_count; }

    // The longest term that starts at `words[at]`: sets `length` to its number of words
    // and returns its alternatives (each a list of words). Empty (length 0) if none.
    QList<QStringList> match(const QStringList &words, qsizetype at, qsizetype *length) const;
    // Whether `word` (folded) is a word of a term.
    bool hasWord(const QString &word) const;

private:
    struct Entry
    {
        QStringList term;
        QList<QStringList> alternatives;
    };
    QHash<QString, QList<Entry>> m_byFirstWord; // longest terms first
    QSet<QString> m_termWords;
    qsizetype m_count = 0;
};

// The words of what a user typed, as matchExpression() looks for them: folded, a dimension
// typed with spaces or '*' as one word ("m8 x 40" -> "m8x40"), little words ("for", "of",
// "with", ...) left out but for the last word, which may be the start of another; at most
// 16 words of at most 64 characters.
QStringList queryWords(QStringView userText);

// Words shorter than this are never taken for typing slips (see mayBeSlip()): too many
// words of the catalog are a slip away from them.
constexpr int MinSlipLength = 4;

// Whether `word`, one of queryWords(), may be a typing slip when the index has nothing that
// starts with it: at least MinSlipLength letters a-z, no unit ("gallons") and no word of a
// term of `synonyms`, whose alternatives look for it already ("nyloc").
bool mayBeSlip(const QString &word, const Synonyms &synonyms);

// Typing slips of a query and what each is taken for: a word of queryWords() -> the words
// (prefixes) looked for instead ("galvinized" -> {"galvanized"}).
using Corrections = QHash<QString, QStringList>;

// The FTS5 MATCH expression for what a user typed: every word must match as a prefix;
// a compound word matches itself or all of its parts; a dimension typed with spaces or
// '*' ("m8 x 40", "8 * 40") is one compound; a number followed by a unit matches it glued
// or apart ("40 mm" = "40mm"), the unit also as catalogs write it ("20 amps" = "20 A");
// a plural also matches its singular ("vests" finds "vest"); a term of `synonyms` (in the
// words as typed, or in their singulars: "zip ties" is the term "zip tie") also matches its
// alternatives; little words ("for", "of", "with", ...) are left out, but for the last
// word, which may be the start of another; a word that `corrections` holds matches any of
// the words it is taken for instead of itself. Every token is quoted, so quotes, operators,
// "-", "*" or parentheses in the input can never make an invalid expression. Empty when
// the text has no words.
QString matchExpression(QStringView userText, const Synonyms &synonyms,
                        const Corrections &corrections = {});
// The same with the built-in synonyms.
QString matchExpression(QStringView userText);

// The text of a product as the full-text index holds it, column by column.
struct IndexedText
{
    enum Column
    {
        Sku,
        Name,
        Description,
        Brand,
        AttributeText,
        CategoryPath,
        SearchTerms,
        ColumnCount
    };
    QString columns[ColumnCount];
};

// The terms of `text` as the full-text index's tokenizer (unicode61, remove_diacritics 2,
// '-' a token character) cuts and folds them: "Hex-Bolt, TUÉRCA 4.8" -> {"hex-bolt",
// "tuerca", "4", "8"}.
QStringList tokens(QStringView text);

// How relevant each of `rows` is to `match` (an FTS5 expression of matchExpression(), as
// it is before searchindex::expandPrefixes(): one phrase per word typed, not one per term
// it stands for); higher is better.
// BM25 over the rows given: every phrase of the expression counts its occurrences in a row
// (an occurrence of a prefix that only starts a longer term counts half: "copper" ranks
// above "Copperline"),
// each weighted by its column (SKU 10, name 5, brand and attribute values 2, category 1.5,
// description and extra terms 1), saturating (k1 = 1.2) and normalised by the row's length
// against the rows' average (b = 0.75). Unlike FTS5's bm25(), phrases are not weighted by
// how rare they are in the whole index: reading that costs a pass over every matching
// product of the index, which a search that ranks a window of them cannot afford, and
// every row ranked matches every word anyway.
QList<double> relevance(QStringView match, const QList<IndexedText> &rows);

} // namespace qm::searchtext
