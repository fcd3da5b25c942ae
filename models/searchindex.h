#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

#include <optional>

// The cache's full-text index (`products_fts`) and its vocabulary (`search_vocabulary`):
// every term of the index longer than the prefix index covers.
//
// Why the vocabulary: FTS5 answers a prefix query from its prefix index when one covers the
// prefix's length (1 to 3 characters here). For a longer prefix it first merges the whole
// document lists of every term that starts with it, however few rows the query then reads:
// "washer"* read all 90,000 rows holding "washer" or "washers" in a catalog of a million.
// A prefix is therefore searched as the terms it stands for, `"washer" OR "washers"`,
// which FTS5 reads in row order and stops reading at the rank window. The vocabulary says which
// terms those are.
namespace qm::searchindex {

// Prefixes up to this many characters are in products_fts's prefix index; the vocabulary
// holds only longer terms.
constexpr int IndexedPrefixLength = 3;

// A prefix that stands for more terms than this stays a prefix query: such prefixes name
// many rare terms (numbers, codes), whose document lists are short.
constexpr int MaxTermsPerPrefix = 16;

// FTS5 merges the segments of an index level once it has `automerge` of them. While the index
// is built (rebuild(), or beginRanges() to completeRanges()) a level waits for
// BuildMergeSegments instead of FTS5's default, so each term's list is copied in fewer, larger
// merges. In sqlite3, a million products indexed in one pass took 17.0–17.4 s instead of
// 18.9–19.0 s, and in ranges of 20,000 17.9–19.2 s instead of 21.6–26.9 s; searches were as
// fast afterwards. The default is put back when the index is complete.
constexpr int BuildMergeSegments = 8;
constexpr int DefaultMergeSegments = 4; // FTS5's own default

// The columns of products_fts, which are also columns of products (external content).
const QString &indexedColumns();

// Builds products_fts from the products table and the vocabulary from products_fts, in the
// caller's transaction: rebuildStatements(), one after the other.
bool rebuild(const QSqlDatabase &db, QString *error);
QStringList rebuildStatements();

// The same in parts, each in the caller's transaction, for an index built a range of products
// at a time: beginRanges() empties products_fts and sets FTS5's merging for a build;
// indexRange() indexes the products whose ids are above `after` and, when `through` is given,
// at most `through` (none of them may be in the index already); completeRanges() puts FTS5's
// merging back to its default and fills the vocabulary from products_fts as it is.
bool beginRanges(const QSqlDatabase &db, QString *error);
bool indexRange(const QSqlDatabase &db, qint64 after, std::optional<qint64> through,
                QString *error);
bool completeRanges(const QSqlDatabase &db, QString *error);

// Adds the terms of products just indexed to the vocabulary. The terms come from FTS5's own
// tokenizer (a scratch table in `temp` with the tokenizer of products_fts), so that they
// are exactly the terms the index holds. Terms of products since removed stay: a term that
// matches nothing costs nothing.
class VocabularyWriter
{
public:
    // Prepares the statements on `db`, creating the scratch tables if needed.
    bool prepare(const QSqlDatabase &db, QString *error);
    // The terms of the products whose SKUs `skuJson` (a JSON array) lists.
    bool add(const QString &skuJson, QString *error);

private:
    QSqlQuery m_fill;
    QSqlQuery m_collect;
    QSqlQuery m_clear;
};

// `match` (an FTS5 expression from searchtext::matchExpression()) with each prefix term
// longer than IndexedPrefixLength replaced by the terms of the vocabulary it stands for:
// `"bolt"*` becomes `("bolt" OR "boltex" OR "bolts")`. A prefix with no such term, with
// more than MaxTermsPerPrefix of them, or with a character outside a-z, 0-9 and '-' stays
// as it is, as does everything when the vocabulary cannot be read. Either way the
// expression matches the same rows.
QString expandPrefixes(const QSqlDatabase &db, const QString &match);

} // namespace qm::searchindex
