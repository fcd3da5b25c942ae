#include "models/catalogquery.h"

#include "core/gtin.h"
#include "models/coderesolver.h"
#include "models/database.h"
#include "models/readactivity.h"
#include "models/searchindex.h"
#include "models/searchtext.h"
#include "models/spelling.h"
#include "models/sql.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QLocale>
#include <QLoggingCategory>

#include <algorithm>
#include <numeric>

namespace qm {

namespace {

Q_LOGGING_CATEGORY(lcQuery, "qm.models.catalogquery", QtInfoMsg)

const QString CategorySeparator = QStringLiteral(" > ");

// Search lists at most this many products found by a part number prefix.
constexpr int PartNumberPrefixHits = 50;

// Facet counts read at most this many matching products (see SearchFacets::complete).
constexpr int FacetSample = 10000;

// Columns of a ProductSummary, read by readSummary() in this order.
const QString SummarySelect = QStringLiteral(
    "SELECT p.id, p.sku, p.name, p.brand, p.category_path, p.pack_label, p.pack_quantity,"
    " p.base_uom, p.min_order_qty, p.discontinued,"
    " (SELECT COALESCE(SUM(s.on_hand), 0) FROM stock s WHERE s.sku = p.sku)"
    " FROM products p");

struct SummaryRow
{
    ProductSummary summary;
    QString baseUom;
    qint64 minOrderQty = 1;
};

QString placeholders(qsizetype n)
{
    QString s;
    for (qsizetype i = 0; i < n; ++i)
        s += i == 0 ? QStringLiteral("?") : QStringLiteral(", ?");
    return s;
}

QString packLabel(const QString &name, qint64 quantity)
{
    if (quantity <= 1 || name.contains(QString::number(quantity)))
        return name;
    //: How a product is sold, e.g. "Box of 100": %1 is the pack name, %2 the base units in it.
    return QCoreApplication::translate("qm::CatalogQuery", "%1 of %2")
        .arg(name, QLocale().toString(quantity));
}

SummaryRow readSummary(const QSqlQuery &q)
{
    SummaryRow row;
    ProductSummary &s = row.summary;
    s.id = q.value(0).toLongLong();
    s.sku = q.value(1).toString();
    s.name = q.value(2).toString();
    s.brand = q.value(3).toString();
    const QString path = q.value(4).toString();
    const qsizetype cut = path.lastIndexOf(CategorySeparator);
    s.category = cut < 0 ? path : path.mid(cut + CategorySeparator.size());
    s.packLabel = packLabel(q.value(5).toString(), q.value(6).toLongLong());
    row.baseUom = q.value(7).toString();
    row.minOrderQty = q.value(8).toLongLong();
    s.discontinued = q.value(9).toBool();
    s.onHand = q.value(10).toLongLong();
    return row;
}

PriceRule readRule(const QSqlQuery &q, int first)
{
    PriceRule r;
    r.kind = q.value(first).toString() == u"contract" ? PriceRule::Kind::Contract
                                                      : PriceRule::Kind::List;
    r.uom = q.value(first + 1).toString();
    r.minQty = q.value(first + 2).toLongLong();
    r.unitPrice = Decimal::fromUnits(q.value(first + 3).toLongLong());
    r.validFrom = QDate::fromString(q.value(first + 4).toString(), Qt::ISODate);
    r.validTo = QDate::fromString(q.value(first + 5).toString(), Qt::ISODate);
    return r;
}

const QString RuleColumns = QStringLiteral("kind, uom, min_qty, unit_price, valid_from, valid_to");

// Runs a summary query and resolves "your price" for every row with one query for the
// rules of the whole result.
QList<ProductSummary> loadSummaries(const QSqlDatabase &db, const QString &statement,
                                    const QVariantList &binds, QDate day)
{
    QList<SummaryRow> rows;
    QString error;
    QSqlQuery q(db);
    if (!sql::prepare(q, statement, &error)) {
        qCWarning(lcQuery) << error;
        return {};
    }
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!sql::exec(q, &error)) {
        qCWarning(lcQuery) << error;
        return {};
    }
    while (q.next())
        rows.append(readSummary(q));
    q.finish();

