#include "app/cli/command.h"

#include "app/cli/clijson.h"
#include "app/cli/cliprofile.h"
#include "core/clock.h"
#include "models/catalogquery.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace qm {

namespace {

QJsonArray facetValues(const QList<FacetValue> &values)
{
    QJsonArray out;
    for (const FacetValue &v : values)
        out.append(QJsonObject{{QStringLiteral("value"), v.value},
                               {QStringLiteral("label"), v.label},
                               {QStringLiteral("count"), v.count}});
    return out;
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

// 'a', 'a' or 'b', 'a', 'b' or 'c'.
QString quotedAlternatives(const QStringList &words)
{
    QStringList quoted;
    for (const QString &word : words)
        quoted << u'\'' + word + u'\'';
    const QString last = quoted.takeLast();
    return quoted.isEmpty() ? last
                            : quoted.join(QStringLiteral(", ")) + QStringLiteral(" or ") + last;
}

} // namespace

static ExitCode runSearch(CliContext &context, const QCommandLineParser &args)
{
    const QString text = args.positionalArguments().join(QLatin1Char(' ')).trimmed();
    SearchFilter filter;
    filter.category = args.value(QStringLiteral("category")).trimmed();
    filter.brand = args.value(QStringLiteral("brand")).trimmed();
    filter.material = args.value(QStringLiteral("material")).trimmed();
    filter.inStockOnly = args.isSet(QStringLiteral("in-stock"));
    for (const char *option : {"category", "brand", "material"}) {
        const QString name = QString::fromLatin1(option);
        if (args.isSet(name) && args.value(name).trimmed().isEmpty())
            return context.fail({ExitCode::Usage, QStringLiteral("--%1 needs a value").arg(name)});
    }
    if (text.isEmpty() && filter.isEmpty())
        return context.fail(
            {ExitCode::Usage, QStringLiteral("search needs TEXT; see qm search --help")});
    bool ok = false;
    const int limit = args.value(QStringLiteral("limit")).toInt(&ok);
    if (!ok || limit < 1 || limit > 10000)
        return context.fail(
            {ExitCode::Usage, QStringLiteral("--limit must be a number from 1 to 10000")});

    CliError error;
    const auto profile = CliProfile::open(context.profileOption, &error);
    if (!profile)
        return context.fail(error);
    const QDate today = clock::today();
    const CatalogQuery query(profile->database());
    // Without text, a filter lists the products it lets through by SKU.
    const QList<ProductSummary> results = text.isEmpty()
                                              ? query.browse(QString(), filter, limit, today)
                                              : query.search(text, filter, limit, 0, today);

    // A correction that found nothing either is not worth a word: "no products match" says it.
    const QList<spelling::Correction> corrections =
        results.isEmpty() ? QList<spelling::Correction>() : query.corrections(text);

    if (args.isSet(QStringLiteral("json"))) {
        QJsonArray corrected;
        for (const spelling::Correction &c : corrections)
            corrected.append(QJsonObject{
                {QStringLiteral("typed"), c.typed},
                {QStringLiteral("searched_for"), QJsonArray::fromStringList(c.examples)}});
        QJsonArray rows;
        for (const ProductSummary &s : results)
            rows.append(clijson::searchResult(s));
        const SearchFacets facets = query.facets(text, filter);
        const QJsonObject o{
            {QStringLiteral("query"), text},
            {QStringLiteral("filter"),
             QJsonObject{{QStringLiteral("category"), textOrNull(filter.category)},
                         {QStringLiteral("brand"), textOrNull(filter.brand)},
                         {QStringLiteral("material"), textOrNull(filter.material)},
                         {QStringLiteral("in_stock"), filter.inStockOnly}}},
            {QStringLiteral("corrections"), corrected},
            {QStringLiteral("price_date"), clijson::date(today)},
            {QStringLiteral("count"), rows.size()},
            {QStringLiteral("results"), rows},
            {QStringLiteral("facets"),
             QJsonObject{{QStringLiteral("complete"), facets.complete},
                         {QStringLiteral("total"), facets.total},
                         {QStringLiteral("in_stock"), facets.inStock},
                         {QStringLiteral("categories"), facetValues(facets.categories)},
                         {QStringLiteral("brands"), facetValues(facets.brands)},
                         {QStringLiteral("materials"), facetValues(facets.materials)}}},
        };
        context.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        return ExitCode::Ok;
    }

    for (const spelling::Correction &c : corrections)
        context.out << "Searched for " << quotedAlternatives(c.examples) << " instead of '"
                    << c.typed << "'.\n";
    const QLocale c = QLocale::c();
    for (const ProductSummary &s : results) {
        const QString price = s.yourPrice ? s.yourPrice->toString(2) + QLatin1Char(' ') + s.currency
                                          : QStringLiteral("-");
        context.out << s.sku.leftJustified(14) << ' '
                    << s.name.leftJustified(56, QLatin1Char(' '), true) << ' '
                    << s.packLabel.leftJustified(16, QLatin1Char(' '), true) << ' '
                    << price.rightJustified(14) << ' ' << c.toString(s.onHand).rightJustified(8)
                    << (s.discontinued ? "  discontinued" : "") << '\n';
    }
    if (results.isEmpty()) {
        if (text.isEmpty())
            context.out << "No products pass the filters.\n";
        else
            context.out << "No products match '" << text << "'.\n";
    }
    context.out.flush();
    return ExitCode::Ok;
}

Command searchCommand()
{
    return {
        QStringLiteral("search"),
        QStringLiteral("TEXT [--category C] [--brand B] [--material M] [--in-stock] [--limit N]"
                       " [--json]"),
        QStringLiteral("Search the cached catalog"),
        QStringLiteral(
            "Searches the local cache the way the desktop app's search field does: an exact SKU\n"
            "or GTIN first, then products whose SKU, name, description, brand or attributes\n"
            "match every word as a prefix, best first. Case and accents do not matter; \"m8x40\"\n"
            "finds \"M8 x 40 mm\", \"40mm\" finds \"40 mm\", and abbreviations and synonyms\n"
            "(\"ss\" for stainless, \"marine\" for 316 or A4) count. The filters narrow the\n"
            "result; with filters, TEXT may be left out. --json adds the facet counts (category,\n"
            "brand, material, in stock) of the search. Prices are those that apply today. No\n"
            "match is not an error: the result is empty."),
        {
            QCommandLineOption(QStringLiteral("limit"),
                               QStringLiteral("At most N results (default 20)."),
                               QStringLiteral("N"), QStringLiteral("20")),
            QCommandLineOption(QStringLiteral("category"),
                               QStringLiteral("Only this category: a path such as \"Fasteners > "
                                              "Bolts\" (with its subcategories) or a category "
                                              "code."),
                               QStringLiteral("C")),
            QCommandLineOption(QStringLiteral("brand"), QStringLiteral("Only this brand."),
                               QStringLiteral("B")),
            QCommandLineOption(QStringLiteral("material"),
                               QStringLiteral("Only this material (attribute)."),
                               QStringLiteral("M")),
            QCommandLineOption(QStringLiteral("in-stock"),
                               QStringLiteral("Only products in stock in any warehouse.")),
            QCommandLineOption(QStringLiteral("json"),
                               QStringLiteral("Print the results and facet counts as JSON.")),
        },
        runSearch,
    };
}

} // namespace qm
