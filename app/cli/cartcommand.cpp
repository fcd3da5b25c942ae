#include "app/cli/command.h"

#include "app/cli/cartcli.h"
#include "app/cli/cartfiles.h"
#include "app/cli/clijson.h"
#include "app/cli/cliprofile.h"
#include "models/cartpricing.h"
#include "models/cartstore.h"
#include "models/database.h"
#include "models/quickorderimport.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace qm {

namespace {

const QString JsonOption = QStringLiteral("json");
const QString CartOption = QStringLiteral("cart");
const QString UnitOption = QStringLiteral("unit");
const QString DryRunOption = QStringLiteral("dry-run");
const QString ReportOption = QStringLiteral("report");

void printJson(CliContext &context, const QJsonObject &o)
{
    context.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
}

ExitCode usage(CliContext &context, const QString &message)
{
    return context.fail({ExitCode::Usage, message + QStringLiteral("; see qm cart --help")});
}

ExitCode runList(CliContext &context, const QCommandLineParser &args, Database &db)
{
    CartStore store(db);
    const QList<CartInfo> carts = store.carts();
    const auto current = store.currentCart();
    const qint64 currentId = current ? current->id : 0;
    if (args.isSet(JsonOption)) {
        QJsonArray rows;
        for (const CartInfo &c : carts)
            rows.append(cartcli::cartInfo(c, c.id == currentId));
        printJson(context, {{QStringLiteral("current"),
                             currentId ? QJsonValue(currentId) : QJsonValue(QJsonValue::Null)},
                            {QStringLiteral("carts"), rows}});
        return ExitCode::Ok;
    }
    if (carts.isEmpty()) {
        context.out << "No carts yet; create one with qm cart new NAME.\n";
        return ExitCode::Ok;
    }
    const QLocale c = QLocale::c();
    for (const CartInfo &cart : carts) {
        context.out << (cart.id == currentId ? "* " : "  ")
                    << QString::number(cart.id).rightJustified(4) << "  "
                    << cart.name.leftJustified(30, QLatin1Char(' '), true) << ' '
                    << c.toString(cart.lineCount).rightJustified(8) << " lines  "
                    << cart.updatedAt.toUTC().toString(Qt::ISODate) << '\n';
    }
    return ExitCode::Ok;
}

ExitCode runNew(CliContext &context, const QCommandLineParser &args, Database &db,
                const QStringList &rest)
{
    const QString name = rest.join(QLatin1Char(' ')).simplified();
    if (name.isEmpty())
        return usage(context, QStringLiteral("cart new needs a NAME"));
    CartStore store(db);
    QString error;
    const auto cart = store.createCart(name, &error);
    if (!cart)
        return context.fail({ExitCode::Error, error});
    if (args.isSet(JsonOption))
        printJson(context, cartcli::cartInfo(*cart, true));
    else
        context.out << "Created cart '" << cart->name << "' (id " << cart->id
                    << "); it is the current cart.\n";
    return ExitCode::Ok;
}

ExitCode runUse(CliContext &context, Database &db, const QStringList &rest)
{
    const QString name = rest.join(QLatin1Char(' ')).simplified();
    if (name.isEmpty())
        return usage(context, QStringLiteral("cart use needs a CART"));
    CliError error;
    const auto cart = cartcli::chooseCart(db, name, false, &error);
    if (!cart)
        return context.fail(error);
    context.out << "The current cart is '" << cart->name << "' (id " << cart->id << ").\n";
    return ExitCode::Ok;
}

ExitCode runShow(CliContext &context, const QCommandLineParser &args, Database &db,
                 const QStringList &rest)
{
    QString option = args.value(CartOption);
    if (!rest.isEmpty()) {
        if (!option.isEmpty())
            return usage(context, QStringLiteral("give the cart either as CART or --cart"));
        option = rest.join(QLatin1Char(' '));
    }
    CliError error;
    const auto cart = cartcli::chooseCart(db, option, false, &error);
    if (!cart)
        return context.fail(error);
    CartPricing pricing(db);
    QString why;
    if (!pricing.load(cart->id, &why))
        return context.fail({ExitCode::Error, why});
    if (args.isSet(JsonOption))
        printJson(context, cartcli::pricedCart(*cart, pricing));
    else
        cartcli::printCart(context.out, *cart, pricing);
    return ExitCode::Ok;
}

// Prints the outcome of a preview, applies it unless --dry-run, and says how it went.
ExitCode applyEntries(CliContext &context, const QCommandLineParser &args, Database &db,
                      const CartInfo &cart, const QList<QuickOrderEntry> &entries, bool singleLine)
{
    QuickOrderImport quickOrder(db, cart.id);
    QString error;
    if (!quickOrder.preview(entries, &error))
        return context.fail({ExitCode::Error, error});
    const bool dryRun = args.isSet(DryRunOption);
    if (!dryRun && !quickOrder.apply(&error))
        return context.fail({ExitCode::Error, error});
    const QString report = args.value(ReportOption);
    if (!report.isEmpty() && !cartfiles::writeReport(report, quickOrder.reportRows(), &error))
        return context.fail({ExitCode::Error, error});
    const QuickOrderImport::Summary s = quickOrder.summary();
    const bool attention = s.added + s.adjusted != s.total();
    const bool unknownSingle =
        singleLine && !quickOrder.results().isEmpty() &&
        quickOrder.results().constFirst().outcome == QuickOrderImport::Outcome::Unknown;
    if (args.isSet(JsonOption)) {
        QJsonArray lines;
        for (const QuickOrderImport::Result &r : quickOrder.results())
            lines.append(cartcli::outcome(r, quickOrder.currency()));
        const pricing::CartTotals t = quickOrder.totals();
        printJson(context,
                  {{QStringLiteral("cart"), cartcli::cartInfo(*CartStore(db).cart(cart.id), true)},
                   {QStringLiteral("applied"), !dryRun},
                   {QStringLiteral("summary"), cartcli::summary(s)},
                   {QStringLiteral("currency"), quickOrder.currency()},
                   {QStringLiteral("subtotal"),
                    t.subtotal.toString(currencyMinorDigits(quickOrder.currency()))},
                   {QStringLiteral("lines"), lines}});
    } else if (!unknownSingle) {
        for (const QuickOrderImport::Result &r : quickOrder.results())
            cartcli::printOutcome(context.out, r);
        if (!singleLine)
            context.out << s.added << " added, " << s.adjusted << " adjusted, " << s.unavailable
                        << " unavailable, " << s.unknown << " unknown, " << s.ambiguous
                        << " ambiguous, " << s.invalidQuantity + s.invalidUnit + s.invalid
                        << " invalid" << (dryRun ? " (dry run: the cart is unchanged)" : "")
                        << '\n';
    }
    context.out.flush();
    if (unknownSingle)
        return context.fail(cartcli::unknownCode(quickOrder.results().constFirst()));
    return attention ? ExitCode::Attention : ExitCode::Ok;
}

ExitCode runUnresolved(CliContext &context, const QCommandLineParser &args, Database &db)
{
    const QList<UnresolvedCode> codes = CartStore(db).unresolvedCodes();
    if (args.isSet(JsonOption)) {
        QJsonArray rows;
        for (const UnresolvedCode &c : codes)
            rows.append(cartcli::unresolved(c));
        printJson(context, {{QStringLiteral("codes"), rows}});
        return ExitCode::Ok;
    }
    if (codes.isEmpty())
        context.out << "No unresolved codes.\n";
    for (const UnresolvedCode &c : codes)
        context.out << c.seenAt.toUTC().toString(Qt::ISODate) << "  "
                    << lineSourceName(c.origin).leftJustified(8) << ' ' << c.code.leftJustified(20)
                    << ' '
                    << (c.quantity ? QString::number(*c.quantity) : QString()).rightJustified(6)
                    << (c.symbology.isEmpty() ? QString() : QStringLiteral("  ") + c.symbology)
                    << '\n';
    return ExitCode::Ok;
}

ExitCode runAdd(CliContext &context, const QCommandLineParser &args, Database &db,
                const QStringList &rest)
{
    if (rest.isEmpty() || rest.size() > 2)
        return usage(context, QStringLiteral("cart add needs CODE and at most one QTY"));
    QuickOrderEntry entry;
    entry.line = 1;
    entry.code = rest.at(0);
    entry.uom = args.value(UnitOption);
    entry.source = LineSource::Typed;
    if (rest.size() == 2) {
        entry.quantityText = rest.at(1);
        bool ok = false;
        const qint64 quantity = entry.quantityText.toLongLong(&ok);
        if (!ok || quantity < 1)
            return usage(context,
                         QStringLiteral("QTY must be a whole number of at least 1, not '%1'")
                             .arg(entry.quantityText));
        entry.quantity = quantity;
    } else {
        entry.quantityText = QStringLiteral("1");
        entry.quantity = 1;
    }
    CliError error;
    const auto cart = cartcli::chooseCart(db, args.value(CartOption), true, &error);
    if (!cart)
        return context.fail(error);
    return applyEntries(context, args, db, *cart, {entry}, true);
}

ExitCode runImport(CliContext &context, const QCommandLineParser &args, Database &db,
                   const QStringList &rest)
{
    if (rest.size() != 1)
        return usage(context, QStringLiteral("cart import needs exactly one FILE"));
    QString why;
    const auto entries = cartfiles::readEntries(rest.at(0), &why);
    if (!entries)
        return context.fail({ExitCode::Error, why});
    CliError error;
    const auto cart = cartcli::chooseCart(db, args.value(CartOption), true, &error);
    if (!cart)
        return context.fail(error);
    return applyEntries(context, args, db, *cart, *entries, false);
}

ExitCode runExport(CliContext &context, const QCommandLineParser &args, Database &db,
                   const QStringList &rest)
{
    if (rest.size() != 1)
        return usage(context, QStringLiteral("cart export needs exactly one FILE"));
    CliError error;
    const auto cart = cartcli::chooseCart(db, args.value(CartOption), false, &error);
    if (!cart)
        return context.fail(error);
    CartPricing pricing(db);
    QString why;
    if (!pricing.load(cart->id, &why))
        return context.fail({ExitCode::Error, why});
    if (!cartfiles::writeCart(rest.at(0), pricing, &why))
        return context.fail({ExitCode::Error, why});
    context.out << "Wrote " << pricing.lines().size() << " lines of cart '" << cart->name << "' to "
                << rest.at(0) << '\n';
    return ExitCode::Ok;
}

ExitCode runUndoRedo(CliContext &context, const QCommandLineParser &args, Database &db, bool redo)
{
    CliError error;
    const auto cart = cartcli::chooseCart(db, args.value(CartOption), false, &error);
    if (!cart)
        return context.fail(error);
    CartStore store(db);
    const auto step = redo ? store.redoStep(cart->id) : store.undoStep(cart->id);
    QString why;
    if (!step || !(redo ? store.redo(cart->id, &why) : store.undo(cart->id, &why)))
        return context.fail(
            {ExitCode::Error,
             step ? why
                  : QStringLiteral("nothing to %1 in cart '%2'")
                        .arg(redo ? QStringLiteral("redo") : QStringLiteral("undo"), cart->name)});
    context.out << (redo ? "Redid " : "Undid ") << cartEditName(step->edit) << " ("
                << step->lineCount << (step->lineCount == 1 ? " line" : " lines") << ") in cart '"
                << cart->name << "'\n";
    return ExitCode::Ok;
}

} // namespace

