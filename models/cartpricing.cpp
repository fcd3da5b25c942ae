#include "models/cartpricing.h"

#include "core/clock.h"
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
    : CartPricing(db, [&db](const QStringList &skus) {
        return PricingTerms(db).loadMany(skus, PricingTerms::Detail::Pricing);
    })
{}

CartPricing::CartPricing(Database &db, TermsLoader loader)
    : m_db(db)
    , m_loader(std::move(loader))
    , m_day(clock::today())
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
    QList<StoredPrice> stored;
    const QList<CartLine> lines = store.lines(cartId, &stored);
    m_lines.clear();
    m_lines.reserve(lines.size());
    m_stored.clear();
    m_stored.reserve(lines.size());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        m_lines.append({lines.at(i), {}, true});
        m_stored.insert(lines.at(i).id, stored.at(i));
    }
    m_linesResolved = false;
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

const pricing::ItemTerms *CartPricing::termsOf(const QString &sku) const
{
    const auto it = m_terms.constFind(folded(sku));
    return it == m_terms.cend() ? nullptr : &it.value();
}

pricing::PricedLine CartPricing::priceOne(const CartLine &line, const pricing::ItemTerms *terms,
                                          QDate day)
{
    const pricing::LineRequest request{line.sku, line.uom, line.quantity};
    if (!terms) {
        pricing::PricedLine unpriced;
        unpriced.request = request;
        unpriced.quantity = line.quantity;
        unpriced.uom = line.uom;
        unpriced.problem = pricing::LineProblem::NotInAssortment;
        return unpriced;
    }
    return pricing::priceLine(*terms, request, day);
}

void CartPricing::reprice()
{
    if (!m_linesResolved) {
        ensureTerms();
        m_lineTerms.clear();
        m_lineTerms.reserve(m_lines.size());
        m_currency.clear();
        for (const PricedCartLine &l : std::as_const(m_lines)) {
            const pricing::ItemTerms *terms = termsOf(l.line.sku);
            m_lineTerms.append(terms);
            if (m_currency.isEmpty() && terms)
                m_currency = terms->prices.currency;
        }
        m_linesResolved = true;
    }
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        PricedCartLine &l = m_lines[i];
        l.knownProduct = m_lineTerms.at(i) != nullptr;
        l.priced = priceOne(l.line, m_lineTerms.at(i), m_day);
    }
}

void CartPricing::refreshLine(qint64 lineId)
{
    StoredPrice stored;
    const auto fresh = CartStore(m_db).line(lineId, &stored);
    if (fresh)
        m_stored.insert(lineId, stored);
    else
        m_stored.remove(lineId);
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        if (m_lines.at(i).line.id != lineId)
            continue;
        if (!fresh || fresh->cartId != m_cartId) {
            m_lines.removeAt(i);
            m_linesResolved = false;
            return;
        }
        const bool sameProduct =
            fresh->sku.compare(m_lines.at(i).line.sku, Qt::CaseInsensitive) == 0;
        m_lines[i].line = *fresh;
        if (!sameProduct || !m_linesResolved) {
            m_linesResolved = false;
            reprice();
            return;
        }
        m_lines[i].priced = priceOne(*fresh, m_lineTerms.at(i), m_day);
        return;
    }
    if (fresh && fresh->cartId == m_cartId) {
        m_lines.append({*fresh, {}, true});
        m_linesResolved = false;
        reprice();
    }
}

void CartPricing::invalidate(const QStringList &skus)
{
    m_linesResolved = false;
    for (const QString &sku : skus) {
        m_terms.remove(folded(sku));
        m_missing.remove(folded(sku));
    }
}

void CartPricing::addTerms(const QHash<QString, pricing::ItemTerms> &terms)
{
    for (auto it = terms.cbegin(); it != terms.cend(); ++it) {
        const QString key = folded(it->product.sku.isEmpty() ? it.key() : it->product.sku);
        m_terms.insert(key, it.value());
        m_missing.remove(key);
    }
    m_linesResolved = false;
}

void CartPricing::invalidateAll()
{
    m_linesResolved = false;
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

StoredPrice CartPricing::priceToStore(const PricedCartLine &line) const
{
    StoredPrice p;
    if (line.knownProduct && line.priced.isPriced()) {
        p.unitPrice = line.priced.unitPrice.units();
        p.lineTotal = line.priced.lineTotal.units();
    }
    p.currency = sql::text(m_currency);
    p.note = note(line);
    return p;
}

bool CartPricing::store(QString *error) const
{
    // Only lines whose stored price differs from what they are priced at now are written:
    // after a re-price most lines keep their price, and an edited line's columns are empty.
    QList<std::pair<qint64, StoredPrice>> changed;
    for (const PricedCartLine &l : m_lines) {
        StoredPrice now = priceToStore(l);
        const auto it = m_stored.constFind(l.line.id);
        if (it == m_stored.cend() || *it != now)
            changed.append({l.line.id, std::move(now)});
    }
    m_lastStored = changed.size();
    if (changed.isEmpty())
        return true;
    const QSqlDatabase db = m_db.connection();
    const bool ok = m_db.write(
        [&](QString *e) {
            QSqlQuery q(db);
            if (!sql::prepare(q,
                              QStringLiteral("UPDATE cart_lines SET unit_price = ?, line_total = ?,"
                                             " price_currency = ?, price_note = ?"
                                             " WHERE id = ? AND cart_id = ?"),
                              e))
                return false;
            const QVariant noMoney{QMetaType(QMetaType::LongLong)};
            for (const auto &[id, price] : std::as_const(changed)) {
                q.addBindValue(price.unitPrice ? QVariant(*price.unitPrice) : noMoney);
                q.addBindValue(price.lineTotal ? QVariant(*price.lineTotal) : noMoney);
                q.addBindValue(*price.currency);
                q.addBindValue(*price.note);
                q.addBindValue(id);
                q.addBindValue(m_cartId);
                if (!sql::exec(q, e))
                    return false;
            }
            return true;
        },
        error);
    if (ok) {
        for (const auto &[id, price] : std::as_const(changed))
            m_stored.insert(id, price);
    }
    return ok;
}

} // namespace qm
