#include "models/quickorderimport.h"

#include "core/clock.h"
#include "import/quickorderrows.h"
#include "models/coderesolver.h"
#include "models/database.h"
#include "models/pricingterms.h"
#include "models/sql.h"

#include <QElapsedTimer>
#include <QHash>
#include <QLoggingCategory>
#include <QSet>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <memory>

namespace qm {

namespace {

Q_LOGGING_CATEGORY(lcQuickOrder, "qm.models.quickorder", QtInfoMsg)

// "Did you mean" is computed for at most this many distinct unknown codes of one import:
// each costs a few queries, and a file of 100,000 unknown codes needs fixing at the source.
constexpr int MaxSuggestedCodes = 500;

// From this many distinct unknown codes on, "did you mean" runs on a second connection
// beside the pricing terms: each code costs a full-text query (about a millisecond in a
// 1,000,000-product cache), and the two cores can share the work.
constexpr qsizetype SuggestBesideFrom = 16;

// "Did you mean" for the unknown codes of one preview, a batch at a time.
class Suggestions final
{
public:
    Suggestions(QStringList codes, int limit)
        : m_codes(std::move(codes))
        , m_limit(limit)
    {}

    // Starts the work on a second connection to the cache file at `path` on its own thread.
    void startBeside(const QString &path)
    {
        m_beside.reset(QThread::create([this, path] {
            QString error;
            const auto reader = Database::open(path, &error);
            if (!reader) {
                qCWarning(lcQuickOrder) << "suggestions on a second connection:" << error;
                return;
            }
            m_besideDone = compute(*reader, [this](qsizetype) { return !m_cancel.load(); });
        }));
        m_beside->start();
    }

    // The suggestions: the ones computed beside, or (when none was started, or it could
    // not open its connection) computed on `db` now, asking `more(done)` between batches.
    std::optional<QHash<QString, QStringList>> take(Database &db,
                                                    const std::function<bool(qsizetype)> &more)
    {
        if (m_beside) {
            m_beside->wait();
            if (m_besideDone)
                return m_result;
        }
        m_result.clear();
        if (!compute(db, more))
            return std::nullopt;
        return m_result;
    }

    bool besideStarted() const { return bool(m_beside); }
    qsizetype size() const { return m_codes.size(); }

    // Stops work beside and waits for it: its connection must close on its own thread.
    ~Suggestions()
    {
        m_cancel = true;
        if (m_beside)
            m_beside->wait();
    }

    Suggestions(const Suggestions &) = delete;
    Suggestions &operator=(const Suggestions &) = delete;

private:
    bool compute(Database &db, const std::function<bool(qsizetype)> &more)
    {
        constexpr qsizetype Batch = 50;
        const CodeResolver resolver(db);
        for (qsizetype first = 0; first < m_codes.size(); first += Batch) {
            m_result.insert(resolver.suggestionsMany(m_codes.mid(first, Batch), m_limit));
            if (!more(std::min(first + Batch, m_codes.size())))
                return false;
        }
        return true;
    }