static ExitCode runCart(CliContext &context, const QCommandLineParser &args)
{
    const QStringList words = args.positionalArguments();
    const QString action = words.value(0, QStringLiteral("show"));
    const QStringList rest = words.mid(1);
    static const QStringList actions{QStringLiteral("list"),   QStringLiteral("new"),
                                     QStringLiteral("use"),    QStringLiteral("show"),
                                     QStringLiteral("add"),    QStringLiteral("import"),
                                     QStringLiteral("export"), QStringLiteral("undo"),
                                     QStringLiteral("redo"),   QStringLiteral("unresolved")};
    if (!actions.contains(action))
        return usage(context, QStringLiteral("unknown cart action '%1'").arg(action));

    CliError error;
    auto profile = CliProfile::open(context.profileOption, &error);
    if (!profile)
        return context.fail(error);
    Database &db = profile->database();
    ExitCode code = ExitCode::Ok;
    if (action == QLatin1String("list"))
        code = runList(context, args, db);
    else if (action == QLatin1String("new"))
        code = runNew(context, args, db, rest);
    else if (action == QLatin1String("use"))
        code = runUse(context, db, rest);
    else if (action == QLatin1String("show"))
        code = runShow(context, args, db, rest);
    else if (action == QLatin1String("add"))
        code = runAdd(context, args, db, rest);
    else if (action == QLatin1String("import"))
        code = runImport(context, args, db, rest);
    else if (action == QLatin1String("export"))
        code = runExport(context, args, db, rest);
    else if (action == QLatin1String("unresolved"))
        code = runUnresolved(context, args, db);
    else
        code = runUndoRedo(context, args, db, action == QLatin1String("redo"));
    context.out.flush();
    return code;
}