    if (!rows.isEmpty()) {
        QSqlQuery prices(db);
        const QString priceStatement = QStringLiteral("SELECT sku, currency, %1 FROM prices"
                                                      " WHERE sku IN (%2) ORDER BY sku, position")
                                           .arg(RuleColumns, placeholders(rows.size()));
        if (sql::prepare(prices, priceStatement, &error)) {
            for (const SummaryRow &r : std::as_const(rows))
                prices.addBindValue(r.summary.sku);
        }
        QHash<QString, QPair<QString, QList<PriceRule>>> rulesBySku;
        if (error.isEmpty() && sql::exec(prices, &error)) {
            while (prices.next()) {
                auto &entry = rulesBySku[prices.value(0).toString()];
                entry.first = prices.value(1).toString();
                entry.second.append(readRule(prices, 2));
            }
        }
        if (!error.isEmpty())
            qCWarning(lcQuery) << error;
        for (SummaryRow &r : rows) {
            const auto it = rulesBySku.constFind(r.summary.sku);
            if (it == rulesBySku.cend())
                continue;
            r.summary.currency = it->first;
            const auto quote =
                resolvePrice(it->second, r.baseUom, std::max<qint64>(1, r.minOrderQty), day);
            if (quote)
                r.summary.yourPrice = quote->unitPrice;
        }
    }
    QList<ProductSummary> out;
    out.reserve(rows.size());
    for (SummaryRow &r : rows)
        out.append(std::move(r.summary));
    return out;
}

} // namespace

CatalogQuery::CatalogQuery(Database &db)
    : m_db(db)
{}

qint64 CatalogQuery::productCount() const
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM products")) || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