    const QStringList m_codes;
    const int m_limit;
    QHash<QString, QStringList> m_result;
    std::atomic<bool> m_cancel{false};
    std::unique_ptr<QThread> m_beside;
    bool m_besideDone = false; // written by the thread beside, read after wait()
};

QString itemKey(const QString &sku, const QString &uom)
{
    return sku.toCaseFolded() + QChar(u'\x1f') + uom.toCaseFolded();
}

bool isUnavailable(pricing::LineProblem p)
{
    return p == pricing::LineProblem::Discontinued || p == pricing::LineProblem::NotInAssortment;
}

bool isQuantityProblem(pricing::LineProblem p)
{
    return p == pricing::LineProblem::InvalidQuantity ||
           p == pricing::LineProblem::NoValidQuantity || p == pricing::LineProblem::Overflow;
}

QuickOrderImport::Reason reasonFor(pricing::Adjustment a)
{
    switch (a) {
    case pricing::Adjustment::RaisedToMinimum:
        return QuickOrderImport::Reason::RaisedToMinimum;
    case pricing::Adjustment::RoundedToMultiple:
        return QuickOrderImport::Reason::RoundedToMultiple;
    case pricing::Adjustment::CappedAtMaximum:
        return QuickOrderImport::Reason::CappedAtMaximum;
    }
    return QuickOrderImport::Reason::RaisedToMinimum;
}

// The cart's lines by product and unit: id and quantity. With `only` (SKU and unit pairs)
// and few of them, just those lines are looked up, by index; otherwise the whole cart is read.
std::optional<QHash<QString, std::pair<qint64, qint64>>>
cartItems(const Database &db, qint64 cartId, const QList<std::pair<QString, QString>> &only,
          QString *error)
{
    QHash<QString, std::pair<qint64, qint64>> items;
    QSqlQuery q(db.connection());
    if (only.size() <= 32) {
        if (!sql::prepare(q,
                          QStringLiteral("SELECT id, sku, uom, quantity FROM cart_lines"
                                         " WHERE cart_id = ? AND sku = ? AND uom = ?"),
                          error))
            return std::nullopt;
        for (const auto &[sku, uom] : only) {
            q.addBindValue(cartId);
            q.addBindValue(sku);
            q.addBindValue(uom);
            if (!sql::exec(q, error))
                return std::nullopt;
            while (q.next())
                items.insert(itemKey(q.value(1).toString(), q.value(2).toString()),
                             {q.value(0).toLongLong(), q.value(3).toLongLong()});
            q.finish();
        }
        return items;
    }
    if (!sql::prepare(q,
                      QStringLiteral("SELECT id, sku, uom, quantity FROM cart_lines"
                                     " WHERE cart_id = ?"),
                      error))
        return std::nullopt;
    q.addBindValue(cartId);
    if (!sql::exec(q, error))
        return std::nullopt;
    while (q.next())
        items.insert(itemKey(q.value(1).toString(), q.value(2).toString()),
                     {q.value(0).toLongLong(), q.value(3).toLongLong()});
    return items;
}

} // namespace

// The entries of one product and unit, in the order they came.
struct QuickOrderImport::Group
{
    QList<qsizetype> results; // indexes into m_results
    qint64 quantity = 0;      // sum of the entries' quantities
    qint64 cartLineId = 0;    // the cart's line for it, if any
    qint64 cartQuantity = 0;
};

QuickOrderImport::QuickOrderImport(Database &db, qint64 cartId)
    : m_db(db)
    , m_cartId(cartId)
    , m_day(clock::today())
{}

QList<QuickOrderEntry> QuickOrderImport::entriesFromRows(const QList<import::QuickOrderRow> &rows,
                                                         LineSource source)
{
    QList<QuickOrderEntry> entries;
    entries.reserve(rows.size());
    for (const import::QuickOrderRow &row : rows) {
        QuickOrderEntry e;
        e.line = row.line;
        e.code = row.code;
        e.uom = row.uom;
        e.quantityText = row.quantityText;
        e.source = source;
        if (!row.quantityText.trimmed().isEmpty()) {
            // The reader's verdict on the quantity stands; one left empty is assumed here.
            e.quantity = row.quantity;
            if (!row.quantity)
                e.quantityError = row.error;
        }
        if (!row.quantityText.trimmed().isEmpty() && !row.quantity && e.quantityError.isEmpty())
            e.quantityError = QStringLiteral("not a quantity: '%1'").arg(row.quantityText);
        if (!row.error.isEmpty() && e.quantityError.isEmpty())
            e.error = row.error;
        entries << e;
    }
    return entries;
}

void QuickOrderImport::setDay(QDate day)
{
    m_day = day;
}

bool QuickOrderImport::preview(const QList<QuickOrderEntry> &entries, QString *error)
{
    return preview(entries, error, nullptr, {});
}

bool QuickOrderImport::preview(const QList<QuickOrderEntry> &entries, QString *error,
                               Database *reader, const Progress &progress)
{
    m_results.clear();
    m_terms.clear();
    m_newLines.clear();
    m_cartQuantities.clear();
    m_unresolved.clear();
    m_currency.clear();
    m_timings = {};
    m_cancelled = false;
    Database &db = reader ? *reader : m_db;
    // Progress in steps of the whole: resolving 30, suggestions 10, terms 30, the cart 10,
    // pricing 20.
    constexpr int Total = 100;
    const auto reached = [&](int done) {
        if (!progress || progress(done, Total))
            return true;
        m_results.clear();
        m_terms.clear();
        m_newLines.clear();
        m_cartQuantities.clear();
        m_unresolved.clear();
        m_cancelled = true;
        return sql::fail(error, QStringLiteral("cancelled"));
    };
    QElapsedTimer timer;
    timer.start();
    if (!reached(0))
        return false;
    {
        // Whether the cart exists, without counting its lines as CartStore::cart() does.
        QSqlQuery q(db.connection());
        if (!sql::prepare(q, QStringLiteral("SELECT 1 FROM carts WHERE id = ?"), error))
            return false;
        q.addBindValue(m_cartId);
        if (!sql::exec(q, error))
            return false;
        if (!q.next())
            return sql::fail(error, QStringLiteral("no cart with id %1").arg(m_cartId));
    }

    // 1. What each entry asks for, before looking anything up.
    QStringList codes;
    QSet<QString> seenCodes;
    m_results.reserve(entries.size());
    for (const QuickOrderEntry &entry : entries) {
        Result r;
        r.entry = entry;
        r.entry.code = entry.code.trimmed();
        r.entry.uom = entry.uom.trimmed();
        if (!entry.error.isEmpty()) {
            r.outcome = Outcome::Invalid;
        } else if (r.entry.code.isEmpty()) {
            r.outcome = Outcome::Invalid;
            r.entry.error = QStringLiteral("no code");
        } else if (!entry.quantity && entry.quantityText.trimmed().isEmpty()) {
            r.quantity = 1;
            r.reasons << Reason::QuantityAssumed;
        } else if (!entry.quantity || *entry.quantity < 1 ||
                   *entry.quantity > CartStore::MaxQuantity) {
            r.outcome = Outcome::InvalidQuantity;
        } else {
            r.quantity = *entry.quantity;
        }
        if (r.outcome != Outcome::Invalid && !seenCodes.contains(r.entry.code)) {
            seenCodes.insert(r.entry.code);
            codes << r.entry.code;
        }
        m_results.append(r);
    }

    // 2. Every code in one batch.
    const CodeResolver resolver(db);
    const QHash<QString, QList<CodeMatch>> matches =
        resolver.resolveMany(codes, CodeResolver::Names::OfAmbiguous);
    m_timings.resolveMs = timer.restart();
    if (!reached(30))
        return false;
    QStringList suggestFor; // the first MaxSuggestedCodes distinct unknown codes
    QSet<QString> seenUnknown;
    QList<qsizetype> unknown; // indexes into m_results
    QList<PricingTerms::Wanted> products;
    QSet<QString> seenSkus;
    for (qsizetype i = 0; i < m_results.size(); ++i) {
        Result &r = m_results[i];
        if (r.outcome == Outcome::Invalid)
            continue;
        const QList<CodeMatch> found = matches.value(r.entry.code);
        // Several matches are ambiguous only when they name different products.
        const bool ambiguous = CodeResolver::isAmbiguous(found);
        if (found.isEmpty()) {
            r.outcome = Outcome::Unknown;
            unknown.append(i);
            if (suggestFor.size() < MaxSuggestedCodes && !seenUnknown.contains(r.entry.code)) {
                seenUnknown.insert(r.entry.code);
                suggestFor.append(r.entry.code);
            }
            UnresolvedCode u;
            u.code = r.entry.code;
            u.origin = r.entry.source;
            u.cartId = m_cartId;
            u.symbology = r.entry.symbology;
            if (r.quantity > 0)
                u.quantity = r.quantity;
            m_unresolved.append(u);
            continue;
        }
        if (ambiguous) {
            r.outcome = Outcome::Ambiguous;
            r.candidates = found;
            continue;
        }
        r.match = found.constFirst();
        r.sku = r.match->sku;
        r.productName = r.match->productName;
        const QString folded = r.sku.toCaseFolded();
        if (!seenSkus.contains(folded)) {
            seenSkus.insert(folded);
            products.append({r.sku, r.match->productId});
        }
    }
    m_timings.resolveMs += timer.restart();

    // 3. "Did you mean" for the unknown codes, and the terms of every product in one batch.
    // With many unknown codes in a cache file, the suggestions are computed on a second
    // connection while this one reads the terms.
    Suggestions suggesting(suggestFor, m_suggestionLimit);
    const QString path = db.path();
    if (suggesting.size() >= SuggestBesideFrom && !path.isEmpty() && path != u":memory:")
        suggesting.startBeside(path);
    m_timings.suggestedBeside = suggesting.besideStarted();
    const auto suggest = [&]() -> std::optional<QHash<QString, QStringList>> {
        const auto found = suggesting.take(db, [&](qsizetype done) {
            return reached(30 + int(10 * done / std::max<qsizetype>(1, suggesting.size())));
        });
        m_timings.suggestMs = timer.restart();
        return found;
    };
    std::optional<QHash<QString, QStringList>> suggestions;
    if (!suggesting.besideStarted() && !(suggestions = suggest()))
        return false;
    m_terms = PricingTerms(db).loadMany(products, PricingTerms::Detail::Pricing);
    m_timings.termsMs = timer.restart();
    if (suggesting.besideStarted() && !(suggestions = suggest()))
        return false;
    for (qsizetype i : std::as_const(unknown)) {
        Result &r = m_results[i];
        r.suggestions = suggestions->value(r.entry.code);
    }
    if (!reached(70))
        return false;
    const QHash<QString, pricing::ItemTerms> &terms = m_terms;

    // 4. Entries of the same product and unit make one line.
    QHash<QString, Group> groups;
    QStringList groupOrder;
    for (qsizetype i = 0; i < m_results.size(); ++i) {
        Result &r = m_results[i];
        if (!r.match || r.outcome == Outcome::InvalidQuantity)
            continue;
        const auto t = terms.constFind(r.sku);
        QString uom = !r.entry.uom.isEmpty() ? r.entry.uom : r.match->uom;
        if (t == terms.cend()) {
            // The code is known (a part number) but the product is not in the assortment.
            r.outcome = Outcome::Unavailable;
            r.priced.problem = pricing::LineProblem::NotInAssortment;
            r.uom = uom;
            if (uom.isEmpty()) {
                // Without the product its unit is unknown: keep the code rather than guess.
                UnresolvedCode u;
                u.code = r.entry.code;
                u.origin = r.entry.source;
                u.cartId = m_cartId;
                u.symbology = r.entry.symbology;
                u.quantity = r.quantity;
                m_unresolved.append(u);
                continue;
            }
        } else {
            if (m_currency.isEmpty())
                m_currency = t->prices.currency;
            if (r.productName.isEmpty())
                r.productName = t->product.name;
            const auto pack = pricing::findPack(t->product, uom);
            if (!pack) {
                r.outcome = Outcome::InvalidUnit;
                r.uom = uom;
                continue;
            }
            r.uom = uom.isEmpty() ? t->product.baseUom : pack->uom;
        }
        const QString key = itemKey(r.sku, r.uom);
        auto g = groups.find(key);
        if (g == groups.end()) {
            g = groups.insert(key, Group{});
            groupOrder << key;
        }
        g->results << i;
        g->quantity += r.quantity;
    }
    // The cart's lines for the same products and units.
    QList<std::pair<QString, QString>> wanted;
    for (const QString &key : std::as_const(groupOrder)) {
        const Result &first = m_results.at(groups.value(key).results.constFirst());
        wanted.append({first.sku, first.uom});
    }
    const auto items = cartItems(db, m_cartId, wanted, error);
    if (!items)
        return false;
    for (auto g = groups.begin(); g != groups.end(); ++g) {
        const auto existing = items->constFind(g.key());
        if (existing != items->cend()) {
            g->cartLineId = existing->first;
            g->cartQuantity = existing->second;
        }
    }
    m_timings.cartMs = timer.restart();
    if (!reached(80))
        return false;

    // 5. Each line through the line rules and the pricing engine.
    for (qsizetype done = 0; done < groupOrder.size(); ++done) {
        if (done % 4096 == 4095 && !reached(80 + int(20 * done / groupOrder.size())))
            return false;
        const QString &key = groupOrder.at(done);
        const Group &g = groups[key];
        Result &first = m_results[g.results.constFirst()];
        const qint64 total = g.cartQuantity + g.quantity;
        pricing::PricedLine priced;
        const auto t = terms.constFind(first.sku);
        if (t != terms.cend()) {
            priced =
                pricing::priceLine(*t, pricing::LineRequest{first.sku, first.uom, total}, m_day);
        } else {
            priced = first.priced;
            priced.request = pricing::LineRequest{first.sku, first.uom, total};
            priced.quantity = total;
            priced.uom = first.uom;
        }
        Outcome outcome = Outcome::Added;
        qint64 lineQuantity = total;
        if (isUnavailable(priced.problem)) {
            outcome = Outcome::Unavailable;
        } else if (isQuantityProblem(priced.problem)) {
            outcome = Outcome::InvalidQuantity;
        } else if (priced.problem == pricing::LineProblem::UnknownUnit) {
            outcome = Outcome::InvalidUnit;
        } else {
            lineQuantity = priced.quantity > 0 ? priced.quantity : total;
            for (pricing::Adjustment a : std::as_const(priced.adjustments))
                first.reasons << reasonFor(a);
        }
        if (g.cartLineId > 0 && outcome != Outcome::InvalidQuantity &&
            outcome != Outcome::InvalidUnit)
            first.reasons << Reason::MergedWithCart;
        for (qsizetype n = 0; n < g.results.size(); ++n) {
            Result &r = m_results[g.results.at(n)];
            r.priced = priced;
            if (n > 0 && outcome != Outcome::InvalidQuantity && outcome != Outcome::InvalidUnit) {
                r.reasons << Reason::MergedDuplicate;
                r.mergedIntoLine = first.entry.line;
            }
            if (outcome == Outcome::Added && !r.reasons.isEmpty())
                r.outcome = Outcome::Adjusted;
            else
                r.outcome = outcome;
            r.inCart = outcome != Outcome::InvalidQuantity && outcome != Outcome::InvalidUnit;
        }
        if (outcome == Outcome::InvalidQuantity || outcome == Outcome::InvalidUnit)
            continue;
        if (g.cartLineId > 0)
            m_cartQuantities.append({g.cartLineId, g.cartQuantity, first.sku, first.uom});
        const qint64 adds = lineQuantity - g.cartQuantity;
        if (adds <= 0)
            continue; // e.g. capped at a maximum the cart line already holds
        NewLine line;
        line.code = first.entry.code;
        line.sku = first.sku;
        line.uom = first.uom;
        line.quantity = adds;
        line.requestedQuantity = g.quantity;
        line.source = first.entry.source;
        m_newLines.append(line);
    }
    m_timings.priceMs = timer.elapsed();
    if (!reached(Total))
        return false;
    qCDebug(lcQuickOrder) << "previewed" << m_results.size() << "entries:" << m_newLines.size()
                          << "lines," << m_unresolved.size() << "unresolved";
    return true;
}

QuickOrderImport::Summary QuickOrderImport::summary() const
{
    Summary s;
    for (const Result &r : m_results) {
        switch (r.outcome) {
        case Outcome::Added:
            ++s.added;
            break;
        case Outcome::Adjusted:
            ++s.adjusted;
            break;
        case Outcome::Unknown:
            ++s.unknown;
            break;
        case Outcome::InvalidQuantity:
            ++s.invalidQuantity;
            break;
        case Outcome::InvalidUnit:
            ++s.invalidUnit;
            break;
        case Outcome::Ambiguous:
            ++s.ambiguous;
            break;
        case Outcome::Unavailable:
            ++s.unavailable;
            break;
        case Outcome::Invalid:
            ++s.invalid;
            break;
        }
    }
    return s;
}

pricing::CartTotals QuickOrderImport::totals() const
{
    QList<pricing::PricedLine> lines;
    for (const Result &r : m_results) {
        // One priced line per product and unit: the first entry of each group carries it.
        if (r.goesIntoCart() && r.mergedIntoLine == 0)
            lines << r.priced;
    }
    return pricing::totals(lines, m_currency);
}

bool QuickOrderImport::apply(QString *error)
{
    // The cart must still hold what the preview computed against: the same quantities in
    // the lines it merges with, and no line yet for what it adds fresh.
    QList<std::pair<QString, QString>> wanted;
    for (const CartQuantity &c : std::as_const(m_cartQuantities))
        wanted.append({c.sku, c.uom});
    for (const NewLine &l : std::as_const(m_newLines))
        wanted.append({l.sku, l.uom});
    const auto items = cartItems(m_db, m_cartId, wanted, error);
    if (!items)
        return false;
    QSet<QString> merging;
    for (const CartQuantity &c : std::as_const(m_cartQuantities)) {
        const QString key = itemKey(c.sku, c.uom);
        merging.insert(key);
        const auto it = items->constFind(key);
        if (it == items->cend() || it->first != c.lineId || it->second != c.quantity)
            return sql::fail(error, QStringLiteral("the cart changed since the preview"));
    }
    for (const NewLine &l : std::as_const(m_newLines)) {
        const QString key = itemKey(l.sku, l.uom);
        if (!merging.contains(key) && items->contains(key))
            return sql::fail(error, QStringLiteral("the cart changed since the preview"));
    }
    CartStore store(m_db);
    if (!store.addLines(m_cartId, m_newLines, m_unresolved, error))
        return false;
    qCInfo(lcQuickOrder) << "added" << m_newLines.size() << "lines to cart" << m_cartId << "and"
                         << m_unresolved.size() << "unresolved codes";
    // A second apply() must not add the same lines again.
    m_newLines.clear();
    m_unresolved.clear();
    m_cartQuantities.clear();
    return true;
}

QString QuickOrderImport::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Added:
        return QStringLiteral("added");
    case Outcome::Adjusted:
        return QStringLiteral("adjusted");
    case Outcome::Unknown:
        return QStringLiteral("unknown");
    case Outcome::InvalidQuantity:
        return QStringLiteral("invalid-quantity");
    case Outcome::InvalidUnit:
        return QStringLiteral("invalid-unit");
    case Outcome::Ambiguous:
        return QStringLiteral("ambiguous");
    case Outcome::Unavailable:
        return QStringLiteral("unavailable");
    case Outcome::Invalid:
        return QStringLiteral("invalid");
    }
    return {};
}

