#include "models/searchtext.h"

#include <QFile>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace qm::searchtext {

namespace {

Q_LOGGING_CATEGORY(lcSearchText, "qm.models.searchtext", QtInfoMsg)

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

// Whether every character of `text` is an ASCII digit (true for no characters).
bool isDigits(QStringView text)
{
    return std::all_of(text.cbegin(), text.cend(), isAsciiDigit);
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

// Where the letters at the end of `word` begin when a digit comes before them ("20amp" -> 2),
// or -1.
qsizetype unitStartOf(QStringView word)
{
    qsizetype i = word.size();
    while (i > 0 && word[i - 1].isLetter())
        --i;
    return i > 0 && i < word.size() && isAsciiDigit(word[i - 1]) ? i : -1;
}

// Where a number ends and a unit glued to it begins ("40mm" -> 2), or -1.
qsizetype unitStart(QStringView piece)
{
    const qsizetype i = unitStartOf(piece);
    return i > 0 && isUnit(piece.sliced(i).toString().toLower()) ? i : -1;
}

// Where `word` splits into parts: at '-' and '/', at an 'x' or '×' between two digits, and
// between a number and a unit glued to it. Calls `visit(part)` for each part; returns the
// number of parts.
template<typename Visit>
int forEachPart(QStringView word, Visit visit)
{
    const qsizetype n = word.size();
    int count = 0;
    qsizetype start = 0;
    const auto part = [&](qsizetype end) {
        if (end <= start)
            return;
        const QStringView piece = word.sliced(start, end - start);
        const qsizetype unit = unitStart(piece);
        if (unit > 0) {
            visit(piece.first(unit));
            visit(piece.sliced(unit));
            count += 2;
        } else {
            visit(piece);
            ++count;
        }
    };
    bool split = false;
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = word[i];
        const bool dimensionX = (c == u'x' || c == u'X' || c == u'\u00d7') && i > 0 && i + 1 < n &&
                                isAsciiDigit(word[i - 1]) && isAsciiDigit(word[i + 1]);
        if (c == u'-' || c == u'/' || dimensionX) {
            part(i);
            start = i + 1;
            split = true;
        }
    }
    if (!split && unitStart(word) <= 0)
        return 0; // no separator: the word is its own only part
    part(n);
    return count;
}

// "m8 x 40", "8 × 40", "8*40", "4.2 X 13", "8mm x 40" -> "m8x40", "8x40", "8x40", "4.2x13",
// "8x40": a dimension typed with spaces, another sign or millimetres after its first number
// is the compound the index knows.
QString joinDimensions(QStringView text)
{
    static const QRegularExpression dimension(
        QStringLiteral("(?<=\\d)(\\s*mm)?\\s*[xX\\x{00d7}*]\\s*(?=\\d)"),
        QRegularExpression::CaseInsensitiveOption);
    return text.toString().replace(dimension, QStringLiteral("x"));
}

bool isPlainNumber(QStringView word);
bool isMetricThread(const QString &millimetres);

// Whether `word` is a dimension: numbers (or a thread size first, "m8") joined by 'x' or
// '×', with nothing else between them ("8x40", "m8x40mm", "200x4.8").
bool isDimension(QStringView word)
{
    static const QRegularExpression dimension(
        QStringLiteral("^m?\\d+(\\.\\d+)?([x\\x{00d7}]\\d+(\\.\\d+)?)+[a-z]*$"));
    return dimension.match(word.toString()).hasMatch();
}

// Whether `word` is a fraction of an inch, as inch sizes are written: "1/4", "15/16".
bool isFraction(QStringView word)
{
    static const QRegularExpression fraction(QStringLiteral("^\\d+/\\d+$"));
    return fraction.match(word.toString()).hasMatch();
}

QString wordClause(QString word);

// A fraction and a number ("1/4", "20"), which may be an inch thread: its diameter and
// threads per inch, as catalogs write it, 1/4"-20. The index holds that as the terms "1",
// "4" and "-20" ('-' is a token character), so neither "1/4-20" nor "20" alone finds it.
QString fractionAndNumber(const QString &fraction, const QString &number)
{
    return QStringLiteral("((%1 AND %2) OR %3)")
        .arg(wordClause(fraction), wordClause(number),
             quoted(fraction + QStringLiteral(" -") + number) + u'*');
}

// The clause for one query word: a prefix of itself (or of its singular), or of all of its
// parts. The parts of a dimension are a phrase, in order ("8x40" finds "8 × 40" but not
// "8.8, M12 × 40"), and a dimension that starts with millimetres of a metric thread also
// finds the thread ("8x40" finds "M8 × 40").
QString wordClause(QString word)
{
    word.truncate(MaxWordLength);
    QString clause = quoted(word) + u'*';
    // An inch dimension ("12x1/2", "10x2-1/2" of "#10 × 2-1/2\""): its numbers in order, as
    // the tokenizer splits them ("10", "2-1", "2"), not its parts anywhere.
    static const QRegularExpression inchDimension(
        QStringLiteral("^\\d+(/\\d+|-\\d+/\\d+)?([x\\x{00d7}]\\d+(/\\d+|-\\d+/\\d+)?)+$"));
    // An inch thread and its length ("1/4-20x1-1/2" of "1/4\"-20 × 1-1/2\"").
    static const QRegularExpression inchThreadAndLength(
        QStringLiteral("^(\\d+/\\d+)-(\\d+)[x\\x{00d7}](\\d+(?:/\\d+|-\\d+/\\d+)?)$"));
    if (word.contains(u'/')) {
        if (inchDimension.match(word).hasMatch()) {
            QString apart = word;
            apart.replace(u'x', u' ').replace(QChar(0x00d7), u' ');
            return u'(' + clause + QStringLiteral(" OR ") + quoted(apart) + QStringLiteral("*)");
        }
        if (const QRegularExpressionMatch m = inchThreadAndLength.match(word); m.hasMatch())
            return QStringLiteral("(%1 OR %2)")
                .arg(clause, quoted(m.captured(1) + QStringLiteral(" -") + m.captured(2) + u' ' +
                                    m.captured(3)) +
                                 u'*');
    }
    const QStringList wordParts = parts(word);
    if (!wordParts.isEmpty() && isDimension(word)) {
        clause += QStringLiteral(" OR ") + quoted(wordParts.join(u' ')) + u'*';
        if (isMetricThread(wordParts.constFirst()))
            clause += QStringLiteral(" OR ") + quoted(u'm' + wordParts.join(u' ')) + u'*';
        return u'(' + clause + u')';
    }
    if (wordParts.isEmpty()) {
        const QString one = singular(word);
        if (one.isEmpty())
            return clause;
        // Both, although the singular is mostly a prefix of the plural: a product with the
        // word as typed then ranks above one with the singular alone (relevance() counts
        // each).
        return QStringLiteral("(%1 OR %2*)").arg(clause, quoted(one));
    }
    // "1/4-20": an inch thread, not the numbers 1, 4 and 20 anywhere.
    if (const qsizetype dash = word.lastIndexOf(u'-'); dash > 0 &&
                                                       isFraction(QStringView(word).first(dash)) &&
                                                       isDigits(QStringView(word).sliced(dash + 1)))
        return QStringLiteral("(%1 OR %2)")
            .arg(clause, fractionAndNumber(word.first(dash), word.sliced(dash + 1)));
    // "1/2", "1-1/2": a fraction is its numbers in order, not the numbers anywhere (the
    // tokenizer makes the quoted word that phrase).
    if (std::all_of(word.cbegin(), word.cend(),
                    [](QChar c) { return isAsciiDigit(c) || c == u'/' || c == u'-'; }) &&
        word.contains(u'/'))
        return clause;
    // Numbers joined by hyphens ("10-24", a machine screw's size and threads per inch) are
    // those numbers in order, not the numbers anywhere.
    if (std::all_of(wordParts.cbegin(), wordParts.cend(),
                    [](const QString &part) { return isDigits(part); }))
        return QStringLiteral("(%1 OR %2*)").arg(clause, quoted(wordParts.join(u' ')));
    // A single character before another part is a word of its own ("t-nut" is no "thread
    // nut"), as in the query (matchExpression()).
    QStringList all;
    for (qsizetype i = 0; i < wordParts.size(); ++i) {
        const QString &part = wordParts.at(i);
        all << (part.size() == 1 && i + 1 < wordParts.size() ? quoted(part) : quoted(part) + u'*');
    }
    return QStringLiteral("(%1 OR (%2))").arg(clause, all.join(u" AND "));
}

// A term the query did not type (an alternative of a synonym, a unit as catalogs write it):
// a prefix, but a single character only as itself ("size l" must not find "size lb").
QString givenTerm(const QString &word)
{
    return word.size() == 1 ? quoted(word) : wordClause(word);
}

// All words of `words` must match; `given` words are terms the query did not type
// (givenTerm()).
QString allOf(const QStringList &words, bool given = false)
{
    QStringList clauses;
    for (const QString &word : words)
        clauses << (given ? givenTerm(word) : wordClause(word));
    return clauses.size() == 1 ? clauses.constFirst()
                               : u'(' + clauses.join(QStringLiteral(" AND ")) + u')';
}

// The unit a unit word of a query stands for, as catalogs write it: "inches" -> "in",
// "amps" -> "a", "gallons" -> "gal", "mm" -> "mm". Empty when `word` is no unit.
QString unitOf(const QString &word)
{
    static const QHash<QString, QString> spellings{
        {QStringLiteral("inch"), QStringLiteral("in")},
        {QStringLiteral("inches"), QStringLiteral("in")},
        {QStringLiteral("foot"), QStringLiteral("ft")},
        {QStringLiteral("feet"), QStringLiteral("ft")},
        {QStringLiteral("a"), QStringLiteral("a")},
        {QStringLiteral("amp"), QStringLiteral("a")},
        {QStringLiteral("amps"), QStringLiteral("a")},
        {QStringLiteral("volt"), QStringLiteral("v")},
        {QStringLiteral("volts"), QStringLiteral("v")},
        {QStringLiteral("watt"), QStringLiteral("w")},
        {QStringLiteral("watts"), QStringLiteral("w")},
        {QStringLiteral("gal"), QStringLiteral("gal")},
        {QStringLiteral("gallon"), QStringLiteral("gal")},
        {QStringLiteral("gallons"), QStringLiteral("gal")},
        {QStringLiteral("pound"), QStringLiteral("lb")},
        {QStringLiteral("pounds"), QStringLiteral("lb")},
        {QStringLiteral("ounce"), QStringLiteral("oz")},
        {QStringLiteral("ounces"), QStringLiteral("oz")},
        {QStringLiteral("millimetre"), QStringLiteral("mm")},
        {QStringLiteral("millimetres"), QStringLiteral("mm")},
        {QStringLiteral("millimeter"), QStringLiteral("mm")},
        {QStringLiteral("millimeters"), QStringLiteral("mm")},
        {QStringLiteral("metre"), QStringLiteral("m")},
        {QStringLiteral("metres"), QStringLiteral("m")},
        {QStringLiteral("meter"), QStringLiteral("m")},
        {QStringLiteral("meters"), QStringLiteral("m")},
        {QStringLiteral("kilogram"), QStringLiteral("kg")},
        {QStringLiteral("kilograms"), QStringLiteral("kg")},
        {QStringLiteral("awg"), QStringLiteral("awg")}, // wire sizes: "12 gauge" is "12 AWG"
        {QStringLiteral("gauge"), QStringLiteral("awg")},
        {QStringLiteral("ga"), QStringLiteral("awg")},
        {QStringLiteral("k"), QStringLiteral("k")}, // kelvin: "5000k" is "5000 K"
        {QStringLiteral("kelvin"), QStringLiteral("k")},
    };
    return isUnit(word) ? word : spellings.value(word);
}

// Whether `word` is a number alone: digits, with a '.' or '/' between digits ("8", "4.8",
// "1/2").
bool isPlainNumber(QStringView word)
{
    if (word.isEmpty() || !isAsciiDigit(word.front()) || !isAsciiDigit(word.back()))
        return false;
    return std::all_of(word.cbegin(), word.cend(),
                       [](QChar c) { return isAsciiDigit(c) || c == u'.' || c == u'/'; });
}

// Whether `millimetres` is the size of an ISO metric thread (M2 to M48), which people name in
// millimetres: "8mm bolt" is an M8 bolt.
bool isMetricThread(const QString &millimetres)
{
    static const QSet<QString> sizes{
        QStringLiteral("2"),  QStringLiteral("2.5"), QStringLiteral("3"),  QStringLiteral("4"),
        QStringLiteral("5"),  QStringLiteral("6"),   QStringLiteral("8"),  QStringLiteral("10"),
        QStringLiteral("12"), QStringLiteral("14"),  QStringLiteral("16"), QStringLiteral("18"),
        QStringLiteral("20"), QStringLiteral("22"),  QStringLiteral("24"), QStringLiteral("27"),
        QStringLiteral("30"), QStringLiteral("33"),  QStringLiteral("36"), QStringLiteral("42"),
        QStringLiteral("48"),
    };
    return sizes.contains(millimetres);
}

// The clause for `number` followed by a unit, typed as `typed`, that catalogs write as `unit`
// (unitOf()), glued ("8mm") or apart ("8 mm").
//
// A plain number (isPlainNumber()) and its unit match as a phrase, apart or glued, the unit as
// typed (or its singular) or as written: "8 mm" finds "8 mm" and "8mm" but not "8.8, 80 mm";
// "20 amps" finds "20 A" and "20 amp"; a range that starts with the number and the unit
// anywhere count too ("55 gal" finds "55-60 gal"). Millimetres of a metric thread also find the
// thread: "8mm bolt" finds "M8". A compound before the unit ("m8x40 mm") matches with its parts,
// and the unit anywhere. Inches are mostly written as '"', which is no word: for them, the number
// alone ("1/2 inch" finds 1/2"; "1/2in" is a prefix of it).
QString measureClause(const QString &number, const QString &typed, const QString &unit)
{
    if (unit == u"in")
        return wordClause(number);
    if (!isPlainNumber(number)) {
        if (typed == unit)
            return QStringLiteral("((%1 AND %2) OR %3*)")
                .arg(wordClause(number), wordClause(unit), quoted(number + unit));
        return QStringLiteral("((%1 AND (%2 OR %3)) OR %4* OR %5*)")
            .arg(wordClause(number), wordClause(typed), givenTerm(unit), quoted(number + typed),
                 quoted(number + unit));
    }
    QStringList options;
    QStringList spellings{typed};
    if (const QString one = singular(typed); !one.isEmpty())
        spellings << one;
    for (const QString &spelling : std::as_const(spellings))
        options << quoted(number + u' ' + spelling) + u'*' << quoted(number + spelling) + u'*';
    if (unit != typed) {
        // A single letter only as itself (givenTerm()): "20 a" is not "20 amp".
        const QString star = unit.size() > 1 ? QStringLiteral("*") : QString();
        options << quoted(number + u' ' + unit) + star << quoted(number + unit) + u'*';
    }
    // A range that starts with the number ("55-60 gal"): one term in the index.
    options << QStringLiteral("(%1* AND %2)")
                   .arg(quoted(number + u'-'),
                        unit == typed
                            ? wordClause(unit)
                            : QStringLiteral("(%1 OR %2)").arg(wordClause(typed), givenTerm(unit)));
    if (unit == u"mm" && isMetricThread(number))
        options << quoted(u'm' + number);
    return u'(' + options.join(QStringLiteral(" OR ")) + u')';
}

} // namespace