std::optional<ProductDetails> CatalogQuery::product(const QString &code) const
{
    const QString text = code.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    const QSqlDatabase db = m_db.connection();
    QString error;
    QSqlQuery q(db);
    const QString columns = QStringLiteral(
        "SELECT id, sku, name, description, brand, category_code, category_path, attributes,"
        " base_uom, min_order_qty, order_multiple, discontinued, max_order_qty FROM products");
    bool found = false;
    if (sql::prepare(q, columns + QStringLiteral(" WHERE sku = ?"), &error)) {
        q.addBindValue(text);
        found = sql::exec(q, &error) && q.next();
    }
    const QString gtin14 = gtin::normalized(text);
    if (!found && !gtin14.isEmpty() && error.isEmpty()) {
        q.finish();
        if (sql::prepare(q,
                         columns + QStringLiteral(" WHERE id = (SELECT product_id FROM packs"
                                                  " WHERE gtin14 = ? ORDER BY product_id LIMIT 1)"),
                         &error)) {
            q.addBindValue(gtin14);
            found = sql::exec(q, &error) && q.next();
        }
    }
    if (!found && error.isEmpty()) {
        q.finish();
        if (sql::prepare(q,
                         columns + QStringLiteral(" WHERE sku = (SELECT sku FROM part_numbers"
                                                  " WHERE part_number = ?)"),
                         &error)) {
            q.addBindValue(text);
            found = sql::exec(q, &error) && q.next();
        }
    }
    if (!error.isEmpty())
        qCWarning(lcQuery) << error;
    if (!found)
        return std::nullopt;

    ProductDetails d;
    Product &p = d.product;
    const qint64 id = q.value(0).toLongLong();
    p.sku = q.value(1).toString();
    p.name = q.value(2).toString();
    p.description = q.value(3).toString();
    p.brand = q.value(4).toString();
    p.categoryCode = q.value(5).toString();
    const QString path = q.value(6).toString();
    if (!path.isEmpty())
        p.categoryPath = path.split(CategorySeparator);
    const QJsonObject attributes = QJsonDocument::fromJson(q.value(7).toString().toUtf8()).object();
    for (auto it = attributes.begin(); it != attributes.end(); ++it)
        p.attributes.insert(it.key(), it.value().toString());
    p.baseUom = q.value(8).toString();
    p.minOrderQty = q.value(9).toLongLong();
    p.orderMultiple = q.value(10).toLongLong();
    p.discontinued = q.value(11).toBool();
    p.maxOrderQty = q.value(12).toLongLong();
    q.finish();

    QSqlQuery packs(db);
    if (sql::prepare(packs,
                     QStringLiteral("SELECT uom, name, quantity, gtin FROM packs"
                                    " WHERE product_id = ? ORDER BY position"),
                     &error)) {
        packs.addBindValue(id);
        if (sql::exec(packs, &error)) {
            while (packs.next())
                p.packs.append(Pack{packs.value(0).toString(), packs.value(1).toString(),
                                    packs.value(2).toLongLong(), packs.value(3).toString()});
        }
    }

    QSqlQuery prices(db);
    if (sql::prepare(
            prices,
            QStringLiteral("SELECT currency, %1 FROM prices WHERE sku = ? ORDER BY position")
                .arg(RuleColumns),
            &error)) {
        prices.addBindValue(p.sku);
        if (sql::exec(prices, &error)) {
            while (prices.next()) {
                if (!d.prices)
                    d.prices = ProductPrices{p.sku, prices.value(0).toString(), {}, {}};
                d.prices->rules.append(readRule(prices, 1));
            }
        }
    }

    QSqlQuery discounts(db);
    if (sql::prepare(discounts,
                     QStringLiteral("SELECT currency, category, percent, valid_from, valid_to"
                                    " FROM discounts WHERE sku = ? ORDER BY position"),
                     &error)) {
        discounts.addBindValue(p.sku);
        if (sql::exec(discounts, &error)) {
            while (discounts.next()) {
                if (!d.prices)
                    d.prices = ProductPrices{p.sku, discounts.value(0).toString(), {}, {}};
                d.prices->discounts.append(CategoryDiscount{
                    discounts.value(1).toString(),
                    Decimal::fromUnits(discounts.value(2).toLongLong()),
                    QDate::fromString(discounts.value(3).toString(), Qt::ISODate),
                    QDate::fromString(discounts.value(4).toString(), Qt::ISODate)});
            }
        }
    }

    QSqlQuery partNumbers(db);
    if (sql::prepare(partNumbers,
                     QStringLiteral("SELECT part_number, description FROM part_numbers"
                                    " WHERE sku = ? ORDER BY part_number"),
                     &error)) {
        partNumbers.addBindValue(p.sku);
        if (sql::exec(partNumbers, &error)) {
            while (partNumbers.next())
                d.partNumbers.append(CustomerPartNumber{partNumbers.value(0).toString(), p.sku,
                                                        partNumbers.value(1).toString()});
        }
    }

    QSqlQuery stock(db);
    if (sql::prepare(stock,
                     QStringLiteral("SELECT warehouse, warehouse_name, on_hand, lead_time_days,"
                                    " next_receipt_date, next_receipt_qty FROM stock"
                                    " WHERE sku = ? ORDER BY position"),
                     &error)) {
        stock.addBindValue(p.sku);
        if (sql::exec(stock, &error)) {
            while (stock.next()) {
                if (!d.stock)
                    d.stock = ProductStock{p.sku, {}};
                StockLevel l;
                l.warehouse = stock.value(0).toString();
                l.warehouseName = stock.value(1).toString();
                l.onHand = stock.value(2).toLongLong();
                l.leadTimeDays = stock.value(3).toInt();
                l.nextReceiptDate = QDate::fromString(stock.value(4).toString(), Qt::ISODate);
                l.nextReceiptQty = stock.value(5).toLongLong();
                d.stock->levels.append(l);
            }
        }
    }
    if (!error.isEmpty())
        qCWarning(lcQuery) << error;
    return d;
}