QString QuickOrderImport::reasonName(Reason reason)
{
    switch (reason) {
    case Reason::RaisedToMinimum:
        return QStringLiteral("raised-to-minimum");
    case Reason::RoundedToMultiple:
        return QStringLiteral("rounded-to-multiple");
    case Reason::CappedAtMaximum:
        return QStringLiteral("capped-at-maximum");
    case Reason::MergedDuplicate:
        return QStringLiteral("merged-duplicate");
    case Reason::MergedWithCart:
        return QStringLiteral("merged-with-cart");
    case Reason::QuantityAssumed:
        return QStringLiteral("quantity-assumed");
    }
    return {};
}

QList<QStringList> QuickOrderImport::reportRows() const
{
    QList<QStringList> rows;
    rows.reserve(m_results.size() + 1);
    rows << QStringList{
        QStringLiteral("line"),       QStringLiteral("code"),       QStringLiteral("quantity"),
        QStringLiteral("unit"),       QStringLiteral("outcome"),    QStringLiteral("reasons"),
        QStringLiteral("sku"),        QStringLiteral("product"),    QStringLiteral("line_quantity"),
        QStringLiteral("unit_price"), QStringLiteral("line_total"), QStringLiteral("detail")};
    for (const Result &r : m_results) {
        QStringList reasons;
        for (Reason reason : r.reasons)
            reasons << reasonName(reason);
        QString detail;
        switch (r.outcome) {
        case Outcome::Unknown:
            detail = r.suggestions.isEmpty() ? QString()
                                             : QStringLiteral("did you mean: ") +
                                                   r.suggestions.join(QStringLiteral(", "));
            break;
        case Outcome::Ambiguous: {
            QStringList skus;
            for (const CodeMatch &m : r.candidates)
                skus << m.sku;
            detail = QStringLiteral("matches: ") + skus.join(QStringLiteral(", "));
            break;
        }
        case Outcome::Invalid:
            detail = r.entry.error;
            break;
        case Outcome::InvalidQuantity:
            if (r.priced.problem != pricing::LineProblem::None)
                detail = pricing::problemName(r.priced.problem);
            else if (!r.entry.quantityError.isEmpty())
                detail = r.entry.quantityError;
            else
                detail = QStringLiteral("not a quantity: '%1'").arg(r.entry.quantityText);
            break;
        case Outcome::Unavailable:
            detail = pricing::problemName(r.priced.problem);
            break;
        case Outcome::Adjusted:
            if (r.mergedIntoLine > 0)
                detail = QStringLiteral("merged into line %1").arg(r.mergedIntoLine);
            else if (r.priced.problem != pricing::LineProblem::None)
                detail = pricing::problemName(r.priced.problem);
            break;
        case Outcome::Added:
            if (r.priced.problem != pricing::LineProblem::None)
                detail = pricing::problemName(r.priced.problem);
            break;
        case Outcome::InvalidUnit:
            detail = QStringLiteral("no pack '%1'").arg(r.uom);
            break;
        }
        const bool priced = r.goesIntoCart() && r.priced.isPriced();
        rows << QStringList{QString::number(r.entry.line),
                            r.entry.code,
                            r.entry.quantityText,
                            r.uom.isEmpty() ? r.entry.uom : r.uom,
                            outcomeName(r.outcome),
                            reasons.join(QLatin1Char(' ')),
                            r.sku,
                            r.productName,
                            r.goesIntoCart() ? QString::number(r.priced.quantity) : QString(),
                            priced ? r.priced.unitPrice.toString(2) : QString(),
                            priced ? r.priced.lineTotal.toString(2) : QString(),
                            detail};
    }
    return rows;
}

} // namespace qm