QString fold(QStringView text)
{
    // unicode61's remove_diacritics takes accents off Latin letters only: "й" and "ί" stay
    // as they are, and so does what only a compatibility decomposition would change. Case
    // is folded as the tokenizer folds it ("ς" -> "σ").
    const QString decomposed =
        text.toString().normalized(QString::NormalizationForm_D).toCaseFolded();
    QString out;
    out.reserve(decomposed.size());
    bool keepMarks = false; // after a letter of another script than Latin
    for (const QChar c : decomposed) {
        if (c.isMark()) {
            if (keepMarks)
                out += c;
            continue;
        }
        keepMarks = c.isLetter() && c.script() != QChar::Script_Latin;
        out += c;
    }
    return out.normalized(QString::NormalizationForm_C);
}

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

CompoundPrefix compoundPrefix(QStringView prefix)
{
    const qsizetype dash = prefix.lastIndexOf(u'-');
    if (dash <= 0)
        return {};
    CompoundPrefix out;
    // The pieces before the last '-' split as in the whole word: the '-' ends the last one.
    forEachPart(prefix.first(dash + 1),
                [&out](QStringView part) { out.whole << part.toString().toLower(); });
    if (out.whole.isEmpty())
        return {};
    // The first part of what follows ends at an 'x' between digits or where a unit follows
    // a number; both are a letter after a digit.
    const QStringView last = prefix.sliced(dash + 1);
    qsizetype end = 0;
    while (end < last.size() && !(end > 0 && isAsciiDigit(last[end - 1]) && last[end].isLetter()))
        ++end;
    out.start = last.first(end).toString().toLower();
    return out;
}