namespace {

// An SQL condition on `p` (products) and its bound values.
struct Condition
{
    QString sql;
    QVariantList binds;
};

enum class Facet
{
    None,
    Category,
    Brand,
    Material,
    InStock,
};

QString likePrefix(QString text)
{
    text.replace(u'\\', QStringLiteral("\\\\"))
        .replace(u'%', QStringLiteral("\\%"))
        .replace(u'_', QStringLiteral("\\_"));
    return text;
}

const QString InStock =
    QStringLiteral("(SELECT SUM(s.on_hand) FROM stock s WHERE s.sku = p.sku) > 0");

// The condition of one facet of `filter` as an SQL expression on `p`; "1" when that facet
// is not set.
Condition facetCondition(const SearchFilter &filter, Facet facet)
{
    switch (facet) {
    case Facet::Category: {
        const QString category = filter.category.trimmed();
        if (category.isEmpty())
            break;
        return {QStringLiteral("(p.category_path = ? COLLATE NOCASE"
                               " OR p.category_path LIKE ? ESCAPE '\\'"
                               " OR p.category_code = ? COLLATE NOCASE)"),
                {category, likePrefix(category + CategorySeparator) + u'%', category}};
    }
    case Facet::Brand:
        if (filter.brand.trimmed().isEmpty())
            break;
        return {QStringLiteral("p.brand = ? COLLATE NOCASE"), {filter.brand.trimmed()}};
    case Facet::Material:
        if (filter.material.trimmed().isEmpty())
            break;
        return {QStringLiteral("p.material = ? COLLATE NOCASE"), {filter.material.trimmed()}};
    case Facet::InStock:
        if (!filter.inStockOnly)
            break;
        return {InStock, {}};
    case Facet::None:
        break;
    }
    return {QStringLiteral("1"), {}};
}

// The conditions of `filter`, each starting with " AND".
Condition filterCondition(const SearchFilter &filter)
{
    Condition c;
    for (const Facet facet : {Facet::Category, Facet::Brand, Facet::Material, Facet::InStock}) {
        const Condition one = facetCondition(filter, facet);
        if (one.sql == u"1")
            continue;
        c.sql += QStringLiteral(" AND ") + one.sql;
        c.binds += one.binds;
    }
    return c;
}

// The ids of exact hits for `text`: the SKU (also typed without its separators), every
// product with a pack of that GTIN, the product of that part number (ordered by SKU); then the
// products of part numbers starting with the text (ordered by part number, at most
// PartNumberPrefixHits of them).
QVariantList exactHits(const QSqlDatabase &db, const QString &text)
{
    QVariantList ids;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return ids;
    QString error;
    QSqlQuery q(db);
    const QString gtin14 = gtin::normalized(trimmed);
    // The SKU also as typed without its separators ("HIS100267", "his 100267").
    const QString key = CodeResolver::codeKey(trimmed);
    QString statement =
        QStringLiteral("SELECT id, 0, sku FROM products WHERE sku = ? UNION"
                       " SELECT p.id, 0, p.sku FROM part_numbers n JOIN products p ON p.sku = n.sku"
                       " WHERE n.part_number = ?");
    // So is a part number ("BMG003292" for BMG-003292).
    if (!key.isEmpty())
        statement += QStringLiteral(
            " UNION SELECT id, 0, sku FROM products WHERE sku_key = ?"
            " UNION SELECT p.id, 0, p.sku FROM part_numbers n JOIN products p ON p.sku = n.sku"
            " WHERE n.part_key = ?");
    if (!gtin14.isEmpty())
        statement += QStringLiteral(" UNION SELECT p.id, 0, p.sku FROM packs k"
                                    " JOIN products p ON p.id = k.product_id"
                                    " WHERE k.gtin14 = ?");
    if (trimmed.size() >= 2)
        statement += QStringLiteral(
                         " UNION SELECT * FROM (SELECT p.id, 1, n.part_number FROM part_numbers n"
                         " JOIN products p ON p.sku = n.sku WHERE n.part_number LIKE ? ESCAPE '\\'"
                         " ORDER BY n.part_number LIMIT %1)")
                         .arg(PartNumberPrefixHits);
    // Part numbers that start with the text without its separators, where the text looks like
    // a code (letters and digits, four or more): "1/2" is no start of part number 12-0045. The
    // key holds letters and digits only, so the GLOB pattern needs no escaping and uses the
    // key's index.
    const bool codeLike =
        key.size() >= 4 &&
        std::any_of(key.cbegin(), key.cend(), [](QChar c) { return c.isDigit(); }) &&
        std::any_of(key.cbegin(), key.cend(), [](QChar c) { return c.isLetter(); });
    if (codeLike)
        statement +=
            QStringLiteral(" UNION SELECT * FROM (SELECT p.id, 1, n.part_number FROM part_numbers n"
                           " JOIN products p ON p.sku = n.sku WHERE n.part_key GLOB ?"
                           " ORDER BY n.part_number LIMIT %1)")
                .arg(PartNumberPrefixHits);
    statement += QStringLiteral(" ORDER BY 2, 3");
    if (sql::prepare(q, statement, &error)) {
        q.addBindValue(trimmed);
        q.addBindValue(trimmed);
        if (!key.isEmpty()) {
            q.addBindValue(key);
            q.addBindValue(key);
        }
        if (!gtin14.isEmpty())
            q.addBindValue(gtin14);
        if (trimmed.size() >= 2)
            q.addBindValue(likePrefix(trimmed) + u'%');
        if (codeLike)
            q.addBindValue(key + u'*');
        if (sql::exec(q, &error)) {
            while (q.next()) {
                if (!ids.contains(q.value(0)))
                    ids.append(q.value(0));
            }
        }
    }
    if (!error.isEmpty())
        qCWarning(lcQuery) << error;
    return ids;
}

// The full-text expression of what the user typed, with its typing slips corrected; and in
// `ranked`, if given, the expression its rows are ranked by: the same before its long
// prefixes are rewritten as the terms they stand for (searchindex::expandPrefixes()).
QString fullTextMatch(const QSqlDatabase &db, const QString &text, QString *ranked = nullptr)
{
    const searchtext::Synonyms &synonyms = searchtext::Synonyms::builtIn();
    const QString typed = searchtext::matchExpression(
        text, synonyms, spelling::asMap(spelling::corrections(db, text, synonyms)));
    if (ranked)
        *ranked = typed;
    return searchindex::expandPrefixes(db, typed);
}

QString jsonArray(const QVariantList &ids)
{
    QString out = QStringLiteral("[");
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i > 0)
            out += u',';
        out += QString::number(ids.at(i).toLongLong());
    }
    return out + u']';
}

} // namespace

