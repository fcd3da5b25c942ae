#include "models/coderesolver.h"

#include "core/gtin.h"
#include "models/database.h"
#include "models/searchtext.h"
#include "models/sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>

#include <algorithm>

namespace qm {

namespace {

Q_LOGGING_CATEGORY(lcResolver, "qm.models.coderesolver", QtInfoMsg)

// Levenshtein distance, for ranking SKUs that share a prefix with a mistyped code.
int editDistance(QStringView a, QStringView b)
{
    QList<int> row(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[j];
            row[j] =
                std::min({above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace

CodeResolver::CodeResolver(Database &db)
    : m_db(db)
{}

QString CodeResolver::codeKey(QStringView code)
{
    QString key;
    key.reserve(code.size());
    for (QChar c : code) {
        if (c.isLetterOrNumber())
            key.append(c.toUpper());
    }
    return key;
}

QList<CodeMatch> CodeResolver::resolve(QStringView code) const
{
    const QString given = code.toString();
    return resolveMany({given}).value(given);
}

namespace {

// Fills in the product names of the matches of ambiguous codes (several distinct SKUs):
// the user picks one of them by name.
bool nameAmbiguous(const QSqlDatabase &db, QHash<QString, QList<CodeMatch>> &byCode, QString *error)
{
    QList<QList<CodeMatch> *> ambiguous;
    QStringList skus;
    QSet<QString> seen;
    for (QList<CodeMatch> &matches : byCode) {
        if (!CodeResolver::isAmbiguous(matches))
            continue;
        ambiguous << &matches;
        for (const CodeMatch &m : std::as_const(matches)) {
            if (m.productName.isEmpty() && !seen.contains(m.sku)) {
                seen.insert(m.sku);
                skus << m.sku;
            }
        }
    }
    if (skus.isEmpty())
        return true;
    // Each name keyed by the SKU as the match spells it (products.sku compares with NOCASE).
    QHash<QString, QString> nameBySku;
    const bool ok = sql::forEachRow(
        db,
        QStringLiteral("SELECT s.value, p.name FROM json_each(?) s"
                       " CROSS JOIN products p ON p.sku = s.value"),
        sql::jsonArray(skus),
        [&](const QSqlQuery &q) { nameBySku.insert(q.value(0).toString(), q.value(1).toString()); },
        error);
    for (QList<CodeMatch> *matches : std::as_const(ambiguous)) {
        for (CodeMatch &m : *matches) {
            if (m.productName.isEmpty())
                m.productName = nameBySku.value(m.sku);
        }
    }
    return ok;
}

} // namespace

bool CodeResolver::isAmbiguous(const QList<CodeMatch> &matches)
{
    return std::any_of(matches.cbegin(), matches.cend(), [&](const CodeMatch &m) {
        return m.sku.compare(matches.constFirst().sku, Qt::CaseInsensitive) != 0;
    });
}

QHash<QString, QList<CodeMatch>> CodeResolver::resolveMany(const QStringList &codes,
                                                           Names names) const
{
    // Each distinct trimmed code is looked up once; GTINs by their 14-digit form.
    QHash<QString, QStringList> givenByTrimmed;
    QHash<QString, QStringList> trimmedByGtin;
    QStringList trimmedCodes;
    QStringList gtins;
    for (const QString &code : codes) {
        const QString trimmed = code.trimmed();
        if (trimmed.isEmpty())
            continue;
        QStringList &given = givenByTrimmed[trimmed];
        if (given.isEmpty()) {
            trimmedCodes << trimmed;
            const QString gtin14 = gtin::normalized(trimmed);
            if (!gtin14.isEmpty()) {
                QStringList &forGtin = trimmedByGtin[gtin14];
                if (forGtin.isEmpty())
                    gtins << gtin14;
                forGtin << trimmed;
            }
        }
        if (!given.contains(code))
            given << code;
    }

    const QSqlDatabase db = m_db.connection();
    QHash<QString, QList<CodeMatch>> byTrimmed;
    QString error;
    const auto run = [&db, &error](const QString &statement) {
        return sql::run(db, statement, &error);
    };
    const auto fill = [&db, &error](const QString &table, const QStringList &values) {
        QSqlQuery q(db);
        if (!sql::prepare(q,
                          QStringLiteral("INSERT INTO temp.%1(code) SELECT value FROM json_each(?)")
                              .arg(table),
                          &error))
            return false;
        q.addBindValue(sql::jsonArray(values));
        return sql::exec(q, &error);
    };
    const auto rows = [&db, &error](const QString &statement, const auto &row) {
        QSqlQuery q(db);
        if (!sql::prepare(q, statement, &error) || !sql::exec(q, &error))
            return false;
        while (q.next())
            row(q);
        return true;
    };
    // The codes (and the GTINs among them) go into temporary tables, each joined once with
    // the index of what it may name. The order of the three lookups is the order of the
    // matches: SKU, GTIN, part number. Without names, an SKU is found in its index alone.
    const bool withNames = names == Names::All;
    bool ok =
        run(QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS resolve_codes(code TEXT NOT NULL)")) &&
        run(QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS resolve_gtins(code TEXT NOT NULL)")) &&
        run(QStringLiteral("DELETE FROM temp.resolve_codes")) &&
        run(QStringLiteral("DELETE FROM temp.resolve_gtins")) &&
        fill(QStringLiteral("resolve_codes"), trimmedCodes) &&
        (gtins.isEmpty() || fill(QStringLiteral("resolve_gtins"), gtins)) &&
        rows(QStringLiteral("SELECT c.code, p.sku, p.id, %1 FROM temp.resolve_codes c"
                            " CROSS JOIN products p ON p.sku = c.code COLLATE NOCASE")
                 .arg(withNames ? QStringLiteral("p.name") : QStringLiteral("NULL")),
             [&](const QSqlQuery &q) {
                 byTrimmed[q.value(0).toString()].append(
                     CodeMatch{q.value(1).toString(), QString(), CodeMatch::By::Sku,
                               q.value(3).toString(), q.value(2).toLongLong()});
             }) &&
        (gtins.isEmpty() ||
         rows(QStringLiteral("SELECT g.code, p.sku, k.uom, p.name, p.id FROM temp.resolve_gtins g"
                             " CROSS JOIN packs k ON k.gtin14 = g.code"
                             " JOIN products p ON p.id = k.product_id ORDER BY p.sku, k.position"),
              [&](const QSqlQuery &q) {
                  const CodeMatch match{q.value(1).toString(), q.value(2).toString(),
                                        CodeMatch::By::Gtin, q.value(3).toString(),
                                        q.value(4).toLongLong()};
                  for (const QString &trimmed : trimmedByGtin.value(q.value(0).toString()))
                      byTrimmed[trimmed].append(match);
              })) &&
        // A part number may name a product outside the assortment (no row: id 0).
        rows(QStringLiteral("SELECT c.code, n.sku, p.id, %1 FROM temp.resolve_codes c"
                            " CROSS JOIN part_numbers n ON n.part_number = c.code COLLATE NOCASE"
                            " LEFT JOIN products p ON p.sku = n.sku")
                 .arg(withNames ? QStringLiteral("p.name") : QStringLiteral("NULL")),
             [&](const QSqlQuery &q) {
                 byTrimmed[q.value(0).toString()].append(
                     CodeMatch{q.value(1).toString(), QString(), CodeMatch::By::PartNumber,
                               q.value(3).toString(), q.value(2).toLongLong()});
             });
    QString ignored;
    sql::run(db, QStringLiteral("DELETE FROM temp.resolve_codes"), &ignored);
    sql::run(db, QStringLiteral("DELETE FROM temp.resolve_gtins"), &ignored);
    if (ok && !withNames)
        ok = nameAmbiguous(db, byTrimmed, &error);
    if (!ok)
        qCWarning(lcResolver) << error;

    QHash<QString, QList<CodeMatch>> result;
    result.reserve(byTrimmed.size());
    for (auto it = byTrimmed.cbegin(); it != byTrimmed.cend(); ++it) {
        for (const QString &given : givenByTrimmed.value(it.key()))
            result.insert(given, it.value());
    }
    return result;
}

namespace {

// "Did you mean" for one code after another, each statement prepared once.
class Suggester final
{
public:
    explicit Suggester(const QSqlDatabase &db)
        : m_sameKey(db)
        , m_gtin(db)
        , m_prefix(db)
        , m_search(db)
    {}

    QStringList suggest(const QString &code, int limit)
    {
        QStringList out;
        if (code.isEmpty() || limit <= 0)
            return out;
        const auto add = [&out, limit](const QString &sku) {
            if (out.size() < limit && !out.contains(sku, Qt::CaseInsensitive))
                out << sku;
        };
        const auto addFirst = [&add](const QSqlQuery &q) { add(q.value(0).toString()); };

        // The same code but for separators and case: "his100001", "HIS 100001"; an SKU or
        // the SKU of a part number ("bmg004512").
        const QString key = CodeResolver::codeKey(code);
        if (!key.isEmpty())
            rows(m_sameKey,
                 QStringLiteral("SELECT sku FROM products WHERE sku_key = ? UNION"
                                " SELECT p.sku FROM part_numbers n JOIN products p ON p.sku = n.sku"
                                " WHERE n.part_key = ? ORDER BY 1 LIMIT ?"),
                 {key, key, limit}, addFirst);

        // A GTIN whose check digit was mistyped (or a digit dropped by a scanner).
        const bool digits =
            std::all_of(code.cbegin(), code.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
        if (digits && (code.size() == 8 || (code.size() >= 12 && code.size() <= 14))) {
            const QString fixed =
                gtin::normalized(gtin::withCheckDigit(code.left(code.size() - 1)));
            if (!fixed.isEmpty())
                rows(m_gtin,
                     QStringLiteral("SELECT p.sku FROM packs k JOIN products p"
                                    " ON p.id = k.product_id WHERE k.gtin14 = ? ORDER BY p.sku"),
                     {fixed}, addFirst);
        }

        // SKUs sharing the longest prefix (at least half the code, at least four
        // characters), closest first.
        const qsizetype shortest = std::max<qsizetype>(4, (key.size() + 1) / 2);
        for (qsizetype n = key.size() - 1; n >= shortest && out.size() < limit; --n) {
            QList<QPair<int, QString>> candidates;
            // A key holds only letters and digits, so the GLOB pattern needs no escaping;
            // GLOB on the binary-collated key uses its index as a range.
            rows(m_prefix,
                 QStringLiteral("SELECT sku, sku_key FROM products WHERE sku_key GLOB ?"
                                " ORDER BY sku_key LIMIT 500"),
                 {key.left(n) + u'*'}, [&](const QSqlQuery &q) {
                     candidates.append(
                         {editDistance(key, q.value(1).toString()), q.value(0).toString()});
                 });
            if (candidates.isEmpty())
                continue;
            std::sort(candidates.begin(), candidates.end());
            for (const auto &candidate : std::as_const(candidates))
                add(candidate.second);
            break;
        }

        // Last, what a search for it as a prefix finds.
        const QString match = searchtext::matchExpression(code);
        if (out.size() < limit && !match.isEmpty())
            rows(m_search,
                 QStringLiteral("SELECT p.sku FROM products_fts JOIN products p"
                                " ON p.id = products_fts.rowid WHERE products_fts MATCH ?"
                                " ORDER BY rank LIMIT ?"),
                 {match, limit}, addFirst);
        return out;
    }

    const QString &error() const { return m_error; }

private:
    struct Statement
    {
        explicit Statement(const QSqlDatabase &db)
            : query(db)
        {}
        QSqlQuery query;
        bool prepared = false;
    };

    template<typename Row>
    void rows(Statement &s, const QString &statement, const QVariantList &binds, Row row)
    {
        if (!m_error.isEmpty())
            return;
        if (!s.prepared) {
            if (!sql::prepare(s.query, statement, &m_error))
                return;
            s.prepared = true;
        }
        for (const QVariant &v : binds)
            s.query.addBindValue(v);
        if (!sql::exec(s.query, &m_error))
            return;
        while (s.query.next())
            row(s.query);
        s.query.finish();
    }

    Statement m_sameKey;
    Statement m_gtin;
    Statement m_prefix;
    Statement m_search;
    QString m_error;
};

} // namespace

QStringList CodeResolver::suggestions(QStringView unknownCode, int limit) const
{
    Suggester suggester(m_db.connection());
    const QStringList out = suggester.suggest(unknownCode.trimmed().toString(), limit);
    if (!suggester.error().isEmpty())
        qCWarning(lcResolver) << suggester.error();
    return out;
}

QHash<QString, QStringList> CodeResolver::suggestionsMany(const QStringList &unknownCodes,
                                                          int limit) const
{
    QHash<QString, QStringList> result;
    Suggester suggester(m_db.connection());
    for (const QString &code : unknownCodes) {
        if (!result.contains(code))
            result.insert(code, suggester.suggest(code.trimmed(), limit));
    }
    if (!suggester.error().isEmpty())
        qCWarning(lcResolver) << suggester.error();
    return result;
}

} // namespace qm