bool isUnit(QStringView word)
{
    static const QSet<QString> units{
        QStringLiteral("mm"),  QStringLiteral("cm"),  QStringLiteral("m"),   QStringLiteral("km"),
        QStringLiteral("in"),  QStringLiteral("ft"),  QStringLiteral("g"),   QStringLiteral("kg"),
        QStringLiteral("mg"),  QStringLiteral("lb"),  QStringLiteral("lbs"), QStringLiteral("oz"),
        QStringLiteral("ml"),  QStringLiteral("v"),   QStringLiteral("w"),   QStringLiteral("kw"),
        QStringLiteral("mah"), QStringLiteral("nm"),  QStringLiteral("bar"), QStringLiteral("psi"),
        QStringLiteral("mpa"), QStringLiteral("awg"), QStringLiteral("pcs"), QStringLiteral("tpi"),
        QStringLiteral("gal"), QStringLiteral("qt"),  QStringLiteral("yd"),  QStringLiteral("mil")};
    return units.contains(word.toString());
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

Synonyms Synonyms::parse(QStringView text, QStringList *errors)
{
    Synonyms out;
    QSet<QString> terms;
    const auto fail = [errors](qsizetype line, const QString &what) {
        if (errors)
            *errors << QStringLiteral("line %1: %2").arg(line).arg(what);
    };
    qsizetype lineNumber = 0;
    for (const QStringView rawLine : text.tokenize(u'\n')) {
        ++lineNumber;
        const QStringView line = rawLine.trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const qsizetype equals = line.indexOf(u'=');
        if (equals < 0) {
            fail(lineNumber, QStringLiteral("expected 'term = alternative | ...'"));
            continue;
        }
        if (line.indexOf(u'=', equals + 1) >= 0) {
            fail(lineNumber, QStringLiteral("more than one '='"));
            continue;
        }
        const QStringList term = words(fold(line.first(equals)));
        if (term.isEmpty()) {
            fail(lineNumber, QStringLiteral("the term before '=' has no words"));
            continue;
        }
        Entry entry{term, {}};
        bool ok = true;
        for (const QStringView alternative : line.sliced(equals + 1).tokenize(u'|')) {
            const QStringList alternativeWords = words(fold(alternative));
            if (alternativeWords.isEmpty()) {
                fail(lineNumber, QStringLiteral("an alternative after '=' has no words"));
                ok = false;
                break;
            }
            if (alternativeWords != term && !entry.alternatives.contains(alternativeWords))
                entry.alternatives << alternativeWords;
        }
        if (!ok)
            continue;
        if (entry.alternatives.isEmpty()) {
            fail(lineNumber, QStringLiteral("no alternative other than the term itself"));
            continue;
        }
        const QString key = term.join(u' ');
        if (terms.contains(key)) {
            fail(lineNumber, QStringLiteral("'%1' is already defined above").arg(key));
            continue;
        }
        terms.insert(key);
        for (const QString &word : term)
            out.m_termWords.insert(word);
        QList<Entry> &bucket = out.m_byFirstWord[term.constFirst()];
        const auto longer = std::find_if(bucket.begin(), bucket.end(), [&](const Entry &e) {
            return e.term.size() < term.size();
        });
        bucket.insert(longer, std::move(entry));
        ++out.m_count;
    }
    return out;
}

Synonyms Synonyms::load(const QString &path, QStringList *errors)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (errors)
            *errors << QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return {};
    }
    return parse(QString::fromUtf8(file.readAll()), errors);
}

