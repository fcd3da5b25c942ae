#include "app/cli/command.h"

#include "app/cli/cartcli.h"
#include "app/cli/cliprofile.h"
#include "app/cli/ordercli.h"
#include "app/cli/syncrun.h"
#include "app/cli/terminal.h"
#include "models/orderstore.h"

#include <QCommandLineParser>
#include <QHash>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

namespace qm {

namespace {

const QString JsonOption = QStringLiteral("json");
const QString CartOption = QStringLiteral("cart");
const QString YesOption = QStringLiteral("yes");
const QString OfflineOption = QStringLiteral("offline");

ExitCode usage(CliContext &context, const QString &message)
{
    return context.fail({ExitCode::Usage, message + QStringLiteral("; see qm outbox --help")});
}

void printJson(CliContext &context, const QJsonObject &o)
{
    context.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
}

QString shortId(const QString &clientOrderId)
{
    return clientOrderId.left(8);
}

// What the entry's last column says: the number, the problem, or why it waits.
QString detailText(const OutboxOrder &o)
{
    switch (o.state) {
    case OutboxState::Sent:
        return o.orderNumber;
    case OutboxState::NeedsAttention:
        return o.replacedBy.isEmpty()
                   ? ordercli::problemSummary(o)
                   : QStringLiteral("replaced by %1 after review").arg(shortId(o.replacedBy));
    case OutboxState::Queued:
    case OutboxState::Sending:
        if (!o.lastError.isEmpty())
            return QStringLiteral("last try: ") + o.lastError;
        return {};
    }
    return {};
}

ExitCode runLs(CliContext &context, const QCommandLineParser &args, const OrderStore &store)
{
    const QList<OutboxOrder> all = store.outbox(true);
    if (args.isSet(JsonOption)) {
        QJsonArray rows;
        for (const OutboxOrder &o : all)
            rows.append(ordercli::outboxJson(o));
        QJsonObject counts;
        for (OutboxState s : {OutboxState::Queued, OutboxState::Sending,
                              OutboxState::NeedsAttention, OutboxState::Sent})
            counts.insert(outboxStateName(s), store.count(s));
        printJson(context, {{QStringLiteral("orders"), rows}, {QStringLiteral("counts"), counts}});
        return ExitCode::Ok;
    }
    if (all.isEmpty()) {
        context.out << "The outbox is empty; qm order submit queues an order.\n";
        return ExitCode::Ok;
    }
    context.out << "ID    STATE            ORDER ID  CART                 QUEUED (UTC)       TRIES"
                   "            TOTAL  NUMBER / PROBLEM\n";
    for (const OutboxOrder &o : all) {
        context.out << QString::number(o.id).leftJustified(5) << ' '
                    << (o.replacedBy.isEmpty() ? ordercli::stateText(o.state)
                                               : QStringLiteral("replaced"))
                           .leftJustified(16)
                    << ' ' << shortId(o.clientOrderId) << "  "
                    << o.cartName.leftJustified(20, u' ', true) << ' '
                    << o.queuedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) << ' '
                    << QString::number(o.attempts).rightJustified(6) << ' '
                    << ordercli::money(o.expectedTotal, o.currency).rightJustified(16) << "  "
                    << detailText(o) << '\n';
    }
    return ExitCode::Ok;
}

// Sends the outbox now and reports on every order that was waiting before.
ExitCode runPush(CliContext &context, const QCommandLineParser &args)
{
    QHash<QString, OutboxState> before;
    {
        CliError error;
        auto profile = CliProfile::open(context.profileOption, &error);
        if (!profile)
            return context.fail(error);
        OrderStore store(profile->database());
        for (const OutboxOrder &o : store.outbox(false)) {
            if (o.state == OutboxState::Queued || o.state == OutboxState::Sending)
                before.insert(o.clientOrderId, o.state);
        }
        // "push" means now: orders waiting out a back-off go too.
        QString why;
        if (!before.isEmpty() && !store.sendWaitingNow(&why))
            return context.fail(
                CliError{ExitCode::Error, QStringLiteral("cannot update the outbox: ") + why});
    }
    CliError error;
    const auto result = runSyncEngineQuietly(context, true, false, &error);
    if (!result)
        return context.fail(error);
    std::optional<CliError> failure;
    if (!result->ok && result->error)
        failure = CliError::fromApiError(*result->error);
    else if (!result->ok && !result->storageError.isEmpty())
        failure = CliError{ExitCode::Error,
                           QStringLiteral("cannot write the cache: ") + result->storageError};

    auto profile = CliProfile::open(context.profileOption, &error);
    if (!profile)
        return context.fail(error);
    const OrderStore store(profile->database());
    int sent = 0;
    int attention = 0;
    int waiting = 0;
    QJsonArray rows;
    for (const OutboxOrder &o : store.outbox(true)) {
        if (!before.contains(o.clientOrderId))
            continue;
        const std::optional<CachedOrder> placed =
            o.orderNumber.isEmpty() ? std::nullopt : store.order(o.orderNumber);
        const QString why = failure ? failure->message : o.lastError;
        if (o.state == OutboxState::Sent)
            ++sent;
        else if (o.state == OutboxState::NeedsAttention)
            ++attention;
        else
            ++waiting;
        if (args.isSet(JsonOption)) {
            rows.append(ordercli::outcomeJson(o, placed, why));
        } else {
            context.out << '#' << o.id << ' ' << shortId(o.clientOrderId) << ": ";
            ordercli::printOutcome(context.out, o, placed, why);
        }
    }
    if (args.isSet(JsonOption)) {
        printJson(context, {{QStringLiteral("orders"), rows},
                            {QStringLiteral("sent"), sent},
                            {QStringLiteral("needs_attention"), attention},
                            {QStringLiteral("queued"), waiting}});
    } else {
        if (before.isEmpty())
            context.out << "No orders waiting to be sent.\n";
        else
            context.out << "orders: " << sent << " sent, " << attention << " need attention, "
                        << waiting << " still queued\n";
    }
    if (waiting > 0 && failure) {
        context.out.flush();
        return context.fail(
            {failure->code, failure->message + QStringLiteral("; %1 order(s) still queued, safe"
                                                              " in the outbox")
                                                   .arg(waiting)});
    }
    return attention > 0 ? ExitCode::Attention : ExitCode::Ok;
}

ExitCode runRetry(CliContext &context, const QCommandLineParser &args, const QString &word)
{
    CliError error;
    auto profile = CliProfile::open(context.profileOption, &error);
    if (!profile)
        return context.fail(error);
    OrderStore store(profile->database());
    const auto order = ordercli::findOutboxOrder(store, word, &error);
    if (!order)
        return context.fail(error);
    QString why;
    if (!store.retry(order->id, &why))
        return context.fail({ExitCode::Error, why});
    const QString clientOrderId = order->clientOrderId;
    if (!args.isSet(JsonOption))
        context.out << "queued " << clientOrderId << " again, unchanged" << Qt::endl;
    if (args.isSet(OfflineOption)) {
        if (args.isSet(JsonOption)) {
            const auto now = store.outboxOrder(clientOrderId);
            if (now)
                printJson(context, ordercli::outboxJson(*now));
        }
        return ExitCode::Ok;
    }
    profile.reset();
    return ordercli::sendAndReport(context, clientOrderId, args.isSet(JsonOption));
}

ExitCode runDelete(CliContext &context, const QCommandLineParser &args, const QString &word)
{
    CliError error;
    auto profile = CliProfile::open(context.profileOption, &error);
    if (!profile)
        return context.fail(error);
    OrderStore store(profile->database());
    const auto order = ordercli::findOutboxOrder(store, word, &error);
    if (!order)
        return context.fail(error);
    if (order->state == OutboxState::Sent)
        return context.fail(
            {ExitCode::Error, QStringLiteral("order %1 was accepted by the portal as %2; a sent"
                                             " order cannot be deleted")
                                  .arg(order->id)
                                  .arg(order->orderNumber)});
    if (!args.isSet(YesOption)) {
        if (!isTerminal(stdin) || !isTerminal(stdout))
            return context.fail({ExitCode::Usage,
                                 QStringLiteral("deleting order %1 (%2, %3) needs confirmation;"
                                                " run again with --yes")
                                     .arg(order->id)
                                     .arg(ordercli::stateText(order->state),
                                          ordercli::money(order->expectedTotal, order->currency))});
        context.out << "Delete order " << order->id << " (" << ordercli::stateText(order->state)
                    << ", cart '" << order->cartName << "', "
                    << ordercli::money(order->expectedTotal, order->currency)
                    << ")? It will never be sent. [y/N] " << Qt::flush;
        const QByteArray answer = context.in->readLine().trimmed().toLower();
        if (answer != "y" && answer != "yes") {
            context.out << "Kept.\n";
            return ExitCode::Ok;
        }
    }
    QString why;
    if (!store.deleteOrder(order->id, &why))
        return context.fail({ExitCode::Error, why});
    context.out << "Deleted order " << order->id << " (" << order->clientOrderId
                << "); it will not be sent.\n";
    return ExitCode::Ok;
}

ExitCode runAccept(CliContext &context, const QCommandLineParser &args, const QString &word)
{
    CliError error;
    auto profile = CliProfile::open(context.profileOption, &error);
    if (!profile)
        return context.fail(error);
    OrderStore store(profile->database());
    const auto order = ordercli::findOutboxOrder(store, word, &error);
    if (!order)
        return context.fail(error);
    QString why;
    const auto replacement = store.acceptReview(order->id, &why);
    if (!replacement)
        return context.fail({ExitCode::Error, why});
    if (!args.isSet(JsonOption)) {
        context.out << "queued " << replacement->clientOrderId << Qt::endl;
        context.out << "Accepted the portal's changes: total "
                    << ordercli::money(order->expectedTotal, order->currency) << " → "
                    << ordercli::money(replacement->expectedTotal, replacement->currency) << ", "
                    << replacement->submission.lines.size() << " of "
                    << order->submission.lines.size() << " lines; it replaces order " << order->id
                    << ".\n";
    }
    const QString clientOrderId = replacement->clientOrderId;
    if (args.isSet(OfflineOption)) {
        if (args.isSet(JsonOption))
            printJson(context, {{QStringLiteral("replaced"), ordercli::outboxJson(*order)},
                                {QStringLiteral("outbox"), ordercli::outboxJson(*replacement)}});
        return ExitCode::Ok;
    }
    profile.reset();
    return ordercli::sendAndReport(context, clientOrderId, args.isSet(JsonOption));
}

ExitCode runEdit(CliContext &context, const QCommandLineParser &args, const QString &word)
{
    CliError error;
    auto profile = CliProfile::open(context.profileOption, &error);
    if (!profile)
        return context.fail(error);
    OrderStore store(profile->database());
    const auto order = ordercli::findOutboxOrder(store, word, &error);
    if (!order)
        return context.fail(error);
    QString cartName = args.value(CartOption).trimmed();
    if (cartName.isEmpty())
        cartName = order->cartName.isEmpty() ? cartcli::defaultCartName() : order->cartName;
    QString why;
    const auto cartId = store.returnToCart(order->id, cartName, &why);
    if (!cartId)
        return context.fail({ExitCode::Error, why});
    context.out << "The " << order->submission.lines.size() << " lines of order " << order->id
                << " are in cart '" << cartName << "' (id " << *cartId
                << "); the order left the outbox. Edit the cart (qm cart) and submit it again"
                   " with qm order submit --cart \""
                << cartName << "\".\n";
    return ExitCode::Ok;
}

ExitCode runOutbox(CliContext &context, const QCommandLineParser &args)
{
    const QStringList words = args.positionalArguments();
    const QString action = words.value(0, QStringLiteral("ls"));
    static const QStringList actions{QStringLiteral("ls"),     QStringLiteral("push"),
                                     QStringLiteral("retry"),  QStringLiteral("delete"),
                                     QStringLiteral("accept"), QStringLiteral("edit")};
    if (!actions.contains(action))
        return usage(context, QStringLiteral("unknown outbox action '%1'").arg(action));
    if (action == u"ls" || action == u"push") {
        if (words.size() > 1)
            return usage(context, QStringLiteral("outbox %1 takes no arguments").arg(action));
        if (action == u"push")
            return runPush(context, args);
        CliError error;
        auto profile = CliProfile::open(context.profileOption, &error);
        if (!profile)
            return context.fail(error);
        const OrderStore store(profile->database());
        return runLs(context, args, store);
    }
    if (words.size() != 2)
        return usage(context, QStringLiteral("outbox %1 needs one ID").arg(action));
    const QString id = words.at(1);
    if (action == u"retry")
        return runRetry(context, args, id);
    if (action == u"delete")
        return runDelete(context, args, id);
    if (action == u"accept")
        return runAccept(context, args, id);
    return runEdit(context, args, id);
}

} // namespace

