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

// FTS5 merges the segments of an index level once it has `automerge` of them, copying every
// term's list each time. The one-pass build (rebuild()) lets a level wait for
// OnePassMergeSegments instead of FTS5's default: in sqlite3, a million products took
// 17.0–17.4 s instead of 18.9–19.0 s.
//
// The build in ranges (beginRanges() to completeRanges()) merges nothing: each range stays a
// segment of its own, up to RangesCrisisSegments of them, and completeRanges() leaves them
// for mergeStep(), which the writer runs when it has nothing else to do. In sqlite3, a
// million products in 29 ranges took 11.8–14.7 s without merges against 21.6 s with
// `automerge` 8, and merging them afterwards 6.9–8.1 s in steps of MergeStepPages pages
// (70–90 ms each). Typing p95 at a million products (bench_search --ranges [--merge]):
// 15.1 ms on the 29 segments, 21.1–21.7 ms while the page writer merged them, 13.2–13.6 ms
// on a merged index.
//
// Until the merge is done, `crisismerge` (the segment count at which FTS5 merges a whole
// level in the write that reaches it) stays at RangesCrisisSegments: at FTS5's default, the
// first page written after a build of more than 16 ranges would merge the whole index in one
// transaction. mergeStep() puts the default back when there is nothing left to merge.
constexpr int OnePassMergeSegments = 8;
constexpr int DefaultMergeSegments = 4; // FTS5's own default
constexpr int RangesCrisisSegments = 64;
constexpr int DefaultCrisisSegments = 16; // FTS5's own default
// Leaf pages (4 KB) merged by one mergeStep(): about 0.1 s of the writer's time.
constexpr int MergeStepPages = 1000;

// The columns of products_fts, which are also columns of products (external content).
const QString &indexedColumns();

// Builds products_fts from the products table and the vocabulary from products_fts, in the
// caller's transaction: rebuildStatements(), one after the other.
bool rebuild(const QSqlDatabase &db, QString *error);
QStringList rebuildStatements();

// The same in parts, each in the caller's transaction, for an index built a range of products
// at a time: beginRanges() empties products_fts and turns FTS5's merging off; indexRange()
// indexes the products whose ids are above `after` and, when `through` is given, at most
// `through` (none of them may be in the index already); completeRanges() turns merging back
// on and fills the vocabulary from products_fts as it is. The segments of the build are
// merged by mergeStep() afterwards.
bool beginRanges(const QSqlDatabase &db, QString *error);
bool indexRange(const QSqlDatabase &db, qint64 after, std::optional<qint64> through,
                QString *error);
bool completeRanges(const QSqlDatabase &db, QString *error);

// Merges up to `pages` leaf pages of products_fts's segments, in the caller's transaction,
// where a level holds FTS5's `usermerge` (4) segments or more, or a merge is under way.
// `done` tells whether there was nothing left to merge; `crisismerge` is then put back to
// its default if it is not.
bool mergeStep(const QSqlDatabase &db, int pages, bool *done, QString *error);

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
// Except: a compound's prefix with more than MaxTermsPerPrefix terms (`"qm-0"*`, typed on
// the way to a SKU) is searched as the parts all those terms hold (searchtext::
// compoundPrefix(), `("qm" AND "0"*)`), which FTS5 reads in row order; a prefix query would
// first merge the lists of all its terms, as many as there are SKUs. That matches the rows
// of the prefix, and those that hold the same parts apart, which the match expression of a
// compound finds too (matchExpression(): `("qm-0"* OR ("qm"* AND "0"*))`). Rows are ranked
// by the expression before this rewrite (searchtext::relevance()), so a SKU that starts
// with the prefix still ranks above a product that holds the parts apart.
QString expandPrefixes(const QSqlDatabase &db, const QString &match);

} // namespace qm::searchindex