const Synonyms &Synonyms::builtIn()
{
    static const Synonyms synonyms = [] {
        const QString path = QStringLiteral(":/search/synonyms.txt");
        QStringList errors;
        Synonyms s = load(path, &errors);
        for (const QString &error : std::as_const(errors))
            qCWarning(lcSearchText).noquote() << path << error;
        return s;
    }();
    return synonyms;
}

bool Synonyms::hasWord(const QString &word) const
{
    return m_termWords.contains(word);
}

QList<QStringList> Synonyms::match(const QStringList &queryWords, qsizetype at,
                                   qsizetype *length) const
{
    *length = 0;
    if (at < 0 || at >= queryWords.size())
        return {};
    const auto bucket = m_byFirstWord.constFind(queryWords.at(at));
    if (bucket == m_byFirstWord.cend())
        return {};
    for (const Entry &entry : *bucket) {
        if (at + entry.term.size() > queryWords.size())
            continue;
        if (std::equal(entry.term.cbegin(), entry.term.cend(), queryWords.cbegin() + at)) {
            *length = entry.term.size();
            return entry.alternatives;
        }
    }
    return {};
}

QStringList queryWords(QStringView userText)
{
    QStringList out;
    // A number and a unit joined by a hyphen, as American English writes a measure before a
    // noun ("5-gallon pail", "20-amp breaker", "3-inch screws"), are the number and the unit.
    static const QRegularExpression hyphenatedMeasure(
        QStringLiteral("^(\\d+(?:[./]\\d+)?)-([a-z]+)$"));
    // An 'm' apart from the size of a metric thread ("m 8 bolt", "m 10x40") is the thread,
    // unless it is the unit of a number before it ("10 m 12 awg").
    static const QRegularExpression threadSize(QStringLiteral("^(\\d+(?:\\.\\d+)?)(x.*)?$"));
    for (QString &word : words(fold(joinDimensions(userText)))) {
        if (const QRegularExpressionMatch m = hyphenatedMeasure.match(word);
            m.hasMatch() && !unitOf(m.captured(2)).isEmpty()) {
            out << m.captured(1) << m.captured(2);
        } else if (const QRegularExpressionMatch size = threadSize.match(word);
                   !out.isEmpty() && out.constLast() == u"m" &&
                   (out.size() < 2 || !isPlainNumber(out.at(out.size() - 2))) && size.hasMatch() &&
                   isMetricThread(size.captured(1))) {
            out.last() += word;
        } else {
            out << std::move(word);
        }
    }
    // Little words of a sentence ("washer for m8 bolts", "box of 100") are no part of what is
    // looked for; the last word is left, as it may be the start of one that is ("to" of
    // "toggle").
    static const QSet<QString> littleWords{
        QStringLiteral("an"), QStringLiteral("and"), QStringLiteral("for"), QStringLiteral("of"),
        QStringLiteral("on"), QStringLiteral("the"), QStringLiteral("to"),  QStringLiteral("with"),
    };
    for (qsizetype i = out.size() - 2; i >= 0; --i) {
        if (littleWords.contains(out.at(i)))
            out.removeAt(i);
    }
    if (out.size() > MaxQueryWords)
        out.resize(MaxQueryWords);
    for (QString &word : out)
        word.truncate(MaxWordLength);
    return out;
}