Command outboxCommand()
{
    return {
        QStringLiteral("outbox"),
        QStringLiteral("[ls | push | retry ID | delete ID [--yes] | accept ID | edit ID [--cart C]]"
                       " [--offline] [--json]"),
        QStringLiteral("Orders on their way to the portal, and what to do about refused ones"),
        QStringLiteral(
            "Every order placed from this profile stays in the outbox of the local cache until\n"
            "the portal accepted it (sent) or you delete it. ID is the outbox id or the order id\n"
            "(the client order id, or its first 8 or more characters).\n\n"
            "  ls              every entry: state (queued, sending, needs attention, sent), order\n"
            "                  id, cart, when queued, send attempts, expected total, and the\n"
            "                  portal's number or the problem\n"
            "  push            send the waiting orders now and report each one\n"
            "  retry ID        send a refused order again unchanged (e.g. once credit is\n"
            "                  available)\n"
            "  delete ID       drop an order that was not sent; asks first, or --yes (needed\n"
            "                  when not run from a terminal)\n"
            "  accept ID       accept the portal's new prices and quantities of a refused order:\n"
            "                  queues a new order without the unavailable lines, prints the old\n"
            "                  and new total and sends it\n"
            "  edit ID         put a refused order's lines back into a cart (--cart, else the\n"
            "                  cart it came from) to change and submit again\n\n"
            "retry and accept send at once unless --offline. Exit codes: 0 ok, 5 the portal could\n"
            "not be reached (the orders stay queued), 7 an order needs attention."),
        {
            QCommandLineOption(CartOption, QStringLiteral("edit: the cart to put the lines in."),
                               QStringLiteral("C")),
            QCommandLineOption(YesOption, QStringLiteral("delete: do not ask for confirmation.")),
            QCommandLineOption(OfflineOption,
                               QStringLiteral("retry, accept: only queue; send with the next"
                                              " sync.")),
            QCommandLineOption(JsonOption, QStringLiteral("Print the result as JSON.")),
        },
        runOutbox,
    };
}

} // namespace qm
