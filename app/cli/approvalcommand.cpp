#include "app/cli/command.h"

#include "app/cli/cliprofile.h"
#include "app/cli/ordercli.h"
#include "core/problem.h"
#include "sync/apiclient.h"
#include "sync/orderactions.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>

namespace qm {

namespace {

const QString JsonOption = QStringLiteral("json");
const QString CommentOption = QStringLiteral("comment");

// What one OrderActions call ended with.
struct ActionOutcome
{
    QList<Order> approvals;
    std::optional<Order> order;
    std::optional<ApiError> error;
};

// Runs `start` on a fresh OrderActions and waits for its one signal.
ActionOutcome runAction(ordercli::OnlineSession &session, Database &db,
                        const std::function<void(OrderActions &)> &start)
{
    OrderActions actions(&session.api(), &db);
    ActionOutcome outcome;
    bool done = false;
    QEventLoop loop;
    QObject::connect(&actions, &OrderActions::approvalsFetched, &loop,
                     [&](const QList<Order> &orders) {
                         outcome.approvals = orders;
                         done = true;
                         loop.quit();
                     });
    QObject::connect(&actions, &OrderActions::orderUpdated, &loop, [&](const Order &order) {
        outcome.order = order;
        done = true;
        loop.quit();
    });
    QObject::connect(&actions, &OrderActions::failed, &loop,
                     [&](const QString &, const ApiError &error) {
                         outcome.error = error;
                         done = true;
                         loop.quit();
                     });
    start(actions);
    if (!done)
        loop.exec();
    return outcome;
}

// The failure of an approvals call in words: 403, 404 and 409 say what they mean here.
CliError actionError(const ApiError &error, const QString &number)
{
    const QString slug = error.problemSlug();
    if (slug == problems::Forbidden)
        return {ExitCode::Error,
                QStringLiteral("not permitted: only approvers of the account see and decide on"
                               " orders waiting for approval")};
    if (slug == problems::NotFound)
        return {ExitCode::NotFound, QStringLiteral("no order %1 in your account").arg(number)};
    if (slug == problems::OrderNotPending) {
        QString message = QStringLiteral("order %1 is not waiting for approval").arg(number);
        if (!error.detail.isEmpty())
            message += QStringLiteral(": ") + error.detail;
        return {ExitCode::Error, message};
    }
    CliError e = CliError::fromApiError(error);
    if (e.code == ExitCode::Unreachable)
        e.message += QStringLiteral(" (approvals need the portal: they are not in the cache)");
    return e;
}

ExitCode finish(CliContext &context, ordercli::OnlineSession &session, ExitCode code)
{
    CliError error;
    if (!session.saveTokens(&error))
        return context.fail(error);
    return code;
}

ExitCode runApprovals(CliContext &context, const QCommandLineParser &args)
{
    if (!args.positionalArguments().isEmpty())
        return context.fail({ExitCode::Usage, QStringLiteral("approvals takes no arguments; see"
                                                             " qm approvals --help")});
    CliError error;
    auto profile = CliProfile::open(context.profileOption, &error);
    if (!profile)
        return context.fail(error);
    auto session = ordercli::OnlineSession::open(*profile, &error);
    if (!session)
        return context.fail(error);
    const ActionOutcome outcome =
        runAction(*session, profile->database(), [](OrderActions &a) { a.fetchApprovals(); });
    if (outcome.error)
        return finish(context, *session, context.fail(actionError(*outcome.error, QString())));
    if (args.isSet(JsonOption)) {
        QJsonArray rows;
        for (const Order &o : outcome.approvals)
            rows.append(o.toJson());
        context.out << QJsonDocument(QJsonObject{{QStringLiteral("orders"), rows}})
                           .toJson(QJsonDocument::Indented);
    } else if (outcome.approvals.isEmpty()) {
        context.out << "No orders are waiting for approval.\n";
    } else {
        for (const Order &o : outcome.approvals) {
            context.out << o.number.leftJustified(12) << ' '
                        << o.placedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) << "  "
                        << o.placedBy.leftJustified(20, u' ', true) << ' '
                        << ordercli::money(o.subtotal, o.currency).rightJustified(16) << "  "
                        << ordercli::approvalReasonText(o.approval.reason);
            if (!o.poNumber.isEmpty())
                context.out << "  PO " << o.poNumber;
            context.out << '\n';
        }
        context.out << outcome.approvals.size()
                    << " waiting; qm order show NUMBER for the lines, qm approve NUMBER or"
                       " qm reject NUMBER to decide.\n";
    }
    return finish(context, *session, ExitCode::Ok);
}

ExitCode runDecision(CliContext &context, const QCommandLineParser &args, bool approve)
{
    const QString command = approve ? QStringLiteral("approve") : QStringLiteral("reject");
    const QStringList words = args.positionalArguments();
    if (words.size() != 1)
        return context.fail(
            {ExitCode::Usage,
             QStringLiteral("%1 needs one order NUMBER; see qm %1 --help").arg(command)});
    const QString number = words.constFirst().trimmed();
    const QString comment = args.value(CommentOption).trimmed();
    CliError error;
    auto profile = CliProfile::open(context.profileOption, &error);
    if (!profile)
        return context.fail(error);
    auto session = ordercli::OnlineSession::open(*profile, &error);
    if (!session)
        return context.fail(error);
    const ActionOutcome outcome = runAction(*session, profile->database(), [&](OrderActions &a) {
        if (approve)
            a.approve(number, comment);
        else
            a.reject(number, comment);
    });
    if (outcome.error)
        return finish(context, *session, context.fail(actionError(*outcome.error, number)));
    if (!outcome.order)
        return finish(context, *session,
                      context.fail({ExitCode::Error, QStringLiteral("no answer from the portal")}));
    if (args.isSet(JsonOption))
        context.out << QJsonDocument(outcome.order->toJson()).toJson(QJsonDocument::Indented);
    else
        context.out << "Order " << outcome.order->number << ' '
                    << ordercli::statusText(*outcome.order) << ".\n";
    return finish(context, *session, ExitCode::Ok);
}

ExitCode runApprove(CliContext &context, const QCommandLineParser &args)
{
    return runDecision(context, args, true);
}

ExitCode runReject(CliContext &context, const QCommandLineParser &args)
{
    return runDecision(context, args, false);
}

QList<QCommandLineOption> decisionOptions()
{
    return {
        QCommandLineOption(CommentOption,
                           QStringLiteral("A comment the buyer sees with the decision."),
                           QStringLiteral("C")),
        QCommandLineOption(JsonOption, QStringLiteral("Print the order as JSON.")),
    };
}

} // namespace

