#include "models/spelling.h"

#include "models/sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlQuery>

namespace qm::spelling {

namespace {

Q_LOGGING_CATEGORY(lcSpelling, "qm.models.spelling", QtInfoMsg)

// The characters a slip replaces: those of the words mayBeSlip() lets through. A slip may
// also leave out a '-', which the index keeps inside terms ("selftapping", "self-tapping").
constexpr QStringView Letters = u"abcdefghijklmnopqrstuvwxyz";
constexpr QStringView LettersAndHyphen = u"abcdefghijklmnopqrstuvwxyz-";

QString jsonArray(const QStringList &strings)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(strings)).toJson(QJsonDocument::Compact));
}

// Each of `prefixes` that starts a term of the vocabulary, with the first term it starts.
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
    for (qsizetype i = 0; i < n; ++i)
        add(QString(word).remove(i, 1));
    for (qsizetype i = 0; i + 1 < n; ++i) {
        QString swapped = word;
        std::swap(swapped[i], swapped[i + 1]);
        add(swapped);
    }
    for (qsizetype i = 0; i < n; ++i) {
        for (const QChar c : Letters) {
            QString replaced = word;
            replaced[i] = c;
            add(replaced);
        }
    }
    for (qsizetype i = 0; i <= n; ++i) {
        for (const QChar c : LettersAndHyphen)
            add(QString(word).insert(i, c));
    }
    return out;
}

QList<Correction> corrections(const QSqlDatabase &db, QStringView userText,
                              const searchtext::Synonyms &synonyms)
{
    QList<Correction> out;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    bool prepared = false;
    QSet<QString> done;
    for (const QString &word : searchtext::queryWords(userText)) {
        if (done.contains(word) || !searchtext::mayBeSlip(word, synonyms))
            continue;
        done.insert(word);
        QString error;
        if (!prepared) {
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
            // char(1114111), the last code point, sorts after anything that may follow a
            // prefix in a term.
            if (!sql::prepare(
                    q,
                    QStringLiteral("SELECT value, (SELECT term FROM search_vocabulary"
                                   " WHERE term >= value AND term < value || char(1114111)"
                                   " ORDER BY term LIMIT 1) AS first"
                                   " FROM json_each(?) WHERE first IS NOT NULL ORDER BY value"),
                    &error)) {
                qCWarning(lcSpelling) << error;
                return {};
            }
            prepared = true;
        }
        QList<QPair<QString, QString>> found;
        QStringList typed{word};
        if (const QString one = searchtext::singular(word); !one.isEmpty())
            typed << one;
        if (!startingTerms(q, typed, &found, &error)) {
            qCWarning(lcSpelling) << error;
            return out;
        }
        if (!found.isEmpty())
            continue;
        QStringList candidates = slips(word);
        candidates.removeIf([](const QString &s) { return s.size() < searchtext::MinSlipLength; });
        if (!startingTerms(q, candidates, &found, &error)) {
            qCWarning(lcSpelling) << error;
            return out;
        }
        // In order, a prefix comes right before the prefixes that start with it; those
        // match nothing it does not.
        Correction correction{word, {}, {}};
        for (const auto &[prefix, term] : std::as_const(found)) {
            if (!correction.meant.isEmpty() && prefix.startsWith(correction.meant.constLast()))
                continue;
            correction.meant << prefix;
            correction.examples << term;
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
