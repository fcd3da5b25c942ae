#include "app/cli/command.h"

#include "app/cli/cartcli.h"
#include "app/cli/cliprofile.h"
#include "models/cartstore.h"
#include "models/database.h"
#include "models/orderstore.h"
#include "models/quickorderimport.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>

namespace qm {

namespace {

const QString JsonOption = QStringLiteral("json");
const QString CartOption = QStringLiteral("cart");
const QString LinesOption = QStringLiteral("lines");

ExitCode usage(CliContext &context, const QString &message)
{
    return context.fail({ExitCode::Usage, message + QStringLiteral("; see qm reorder --help")});
}

// "1,3,5" → {1, 3, 5}; nullopt (with the reason) for anything else.
std::optional<QList<int>> lineNumbers(const QString &text, QString *why)
{
    QList<int> numbers;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const int n = part.trimmed().toInt(&ok);
        if (!ok || n < 1) {
            *why = QStringLiteral("--lines must be line numbers separated by commas (e.g. 1,3),"
                                  " not '%1'")
                       .arg(text);
            return std::nullopt;
        }
        if (!numbers.contains(n))
            numbers << n;
    }
    if (numbers.isEmpty()) {
        *why = QStringLiteral("--lines needs at least one line number");
        return std::nullopt;
    }
    return numbers;
}

ExitCode runReorder(CliContext &context, const QCommandLineParser &args)
{
    const QStringList words = args.positionalArguments();
    if (words.size() != 1)
        return usage(context, QStringLiteral("reorder needs one order NUMBER"));
    QList<int> lines;
    if (args.isSet(LinesOption)) {
        QString why;
        const auto parsed = lineNumbers(args.value(LinesOption), &why);
        if (!parsed)
            return usage(context, why);
        lines = *parsed;
    }
    CliError error;
    auto profile = CliProfile::open(context.profileOption, &error);
    if (!profile)
        return context.fail(error);
    Database &db = profile->database();
    const OrderStore orders(db);
    const QString number = words.constFirst().trimmed();
    QString why;
    auto entries = orders.reorderEntries(number, lines, &why);
    if (!entries && number != number.toUpper())
        entries = orders.reorderEntries(number.toUpper(), lines, &why);
    if (!entries) {
        const bool known = orders.order(number) || orders.order(number.toUpper());
        return context.fail({known ? ExitCode::Usage : ExitCode::NotFound, why});
    }
    // --cart names an existing cart, or a new one to create for the reorder.
    const QString cartName = args.value(CartOption).trimmed();
    if (!cartName.isEmpty() && !CartStore(db).findCart(cartName)) {
        if (!CartStore(db).createCart(cartName, &why))
            return context.fail({ExitCode::Error, why});
    }
    const auto cart = cartcli::chooseCart(db, cartName, true, &error);
    if (!cart)
        return context.fail(error);
    QuickOrderImport quickOrder(db, cart->id);
    if (!quickOrder.preview(*entries, &why) || !quickOrder.apply(&why))
        return context.fail({ExitCode::Error, why});
    const QuickOrderImport::Summary s = quickOrder.summary();
    if (args.isSet(JsonOption)) {
        QJsonArray results;
        for (const QuickOrderImport::Result &r : quickOrder.results())
            results.append(cartcli::outcome(r, quickOrder.currency()));
        context.out << QJsonDocument(
                           QJsonObject{{QStringLiteral("order"), number},
                                       {QStringLiteral("cart"), cartcli::cartInfo(*cart, true)},
                                       {QStringLiteral("summary"), cartcli::summary(s)},
                                       {QStringLiteral("lines"), results}})
                           .toJson(QJsonDocument::Indented);
    } else {
        for (const QuickOrderImport::Result &r : quickOrder.results())
            cartcli::printOutcome(context.out, r);
        context.out << "Order " << number << " into cart '" << cart->name
                    << "' at today's prices: " << s.added << " added, " << s.adjusted
                    << " adjusted, " << s.unavailable << " unavailable, " << s.unknown
                    << " unknown, " << s.ambiguous << " ambiguous, "
                    << s.invalidQuantity + s.invalidUnit + s.invalid << " invalid\n";
    }
    return s.added + s.adjusted == s.total() ? ExitCode::Ok : ExitCode::Attention;
}

} // namespace

Command reorderCommand()
{
    return {
        QStringLiteral("reorder"),
        QStringLiteral("NUMBER [--lines 1,3] [--cart C] [--json]"),
        QStringLiteral("Put an earlier order's lines into a cart at today's prices"),
        QStringLiteral(
            "Adds the lines of an order from the cache (all, or those --lines names) to a cart\n"
            "(--cart, created when there is none of that name; else the current one) like a\n"
            "quick order: priced for today, and every line's outcome printed. Items no longer\n"
            "available or no longer in your assortment are reported rather than dropped\n"
            "silently (exit code 7)."),
        {
            QCommandLineOption(LinesOption,
                               QStringLiteral("Only these line numbers, separated by commas."),
                               QStringLiteral("1,3")),
            QCommandLineOption(CartOption, QStringLiteral("The cart to add to (name or id)."),
                               QStringLiteral("C")),
            QCommandLineOption(JsonOption, QStringLiteral("Print the outcome as JSON.")),
        },
        runReorder,
    };
}

} // namespace qm