Command approvalsCommand()
{
    return {
        QStringLiteral("approvals"),
        QStringLiteral("[--json]"),
        QStringLiteral("Orders of your account waiting for your approval (online)"),
        QStringLiteral(
            "Asks the portal for the account's orders in pending approval, oldest first: over\n"
            "the buyer's spending limit, or with a category the account requires approval for.\n"
            "Needs an approver's role and the portal."),
        {QCommandLineOption(JsonOption, QStringLiteral("Print the orders as JSON."))},
        runApprovals,
    };
}

Command approveCommand()
{
    return {
        QStringLiteral("approve"),
        QStringLiteral("NUMBER [--comment C] [--json]"),
        QStringLiteral("Approve an order waiting for approval (online)"),
        QStringLiteral("Approves the order on the portal; the buyer sees the decision and the\n"
                       "comment with their next sync. Needs an approver's role and the portal."),
        decisionOptions(),
        runApprove,
    };
}

Command rejectCommand()
{
    return {
        QStringLiteral("reject"),
        QStringLiteral("NUMBER [--comment C] [--json]"),
        QStringLiteral("Reject an order waiting for approval (online)"),
        QStringLiteral("Rejects the order on the portal; the buyer sees the decision and the\n"
                       "comment with their next sync. Needs an approver's role and the portal."),
        decisionOptions(),
        runReject,
    };
}

} // namespace qm