bool mayBeSlip(const QString &word, const Synonyms &synonyms)
{
    return word.size() >= MinSlipLength &&
           std::all_of(word.cbegin(), word.cend(),
                       [](QChar c) { return c >= u'a' && c <= u'z'; }) &&
           unitOf(word).isEmpty() && !synonyms.hasWord(word);
}

QString matchExpression(QStringView userText, const Synonyms &synonyms,
                        const Corrections &corrections)
{
    // Words typed together are searched as the words they are taken for ("hardhat" -> "hard
    // hat"), so that synonyms and units apply to those ("bubblewrap" -> "bubble wrap").
    QStringList queryWords;
    for (const QString &word : searchtext::queryWords(userText)) {
        const auto meant = corrections.constFind(word);
        if (meant != corrections.cend() && meant->size() == 1 && meant->constFirst().contains(u' '))
            queryWords += meant->constFirst().split(u' ');
        else
            queryWords << word;
    }
    QStringList singulars; // each word's singular, or the word
    for (const QString &word : queryWords) {
        const QString one = singular(word);
        singulars << (one.isEmpty() ? word : one);
    }

    QStringList clauses;
    for (qsizetype i = 0; i < queryWords.size();) {
        qsizetype length = 0;
        QList<QStringList> alternatives = synonyms.match(queryWords, i, &length);
        if (length == 0 && singulars != queryWords)
            alternatives = synonyms.match(singulars, i, &length);
        if (length > 0) {
            QStringList options{allOf(queryWords.mid(i, length))};
            for (const QStringList &alternative : alternatives)
                options << allOf(alternative, true);
            clauses << u'(' + options.join(QStringLiteral(" OR ")) + u')';
            i += length;
            continue;
        }
        const QString &word = queryWords.at(i);
        // "1/4 20", "1/4\" 20", "1/4\"-20": an inch thread, or a fraction and a number (but
        // "1/2 20 amp" is a fraction and 20 amps).
        if (i + 1 < queryWords.size() && isFraction(word) && isDigits(queryWords.at(i + 1)) &&
            (i + 2 == queryWords.size() || unitOf(queryWords.at(i + 2)).isEmpty())) {
            clauses << fractionAndNumber(word, queryWords.at(i + 1));
            i += 2;
            continue;
        }
        // "1 1/2": a mixed number, as catalogs write it, 1-1/2".
        if (i + 1 < queryWords.size() && isFraction(queryWords.at(i + 1)) && isDigits(word)) {
            clauses << QStringLiteral("((%1 AND %2) OR %3)")
                           .arg(wordClause(word), wordClause(queryWords.at(i + 1)),
                                quoted(word + u'-' + queryWords.at(i + 1)) + u'*');
            i += 2;
            continue;
        }
        // A number, or a compound ending in one, and a unit: apart, or glued to the number
        // when the unit is spelled out ("20amp"); units that are units as typed ("40mm") are
        // glued parts already (wordClause()).
        if (i + 1 < queryWords.size() && !word.isEmpty() && isAsciiDigit(word.back())) {
            const QString unit = unitOf(queryWords.at(i + 1));
            if (!unit.isEmpty()) {
                clauses << measureClause(word, queryWords.at(i + 1), unit);
                i += 2;
                continue;
            }
        }
        if (const qsizetype glued = unitStartOf(word); glued > 0) {
            const QString typed = word.sliced(glued);
            const QString unit = unitOf(typed);
            // Units as catalogs write them, glued to a compound ("m8x40mm"), are its parts
            // (wordClause()).
            if (!unit.isEmpty() &&
                (!isUnit(typed) || unit == u"in" || isPlainNumber(word.first(glued)))) {
                clauses << measureClause(word.first(glued), typed, unit);
                ++i;
                continue;
            }
        }
        // "m8 x" on the way to "m8 x 40": the 'x' is the sign, not a word.
        const bool dimensionSign = word == u"x" && i + 1 == queryWords.size() && i > 0 &&
                                   isAsciiDigit(queryWords.at(i - 1).back());
        // A typing slip is looked for as the words it is taken for.
        if (const auto meant = corrections.constFind(word); meant != corrections.cend()) {
            QStringList options;
            for (const QString &alternative : *meant)
                options << wordClause(alternative);
            clauses << (options.size() == 1 ? options.constFirst()
                                            : u'(' + options.join(QStringLiteral(" OR ")) + u')');
        } else if (i + 1 == queryWords.size() && word.size() > 1 && word.back() == u'x' &&
                   isAsciiDigit(word.at(word.size() - 2))) {
            // "m8x" on the way to "m8x40": the 'x' is the sign.
            clauses << wordClause(word.chopped(1));
        } else if (word.size() == 1 && i + 1 < queryWords.size()) {
            // A single character with a word after it is a word of its own, not the start
            // of one: "u bolt" is a U-bolt (the index holds the parts of "u-bolt"), not a
            // bolt-on breaker listed to UL; "3 way" is not "30" or "316".
            clauses << quoted(word);
        } else if (!dimensionSign) {
            clauses << wordClause(word);
        }
        ++i;
    }
    return clauses.join(u" AND ");
}

