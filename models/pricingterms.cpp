#include "models/pricingterms.h"

#include "models/catalogstore.h"
#include "models/database.h"
#include "models/sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSet>

#include <algorithm>

namespace qm {

namespace {

Q_LOGGING_CATEGORY(lcTerms, "qm.models.pricingterms", QtInfoMsg)

const QString CategorySeparator = QStringLiteral(" > ");

QDate dateFromSql(const QVariant &v)
{
    return v.isNull() ? QDate() : QDate::fromString(v.toString(), Qt::ISODate);
}

// The text as SQLite's NOCASE collation compares it: ASCII letters in lower case.
QString asciiFolded(const QString &text)
{
    QString folded = text;
    for (QChar &c : folded) {
        if (c >= u'A' && c <= u'Z')
            c = QChar(c.unicode() + (u'a' - u'A'));
    }
    return folded;
}

// Appends `text` as the inside of a JSON string: quotes, backslashes and control characters
// escaped.
void appendJsonText(QString &out, const QString &text)
{
    for (const QChar c : text) {
        if (c == u'"' || c == u'\\') {
            out += u'\\';
            out += c;
        } else if (c.unicode() < 0x20) {
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QChar(u'0'));
        } else {
            out += c;
        }
    }
}

// The rows moved into a list of exactly their number.
template<typename T>
QList<T> exactly(QList<T> &rows)
{
    QList<T> list;
    list.reserve(rows.size());
    for (T &row : rows)
        list.append(std::move(row));
    return list;
}

} // namespace

PricingTerms::PricingTerms(Database &db)
    : m_db(db)
{}

std::optional<pricing::ItemTerms> PricingTerms::load(const QString &sku) const
{
    const QHash<QString, pricing::ItemTerms> found = loadMany({sku});
    const auto it = found.constFind(sku);
    if (it == found.cend())
        return std::nullopt;
    return *it;
}

QHash<QString, pricing::ItemTerms> PricingTerms::loadMany(const QStringList &skus,
                                                          Detail detail) const
{
    QList<Wanted> wanted;
    wanted.reserve(skus.size());
    for (const QString &sku : skus)
        wanted.append({sku, 0});
    return loadMany(wanted, detail);
}

