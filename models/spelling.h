#pragma once

#include "models/searchtext.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

// Typing slips in searches. A word of a query that nothing in the cache's full-text index
// starts with ("galvinized", "stainles", "wahser") is looked for as the words one slip
// away from it that the index has ("galvanized", "stainless", "washer"), so that a slip
// finds what was meant instead of nothing. Only words that may be slips are corrected
// (searchtext::mayBeSlip()): words of letters, no units, no terms of the synonyms.
namespace qm::spelling {

// The strings one slip away from `word`: one character left out, one letter (a-z) or '-'
// added, one character replaced by a letter, or two neighbouring characters swapped. Each
// once, without `word` itself.
QStringList slips(const QString &word);

// A slip that more prefixes of the index than this are one slip away from is left as typed:
// which of them was meant is anyone's guess.
constexpr int MaxMeanings = 4;

struct Correction
{
    QString typed;        // the word as searchtext::queryWords() has it
    QStringList meant;    // prefixes of terms of the index, looked for instead of `typed`
    QStringList examples; // for each of `meant`, the first term of the index it starts
                          // with: what to show the user
};

// The slips of `userText` and what each is taken for, from the index's vocabulary
// (searchindex.h): for each word that may be a slip, and that neither as typed nor in the
// singular starts a term, the slips() of it of at least searchtext::MinSlipLength
// characters that start a term, except those that start with another of them. Nothing while
// the vocabulary is empty (a first sync still building the index) or cannot be read.
QList<Correction> corrections(const QSqlDatabase &db, QStringView userText,
                              const searchtext::Synonyms &synonyms);

// `corrections` as matchExpression() takes them.
searchtext::Corrections asMap(const QList<Correction> &corrections);

} // namespace qm::spelling