QString singular(const QString &word)
{
    // Singulars that end in 's' but not in "ss", "us" or "is".
    static const QSet<QString> singulars{
        QStringLiteral("atlas"),   QStringLiteral("bias"),  QStringLiteral("canvas"),
        QStringLiteral("lens"),    QStringLiteral("news"),  QStringLiteral("series"),
        QStringLiteral("species"), QStringLiteral("chaos"), QStringLiteral("thermos"),
    };
    const qsizetype n = word.size();
    if (n < 4 || !word.endsWith(u's') || word.endsWith(u"ss") || word.endsWith(u"us") ||
        word.endsWith(u"is") ||
        !std::all_of(word.cbegin(), word.cend(), [](QChar c) { return c.isLetter(); }) ||
        singulars.contains(word))
        return {};
    if (n >= 5 && word.endsWith(u"ies"))
        return word.first(n - 3) + u'y'; // batteries, supplies
    if (word.endsWith(u"es")) {
        const QStringView stem = QStringView(word).first(n - 2);
        if (stem.endsWith(u's') || stem.endsWith(u'x') || stem.endsWith(u'z') ||
            stem.endsWith(u"ch") || stem.endsWith(u"sh"))
            return stem.toString(); // glasses, boxes, inches, brushes
    }
    return word.first(n - 1);
}