QList<ProductSummary> CatalogQuery::search(const QString &text, const SearchFilter &filter,
                                           int limit, int offset, QDate day) const
{
    if (limit <= 0 || offset < 0)
        return {};
    readactivity::note();
    const QSqlDatabase db = m_db.connection();
    const Condition filterSql = filterCondition(filter);

    // Exact hits first, in the order exactHits() found them, if they pass the filter.
    QVariantList exactIds = exactHits(db, text);
    if (!exactIds.isEmpty() && !filter.isEmpty()) {
        QVariantList passing;
        QString error;
        QSqlQuery q(db);
        if (sql::prepare(q,
                         QStringLiteral("SELECT p.id FROM products p WHERE p.id IN (%1)%2")
                             .arg(placeholders(exactIds.size()), filterSql.sql),
                         &error)) {
            for (const QVariant &v : std::as_const(exactIds))
                q.addBindValue(v);
            for (const QVariant &v : filterSql.binds)
                q.addBindValue(v);
            if (sql::exec(q, &error)) {
                while (q.next())
                    passing.append(q.value(0));
            }
        }
        if (!error.isEmpty())
            qCWarning(lcQuery) << error;
        exactIds.removeIf([&passing](const QVariant &id) { return !passing.contains(id); });
    }

    QList<ProductSummary> out;
    const qsizetype exactCount = exactIds.size();
    if (offset < exactCount) {
        QList<ProductSummary> exact = loadSummaries(
            db, SummarySelect + QStringLiteral(" WHERE p.id IN (%1)").arg(placeholders(exactCount)),
            exactIds, day);
        std::sort(exact.begin(), exact.end(),
                  [&exactIds](const ProductSummary &a, const ProductSummary &b) {
                      return exactIds.indexOf(a.id) < exactIds.indexOf(b.id);
                  });
        out = exact.mid(offset, limit);
    }
    const int remaining = limit - int(out.size());
    QString ranked;
    const QString match = fullTextMatch(db, text, &ranked);
    qCDebug(lcQuery) << "search" << text << "as" << match << "ranked by" << ranked;
    if (remaining <= 0 || match.isEmpty())
        return out;

    // The first RankWindow full-text matches that pass the filter, in catalog order, with
    // the text they were indexed by, are ranked (see RankWindow). CROSS JOIN keeps the
    // full-text index the outer loop, so that the matches stream in rowid order and stop at
    // the window, instead of a filter's index driving one full-text lookup per product.
    // The columns follow searchtext::IndexedText. The order count is a subquery: as a LEFT
    // JOIN, SQLite 3.40 took twice as long per row (6.5 µs instead of 3.3 µs at 1M products).
    QString window =
        QStringLiteral("SELECT p.id, COALESCE((SELECT oc.count FROM product_order_counts oc"
                       " WHERE oc.sku = p.sku), 0), p.sku, p.name, p.description, p.brand,"
                       " p.attribute_text, p.category_path, p.search_terms FROM products_fts"
                       " CROSS JOIN products p ON p.id = products_fts.rowid"
                       " WHERE products_fts MATCH ?");
    if (exactCount > 0)
        window += QStringLiteral(" AND p.id NOT IN (%1)").arg(placeholders(exactCount));
    window += filterSql.sql +
              QStringLiteral(" ORDER BY products_fts.rowid LIMIT %1").arg(CatalogQuery::RankWindow);
    struct Candidate
    {
        qint64 id = 0;
        qint64 ordered = 0;
        double score = 0;
    };
    QList<Candidate> candidates;
    QList<searchtext::IndexedText> texts;
    {
        QString error;
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (sql::prepare(q, window, &error)) {
            q.addBindValue(match);
            for (const QVariant &v : std::as_const(exactIds))
                q.addBindValue(v);
            for (const QVariant &v : filterSql.binds)
                q.addBindValue(v);
            if (sql::exec(q, &error)) {
                while (q.next()) {
                    candidates.append({q.value(0).toLongLong(), q.value(1).toLongLong(), 0});
                    searchtext::IndexedText &indexed = texts.emplace_back();
                    for (int c = 0; c < searchtext::IndexedText::ColumnCount; ++c)
                        indexed.columns[c] = q.value(2 + c).toString();
                }
            }
        }
        if (!error.isEmpty())
            qCWarning(lcQuery) << error;
    }
    const QList<double> scores = searchtext::relevance(ranked, texts);
    for (qsizetype i = 0; i < candidates.size(); ++i)
        candidates[i].score = scores.at(i);
    // By relevance, then by how often the account orders the product, then by SKU.
    QList<qsizetype> order(candidates.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) {
        const Candidate &x = candidates.at(a);
        const Candidate &y = candidates.at(b);
        if (x.score != y.score)
            return x.score > y.score;
        if (x.ordered != y.ordered)
            return x.ordered > y.ordered;
        const QString &xs = texts.at(a).columns[searchtext::IndexedText::Sku];
        const QString &ys = texts.at(b).columns[searchtext::IndexedText::Sku];
        const int bySku = xs.compare(ys, Qt::CaseInsensitive);
        return bySku != 0 ? bySku < 0 : xs < ys;
    });
    const qsizetype first = std::max<qsizetype>(0, offset - exactCount);
    QVariantList pageIds;
    for (qsizetype i = first; i < order.size() && pageIds.size() < remaining; ++i)
        pageIds.append(candidates.at(order.at(i)).id);
    if (pageIds.isEmpty())
        return out;
    QList<ProductSummary> page = loadSummaries(
        db, SummarySelect + QStringLiteral(" WHERE p.id IN (%1)").arg(placeholders(pageIds.size())),
        pageIds, day);
    QHash<qint64, qsizetype> rank;
    for (qsizetype i = 0; i < pageIds.size(); ++i)
        rank.insert(pageIds.at(i).toLongLong(), i);
    std::sort(page.begin(), page.end(), [&rank](const ProductSummary &a, const ProductSummary &b) {
        return rank.value(a.id) < rank.value(b.id);
    });
    out += page;
    return out;
}