QHash<QString, pricing::ItemTerms> PricingTerms::loadMany(const QList<Wanted> &wanted,
                                                          Detail detail) const
{
    // Each SKU once; those with a row id go in as [id, "sku"] pairs, the others are looked
    // up by SKU.
    QStringList given;
    QStringList lookUp;
    QString known = QStringLiteral("[");
    {
        QSet<QString> seen;
        seen.reserve(wanted.size());
        for (const Wanted &w : wanted) {
            if (w.sku.isEmpty() || seen.contains(w.sku))
                continue;
            seen.insert(w.sku);
            given << w.sku;
            if (w.productId <= 0) {
                lookUp << w.sku;
                continue;
            }
            if (known.size() > 1)
                known += u',';
            known += u'[';
            known += QString::number(w.productId);
            known += QStringLiteral(",\"");
            appendJsonText(known, w.sku);
            known += QStringLiteral("\"]");
        }
    }
    known += u']';
    if (given.isEmpty())
        return {};
    const QSqlDatabase db = m_db.connection();
    QString error;
    // The products asked for go into a temporary table (`item` counts them from 1, in row id
    // order, so that the reads below walk each table in the order it is stored); every query
    // below joins that one once, and each row names its product by `item`, so no row is
    // matched by SKU text here.
    bool ok = sql::run(db,
                       QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS terms_items("
                                      " item INTEGER PRIMARY KEY,"
                                      " product_id INTEGER NOT NULL UNIQUE,"
                                      " sku TEXT NOT NULL)"),
                       &error) &&
              sql::run(db, QStringLiteral("DELETE FROM temp.terms_items"), &error);
    if (ok) {
        QSqlQuery fill(db);
        ok = sql::prepare(fill,
                          QStringLiteral("INSERT OR IGNORE INTO temp.terms_items(product_id, sku)"
                                         " SELECT id, sku FROM ("
                                         "  SELECT p.id AS id, p.sku AS sku FROM json_each(?) a"
                                         "  CROSS JOIN products p ON p.sku = a.value COLLATE NOCASE"
                                         "  UNION ALL"
                                         "  SELECT json_extract(value, '$[0]'),"
                                         "   json_extract(value, '$[1]') FROM json_each(?)"
                                         " ) ORDER BY id"),
                          &error);
        if (ok) {
            fill.addBindValue(sql::jsonArray(lookUp));
            fill.addBindValue(known);
            ok = sql::exec(fill, &error);
        }
    }

    const auto rowsOf = [&db, &error](const QString &statement, const auto &row) {
        QSqlQuery q(db);
        if (!sql::prepare(q, statement, &error) || !sql::exec(q, &error))
            return false;
        while (q.next())
            row(q);
        return true;
    };
    // Every row names its product by `item` and goes straight to it. The rows come in item
    // order; the rules and discounts also in position order, which their primary key gives
    // without a sort.
    QList<pricing::ItemTerms> items;
    bool consistent = true;
    const auto itemAt = [&items, &consistent](const QSqlQuery &q) -> pricing::ItemTerms * {
        const qint64 item = q.value(0).toLongLong();
        if (item < 1 || item > items.size()) {
            consistent = false;
            return nullptr;
        }
        return &items[item - 1];
    };
    // A row id given by the caller may have come to name another product (or none) since the
    // caller read it: such a product is stale, and looked up again by its SKU below.
    qsizetype stale = 0;
    const bool full = detail == Detail::Full;
    ok = ok &&
         rowsOf(
             full ? QStringLiteral("SELECT i.item, p.sku = i.sku COLLATE BINARY, p.sku,"
                                   " p.base_uom, p.min_order_qty, p.order_multiple,"
                                   " p.max_order_qty, p.discontinued, p.name, p.description,"
                                   " p.brand, p.category_code, p.category_path, p.attributes"
                                   " FROM temp.terms_items i"
                                   " LEFT JOIN products p ON p.id = i.product_id ORDER BY i.item")
                  : QStringLiteral("SELECT i.item, p.sku = i.sku COLLATE BINARY, p.sku,"
                                   " p.base_uom, p.min_order_qty, p.order_multiple,"
                                   " p.max_order_qty, p.discontinued, p.name"
                                   " FROM temp.terms_items i"
                                   " LEFT JOIN products p ON p.id = i.product_id ORDER BY i.item"),
             [&](const QSqlQuery &q) {
                 if (q.value(0).toLongLong() != items.size() + 1) {
                     consistent = false;
                     return;
                 }
                 pricing::ItemTerms &t = items.emplace_back();
                 if (!q.value(1).toBool()) {
                     ++stale;
                     return;
                 }
                 t.inAssortment = true;
                 Product &p = t.product;
                 p.sku = q.value(2).toString();
                 p.baseUom = q.value(3).toString();
                 p.minOrderQty = q.value(4).toLongLong();
                 p.orderMultiple = q.value(5).toLongLong();
                 p.maxOrderQty = q.value(6).toLongLong();
                 p.discontinued = q.value(7).toBool();
                 p.name = q.value(8).toString();
                 t.prices.sku = p.sku;
                 if (!full)
                     return;
                 p.description = q.value(9).toString();
                 p.brand = q.value(10).toString();
                 p.categoryCode = q.value(11).toString();
                 const QString path = q.value(12).toString();
                 if (!path.isEmpty())
                     p.categoryPath = path.split(CategorySeparator);
                 const QJsonObject attributes =
                     QJsonDocument::fromJson(q.value(13).toString().toUtf8()).object();
                 for (auto it = attributes.begin(); it != attributes.end(); ++it)
                     p.attributes.insert(it.key(), it.value().toString());
             });
    // Each product's packs, rules and discounts are gathered in a reused buffer and handed
    // over as one list of exactly their number when the product's rows end: lists grown row by
    // row leave their outgrown blocks between the products' data, and the heap, fragmented so,
    // slows the steps of an import that come after (see docs/performance.md).
    struct Pending
    {
        pricing::ItemTerms *item = nullptr;
        QList<std::pair<qint64, Pack>> packs; // with their positions
        QList<PriceRule> rules;
        QList<CategoryDiscount> discounts;
        QString currency;
    } pending;
    const auto handOver = [&pending] {
        pricing::ItemTerms *t = pending.item;
        if (!t)
            return;
        if (!pending.packs.isEmpty()) {
            // Position order; a product has a few packs.
            for (qsizetype i = 1; i < pending.packs.size(); ++i) {
                for (qsizetype j = i;
                     j > 0 && pending.packs.at(j - 1).first > pending.packs.at(j).first; --j)
                    pending.packs.swapItemsAt(j - 1, j);
            }
            QList<Pack> packs;
            packs.reserve(pending.packs.size());
            for (auto &[position, pack] : pending.packs)
                packs.append(std::move(pack));
            t->product.packs = std::move(packs);
        }
        if (!pending.rules.isEmpty())
            t->prices.rules = exactly(pending.rules);
        if (!pending.discounts.isEmpty())
            t->prices.discounts = exactly(pending.discounts);
        if (!pending.currency.isNull())
            t->prices.currency = pending.currency;
        pending.item = nullptr;
        pending.packs.clear();
        pending.rules.clear();
        pending.discounts.clear();
        pending.currency.clear();
    };
    // The rows of one product come together (ordered by item): the product a row belongs to,
    // after handing over the previous product's rows.
    const auto productOf = [&](const QSqlQuery &q) -> pricing::ItemTerms * {
        pricing::ItemTerms *t = itemAt(q);
        if (t != pending.item) {
            handOver();
            pending.item = t;
        }
        return t;
    };
    const auto currencyOf = [&pending](const QSqlQuery &q, int column) {
        // The currency is the one of the product's last rule, then of its last discount.
        const QString currency = q.value(column).toString();
        if (currency != pending.currency)
            pending.currency = currency;
    };
    ok = ok &&
         rowsOf(QStringLiteral("SELECT i.item, k.position, k.uom, k.name, k.quantity, k.gtin"
                               " FROM temp.terms_items i"
                               " CROSS JOIN packs k ON k.product_id = i.product_id"
                               " ORDER BY i.item"),
                [&](const QSqlQuery &q) {
                    if (!productOf(q))
                        return;
                    pending.packs.append({q.value(1).toLongLong(),
                                          Pack{q.value(2).toString(), q.value(3).toString(),
                                               q.value(4).toLongLong(), q.value(5).toString()}});
                });
    handOver();
    ok = ok && rowsOf(QStringLiteral("SELECT i.item, r.currency, r.kind = 'contract', r.uom,"
                                     " r.min_qty, r.unit_price, r.valid_from, r.valid_to"
                                     " FROM temp.terms_items i CROSS JOIN prices r ON r.sku = i.sku"
                                     " ORDER BY i.item, r.position"),
                      [&](const QSqlQuery &q) {
                          if (!productOf(q))
                              return;
                          currencyOf(q, 1);
                          PriceRule &r = pending.rules.emplace_back();
                          r.kind = q.value(2).toBool() ? PriceRule::Kind::Contract
                                                       : PriceRule::Kind::List;
                          r.uom = q.value(3).toString();
                          r.minQty = q.value(4).toLongLong();
                          r.unitPrice = Decimal::fromUnits(q.value(5).toLongLong());
                          r.validFrom = dateFromSql(q.value(6));
                          r.validTo = dateFromSql(q.value(7));
                      });
    handOver();
    ok = ok && rowsOf(QStringLiteral("SELECT i.item, d.currency, d.category, d.percent,"
                                     " d.valid_from, d.valid_to FROM temp.terms_items i"
                                     " CROSS JOIN discounts d ON d.sku = i.sku"
                                     " ORDER BY i.item, d.position"),
                      [&](const QSqlQuery &q) {
                          if (!productOf(q))
                              return;
                          currencyOf(q, 1);
                          pending.discounts.append(CategoryDiscount{
                              q.value(2).toString(), Decimal::fromUnits(q.value(3).toLongLong()),
                              dateFromSql(q.value(4)), dateFromSql(q.value(5))});
                      });
    handOver();
    if (ok && !consistent) {
        ok = false;
        error = QStringLiteral("the terms of the products asked for were read inconsistently");
    }
    QString ignored;
    sql::run(db, QStringLiteral("DELETE FROM temp.terms_items"), &ignored);
    if (!ok) {
        qCWarning(lcTerms) << error;
        return {};
    }

    // Each SKU as asked: products.sku compares with NOCASE, which folds ASCII letters only.
    // Most are asked as the cache spells them; the others are found by their folded form.
    // A stale product has no SKU here, and is not found.
    QHash<QString, qsizetype> bySku;
    bySku.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).product.sku.isEmpty())
            bySku.insert(items.at(i).product.sku, i);
    }
    QHash<QString, qsizetype> byFolded;
    const auto indexOf = [&](const QString &asked) -> qsizetype {
        const auto exact = bySku.constFind(asked);
        if (exact != bySku.cend())
            return *exact;
        if (byFolded.isEmpty()) {
            byFolded.reserve(bySku.size());
            for (auto it = bySku.cbegin(); it != bySku.cend(); ++it)
                byFolded.insert(asciiFolded(it.key()), *it);
        }
        return byFolded.value(asciiFolded(asked), -1);
    };
    QList<qsizetype> found(given.size());
    QList<int> uses(items.size(), 0);
    for (qsizetype i = 0; i < given.size(); ++i) {
        found[i] = indexOf(given.at(i));
        if (found.at(i) >= 0)
            ++uses[found.at(i)];
    }
    // An item asked for once moves into the result; one asked in several spellings is copied.
    QHash<QString, pricing::ItemTerms> result;
    result.reserve(given.size());
    for (qsizetype i = 0; i < given.size(); ++i) {
        const qsizetype at = found.at(i);
        if (at < 0)
            continue;
        if (--uses[at] == 0)
            result.insert(given.at(i), std::move(items[at]));
        else
            result.insert(given.at(i), items.at(at));
    }
    if (stale > 0) {
        // Rare (the cache changed since the caller read the row ids): the SKUs not found are
        // looked up by SKU; those that were never in the cache stay absent.
        QStringList again;
        for (qsizetype i = 0; i < given.size(); ++i) {
            if (found.at(i) < 0)
                again << given.at(i);
        }
        qCInfo(lcTerms) << stale << "row ids named other products; looking up" << again.size()
                        << "SKUs again";
        result.insert(loadMany(again, detail));
    }
    return result;
}

QDateTime PricingTerms::pricesAsOf() const
{
    return CatalogStore(m_db).state(Feed::Prices).verifiedAt;
}

} // namespace qm
