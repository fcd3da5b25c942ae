#include "app/cli/command.h"

#include "app/cli/cartcli.h"
#include "app/cli/clijson.h"
#include "app/cli/cliprofile.h"
#include "app/cli/ordercli.h"
#include "core/clock.h"
#include "models/cartstore.h"
#include "models/database.h"
#include "models/orderstore.h"
#include "models/profilestore.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>

namespace qm {

namespace {

const QString JsonOption = QStringLiteral("json");
const QString CartOption = QStringLiteral("cart");
const QString ShipToOption = QStringLiteral("ship-to");
const QString PoOption = QStringLiteral("po");
const QString DeliveryOption = QStringLiteral("delivery");
const QString NotesOption = QStringLiteral("notes");
const QString ContactNameOption = QStringLiteral("contact-name");
const QString ContactEmailOption = QStringLiteral("contact-email");
const QString ContactPhoneOption = QStringLiteral("contact-phone");
const QString OfflineOption = QStringLiteral("offline");

// Filters of qm orders.
const QString StatusOption = QStringLiteral("status");
const QString FromOption = QStringLiteral("from");
const QString ToOption = QStringLiteral("to");
const QString SkuOption = QStringLiteral("sku");

ExitCode usage(CliContext &context, const QString &command, const QString &message)
{
    return context.fail(
        {ExitCode::Usage, message + QStringLiteral("; see qm %1 --help").arg(command)});
}

void printJson(CliContext &context, const QJsonObject &o)
{
    context.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
}

// A YYYY-MM-DD option; a null date when not given. False (after printing why) when invalid.
bool dateOption(CliContext &context, const QCommandLineParser &args, const QString &option,
                const QString &command, QDate *date)
{
    if (!args.isSet(option))
        return true;
    const QString text = args.value(option).trimmed();
    *date = QDate::fromString(text, Qt::ISODate);
    if (date->isValid() && text.size() == 10)
        return true;
    usage(context, command,
          QStringLiteral("--%1 must be a date written YYYY-MM-DD, not '%2'").arg(option, text));
    return false;
}

ExitCode runSubmit(CliContext &context, const QCommandLineParser &args)
{
    if (args.positionalArguments().size() > 1)
        return usage(context, QStringLiteral("order"),
                     QStringLiteral("order submit takes no arguments besides its options"));
    OrderHeader header;
    if (!dateOption(context, args, DeliveryOption, QStringLiteral("order"),
                    &header.requestedDelivery))
        return ExitCode::Usage;
    header.poNumber = args.value(PoOption).trimmed();
    header.notes = args.value(NotesOption).trimmed();
    header.contact.name = args.value(ContactNameOption).trimmed();
    header.contact.email = args.value(ContactEmailOption).trimmed();
    header.contact.phone = args.value(ContactPhoneOption).trimmed();

    CliError error;
    auto profile = CliProfile::open(context.profileOption, &error);
    if (!profile)
        return context.fail(error);
    Database &db = profile->database();
    OrderStore store(db);

    header.shipTo = args.value(ShipToOption).trimmed();
    if (header.shipTo.isEmpty()) {
        const auto account = store.account();
        if (account)
            header.shipTo = account->preferredShipTo(ProfileStore(db).load().defaultLocation());
        if (header.shipTo.isEmpty())
            return usage(context, QStringLiteral("order"),
                         account ? QStringLiteral("your account has no ship-to location on file;"
                                                  " give --ship-to CODE")
                                 : QStringLiteral("give --ship-to CODE (the account's default"
                                                  " location is known after qm sync)"));
    }

    const auto cart = cartcli::chooseCart(db, args.value(CartOption), false, &error);
    if (!cart)
        return context.fail(error);

    QStringList errors;
    Decimal total;
    QString currency;
    const auto submission =
        store.buildSubmission(cart->id, header, clock::today(), &errors, &total, &currency);
    if (!submission) {
        if (errors.isEmpty())
            errors << QStringLiteral("the order could not be built from cart '%1'").arg(cart->name);
        for (const QString &e : std::as_const(errors))
            context.err << "qm: " << e << '\n';
        context.err << "qm: nothing was queued; see qm order --help\n" << Qt::flush;
        return ExitCode::Usage;
    }
    QString why;
    const auto queued = store.queue(*submission, cart->name, total, currency, &why);
    if (!queued)
        return context.fail({ExitCode::Error,
                             QStringLiteral("cannot queue the order, nothing was queued: ") + why});
    // The order is in the cache (committed, synchronous=FULL): say so at once.
    if (!args.isSet(JsonOption))
        context.out << "queued " << queued->clientOrderId << Qt::endl;

    // The cart became an order: archive it so the next qm cart works on a fresh one.
    CartStore carts(db);
    if (!carts.setArchived(cart->id, true, &why))
        context.err << "qm: note: the order is queued, but cart '" << cart->name
                    << "' could not be archived: " << why << Qt::endl;
    else if (!args.isSet(JsonOption))
        context.out << "Cart '" << cart->name << "' (" << submission->lines.size() << " lines, "
                    << ordercli::money(total, currency) << ") is archived; ship to "
                    << header.shipTo << ".\n";

    if (args.isSet(OfflineOption)) {
        if (args.isSet(JsonOption))
            printJson(context, ordercli::outcomeJson(*queued, std::nullopt,
                                                     QStringLiteral("queued offline")));
        else
            context.out << "Queued offline; it goes out with the next qm sync or qm outbox push.\n";
        return ExitCode::Ok;
    }
    profile.reset();
    context.out.flush();
    return ordercli::sendAndReport(context, queued->clientOrderId, args.isSet(JsonOption));
}

void printOrder(QTextStream &out, const CachedOrder &cached)
{
    const Order &o = cached.order;
    out << "Order " << o.number << "  " << ordercli::statusText(o) << '\n';
    out << "Placed " << o.placedAt.toUTC().toString(Qt::ISODate) << " by " << o.placedBy
        << (cached.placedHere ? " (from this computer)" : "") << '\n';
    out << "Ship to " << o.shipTo;
    if (!o.poNumber.isEmpty())
        out << ", PO " << o.poNumber;
    if (o.requestedDelivery.isValid())
        out << ", delivery requested for " << o.requestedDelivery.toString(Qt::ISODate);
    out << '\n';
    if (!o.notes.isEmpty())
        out << "Notes: " << o.notes << '\n';
    if (o.approval.required) {
        out << "Approval: " << ordercli::approvalReasonText(o.approval.reason);
        if (!o.approval.decidedBy.isEmpty())
            out << "; decided by " << o.approval.decidedBy << " on "
                << o.approval.decidedAt.toUTC().toString(Qt::ISODate);
        if (!o.approval.comment.isEmpty())
            out << ": \"" << o.approval.comment << '"';
        out << '\n';
    }
    out << "\nLines:\n";
    for (const OrderLine &l : o.lines) {
        out << QString::number(l.lineNo).rightJustified(4) << "  " << l.sku.leftJustified(18) << ' '
            << QString::number(l.quantity).rightJustified(6) << ' ' << l.uom.leftJustified(4) << ' '
            << ordercli::money(l.unitPrice, o.currency).rightJustified(14) << ' '
            << ordercli::money(l.lineTotal, o.currency).rightJustified(14) << "  " << l.description;
        if (l.backordered > 0) {
            out << "\n        back-ordered " << l.backordered;
            if (l.expectedOn.isValid())
                out << ", expected on " << l.expectedOn.toString(Qt::ISODate);
        }
        out << '\n';
    }
    out << "Total " << ordercli::money(o.subtotal, o.currency) << '\n';
    if (!o.shipments.isEmpty()) {
        out << "\nShipments:\n";
        for (const Shipment &s : o.shipments) {
            out << "  " << s.carrier << ' ' << s.trackingNumber;
            if (!s.trackingUrl.isEmpty())
                out << "  " << s.trackingUrl;
            out << '\n';
            for (const ShipmentEvent &e : s.events) {
                out << "    " << e.at.toUTC().toString(Qt::ISODate) << "  " << e.status;
                if (!e.location.isEmpty())
                    out << "  " << e.location;
                out << '\n';
            }
        }
    }
    if (!o.timeline.isEmpty()) {
        out << "\nTimeline:\n";
        for (const OrderEvent &e : o.timeline) {
            out << "  " << e.at.toUTC().toString(Qt::ISODate) << "  "
                << orderStatusName(e.status).replace(u'_', u' ');
            if (!e.by.isEmpty())
                out << " by " << e.by;
            if (!e.note.isEmpty())
                out << ": " << e.note;
            out << '\n';
        }
    }
}

ExitCode runShow(CliContext &context, const QCommandLineParser &args)
{
    const QStringList words = args.positionalArguments();
    if (words.size() != 2)
        return usage(context, QStringLiteral("order"), QStringLiteral("order show needs a NUMBER"));
    CliError error;
    auto profile = CliProfile::open(context.profileOption, &error);
    if (!profile)
        return context.fail(error);
    OrderStore store(profile->database());
    const QString number = words.at(1).trimmed();
    auto order = store.order(number);
    if (!order)
        order = store.order(number.toUpper());
    if (!order)
        return context.fail(
            {ExitCode::NotFound, QStringLiteral("no order %1 in the cache; qm sync brings the"
                                                " account's orders, qm outbox lists those not sent")
                                     .arg(number)});
    if (args.isSet(JsonOption))
        printJson(context, ordercli::orderJson(*order));
    else
        printOrder(context.out, *order);
    return ExitCode::Ok;
}

ExitCode runOrder(CliContext &context, const QCommandLineParser &args)
{
    const QStringList words = args.positionalArguments();
    const QString action = words.value(0);
    if (action == u"submit")
        return runSubmit(context, args);
    if (action == u"show")
        return runShow(context, args);
    if (action.isEmpty())
        return usage(context, QStringLiteral("order"), QStringLiteral("order needs an action"));
    return usage(context, QStringLiteral("order"),
                 QStringLiteral("unknown order action '%1'").arg(action));
}

ExitCode runOrders(CliContext &context, const QCommandLineParser &args)
{
    if (!args.positionalArguments().isEmpty())
        return usage(context, QStringLiteral("orders"),
                     QStringLiteral("orders takes no arguments besides its options"));
    OrderFilter filter;
    if (args.isSet(StatusOption)) {
        QString name = args.value(StatusOption).trimmed().toLower();
        name.replace(u'-', u'_').replace(u' ', u'_');
        filter.status = orderStatusFromName(name);
        if (!filter.status)
            return usage(context, QStringLiteral("orders"),
                         QStringLiteral("--status must be one of submitted, pending_approval,"
                                        " approved, rejected, confirmed, partially_shipped,"
                                        " shipped, delivered, cancelled; not '%1'")
                             .arg(args.value(StatusOption)));
    }
    if (!dateOption(context, args, FromOption, QStringLiteral("orders"), &filter.from) ||
        !dateOption(context, args, ToOption, QStringLiteral("orders"), &filter.to))
        return ExitCode::Usage;
    if (filter.from.isValid() && filter.to.isValid() && filter.from > filter.to)
        return usage(context, QStringLiteral("orders"),
                     QStringLiteral("--from %1 is after --to %2")
                         .arg(filter.from.toString(Qt::ISODate), filter.to.toString(Qt::ISODate)));
    filter.poNumber = args.value(PoOption).trimmed();
    filter.sku = args.value(SkuOption).trimmed();
    filter.shipTo = args.value(ShipToOption).trimmed();

    CliError error;
    auto profile = CliProfile::open(context.profileOption, &error);
    if (!profile)
        return context.fail(error);
    OrderStore store(profile->database());
    const QList<CachedOrder> orders = store.orders(filter);
    if (args.isSet(JsonOption)) {
        QJsonArray rows;
        for (const CachedOrder &o : orders)
            rows.append(ordercli::orderJson(o));
        printJson(context, {{QStringLiteral("orders"), rows}});
        return ExitCode::Ok;
    }
    if (orders.isEmpty()) {
        context.out << "No orders match; qm sync brings the account's orders, qm outbox lists"
                       " those not sent yet.\n";
        return ExitCode::Ok;
    }
    for (const CachedOrder &c : orders) {
        const Order &o = c.order;
        context.out << o.number.leftJustified(12) << ' '
                    << o.placedAt.toUTC().date().toString(Qt::ISODate) << "  "
                    << orderStatusName(o.status).leftJustified(17) << ' '
                    << ordercli::money(o.subtotal, o.currency).rightJustified(16) << "  "
                    << o.shipTo.leftJustified(8) << ' '
                    << (o.poNumber.isEmpty() ? QStringLiteral("-") : o.poNumber).leftJustified(16)
                    << ' ' << o.placedBy << '\n';
    }
    return ExitCode::Ok;
}

} // namespace

Command orderCommand()
{
    return {
        QStringLiteral("order"),
        QStringLiteral("submit [--cart C] --ship-to CODE [--po PO] [--delivery YYYY-MM-DD]"
                       " [--notes TEXT] [--contact-name N --contact-email E --contact-phone P]"
                       " [--offline] [--json] | show NUMBER [--json]"),
        QStringLiteral("Submit a cart as an order, or show one order"),
        QStringLiteral(
            "  submit       turns the cart (--cart, else the current one) into an order and\n"
            "               queues it in the outbox of the local cache; prints \"queued <id>\"\n"
            "               once it is safely stored, then sends it (unless --offline) and\n"
            "               says what the portal did: sent with its number and status\n"
            "               (submitted, or pending approval and why), needs attention (prices\n"
            "               or stock changed, over the credit limit: see qm outbox), or still\n"
            "               queued when the portal cannot be reached; the order then goes out\n"
            "               with the next qm sync or qm outbox push, exactly once. The cart is\n"
            "               archived. --ship-to defaults to your own default location (set by\n"
            "               an account administrator), else the account's.\n"
            "               Problems found before queueing are printed one per line (exit\n"
            "               code 2); nothing is queued then.\n"
            "  show NUMBER  an order from the cache: lines, back-orders, shipments with\n"
            "               tracking, and its timeline\n\n"
            "Exit codes: 0 sent or safely queued, 2 invalid input, 3 not signed in (the order\n"
            "stays queued), 4 no such cart or order, 7 the order needs attention."),
        {
            QCommandLineOption(CartOption,
                               QStringLiteral("submit: the cart (name or id); default: current."),
                               QStringLiteral("C")),
            QCommandLineOption(ShipToOption,
                               QStringLiteral("submit: ship-to location code (see qm account)."),
                               QStringLiteral("CODE")),
            QCommandLineOption(PoOption, QStringLiteral("submit: your purchase order number."),
                               QStringLiteral("PO")),
            QCommandLineOption(DeliveryOption,
                               QStringLiteral("submit: requested delivery date, not in the past."),
                               QStringLiteral("YYYY-MM-DD")),
            QCommandLineOption(NotesOption, QStringLiteral("submit: notes for the supplier."),
                               QStringLiteral("TEXT")),
            QCommandLineOption(ContactNameOption, QStringLiteral("submit: contact name."),
                               QStringLiteral("N")),
            QCommandLineOption(ContactEmailOption, QStringLiteral("submit: contact e-mail."),
                               QStringLiteral("E")),
            QCommandLineOption(ContactPhoneOption, QStringLiteral("submit: contact phone."),
                               QStringLiteral("P")),
            QCommandLineOption(OfflineOption,
                               QStringLiteral("submit: only queue it; send with the next sync.")),
            QCommandLineOption(JsonOption, QStringLiteral("Print the result as JSON.")),
        },
        runOrder,
    };
}

Command ordersCommand()
{
    return {
        QStringLiteral("orders"),
        QStringLiteral("[--status S] [--from D] [--to D] [--po P] [--sku S] [--ship-to C]"
                       " [--json]"),
        QStringLiteral("The account's order history from the cache"),
        QStringLiteral(
            "Lists the account's orders as the last qm sync brought them, newest first; works\n"
            "offline. Orders not sent yet are in qm outbox. The filters combine: --from and\n"
            "--to are placing dates (YYYY-MM-DD, inclusive), --po matches part of the PO\n"
            "number, --sku orders with a line of that SKU, --ship-to a location code."),
        {
            QCommandLineOption(StatusOption,
                               QStringLiteral("submitted, pending_approval, approved, rejected,"
                                              " confirmed, partially_shipped, shipped, delivered"
                                              " or cancelled."),
                               QStringLiteral("S")),
            QCommandLineOption(FromOption, QStringLiteral("Placed on or after this date."),
                               QStringLiteral("D")),
            QCommandLineOption(ToOption, QStringLiteral("Placed on or before this date."),
                               QStringLiteral("D")),
            QCommandLineOption(PoOption, QStringLiteral("Part of the PO number."),
                               QStringLiteral("P")),
            QCommandLineOption(SkuOption, QStringLiteral("Orders with a line of this SKU."),
                               QStringLiteral("S")),
            QCommandLineOption(ShipToOption, QStringLiteral("Ship-to location code."),
                               QStringLiteral("C")),
            QCommandLineOption(JsonOption, QStringLiteral("Print the orders as JSON.")),
        },
        runOrders,
    };
}

} // namespace qm