Command cartCommand()
{
    return {
        QStringLiteral("cart"),
        QStringLiteral("[list | new NAME | use CART | show [CART] | add CODE [QTY] | import FILE |"
                       " export FILE | undo | redo | unresolved] [OPTIONS]"),
        QStringLiteral("Build carts offline: add, import, show, export"),
        QStringLiteral(
            "Works on the carts in the local cache, offline. Without --cart a command works on\n"
            "the current cart (the one used last); add, import and scan create a cart named\n"
            "'Cart' when there is none.\n\n"
            "  list            the carts, the current one marked with *\n"
            "  new NAME        a new empty cart, which becomes the current one\n"
            "  use CART        make CART (a name or id) the current cart\n"
            "  show [CART]     the lines priced for today, the subtotal, and 'prices as of'\n"
            "  add CODE [QTY]  add QTY (default 1) of a SKU, customer part number or GTIN\n"
            "  import FILE     add the lines of a CSV, TSV or XLSX file (code, quantity, unit)\n"
            "  export FILE     write the priced cart as CSV or XLSX (by the file's extension)\n"
            "  undo, redo      undo or redo the last edit of the cart\n"
            "  unresolved      codes that were scanned or imported but matched nothing\n\n"
            "add and import print every line's outcome: added, adjusted (raised to the minimum,\n"
            "rounded to the order multiple, capped at the maximum, merged), unavailable\n"
            "(discontinued or not in your assortment: added, flagged), unknown (with\n"
            "suggestions; kept in the unresolved codes), ambiguous, invalid-quantity,\n"
            "invalid-unit, invalid. The usable lines are added in one undoable step; the exit\n"
            "code is 7 when any line needs attention (anything but added or adjusted), 4 when\n"
            "the one code of add is unknown."),
        {
            QCommandLineOption(CartOption, QStringLiteral("The cart to use (name or id)."),
                               QStringLiteral("C")),
            QCommandLineOption(UnitOption,
                               QStringLiteral("add: the unit (pack) to order, e.g. BX."),
                               QStringLiteral("U")),
            QCommandLineOption(
                ReportOption,
                QStringLiteral("add, import: also write every line's outcome as CSV."),
                QStringLiteral("FILE")),
            QCommandLineOption(DryRunOption,
                               QStringLiteral("add, import: show the outcome, change nothing.")),
            QCommandLineOption(JsonOption, QStringLiteral("Print the result as JSON.")),
        },
        runCart,
    };
}

} // namespace qm
