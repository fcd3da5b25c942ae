#include "app/cli/command.h"

#include "app/cli/clijson.h"
#include "app/cli/cliprofile.h"
#include "models/catalogquery.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace qm {

static ExitCode runSearch(CliContext &context, const QCommandLineParser &args)
{
    const QString text = args.positionalArguments().join(QLatin1Char(' ')).trimmed();
    if (text.isEmpty())
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
    const QDate today = QDate::currentDate();
    const QList<ProductSummary> results =
        CatalogQuery(profile->database()).search(text, limit, 0, today);

    if (args.isSet(QStringLiteral("json"))) {
        QJsonArray rows;
        for (const ProductSummary &s : results)
            rows.append(clijson::searchResult(s));
        const QJsonObject o{
            {QStringLiteral("query"), text},
            {QStringLiteral("price_date"), clijson::date(today)},
            {QStringLiteral("count"), rows.size()},
            {QStringLiteral("results"), rows},
        };
        context.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        return ExitCode::Ok;
    }

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
    if (results.isEmpty())
        context.out << "No products match '" << text << "'.\n";
    context.out.flush();
    return ExitCode::Ok;
}

Command searchCommand()
{
    return {
        QStringLiteral("search"),
        QStringLiteral("TEXT [--limit N] [--json]"),
        QStringLiteral("Search the cached catalog"),
        QStringLiteral(
            "Searches the local cache the way the desktop app's search field does: an exact SKU\n"
            "or GTIN first, then products whose SKU, name, description, brand or attributes\n"
            "match every word as a prefix, best first. Prices are those that apply today. No\n"
            "match is not an error: the result is empty."),
        {
            QCommandLineOption(QStringLiteral("limit"),
                               QStringLiteral("At most N results (default 20)."),
                               QStringLiteral("N"), QStringLiteral("20")),
            QCommandLineOption(QStringLiteral("json"),
                               QStringLiteral("Print the results as JSON.")),
        },
        runSearch,
    };
}

} // namespace qm
