#include "models/cartpricing.h"

#include "models/database.h"
#include "models/pricingterms.h"
#include "models/sql.h"

#include <QLoggingCategory>
#include <QSet>

namespace qm {

namespace {

Q_LOGGING_CATEGORY(lcCartPricing, "qm.models.cartpricing", QtInfoMsg)

QString folded(const QString &sku)
{
    return sku.toCaseFolded();
}

} // namespace

CartPricing::CartPricing(Database &db)
    : CartPricing(db, [&db](const QStringList &skus) { return PricingTerms(db).loadMany(skus); })
{}

CartPricing::CartPricing(Database &db, TermsLoader loader)
    : m_db(db)
    , m_loader(std::move(loader))
    , m_day(QDate::currentDate())
{}

void CartPricing::setDay(QDate day)
{
    m_day = day;
}

bool CartPricing::load(qint64 cartId, QString *error)
{
    CartStore store(m_db);
    if (!store.cart(cartId))
        return sql::fail(error, QStringLiteral("no cart with id %1").arg(cartId));
    m_cartId = cartId;
    const QList<CartLine> lines = store.lines(cartId);
    m_lines.clear();
    m_lines.reserve(lines.size());
    for (const CartLine &l : lines)
        m_lines.append({l, {}, true});
    ensureTerms();
    reprice();
    return true;
}

void CartPricing::ensureTerms()
{
    QStringList wanted;
    QSet<QString> asked;
    for (const PricedCartLine &l : std::as_const(m_lines)) {
        const QString key = folded(l.line.sku);
        if (m_terms.contains(key) || m_missing.contains(key) || asked.contains(key))
            continue;
        asked.insert(key);
        wanted.append(l.line.sku);
    }
    if (wanted.isEmpty())
        return;
    const QHash<QString, pricing::ItemTerms> loaded = m_loader(wanted);
    m_termsLoads += wanted.size();
    for (auto it = loaded.cbegin(); it != loaded.cend(); ++it) {
        const QString key = folded(it->product.sku.isEmpty() ? it.key() : it->product.sku);
        m_terms.insert(key, it.value());
        asked.remove(key);
    }
    for (const QString &key : std::as_const(asked))
        m_missing.insert(key);
    qCDebug(lcCartPricing) << "loaded terms of" << loaded.size() << "SKUs," << asked.size()
                           << "unknown";
}

pricing::PricedLine CartPricing::priceOne(const CartLine &line, bool *known) const
{
    pricing::LineRequest request{line.sku, line.uom, line.quantity};
    const auto it = m_terms.constFind(folded(line.sku));
    if (it == m_terms.cend()) {
        *known = false;
        pricing::PricedLine unpriced;
        unpriced.request = request;
        unpriced.quantity = line.quantity;
        unpriced.uom = line.uom;
        unpriced.problem = pricing::LineProblem::NotInAssortment;
        return unpriced;
    }
    *known = true;
    return pricing::priceLine(*it, request, m_day);
}

void CartPricing::reprice()
{
    ensureTerms();
    m_currency.clear();
    for (PricedCartLine &l : m_lines) {
        l.priced = priceOne(l.line, &l.knownProduct);
        if (m_currency.isEmpty() && l.knownProduct) {
            const auto it = m_terms.constFind(folded(l.line.sku));
            if (it != m_terms.cend())
                m_currency = it->prices.currency;
        }
    }
}

void CartPricing::refreshLine(qint64 lineId)
{
    const auto fresh = CartStore(m_db).line(lineId);
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        if (m_lines.at(i).line.id != lineId)
            continue;
        if (!fresh || fresh->cartId != m_cartId) {
            m_lines.removeAt(i);
            return;
        }
        m_lines[i].line = *fresh;
        ensureTerms();
        m_lines[i].priced = priceOne(*fresh, &m_lines[i].knownProduct);
        return;
    }
    if (fresh && fresh->cartId == m_cartId) {
        m_lines.append({*fresh, {}, true});
        ensureTerms();
        m_lines.last().priced = priceOne(*fresh, &m_lines.last().knownProduct);
    }
}

void CartPricing::invalidate(const QStringList &skus)
{
    for (const QString &sku : skus) {
        m_terms.remove(folded(sku));
        m_missing.remove(folded(sku));
    }
}

void CartPricing::invalidateAll()
{
    m_terms.clear();
    m_missing.clear();
}

pricing::CartTotals CartPricing::totals() const
{
    QList<pricing::PricedLine> priced;
    priced.reserve(m_lines.size());
    for (const PricedCartLine &l : m_lines)
        priced.append(l.priced);
    return pricing::totals(priced, m_currency);
}

QDateTime CartPricing::pricesAsOf() const
{
    return PricingTerms(m_db).pricesAsOf();
}

QString CartPricing::note(const PricedCartLine &line)
{
    if (!line.knownProduct)
        return QStringLiteral("unknown-product");
    const pricing::PricedLine &p = line.priced;
    if (!p.isPriced())
        return pricing::problemName(p.problem);
    QStringList parts{pricing::sourceName(p.rule.source)};
    for (pricing::Adjustment a : p.adjustments)
        parts << pricing::adjustmentName(a);
    return parts.join(QLatin1Char(','));
}

bool CartPricing::store(QString *error) const
{
    const QSqlDatabase db = m_db.connection();
    return m_db.write(
        [&](QString *e) {
            QSqlQuery q(db);
            if (!sql::prepare(q,
                              QStringLiteral("UPDATE cart_lines SET unit_price = ?, line_total = ?,"
                                             " price_currency = ?, price_note = ?"
                                             " WHERE id = ? AND cart_id = ?"),
                              e))
                return false;
            const QVariant noMoney(QMetaType(QMetaType::LongLong));
            for (const PricedCartLine &l : m_lines) {
                const bool priced = l.knownProduct && l.priced.isPriced();
                q.addBindValue(priced ? QVariant(l.priced.unitPrice.units()) : noMoney);
                q.addBindValue(priced ? QVariant(l.priced.lineTotal.units()) : noMoney);
                q.addBindValue(sql::text(m_currency));
                q.addBindValue(note(l));
                q.addBindValue(l.line.id);
                q.addBindValue(m_cartId);
                if (!sql::exec(q, e))
                    return false;
            }
            return true;
        },
        error);
}

} // namespace qm
