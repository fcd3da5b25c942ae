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

// What a word typed with one slip may have meant (each once, without `word` itself): slips
// of a keyboard and of spelling, not every string one edit away, so that a word the catalog
// does not have is not taken for one it does ("clamp" is no slip of "lamp", "duct" none of
// "dust"):
// - a key pressed twice, or beside its neighbour: "stainlesss", "boltt", "bolyt";
// - two keys in the wrong order: "wahser";
// - the key beside the one meant (QWERTY or QWERTZ), 'y' and 'z' for each other (the two
//   layouts swap them), or one vowel for another: "bolr", "galvaniyed", "galvinized", "zync";
// - in words of MinOmissionLength letters or more, a letter or '-' left out: "nitrle",
//   "selftapping".
QStringList slips(const QString &word);

// Words shorter than this are not taken to have left a letter out: "fire" is as likely a
// word the catalog does not have as "fibre" with a slip.
constexpr int MinOmissionLength = 5;

// What a slip is taken for is at least this long: shorter prefixes are no guess.
constexpr int MinMeantLength = 3;

// Two words typed together ("hardhat", "drillbit") are taken apart only into words of at
// least this many letters.
constexpr int MinGluedLength = 3;

// A slip that more prefixes of the index than this are one slip away from is left as typed:
// which of them was meant is anyone's guess.
constexpr int MaxMeanings = 4;

struct Correction
{
    QString typed;        // the word as searchtext::queryWords() has it
    QStringList meant;    // prefixes of terms of the index, looked for instead of `typed`
    QStringList examples; // for each of `meant`, a term of the index it starts: what to
                          // show the user
};

// The slips of `userText` and what each is taken for, from the index's vocabulary
// (searchindex.h): for each word that may be a slip, and that neither as typed nor in the
// singular starts a term, the slips() of it of at least MinMeantLength characters that
// start a term, except those that start with another of them; where there are none, the two
// words it may be typed together for ("hardhat" -> "hard hat": a term of the index, then
// the start of one, both in one product), searched as a phrase. Nothing while
// the vocabulary is empty (a first sync still building the index) or cannot be read.
QList<Correction> corrections(const QSqlDatabase &db, QStringView userText,
                              const searchtext::Synonyms &synonyms);

// `corrections` as matchExpression() takes them.
searchtext::Corrections asMap(const QList<Correction> &corrections);

} // namespace qm::spelling
