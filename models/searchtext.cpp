#include "models/searchtext.h"

#include <QSet>

namespace qm::searchtext {

namespace {

// Bounds that keep a pasted paragraph from turning into a huge expression.
constexpr int MaxQueryWords = 16;
constexpr int MaxWordLength = 64;

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c.isMark();
}

bool isJoiner(QChar c)
{
    return c == u'-' || c == u'.' || c == u'/';
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

QString quoted(const QString &token)
{
    // Words never contain '"', so no escaping is needed; the quotes make FTS5 treat the
    // token as text, never as an operator or a column filter.
    return u'"' + token + u'"';
}

// Calls `visit(word)` for every word of `text` (see words()), without lowercasing or
// copying it.
template<typename Visit>
void forEachWord(QStringView text, Visit visit)
{
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        while (i < n && !isWordChar(text[i]))
            ++i;
        const qsizetype start = i;
        bool hasLetterOrNumber = false;
        while (i < n) {
            const QChar c = text[i];
            if (isWordChar(c)) {
                hasLetterOrNumber = hasLetterOrNumber || c.isLetterOrNumber();
                ++i;
            } else if (isJoiner(c) && i + 1 < n && isWordChar(text[i + 1])) {
                ++i;
            } else {
                break;
            }
        }
        // A run of combining marks alone is no word: the tokenizer would drop it entirely.
        if (i > start && hasLetterOrNumber)
            visit(text.sliced(start, i - start));
    }
}

// Where `word` splits into parts: at '-' and '/', and at an 'x' or '×' between two
// digits. Calls `visit(part)` for each part; returns the number of parts.
template<typename Visit>
int forEachPart(QStringView word, Visit visit)
{
    const qsizetype n = word.size();
    int count = 0;
    qsizetype start = 0;
    const auto part = [&](qsizetype end) {
        if (end > start) {
            visit(word.sliced(start, end - start));
            ++count;
        }
    };
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = word[i];
        const bool dimensionX = (c == u'x' || c == u'X' || c == u'\u00d7') && i > 0 && i + 1 < n &&
                                isAsciiDigit(word[i - 1]) && isAsciiDigit(word[i + 1]);
        if (c == u'-' || c == u'/' || dimensionX) {
            part(i);
            start = i + 1;
        }
    }
    if (count == 0)
        return 0; // no separator: the word is its own only part
    part(n);
    return count;
}

} // namespace

QStringList words(QStringView text)
{
    QStringList out;
    forEachWord(text, [&out](QStringView word) { out << word.toString().toLower(); });
    return out;
}

QStringList parts(const QString &word)
{
    QStringList out;
    if (forEachPart(word, [&out](QStringView part) { out << part.toString(); }) < 2)
        return {};
    return out;
}

QString indexTerms(const Product &product)
{
    // Most words have no parts; only compounds cost an allocation.
    QString terms;
    QSet<QString> seen;
    const auto addParts = [&](QStringView text) {
        forEachWord(text, [&](QStringView word) {
            QStringList wordParts;
            if (forEachPart(word,
                            [&](QStringView part) { wordParts << part.toString().toLower(); }) < 2)
                return;
            for (const QString &part : std::as_const(wordParts)) {
                if (seen.contains(part))
                    continue;
                seen.insert(part);
                if (!terms.isEmpty())
                    terms += u' ';
                terms += part;
            }
        });
    };
    addParts(product.sku);
    addParts(product.name);
    addParts(product.description);
    addParts(product.brand);
    for (const QString &value : product.attributes)
        addParts(value);
    for (const QString &category : product.categoryPath)
        addParts(category);
    return terms;
}

QString matchExpression(QStringView userText)
{
    QStringList clauses;
    for (QString word : words(userText)) {
        if (clauses.size() == MaxQueryWords)
            break;
        word.truncate(MaxWordLength);
        QString clause = quoted(word) + u'*';
        const QStringList wordParts = parts(word);
        if (!wordParts.isEmpty()) {
            QStringList all;
            for (const QString &part : wordParts)
                all << quoted(part) + u'*';
            clause = QStringLiteral("(%1 OR (%2))").arg(clause, all.join(u" AND "));
        }
        clauses << clause;
    }
    return clauses.join(u" AND ");
}

} // namespace qm::searchtext
