#include "models/spelling.h"

#include "models/searchindex.h"
#include "models/sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlQuery>

#include <array>

namespace qm::spelling {

namespace {

Q_LOGGING_CATEGORY(lcSpelling, "qm.models.spelling", QtInfoMsg)

// The characters a word may have left out: letters and '-', which the index keeps inside
// terms ("selftapping" for "self-tapping").
constexpr QStringView LettersAndHyphen = u"abcdefghijklmnopqrstuvwxyz-";

// Keys that trade places between QWERTY and QWERTZ: typed on the one, meant on the other.
bool layoutSwap(QChar a, QChar b)
{
    return (a == u'y' && b == u'z') || (a == u'z' && b == u'y');
}

// Vowels, which spelling confuses whatever the keyboard ("galvinized", "zync").
bool isVowel(QChar c)
{
    return QStringView(u"aeiouy").contains(c);
}

// Whether keys `a` and `b` (letters a-z) touch on a QWERTY or a QWERTZ keyboard: on the same
// row, next to each other; on the rows above and below, the two keys each touches.
bool keysTouch(QChar a, QChar b)
{
    static const std::array<QSet<QChar>, 26> touching = [] {
        std::array<QSet<QChar>, 26> out;
        for (const std::array<QStringView, 3> &rows :
             {std::array<QStringView, 3>{u"qwertyuiop", u"asdfghjkl", u"zxcvbnm"},
              std::array<QStringView, 3>{u"qwertzuiop", u"asdfghjkl", u"yxcvbnm"}}) {
            for (qsizetype r = 0; r < 3; ++r) {
                for (qsizetype c = 0; c < rows[r].size(); ++c) {
                    QSet<QChar> &keys = out[rows[r][c].unicode() - u'a'];
                    const auto touch = [&](qsizetype row, qsizetype column) {
                        if (row >= 0 && row < 3 && column >= 0 && column < rows[row].size())
                            keys.insert(rows[row][column]);
                    };
                    touch(r, c - 1);
                    touch(r, c + 1);
                    touch(r - 1, c);
                    touch(r - 1, c + 1);
                    touch(r + 1, c - 1);
                    touch(r + 1, c);
                }
            }
        }
        return out;
    }();
    const auto index = [](QChar c) { return c >= u'a' && c <= u'z' ? c.unicode() - u'a' : -1; };
    return index(a) >= 0 && index(b) >= 0 && touching[index(a)].contains(b);
}

// Whether any product matches a full-text expression.
const QString ExistsMatch =
    QStringLiteral("SELECT EXISTS (SELECT 1 FROM products_fts WHERE products_fts MATCH ?)");

QString jsonArray(const QStringList &strings)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(strings)).toJson(QJsonDocument::Compact));
}

// Each of `prefixes` that starts a term of the vocabulary, with a term it starts.
// False if the vocabulary cannot be read.
bool startingTerms(QSqlQuery &q, const QStringList &prefixes, QList<QPair<QString, QString>> *out,
                   QString *error)
{
    q.bindValue(0, jsonArray(prefixes));
    if (!sql::exec(q, error))
        return false;
    while (q.next())
        out->append({q.value(0).toString(), q.value(1).toString()});
    q.finish();
    return true;
}

// Whether a product holds a term that `prefix` (a-z and '-') starts anywhere but in its
// description. A description tells a story in words that name no product ("for food handling
// and light chemical splash"): a slip taken for one of those finds products for words nobody
// meant ("flood light" searched as "food light" listed nitrile gloves).
// `q` is prepared with ExistsMatch.
bool namesProducts(const QSqlDatabase &db, QSqlQuery &q, const QString &prefix, bool *names,
                   QString *error)
{
    q.bindValue(0, searchindex::expandPrefixes(
                       db, QStringLiteral("{sku name brand attribute_text category_path"
                                          " search_terms} : \"%1\"*")
                               .arg(prefix)));
    if (!sql::exec(q, error) || !q.next())
        return false;
    *names = q.value(0).toBool();
    q.finish();
    return true;
}

// Adds to `correction` the two words `word` may be typed together for ("hardhat" ->
// "hard hat"): each split into a term of the index and the start of one, both of at least
// MinGluedLength letters, that a product holds both of.
bool gluedWords(const QSqlDatabase &db, const QString &word, const searchtext::Synonyms &synonyms,
                Correction *correction, QString *error)
{
    QSqlQuery both(db);
    both.setForwardOnly(true);
    if (!sql::prepare(both, ExistsMatch, error))
        return false;
    for (qsizetype i = MinGluedLength; i + MinGluedLength <= word.size(); ++i) {
        const QString first = word.first(i);
        const QString second = word.sliced(i);
        // The words of a synonym ("zipties" -> "zip ties", searched as cable ties).
        qsizetype length = 0;
        const QString one = searchtext::singular(second);
        synonyms.match({first, second}, 0, &length);
        if (length != 2 && !one.isEmpty())
            synonyms.match({first, one}, 0, &length);
        if (length == 2) {
            correction->meant << first + u' ' + second;
            correction->examples << first + u' ' + second;
            continue;
        }
        // The words hold only a-z (searchtext::mayBeSlip()): quoting them is enough.
        // A prefix of more than three letters stands for the terms it starts, or FTS5 would
        // merge all their lists first.
        both.bindValue(0, searchindex::expandPrefixes(
                              db, QStringLiteral("\"%1\" AND \"%2\"*").arg(first, second)));
        if (!sql::exec(both, error) || !both.next())
            return false;
        if (both.value(0).toBool()) {
            correction->meant << first + u' ' + second;
            correction->examples << first + u' ' + second;
        }
        both.finish();
    }
    return true;
}

} // namespace