QList<spelling::Correction> CatalogQuery::corrections(const QString &text) const
{
    return spelling::corrections(m_db.connection(), text, searchtext::Synonyms::builtIn());
}

SearchFacets CatalogQuery::facets(const QString &text, const SearchFilter &filter,
                                  int maxValues) const
{
    readactivity::note();
    SearchFacets out;
    const QSqlDatabase db = m_db.connection();
    const QString match = fullTextMatch(db, text);
    const bool searching = !text.trimmed().isEmpty();
    const QVariantList exactIds = exactHits(db, text);
    if (searching && match.isEmpty() && exactIds.isEmpty())
        return out;
    QString error;

    // The products counted: the query's exact hits and its first FacetSample full-text
    // matches, or the first FacetSample products of the catalog.
    QString from;
    QVariantList fromBinds;
    QString sizeCheck;
    if (searching) {
        from = QStringLiteral("(SELECT value AS id FROM json_each(?)");
        fromBinds << jsonArray(exactIds);
        if (!match.isEmpty()) {
            from += QStringLiteral(" UNION SELECT id FROM (SELECT rowid AS id FROM products_fts"
                                   " WHERE products_fts MATCH ? LIMIT %1)")
                        .arg(FacetSample);
            fromBinds << match;
            sizeCheck = QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM products_fts"
                                       " WHERE products_fts MATCH ? LIMIT %1)")
                            .arg(FacetSample + 1);
        }
        from += u')';
    } else {
        from = QStringLiteral("(SELECT id FROM products ORDER BY id LIMIT %1)").arg(FacetSample);
        sizeCheck = QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM products LIMIT %1)")
                        .arg(FacetSample + 1);
    }
    if (!sizeCheck.isEmpty()) {
        QSqlQuery q(db);
        if (sql::prepare(q, sizeCheck, &error)) {
            if (searching)
                q.addBindValue(match);
            if (sql::exec(q, &error) && q.next())
                out.complete = q.value(0).toLongLong() <= FacetSample;
        }
    }

    // One pass over those products notes each one's values and which selections it passes;
    // every facet is then counted under the other selections.
    const Condition category = facetCondition(filter, Facet::Category);
    const Condition brand = facetCondition(filter, Facet::Brand);
    const Condition material = facetCondition(filter, Facet::Material);
    const QString stock = filter.inStockOnly ? QStringLiteral("in_stock") : QStringLiteral("1");
    const QString top = QStringLiteral(" GROUP BY 2 COLLATE NOCASE ORDER BY 3 DESC, 2 LIMIT %1)")
                            .arg(std::max(0, maxValues));
    const QString statement =
        QStringLiteral(
            "WITH m AS MATERIALIZED (SELECT p.category_path AS category, p.brand AS brand,"
            " p.material AS material, %1 AS in_stock, %2 AS c_ok, %3 AS b_ok, %4 AS m_ok"
            " FROM %5 f JOIN products p ON p.id = f.id)"
            " SELECT 0, NULL, count(*) FROM m WHERE c_ok AND b_ok AND m_ok AND %6"
            " UNION ALL SELECT 1, NULL, count(*) FROM m WHERE c_ok AND b_ok AND m_ok AND in_stock"
            " UNION ALL SELECT * FROM (SELECT 2, category, count(*) FROM m"
            "  WHERE b_ok AND m_ok AND %6 AND category <> ''%7"
            " UNION ALL SELECT * FROM (SELECT 3, brand, count(*) FROM m"
            "  WHERE c_ok AND m_ok AND %6 AND brand <> ''%7"
            " UNION ALL SELECT * FROM (SELECT 4, material, count(*) FROM m"
            "  WHERE c_ok AND b_ok AND %6 AND material <> ''%7")
            .arg(QStringLiteral("COALESCE((SELECT SUM(s.on_hand) FROM stock s"
                                " WHERE s.sku = p.sku), 0) > 0"),
                 category.sql, brand.sql, material.sql, from, stock, top);
    QSqlQuery q(db);
    if (sql::prepare(q, statement, &error)) {
        for (const QVariant &v : category.binds + brand.binds + material.binds + fromBinds)
            q.addBindValue(v);
        if (sql::exec(q, &error)) {
            while (q.next()) {
                const QString value = q.value(1).toString();
                const qint64 count = q.value(2).toLongLong();
                switch (q.value(0).toInt()) {
                case 0:
                    out.total = count;
                    break;
                case 1:
                    out.inStock = count;
                    break;
                case 2: {
                    const qsizetype cut = value.lastIndexOf(CategorySeparator);
                    out.categories.append(FacetValue{
                        value, cut < 0 ? value : value.mid(cut + CategorySeparator.size()), count});
                    break;
                }
                case 3:
                    out.brands.append(FacetValue{value, value, count});
                    break;
                case 4:
                    out.materials.append(FacetValue{value, value, count});
                    break;
                }
            }
        }
    }
    if (!error.isEmpty())
        qCWarning(lcQuery) << error;
    return out;
}

QList<ProductSummary> CatalogQuery::browse(const QString &afterSku, const SearchFilter &filter,
                                           int limit, QDate day) const
{
    if (limit <= 0)
        return {};
    readactivity::note();
    const Condition c = filterCondition(filter);
    QVariantList binds{sql::text(afterSku)};
    binds += c.binds;
    binds << limit;
    return loadSummaries(m_db.connection(),
                         SummarySelect + QStringLiteral(" WHERE p.sku > ?") + c.sql +
                             QStringLiteral(" ORDER BY p.sku LIMIT ?"),
                         binds, day);
}

} // namespace qm
