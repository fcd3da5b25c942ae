#include "server/pricinghandlers.h"

#include "core/catalog.h"
#include "core/decimal.h"
#include "core/permissions.h"
#include "core/pricing.h"
#include "core/problem.h"
#include "server/apihandlers.h"
#include "server/connectionpool.h"
#include "server/dbconnection.h"
#include "server/feedpayloads.h"
#include "server/httprequest.h"
#include "server/pricingterms.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

#include <limits>
#include <stdexcept>

namespace qm {

namespace {

using pricing::LineRequest;
using pricing::PricedLine;

struct QuoteRequest
{
    QDate day;
    QList<LineRequest> lines;
};

// The request body, or nullopt with the problem in `error`.
std::optional<QuoteRequest> parseQuote(const HttpRequest &request, HttpReply *error)
{
    const auto fail = [error](QStringView slug, int status, const QString &detail) {
        *error = HttpReply::problem(slug, status, detail);
        return std::nullopt;
    };
    if (request.mediaType() != "application/json")
        return fail(problems::UnsupportedMediaType, 415,
                    QStringLiteral("Send the quote request as application/json."));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(problems::MalformedJson, 400,
                    QStringLiteral("%1 at offset %2.")
                        .arg(parseError.errorString())
                        .arg(parseError.offset));
    if (!doc.isObject())
        return fail(problems::BadRequest, 400, QStringLiteral("The body must be a JSON object."));
    const QJsonObject body = doc.object();

    QuoteRequest quote;
    quote.day = QDateTime::currentDateTimeUtc().date();
    const QJsonValue date = body.value(u"date");
    if (!date.isUndefined()) {
        const QDate day = QDate::fromString(date.toString(), Qt::ISODate);
        if (!date.isString() || !day.isValid() || date.toString().size() != 10)
            return fail(problems::BadRequest, 400,
                        QStringLiteral("'date' must be a date written YYYY-MM-DD."));
        quote.day = day;
    }

    const QJsonValue lines = body.value(u"lines");
    if (!lines.isArray())
        return fail(problems::BadRequest, 400,
                    QStringLiteral("'lines' must be an array of {sku, uom, quantity}."));
    const QJsonArray array = lines.toArray();
    if (array.size() > PricingHandlers::MaxLines)
        return fail(problems::BadRequest, 400,
                    QStringLiteral("A quote may have at most %1 lines; this one has %2.")
                        .arg(PricingHandlers::MaxLines)
                        .arg(array.size()));
    quote.lines.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = QStringLiteral("lines[%1]").arg(i);
        if (!array.at(i).isObject())
            return fail(problems::BadRequest, 400,
                        QStringLiteral("'%1' must be an object.").arg(where));
        const QJsonObject o = array.at(i).toObject();
        LineRequest line;
        const QJsonValue sku = o.value(u"sku");
        if (!sku.isString() || sku.toString().isEmpty())
            return fail(problems::BadRequest, 400,
                        QStringLiteral("'%1.sku' must be a non-empty string.").arg(where));
        line.sku = sku.toString();
        const QJsonValue uom = o.value(u"uom");
        if (!uom.isUndefined() && !uom.isString())
            return fail(problems::BadRequest, 400,
                        QStringLiteral("'%1.uom' must be a string (empty or absent: the "
                                       "product's base unit).")
                            .arg(where));
        line.uom = uom.toString();
        // Integers keep all 64 bits through QJsonDocument; anything else (a fraction, a
        // string, a number beyond 64 bits) is refused rather than rounded.
        const QJsonValue quantity = o.value(u"quantity");
        const qint64 n = quantity.toInteger(std::numeric_limits<qint64>::min());
        if (!quantity.isDouble() || static_cast<double>(n) != quantity.toDouble())
            return fail(problems::BadRequest, 400,
                        QStringLiteral("'%1.quantity' must be an integer.").arg(where));
        line.quantity = n;
        quote.lines.append(line);
    }
    return quote;
}

QJsonObject lineJson(const PricedLine &line, int digits)
{
    QJsonArray adjustments;
    for (pricing::Adjustment a : line.adjustments)
        adjustments.append(pricing::adjustmentName(a));
    QJsonObject o{{QStringLiteral("sku"), line.request.sku},
                  {QStringLiteral("uom"), line.uom},
                  {QStringLiteral("requested_quantity"), line.request.quantity},
                  {QStringLiteral("quantity"), line.quantity},
                  {QStringLiteral("base_quantity"), line.baseQuantity},
                  {QStringLiteral("unit_price"), line.unitPrice.toString()},
                  {QStringLiteral("list_unit_price"), line.listUnitPrice.toString()},
                  {QStringLiteral("line_total"), line.lineTotal.toString(digits)},
                  {QStringLiteral("savings"), line.savings.toString(digits)},
                  {QStringLiteral("adjustments"), adjustments}};
    if (line.isPriced()) {
        QJsonObject rule{{QStringLiteral("source"), pricing::sourceName(line.rule.source)},
                         {QStringLiteral("uom"), line.rule.uom},
                         {QStringLiteral("min_qty"), line.rule.minQty}};
        if (line.rule.source == pricing::AppliedRule::Source::CategoryDiscount) {
            rule.insert(QStringLiteral("percent"), line.rule.percent.toString());
            rule.insert(QStringLiteral("category"), line.rule.category);
        }
        o.insert(QStringLiteral("rule"), rule);
    } else {
        o.insert(QStringLiteral("problem"), pricing::problemName(line.problem));
    }
    return o;
}

} // namespace

PricingHandlers::PricingHandlers(ConnectionPool &connections, ApiHandlers &api)
    : m_connections(connections)
    , m_api(api)
{}

HttpReply PricingHandlers::quote(HttpRequest &request)
{
    DbConnection &db = m_connections.local();
    HttpReply denied;
    const auto user = m_api.authorize(request, db, capabilities::PricesRead, &denied);
    if (!user)
        return denied;
    HttpReply error;
    const auto quote = parseQuote(request, &error);
    if (!quote)
        return error;

    QStringList skus;
    skus.reserve(quote->lines.size());
    for (const LineRequest &line : quote->lines)
        skus.append(line.sku);
    const PricingTerms terms =
        db.read([&] { return PricingTerms::load(db, user->catalogId, skus, false); });
    const int digits = currencyMinorDigits(terms.currency);
    QList<PricedLine> priced;
    priced.reserve(quote->lines.size());
    QJsonArray lines;
    for (const LineRequest &line : quote->lines) {
        // loadTerms made an entry for every SKU of the quote.
        priced.append(pricing::priceLine(*terms.items.constFind(line.sku), line, quote->day));
        lines.append(lineJson(priced.constLast(), digits));
    }
    const pricing::CartTotals totals = pricing::totals(priced, terms.currency);
    QJsonObject body{{QStringLiteral("currency"), terms.currency},
                     {QStringLiteral("date"), quote->day.toString(Qt::ISODate)},
                     {QStringLiteral("lines"), lines}};
    if (totals.overflow) {
        body.insert(QStringLiteral("problem"),
                    pricing::problemName(pricing::LineProblem::Overflow));
    } else {
        body.insert(QStringLiteral("subtotal"), totals.subtotal.toString(digits));
        body.insert(QStringLiteral("savings"), totals.savings.toString(digits));
    }
    return HttpReply::json(body).withHeader(QByteArrayLiteral("Cache-Control"),
                                            QByteArrayLiteral("no-store"));
}

} // namespace qm