QStringList slips(const QString &word)
{
    QSet<QString> seen{word};
    QStringList out;
    const auto add = [&](QString slip) {
        if (!seen.contains(slip)) {
            seen.insert(slip);
            out << std::move(slip);
        }
    };
    const qsizetype n = word.size();
    // A key pressed twice, or a neighbour's key with it.
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = word.at(i);
        const bool besideNeighbour =
            (i > 0 && (word.at(i - 1) == c || keysTouch(word.at(i - 1), c))) ||
            (i + 1 < n && (word.at(i + 1) == c || keysTouch(word.at(i + 1), c)));
        if (besideNeighbour)
            add(QString(word).remove(i, 1));
    }
    // Two keys in the wrong order.
    for (qsizetype i = 0; i + 1 < n; ++i) {
        QString swapped = word;
        std::swap(swapped[i], swapped[i + 1]);
        add(swapped);
    }
    // The key beside the one meant, or one vowel for another.
    for (qsizetype i = 0; i < n; ++i) {
        const QChar typed = word.at(i);
        for (char16_t m = u'a'; m <= u'z'; ++m) {
            const QChar meant(m);
            if (keysTouch(typed, meant) || layoutSwap(typed, meant) ||
                (isVowel(typed) && isVowel(meant))) {
                QString replaced = word;
                replaced[i] = meant;
                add(replaced);
            }
        }
    }
    // A key left out; in a short word that is as likely another word.
    if (n >= MinOmissionLength) {
        for (qsizetype i = 0; i <= n; ++i) {
            for (const QChar c : LettersAndHyphen)
                add(QString(word).insert(i, c));
        }
    }
    return out;
}

QList<Correction> corrections(const QSqlDatabase &db, QStringView userText,
                              const searchtext::Synonyms &synonyms)
{
    QList<Correction> out;
    // Whether a term starts with the word or its singular: one look into the vocabulary's key
    // each.
    // char(1114111), the last code point, sorts after anything that may follow a prefix in a
    // term.
    QSqlQuery known(db);
    // For each prefix of a JSON array, a term it starts, to show: of the first few, the
    // shortest of letters alone ("nut" -> "nuts", not "nut-10").
    QSqlQuery starting(db);
    QSqlQuery named(db);
    named.setForwardOnly(true);
    known.setForwardOnly(true);
    starting.setForwardOnly(true);
    bool knownPrepared = false;
    bool startingPrepared = false;
    QSet<QString> done;
    for (const QString &word : searchtext::queryWords(userText)) {
        if (done.contains(word) || !searchtext::mayBeSlip(word, synonyms))
            continue;
        done.insert(word);
        QString error;
        if (!knownPrepared &&
            !sql::prepare(known,
                          QStringLiteral("SELECT EXISTS (SELECT 1 FROM search_vocabulary"
                                         " WHERE (term >= ? AND term < ? || char(1114111))"
                                         " OR (term >= ? AND term < ? || char(1114111)))"),
                          &error)) {
            qCWarning(lcSpelling) << error;
            return {};
        }
        knownPrepared = true;
        const QString one = searchtext::singular(word);
        for (int i = 0; i < 4; ++i)
            known.bindValue(i, i < 2 || one.isEmpty() ? word : one);
        if (!sql::exec(known, &error) || !known.next()) {
            qCWarning(lcSpelling) << error;
            return {};
        }
        const bool isKnown = known.value(0).toBool();
        known.finish();
        if (isKnown)
            continue;
        if (!startingPrepared) {
            // Nothing is a slip against an empty vocabulary.
            const auto terms = sql::readInt(
                db,
                QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM search_vocabulary LIMIT 1)"),
                &error);
            if (!terms || *terms == 0) {
                if (!error.isEmpty())
                    qCWarning(lcSpelling) << error;
                return {};
            }
            if (!sql::prepare(
                    starting,
                    QStringLiteral("SELECT value, (SELECT term FROM (SELECT term"
                                   " FROM search_vocabulary"
                                   " WHERE term >= value AND term < value || char(1114111)"
                                   " ORDER BY term LIMIT 8)"
                                   " ORDER BY term GLOB '*[^a-z]*', length(term), term LIMIT 1)"
                                   " AS example"
                                   " FROM json_each(?) WHERE example IS NOT NULL ORDER BY value"),
                    &error) ||
                !sql::prepare(named, ExistsMatch, &error)) {
                qCWarning(lcSpelling) << error;
                return {};
            }
            startingPrepared = true;
        }
        QStringList candidates = slips(word);
        candidates.removeIf([](const QString &s) { return s.size() < MinMeantLength; });
        QList<QPair<QString, QString>> found;
        if (!startingTerms(starting, candidates, &found, &error)) {
            qCWarning(lcSpelling) << error;
            return out;
        }
        // In order, a prefix comes right before the prefixes that start with it; those
        // match nothing it does not.
        Correction correction{word, {}, {}};
        for (const auto &[prefix, term] : std::as_const(found)) {
            if (!correction.meant.isEmpty() && prefix.startsWith(correction.meant.constLast()))
                continue;
            bool names = false;
            if (!namesProducts(db, named, prefix, &names, &error)) {
                qCWarning(lcSpelling) << error;
                return out;
            }
            if (!names)
                continue;
            correction.meant << prefix;
            correction.examples << term;
        }
        if (correction.meant.isEmpty() && !gluedWords(db, word, synonyms, &correction, &error)) {
            qCWarning(lcSpelling) << error;
            return out;
        }
        if (!correction.meant.isEmpty() && correction.meant.size() <= MaxMeanings)
            out << correction;
    }
    return out;
}

searchtext::Corrections asMap(const QList<Correction> &corrections)
{
    searchtext::Corrections map;
    for (const Correction &c : corrections)
        map.insert(c.typed, c.meant);
    return map;
}

} // namespace qm::spelling
