#include "app/cli/command.h"

#include "app/cli/blockingcalls.h"
#include "app/cli/clijson.h"
#include "app/cli/cliprofile.h"
#include "core/clock.h"
#include "models/catalogquery.h"
#include "sync/apiclient.h"
#include "sync/credentialstore.h"
#include "sync/thumbnailcache.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSaveFile>

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

QString sourceText(ThumbnailFetch::Outcome outcome)
{
    switch (outcome) {
    case ThumbnailFetch::Outcome::Downloaded:
        return QStringLiteral("downloaded");
    case ThumbnailFetch::Outcome::Revalidated:
    case ThumbnailFetch::Outcome::Fresh:
        return QStringLiteral("cached, current");
    default:
        return QStringLiteral("cached; the portal could not be asked");
    }
}

// Saves the thumbnail of `sku` to `file`: from the profile's cache while it is fresh, else
// from the portal, else (offline, not signed in) whatever the cache holds. Returns how it
// was obtained, or nullopt with the error.
std::optional<QString> saveThumbnail(const CliProfile &profile, const QString &sku,
                                     const QString &file, CliError *error)
{
    ThumbnailCache cache(ThumbnailCache::directoryFor(profile.directory()));
    CredentialStore store;
    CliError noTokens;
    const auto tokens = profile.readTokens(store, &noTokens);
    ApiClient api(profile.info().portal);
    // One retry at most: a command with a cached picture should not wait long for a portal
    // that is down.
    RetryPolicy::Settings retry;
    retry.maxAttempts = 2;
    api.setRetryPolicy(RetryPolicy(retry));
    std::optional<Tokens> rotated;
    QObject::connect(&api, &ApiClient::tokensChanged, &api,
                     [&rotated](const Tokens &t) { rotated = t; });
    if (tokens) {
        api.setTokens(*tokens);
        cache.setApiClient(&api);
    }

    ThumbnailFetch *fetch = cache.fetch(sku);
    QEventLoop loop;
    ThumbnailFetch::Outcome outcome = ThumbnailFetch::Outcome::Unavailable;
    QByteArray image;
    std::optional<ApiError> apiError;
    QObject::connect(fetch, &ThumbnailFetch::finished, &loop, [&] {
        outcome = fetch->outcome();
        image = fetch->image();
        apiError = fetch->error();
        loop.quit();
    });
    loop.exec();
    if (rotated)
        blocking::writeTokens(store, profile.keychainKey(), *rotated);

    if (image.isEmpty()) {
        if (outcome == ThumbnailFetch::Outcome::NotFound) {
            *error = {
                ExitCode::NotFound,
                QStringLiteral("the portal has no thumbnail of %1 for your account").arg(sku)};
        } else if (outcome == ThumbnailFetch::Outcome::InvalidImage) {
            *error = {ExitCode::Error,
                      QStringLiteral("the portal's thumbnail of %1 is not a valid PNG (%2)")
                          .arg(sku, apiError ? apiError->detail : QString())};
        } else if (!tokens) {
            *error = {
                noTokens.code,
                QStringLiteral("no thumbnail of %1 is cached, and %2").arg(sku, noTokens.message)};
        } else {
            const CliError why = apiError ? CliError::fromApiError(*apiError)
                                          : CliError{ExitCode::Error, QStringLiteral("unknown")};
            *error = {why.code,
                      QStringLiteral("no thumbnail of %1 is cached: %2").arg(sku, why.message)};
        }
        return std::nullopt;
    }
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(image) != image.size() || !out.commit()) {
        *error = {ExitCode::Error,
                  QStringLiteral("cannot write %1: %2").arg(file, out.errorString())};
        return std::nullopt;
    }
    return sourceText(outcome);
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

    std::optional<QString> thumbnailSource;
    const QString thumbnailFile = args.value(QStringLiteral("thumbnail"));
    if (args.isSet(QStringLiteral("thumbnail"))) {
        if (thumbnailFile.isEmpty())
            return context.fail(
                {ExitCode::Usage, QStringLiteral("--thumbnail needs a FILE to write")});
        thumbnailSource = saveThumbnail(*profile, details->product.sku, thumbnailFile, &error);
        if (!thumbnailSource)
            return context.fail(error);
    }

    const QDate today = clock::today();
    if (args.isSet(QStringLiteral("json")))
        context.out
            << QJsonDocument(clijson::product(*details, today)).toJson(QJsonDocument::Indented);
    else
        printText(context.out, *details, today);
    if (thumbnailSource && !args.isSet(QStringLiteral("json")))
        context.out << "Thumbnail:  " << thumbnailFile << " (" << *thumbnailSource << ")\n";
    context.out.flush();
    return ExitCode::Ok;
}

Command productCommand()
{
    return {
        QStringLiteral("product"),
        QStringLiteral("CODE [--json] [--thumbnail FILE]"),
        QStringLiteral("Show one product by SKU or GTIN"),
        QStringLiteral(
            "Shows one product from the local cache: CODE is its SKU (any case) or the GTIN of\n"
            "any of its packs (GTIN-8, -12, -13 or -14). Includes packs, your price with every\n"
            "price rule, and stock per warehouse.\n"
            "--thumbnail FILE also saves the product's picture (PNG) to FILE: from the\n"
            "profile's thumbnail cache while it is fresh, else from the portal; offline or\n"
            "signed out, the cached picture."),
        {QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print the product as JSON.")),
         QCommandLineOption(QStringLiteral("thumbnail"),
                            QStringLiteral("Save the product's thumbnail (PNG) to FILE."),
                            QStringLiteral("FILE"))},
        runProduct,
    };
}

} // namespace qm