QString matchExpression(QStringView userText)
{
    return matchExpression(userText, Synonyms::builtIn(), {});
}

namespace {

// The text folded as the index folds it, into `folded` (reused from call to call: its
// capacity stays), and its tokens as views into it; for each token, when `continuesNumber`
// is given, whether it continues a number: a digit right after a '.' or '/' right after a
// digit ("8" of "2.8", "2" of "1/2"), which the index holds as a term of its own.
void tokenize(QStringView text, QString &folded, QList<QStringView> &out,
              QList<bool> *continuesNumber)
{
    out.clear();
    if (continuesNumber)
        continuesNumber->clear();
    const qsizetype n = text.size();
    // Letters, digits and '-' of ASCII, and characters outside ASCII that separate words
    // and fold to themselves ("×", "°", "″"), need no fold(): most catalog text.
    bool ascii = true;
    folded.resize(n);
    QChar *to = folded.data();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text[i];
        const char16_t u = c.unicode();
        if (u >= 0x80 && (c.isLetterOrNumber() || c.isMark() || c.isSurrogate())) {
            ascii = false;
            break;
        }
        to[i] = QChar(u >= u'A' && u <= u'Z' ? char16_t(u + (u'a' - u'A')) : u);
    }
    if (!ascii)
        folded = fold(text);
    const qsizetype size = folded.size();
    const QChar *f = folded.constData();
    const auto inWord = [ascii](QChar c) {
        if (!ascii)
            return isWordChar(c) || c == u'-';
        const char16_t u = c.unicode();
        return (u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9') || u == u'-';
    };
    qsizetype i = 0;
    while (i < size) {
        while (i < size && !inWord(f[i]))
            ++i;
        const qsizetype start = i;
        while (i < size && inWord(f[i]))
            ++i;
        if (i > start) {
            out << QStringView(f + start, i - start);
            if (continuesNumber)
                *continuesNumber << (start >= 2 && isAsciiDigit(f[start]) &&
                                     (f[start - 1] == u'.' || f[start - 1] == u'/') &&
                                     isAsciiDigit(f[start - 2]));
        }
    }
}

} // namespace

