#include "app/cli/command.h"

#include "app/cli/clijson.h"
#include "app/cli/cliprofile.h"
#include "core/clock.h"
#include "models/catalogquery.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <algorithm>

namespace qm {

namespace {

void printText(QTextStream &out, const ProductDetails &d, QDate today)
{
    const QLocale c = QLocale::c();
    const Product &p = d.product;
    out << p.sku << "  " << p.name << (p.discontinued ? "  (discontinued)" : "") << '\n';
    if (!p.brand.isEmpty())
        out << "Brand:      " << p.brand << '\n';
    out << "Category:   " << p.categoryPath.join(QStringLiteral(" > ")) << '\n';
    if (!p.description.isEmpty())
        out << '\n' << p.description << "\n\n";
    for (auto it = p.attributes.cbegin(); it != p.attributes.cend(); ++it)
        out << "  " << (it.key() + QLatin1Char(':')).leftJustified(20) << it.value() << '\n';
    out << "Ordering:   base unit " << p.baseUom << ", minimum " << p.minOrderQty
        << ", multiple of " << p.orderMultiple << '\n';
    out << "Packs:\n";
    for (const Pack &pack : p.packs)
        out << "  " << pack.uom.leftJustified(4) << pack.name.leftJustified(24)
            << c.toString(pack.quantity).rightJustified(8) << "  GTIN "
            << (pack.gtin.isEmpty() ? QStringLiteral("-") : pack.gtin) << '\n';
    if (d.prices) {
        const auto quote =
            resolvePrice(d.prices->rules, p.baseUom, std::max<qint64>(1, p.minOrderQty), today);
        out << "Your price: "
            << (quote ? quote->unitPrice.toString(2) + QLatin1Char(' ') + d.prices->currency +
                            QLatin1String(" (") + priceKindName(quote->rule.kind) + QLatin1Char(')')
                      : QStringLiteral("none today"))
            << '\n';
        for (const PriceRule &r : d.prices->rules) {
            out << "  " << priceKindName(r.kind).leftJustified(9) << r.uom.leftJustified(4)
                << "from " << QString::number(r.minQty).rightJustified(5) << "  "
                << r.unitPrice.toString(2).rightJustified(12);
            if (r.validFrom.isValid() || r.validTo.isValid())
                out << "  "
                    << (r.validFrom.isValid() ? r.validFrom.toString(Qt::ISODate)
                                              : QStringLiteral("…"))
                    << " to "
                    << (r.validTo.isValid() ? r.validTo.toString(Qt::ISODate)
                                            : QStringLiteral("…"));
            out << '\n';
        }
    } else {
        out << "Your price: not available\n";
    }
    if (d.stock) {
        out << "Stock:      " << c.toString(d.stock->totalOnHand()) << " on hand\n";
        for (const StockLevel &s : d.stock->levels) {
            out << "  " << s.warehouse.leftJustified(5) << s.warehouseName.leftJustified(18)
                << c.toString(s.onHand).rightJustified(8);
            if (s.onHand == 0 && s.leadTimeDays > 0)
                out << "  lead time " << s.leadTimeDays << " days";
            if (s.nextReceiptDate.isValid())
                out << "  next receipt " << s.nextReceiptDate.toString(Qt::ISODate) << " ("
                    << s.nextReceiptQty << ')';
            out << '\n';
        }
    } else {
        out << "Stock:      not available\n";
    }
}

} // namespace

static ExitCode runProduct(CliContext &context, const QCommandLineParser &args)
{
    if (args.positionalArguments().size() != 1)
        return context.fail(
            {ExitCode::Usage,
             QStringLiteral("product needs exactly one CODE; see qm product --help")});
    const QString code = args.positionalArguments().constFirst().trimmed();

    CliError error;
    const auto profile = CliProfile::open(context.profileOption, &error);
    if (!profile)
        return context.fail(error);
    const auto details = CatalogQuery(profile->database()).product(code);
    if (!details)
        return context.fail(
            {ExitCode::NotFound, QStringLiteral("no product matches '%1'").arg(code)});

    const QDate today = clock::today();
    if (args.isSet(QStringLiteral("json")))
        context.out
            << QJsonDocument(clijson::product(*details, today)).toJson(QJsonDocument::Indented);
    else
        printText(context.out, *details, today);
    context.out.flush();
    return ExitCode::Ok;
}

Command productCommand()
{
    return {
        QStringLiteral("product"),
        QStringLiteral("CODE [--json]"),
        QStringLiteral("Show one product by SKU or GTIN"),
        QStringLiteral(
            "Shows one product from the local cache: CODE is its SKU (any case) or the GTIN of\n"
            "any of its packs (GTIN-8, -12, -13 or -14). Includes packs, your price with every\n"
            "price rule, and stock per warehouse."),
        {QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print the product as JSON."))},
        runProduct,
    };
}

} // namespace qm
