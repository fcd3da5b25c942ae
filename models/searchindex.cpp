#include "models/searchindex.h"

#include "models/searchtext.h"
#include "models/sql.h"

#include <QLoggingCategory>
#include <QRegularExpression>
#include <QStringList>

namespace qm::searchindex {

namespace {

Q_LOGGING_CATEGORY(lcSearchIndex, "qm.models.searchindex", QtInfoMsg)

constexpr int RebuildHashBytes = 64 * 1024 * 1024;
constexpr int DefaultHashBytes = 1024 * 1024; // FTS5's own default

// The tokenizer of products_fts (cache schema 6); the scratch table must cut text exactly
// as the index does.
const QString Tokenizer = QStringLiteral("unicode61 remove_diacritics 2 tokenchars '-'");

// Whether every character of `text` is one FTS5's tokenizer keeps as it is in a term:
// a-z, 0-9 and '-' (a token character of products_fts).
bool isPlainTerm(QStringView text)
{
    for (const QChar c : text) {
        if (!((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-'))
            return false;
    }
    return !text.isEmpty();
}

} // namespace

const QString &indexedColumns()
{
    static const QString columns = QStringLiteral(
        "sku, name, description, brand, attribute_text, category_path, search_terms");
    return columns;
}

namespace {

QString configStatement(const char *option, int value)
{
    return QStringLiteral("INSERT INTO products_fts(products_fts, rank) VALUES ('%1', %2)")
        .arg(QLatin1StringView(option))
        .arg(value);
}

QString hashSizeStatement(int bytes)
{
    return configStatement("hashsize", bytes);
}

QString automergeStatement(int segments)
{
    return configStatement("automerge", segments);
}

QString crisisMergeStatement(int segments)
{
    return configStatement("crisismerge", segments);
}

QStringList vocabularyStatements()
{
    return {QStringLiteral("CREATE VIRTUAL TABLE IF NOT EXISTS temp.products_fts_terms"
                           " USING fts5vocab(main, products_fts, row)"),
            QStringLiteral("DELETE FROM search_vocabulary"),
            QStringLiteral("INSERT INTO search_vocabulary(term) SELECT term"
                           " FROM temp.products_fts_terms WHERE length(term) > %1")
                .arg(IndexedPrefixLength)};
}

bool runAll(const QSqlDatabase &db, const QStringList &statements, QString *error)
{
    for (const QString &statement : statements) {
        if (!sql::run(db, statement, error))
            return false;
    }
    return true;
}

} // namespace

QStringList rebuildStatements()
{
    // FTS5 gathers the terms of the rows it indexes in memory and writes them out as a segment
    // whenever they fill its hash table (1 MiB by default); every segment is merged later. With
    // 64 MiB the one-pass build of a million products took a quarter less CPU (21.1 s → 15.6 s
    // in sqlite3) for about 110 MB more memory while it runs. The default is put back for the
    // page-by-page updates that follow, as is the merge setting (see OnePassMergeSegments).
    return QStringList{
               hashSizeStatement(RebuildHashBytes), automergeStatement(OnePassMergeSegments),
               QStringLiteral("INSERT INTO products_fts(products_fts) VALUES ('rebuild')"),
               hashSizeStatement(DefaultHashBytes), automergeStatement(DefaultMergeSegments)} +
           vocabularyStatements();
}

bool rebuild(const QSqlDatabase &db, QString *error)
{
    return runAll(db, rebuildStatements(), error);
}

bool beginRanges(const QSqlDatabase &db, QString *error)
{
    return runAll(db,
                  {QStringLiteral("INSERT INTO products_fts(products_fts) VALUES ('delete-all')"),
                   automergeStatement(0), crisisMergeStatement(RangesCrisisSegments)},
                  error);
}

bool indexRange(const QSqlDatabase &db, qint64 after, std::optional<qint64> through, QString *error)
{
    // The large hash table as for rebuild(): a range of up to a few ten thousand products
    // then goes out as one segment when the transaction commits.
    if (!sql::run(db, hashSizeStatement(RebuildHashBytes), error))
        return false;
    QSqlQuery q(db);
    if (!sql::prepare(
            q,
            QStringLiteral("INSERT INTO products_fts(rowid, %1) SELECT id, %1"
                           " FROM products WHERE id > ?%2")
                .arg(indexedColumns(), through ? QStringLiteral(" AND id <= ?") : QString()),
            error))
        return false;
    q.addBindValue(after);
    if (through)
        q.addBindValue(*through);
    return sql::exec(q, error) && sql::run(db, hashSizeStatement(DefaultHashBytes), error);
}

bool completeRanges(const QSqlDatabase &db, QString *error)
{
    return runAll(
        db, QStringList{automergeStatement(DefaultMergeSegments)} + vocabularyStatements(), error);
}

bool mergeStep(const QSqlDatabase &db, int pages, bool *done, QString *error)
{
    // FTS5 counts one change for the command itself; more mean that it merged something.
    const QString changes = QStringLiteral("SELECT total_changes()");
    const auto before = sql::readInt(db, changes, error);
    if (!before || !sql::run(db, configStatement("merge", pages), error))
        return false;
    const auto after = sql::readInt(db, changes, error);
    if (!after)
        return false;
    *done = *after - *before < 2;
    if (!*done)
        return true;
    const auto crisis =
        sql::readInt(db,
                     QStringLiteral("SELECT coalesce((SELECT v FROM products_fts_config"
                                    " WHERE k = 'crisismerge'), %1)")
                         .arg(DefaultCrisisSegments),
                     error);
    return crisis && (*crisis == DefaultCrisisSegments ||
                      sql::run(db, crisisMergeStatement(DefaultCrisisSegments), error));
}

bool VocabularyWriter::prepare(const QSqlDatabase &db, QString *error)
{
    m_fill = QSqlQuery(db);
    m_collect = QSqlQuery(db);
    m_clear = QSqlQuery(db);
    return sql::run(db,
                    QStringLiteral("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocabulary_scratch"
                                   " USING fts5(%1, tokenize = \"%2\", detail = none)")
                        .arg(indexedColumns(), Tokenizer),
                    error) &&
           sql::run(
               db,
               QStringLiteral("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocabulary_scratch_terms"
                              " USING fts5vocab(temp, vocabulary_scratch, row)"),
               error) &&
           sql::prepare(m_fill,
                        QStringLiteral("INSERT INTO temp.vocabulary_scratch(%1) SELECT %1"
                                       " FROM products WHERE sku IN"
                                       " (SELECT value FROM json_each(?))")
                            .arg(indexedColumns()),
                        error) &&
           sql::prepare(
               m_collect,
               QStringLiteral("INSERT OR IGNORE INTO search_vocabulary(term) SELECT term"
                              " FROM temp.vocabulary_scratch_terms WHERE length(term) > %1")
                   .arg(IndexedPrefixLength),
               error) &&
           sql::prepare(m_clear, QStringLiteral("DELETE FROM temp.vocabulary_scratch"), error);
}

bool VocabularyWriter::add(const QString &skuJson, QString *error)
{
    m_fill.bindValue(0, skuJson);
    return sql::exec(m_fill, error) && sql::exec(m_collect, error) && sql::exec(m_clear, error);
}

QString expandPrefixes(const QSqlDatabase &db, const QString &match)
{
    static const QRegularExpression prefixTerm(QStringLiteral("\"([^\"]*)\"\\*"));
    QString out;
    qsizetype copied = 0;
    QSqlQuery q(db);
    bool prepared = false;
    auto it = prefixTerm.globalMatch(match);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString prefix = m.captured(1);
        if (prefix.size() <= IndexedPrefixLength || !isPlainTerm(prefix))
            continue;
        if (!prepared) {
            QString error;
            if (!sql::prepare(q,
                              QStringLiteral("SELECT term FROM search_vocabulary"
                                             " WHERE term >= ? AND term < ? ORDER BY term LIMIT %1")
                                  .arg(MaxTermsPerPrefix + 1),
                              &error)) {
                qCWarning(lcSearchIndex) << error;
                return match;
            }
            prepared = true;
        }
        QString end = prefix;
        end.back() = QChar(end.back().unicode() + 1);
        q.bindValue(0, prefix);
        q.bindValue(1, end);
        QString error;
        if (!sql::exec(q, &error)) {
            qCWarning(lcSearchIndex) << error;
            return match;
        }
        QStringList terms;
        bool plain = true;
        while (q.next()) {
            const QString term = q.value(0).toString();
            plain = plain && isPlainTerm(term);
            terms << u'"' + term + u'"';
        }
        q.finish();
        QString replacement;
        if (terms.size() > MaxTermsPerPrefix) {
            // A compound's prefix standing for many words (the SKUs "qm-0"* starts): every
            // one of them holds the prefix's parts among its index terms.
            const searchtext::CompoundPrefix compound = searchtext::compoundPrefix(prefix);
            QStringList all;
            for (const QString &part : compound.whole)
                all << u'"' + part + u'"';
            if (!compound.start.isEmpty())
                all << u'"' + compound.start + QStringLiteral("\"*");
            if (all.size() == 1)
                replacement = all.constFirst();
            else if (all.size() > 1)
                replacement = u'(' + all.join(QStringLiteral(" AND ")) + u')';
        } else if (!terms.isEmpty() && plain) {
            replacement = terms.size() == 1 ? terms.constFirst()
                                            : u'(' + terms.join(QStringLiteral(" OR ")) + u')';
        }
        if (replacement.isEmpty())
            continue;
        out += QStringView(match).mid(copied, m.capturedStart() - copied);
        out += replacement;
        copied = m.capturedEnd();
    }
    if (copied == 0)
        return match;
    out += QStringView(match).mid(copied);
    return out;
}

} // namespace qm::searchindex
