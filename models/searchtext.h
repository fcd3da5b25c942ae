#pragma once

#include "core/catalog.h"

#include <QString>
#include <QStringList>

// How catalog text is cut into search terms, on both sides: what the cache indexes for a
// product and what a user's query turns into. Kept in one place so that a richer search
// (synonyms, units, natural language) extends these functions rather than adding a
// second idea of a "word".
namespace qm::searchtext {

// The words of `text`, lowercased: runs of letters, digits and combining marks, where a
// '-', '.' or '/' between two such characters stays inside the word ("a4-80", "1.5",
// "1/2"). Everything else separates words; nothing in the result is an FTS operator.
QStringList words(QStringView text);

// The parts a compound word also stands for: "a4-80" -> {"a4", "80"}, "m8x40" ->
// {"m8", "40"}, "10x20x30" -> {"10", "20", "30"}. Empty if the word has no parts.
QStringList parts(const QString &word);

// Extra terms for the full-text index of a product: the parts of its compound words, so
// that "80" finds "A4-80" and "m8 40" finds "M8x40". Space-separated.
QString indexTerms(const Product &product);

// The FTS5 MATCH expression for what a user typed: every word must match as a prefix;
// a compound word matches itself or all of its parts. Every token is quoted, so quotes,
// operators, "-", "*" or parentheses in the input can never make an invalid expression.
// Empty when the text has no words.
QString matchExpression(QStringView userText);

} // namespace qm::searchtext
