#include "models/searchtext.h"

#include <QSet>

#include <algorithm>

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

} // namespace

QStringList words(QStringView text)
{
    QStringList out;
    QString current;
    // A run of combining marks alone is no word: the tokenizer would drop it entirely.
    const auto flush = [&out, &current] {
        if (std::any_of(current.cbegin(), current.cend(), [](QChar c) { return c.isLetterOrNumber(); }))
            out << current.toLower();
        current.clear();
    };
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text[i];
        if (isWordChar(c)) {
            current += c;
        } else if (isJoiner(c) && !current.isEmpty() && i + 1 < n && isWordChar(text[i + 1])) {
            current += c;
        } else {
            flush();
        }
    }
    flush();
    return out;
}

QStringList parts(const QString &word)
{
    QStringList out;
    QString current;
    const qsizetype n = word.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = word[i];
        const bool dimensionX = (c == u'x' || c == u'\u00d7') && i > 0 && i + 1 < n
                                && isAsciiDigit(word[i - 1]) && isAsciiDigit(word[i + 1]);
        if (c == u'-' || c == u'/' || dimensionX) {
            if (!current.isEmpty())
                out << current;
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.isEmpty())
        out << current;
    if (out.size() < 2)
        return {};
    return out;
}

QString indexTerms(const Product &product)
{
    QStringList sources{product.sku, product.name, product.description, product.brand};
    sources << product.attributes.values() << product.categoryPath;
    QSet<QString> seen;
    QStringList terms;
    for (const QString &source : std::as_const(sources)) {
        for (const QString &word : words(source)) {
            for (const QString &part : parts(word)) {
                if (!seen.contains(part)) {
                    seen.insert(part);
                    terms << part;
                }
            }
        }
    }
    return terms.join(u' ');
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
