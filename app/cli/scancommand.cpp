#include "app/cli/command.h"

#include "app/cli/cartcli.h"
#include "app/cli/clijson.h"
#include "app/cli/cliprofile.h"
#include "core/scaninput.h"
#include "models/cartstore.h"
#include "models/database.h"
#include "models/quickorderimport.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>

namespace qm {

namespace {

QString kindName(scan::ScanResult::Kind kind)
{
    switch (kind) {
    case scan::ScanResult::Kind::Gtin:
        return QStringLiteral("gtin");
    case scan::ScanResult::Kind::Gs1:
        return QStringLiteral("gs1");
    case scan::ScanResult::Kind::DigitalLink:
        return QStringLiteral("digital-link");
    case scan::ScanResult::Kind::Text:
        return QStringLiteral("text");
    }
    return {};
}

QJsonObject scanJson(const scan::ScanResult &s)
{
    return {
        {QStringLiteral("symbology"),
         s.symbology.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s.symbology)},
        {QStringLiteral("kind"), kindName(s.kind)},
        {QStringLiteral("code"), s.code},
        {QStringLiteral("quantity"),
         s.quantity ? QJsonValue(*s.quantity) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("batch"),
         s.batch.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s.batch)},
        {QStringLiteral("serial"),
         s.serial.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s.serial)},
        {QStringLiteral("expiry"), clijson::date(s.expiry)},
    };
}

} // namespace

static ExitCode runScan(CliContext &context, const QCommandLineParser &args)
{
    const QStringList positional = args.positionalArguments();
    if (positional.size() != 1)
        return context.fail(
            {ExitCode::Usage, QStringLiteral("scan needs exactly one TEXT; see qm scan --help")});
    scan::ScanSettings settings;
    const QString gs = args.value(QStringLiteral("gs"));
    if (gs.size() > 1)
        return context.fail(
            {ExitCode::Usage, QStringLiteral("--gs must be one character; see qm scan --help")});
    if (!gs.isEmpty())
        settings.gsSubstitute = gs.at(0);
    const scan::ScanResult scanned = scan::interpret(positional.constFirst(), settings);
    if (!scanned.isValid())
        return context.fail(
            {ExitCode::Usage, QStringLiteral("unusable scan: %1").arg(scanned.error)});

    CliError error;
    auto profile = CliProfile::open(context.profileOption, &error);
    if (!profile)
        return context.fail(error);
    Database &db = profile->database();
    const auto cart = cartcli::chooseCart(db, args.value(QStringLiteral("cart")), true, &error);
    if (!cart)
        return context.fail(error);

    QuickOrderEntry entry;
    entry.line = 1;
    entry.code = scanned.code;
    entry.quantity = scanned.quantity.value_or(1);
    entry.quantityText = QString::number(*entry.quantity);
    entry.source = LineSource::Scanned;
    entry.symbology = scanned.symbology;
    QuickOrderImport quickOrder(db, cart->id);
    QString why;
    if (!quickOrder.preview({entry}, &why) || !quickOrder.apply(&why))
        return context.fail({ExitCode::Error, why});
    const QuickOrderImport::Result &r = quickOrder.results().constFirst();

    const bool unknown = r.outcome == QuickOrderImport::Outcome::Unknown;
    if (args.isSet(QStringLiteral("json"))) {
        context.out << QJsonDocument(QJsonObject{
                                         {QStringLiteral("scan"), scanJson(scanned)},
                                         {QStringLiteral("cart"),
                                          cartcli::cartInfo(*CartStore(db).cart(cart->id), true)},
                                         {QStringLiteral("result"),
                                          cartcli::outcome(r, quickOrder.currency())},
                                     })
                           .toJson(QJsonDocument::Indented);
    } else if (!unknown) {
        cartcli::printOutcome(context.out, r);
    }
    context.out.flush();
    if (unknown)
        return context.fail(cartcli::unknownCode(r));
    return r.goesIntoCart() && r.outcome != QuickOrderImport::Outcome::Unavailable
               ? ExitCode::Ok
               : ExitCode::Attention;
}

Command scanCommand()
{
    return {
        QStringLiteral("scan"),
        QStringLiteral("TEXT [--cart C] [--gs CHAR] [--json]"),
        QStringLiteral("Add what a barcode scanner sent to a cart"),
        QStringLiteral(
            "Interprets TEXT as a barcode scanner sends it (with or without an AIM symbology\n"
            "identifier such as ]E0, ]C1 or ]d2; a GTIN, a GS1 element string or a GS1 Digital\n"
            "Link URL) and adds the line it stands for to the cart: the pack the GTIN names,\n"
            "the quantity of AI 30/37 or one. An unknown code is kept in the unresolved codes\n"
            "(exit code 4); an unusable scan is refused (exit code 2) and changes nothing."),
        {
            QCommandLineOption(QStringLiteral("cart"),
                               QStringLiteral("The cart to add to (name or id)."),
                               QStringLiteral("C")),
            QCommandLineOption(QStringLiteral("gs"),
                               QStringLiteral("A character that stands for GS (FNC1)."),
                               QStringLiteral("CHAR")),
            QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print the result as JSON.")),
        },
        runScan,
    };
}

} // namespace qm