QStringList tokens(QStringView text)
{
    QString folded;
    QList<QStringView> views;
    tokenize(text, folded, views, nullptr);
    QStringList out;
    out.reserve(views.size());
    for (const QStringView view : std::as_const(views))
        out << view.toString();
    return out;
}

namespace {

// A phrase of a match expression: its terms in order; the last one a prefix when `prefix`.
struct Phrase
{
    QStringList terms;
    bool prefix = false;
};

QList<Phrase> phrasesOf(QStringView match)
{
    static const QRegularExpression quoted(QStringLiteral("\"([^\"]*)\"(\\*?)"));
    QList<Phrase> out;
    auto it = quoted.globalMatch(match);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        Phrase p{tokens(m.capturedView(1)), !m.capturedView(2).isEmpty()};
        if (!p.terms.isEmpty())
            out << p;
    }
    return out;
}

// An occurrence of a prefix phrase whose last term only starts the text's term (other than
// as its plural) counts this much: "copper" typed finds "Copperline", but "copper" and
// "coppers" rank above it.
constexpr double PrefixOnlyWeight = 0.5;

// How often `phrase` occurs in `terms`. A phrase that starts with a number does not occur
// where its first term continues a number of the text (`continuesNumber`, see tokenize()):
// "8 mm" is not in "2.8 mm", although the index, which matches it there, cannot tell.
double occurrences(const Phrase &phrase, const QList<QStringView> &terms,
                   const QList<bool> &continuesNumber)
{
    const qsizetype k = phrase.terms.size();
    const bool number = isAsciiDigit(phrase.terms.constFirst().front());
    double count = 0;
    for (qsizetype i = 0; i + k <= terms.size(); ++i) {
        if (number && continuesNumber.at(i))
            continue;
        bool all = true;
        bool whole = true;
        for (qsizetype j = 0; j < k && all; ++j) {
            const QStringView term = terms.at(i + j);
            const QString &wanted = phrase.terms.at(j);
            if (phrase.prefix && j == k - 1) {
                all = term.startsWith(wanted);
                // The word, or its plural ("washers" of "washer").
                const QStringView rest = term.sliced(std::min(term.size(), wanted.size()));
                whole = rest.isEmpty() || rest == u"s" || rest == u"es";
            } else {
                all = term == wanted;
            }
        }
        if (all)
            count += whole ? 1.0 : PrefixOnlyWeight;
    }
    return count;
}

} // namespace

QList<double> relevance(QStringView match, const QList<IndexedText> &rows)
{
    // The weights of bm25(products_fts, ...) in the order of IndexedText::Column.
    static constexpr double Weights[IndexedText::ColumnCount] = {10.0, 5.0, 1.0, 2.0,
                                                                 2.0,  1.5, 1.0};
    constexpr double K1 = 1.2;
    constexpr double B = 0.75;
    const QList<Phrase> phrases = phrasesOf(match);
    QList<double> scores(rows.size(), 0.0);
    if (rows.isEmpty() || phrases.isEmpty())
        return scores;

    // Per row: the weighted occurrences of each phrase, and the row's length in terms.
    QList<double> weighted(rows.size() * phrases.size(), 0.0);
    QList<double> lengths(rows.size(), 0.0);
    double total = 0;
    // Which terms continue a number matters only to phrases that start with one.
    const bool numbers = std::any_of(phrases.cbegin(), phrases.cend(), [](const Phrase &p) {
        return isAsciiDigit(p.terms.constFirst().front());
    });
    QList<bool> continuesNumber;
    QString folded;
    QList<QStringView> terms;
    for (qsizetype r = 0; r < rows.size(); ++r) {
        for (int c = 0; c < IndexedText::ColumnCount; ++c) {
            tokenize(rows.at(r).columns[c], folded, terms, numbers ? &continuesNumber : nullptr);
            lengths[r] += double(terms.size());
            for (qsizetype p = 0; p < phrases.size(); ++p)
                weighted[r * phrases.size() + p] +=
                    Weights[c] * occurrences(phrases.at(p), terms, continuesNumber);
        }
        total += lengths.at(r);
    }
    const double average = std::max(1.0, total / double(rows.size()));
    for (qsizetype r = 0; r < rows.size(); ++r) {
        const double norm = K1 * (1.0 - B + B * lengths.at(r) / average);
        double score = 0;
        for (qsizetype p = 0; p < phrases.size(); ++p) {
            const double tf = weighted.at(r * phrases.size() + p);
            score += tf * (K1 + 1.0) / (tf + norm);
        }
        scores[r] = score;
    }
    return scores;
}

} // namespace qm::searchtext
