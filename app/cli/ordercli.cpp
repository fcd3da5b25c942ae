#include "app/cli/ordercli.h"

#include "app/cli/blockingcalls.h"
#include "app/cli/clijson.h"
#include "app/cli/cliprofile.h"
#include "app/cli/syncrun.h"
#include "core/problem.h"
#include "sync/apiclient.h"
#include "sync/credentialstore.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace qm::ordercli {

namespace {

QJsonValue nullable(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QString lineLabel(const OrderLineProblem &p)
{
    return QStringLiteral("line %1 (%2)").arg(p.index + 1).arg(p.sku);
}

QString unavailableText(const QString &reason)
{
    if (reason == u"discontinued")
        return QStringLiteral("discontinued");
    if (reason == u"not-in-assortment")
        return QStringLiteral("no longer in your account's assortment");
    if (reason == u"unknown-unit")
        return QStringLiteral("not sold in that unit any more");
    if (reason == u"no-price")
        return QStringLiteral("no price for your account today");
    if (reason == u"no-valid-quantity")
        return QStringLiteral("no quantity of that pack meets the line rules");
    if (reason == u"invalid-quantity")
        return QStringLiteral("the quantity is not valid");
    if (reason == u"overflow")
        return QStringLiteral("the line total is too large");
    return reason.isEmpty() ? QStringLiteral("no reason given") : reason;
}

QString lineProblemText(const OrderLineProblem &p, const QString &currency)
{
    switch (p.kind) {
    case OrderLineProblem::Kind::PriceChanged: {
        QString text =
            QStringLiteral("%1: price changed from %2 to %3")
                .arg(lineLabel(p), p.seen ? money(*p.seen, currency) : QStringLiteral("?"),
                     p.current ? money(*p.current, currency) : QStringLiteral("?"));
        if (!p.priceRuleSource.isEmpty())
            text += QStringLiteral(" (%1 price)").arg(p.priceRuleSource);
        return text;
    }
    case OrderLineProblem::Kind::QuantityAdjusted: {
        QString text = QStringLiteral("%1: quantity %2 becomes %3")
                           .arg(lineLabel(p))
                           .arg(p.requested ? QString::number(*p.requested) : QStringLiteral("?"),
                                p.adjusted ? QString::number(*p.adjusted) : QStringLiteral("?"));
        if (!p.adjustments.isEmpty())
            text += QStringLiteral(" (%1)").arg(p.adjustments.join(QStringLiteral(", ")));
        return text;
    }
    case OrderLineProblem::Kind::Unavailable:
        return QStringLiteral("%1: cannot be ordered: %2")
            .arg(lineLabel(p), unavailableText(p.reason));
    case OrderLineProblem::Kind::InsufficientStock: {
        QString text = QStringLiteral("%1: short of stock").arg(lineLabel(p));
        if (p.available)
            text += QStringLiteral(", %1 available").arg(*p.available);
        if (p.backordered)
            text += QStringLiteral(", %1 back-ordered").arg(*p.backordered);
        if (p.availableOn.isValid())
            text += QStringLiteral(", expected on %1").arg(p.availableOn.toString(Qt::ISODate));
        else if (p.leadTimeDays)
            text += QStringLiteral(", expected in %1 days").arg(*p.leadTimeDays);
        return text;
    }
    }
    return lineLabel(p);
}

QString moneyMember(const QJsonObject &o, QStringView key, const QString &currency)
{
    const auto value = Decimal::parse(o.value(key).toString());
    return value ? money(*value, currency) : QStringLiteral("?");
}

} // namespace

QString stateText(OutboxState state)
{
    switch (state) {
    case OutboxState::Queued:
        return QStringLiteral("queued");
    case OutboxState::Sending:
        return QStringLiteral("sending");
    case OutboxState::NeedsAttention:
        return QStringLiteral("needs attention");
    case OutboxState::Sent:
        return QStringLiteral("sent");
    }
    return {};
}

QString approvalReasonText(const QString &reason)
{
    if (reason == u"over-spending-limit")
        return QStringLiteral("over your spending limit");
    if (reason == u"category-rule")
        return QStringLiteral("a category your account requires approval for");
    return reason;
}

QString statusText(const Order &order)
{
    QString text = orderStatusName(order.status).replace(u'_', u' ');
    if (order.status == OrderStatus::PendingApproval && !order.approval.reason.isEmpty())
        text += QStringLiteral(" (%1)").arg(approvalReasonText(order.approval.reason));
    if ((order.status == OrderStatus::Approved || order.status == OrderStatus::Rejected) &&
        !order.approval.decidedBy.isEmpty()) {
        text += QStringLiteral(" by ") + order.approval.decidedBy;
        if (!order.approval.comment.isEmpty())
            text += QStringLiteral(": \"%1\"").arg(order.approval.comment);
    }
    return text;
}

QString money(const Decimal &value, const QString &currency)
{
    const QString amount = value.toString(currencyMinorDigits(currency));
    return currency.isEmpty() ? amount : amount + u' ' + currency;
}

QStringList problemLines(const OutboxOrder &order)
{
    if (order.state != OutboxState::NeedsAttention)
        return {};
    const auto problem = Problem::fromJson(order.problem);
    if (!problem)
        return {QStringLiteral("the portal refused the order (HTTP %1)").arg(order.problemStatus)};
    const QString slug = problem->slug();
    const QJsonObject &x = problem->extensions;
    QStringList lines;
    if (slug == problems::OrderNeedsReview) {
        lines << QStringLiteral("prices or availability changed since the cart was priced:");
        const QJsonObject document = QJsonDocument::fromJson(order.problem).object();
        for (const OrderLineProblem &p : orderLineProblems(document))
            lines << lineProblemText(p, order.currency);
        if (lines.size() == 1 && !problem->detail.isEmpty())
            lines << problem->detail;
    } else if (slug == problems::CreditLimitExceeded) {
        const QString currency = x.value(u"currency").toString(order.currency);
        lines << QStringLiteral("over the credit limit: the order total %1 is more than the %2"
                                " of credit available (limit %3, balance %4, open orders %5)")
                     .arg(moneyMember(x, u"order_total", currency),
                          moneyMember(x, u"available", currency),
                          moneyMember(x, u"limit", currency), moneyMember(x, u"balance", currency),
                          moneyMember(x, u"open", currency));
    } else if (slug == problems::Forbidden) {
        lines << QStringLiteral("your role may not place orders (HTTP 403)");
    } else if (slug == problems::UnknownShipTo) {
        lines << QStringLiteral("the ship-to location '%1' is not one of your account's locations")
                     .arg(order.submission.shipTo);
    } else if (slug == problems::IdempotencyKeyReused) {
        lines << QStringLiteral("the portal already has a different order under this order's id");
        if (!problem->detail.isEmpty())
            lines << problem->detail;
    } else if (slug == problems::InvalidOrder) {
        lines << QStringLiteral("the portal found the order invalid:");
        for (const QJsonValue &e : x.value(u"errors").toArray()) {
            const QJsonObject error = e.toObject();
            lines << QStringLiteral("%1: %2").arg(error.value(u"pointer").toString(),
                                                  error.value(u"message").toString());
        }
    } else {
        QString text = QStringLiteral("the portal refused the order: %1 %2")
                           .arg(problem->status)
                           .arg(slug.isEmpty() ? problem->title : slug);
        if (!problem->detail.isEmpty())
            text += QStringLiteral(": ") + problem->detail;
        lines << text;
    }
    return lines;
}

QString problemSummary(const OutboxOrder &order)
{
    const QStringList lines = problemLines(order);
    if (lines.isEmpty())
        return {};
    const auto problem = Problem::fromJson(order.problem);
    if (problem && problem->slug() == problems::OrderNeedsReview)
        return QStringLiteral("prices or availability changed on %1 line(s); review needed")
            .arg(lines.size() - 1);
    return lines.constFirst();
}

QString problemHint(const OutboxOrder &order)
{
    const QString id = QString::number(order.id);
    const auto problem = Problem::fromJson(order.problem);
    const QString slug = problem ? problem->slug() : QString();
    if (slug == problems::OrderNeedsReview)
        return QStringLiteral("Nothing was ordered. qm outbox accept %1 queues it again at the new"
                              " prices; qm outbox edit %1 puts its lines back into a cart.")
            .arg(id);
    if (slug == problems::CreditLimitExceeded)
        return QStringLiteral("Nothing was ordered. Once credit is available, qm outbox retry %1"
                              " sends it again; qm outbox delete %1 --yes drops it.")
            .arg(id);
    return QStringLiteral("Nothing was ordered. qm outbox retry %1 sends it again unchanged;"
                          " qm outbox delete %1 --yes drops it.")
        .arg(id);
}

std::optional<OutboxOrder> findOutboxOrder(const OrderStore &store, const QString &word,
                                           CliError *error)
{
    const QString wanted = word.trimmed();
    if (wanted.isEmpty()) {
        *error = {ExitCode::Usage, QStringLiteral("give an outbox ID (see qm outbox)")};
        return std::nullopt;
    }
    bool isNumber = false;
    const qint64 id = wanted.toLongLong(&isNumber);
    if (isNumber && id > 0) {
        if (auto order = store.outboxOrderById(id))
            return order;
    }
    if (auto order = store.outboxOrder(wanted.toLower()))
        return order;
    // A prefix of a client order id, as people copy the first part of a UUID.
    if (wanted.size() >= 8) {
        QList<OutboxOrder> matches;
        for (const OutboxOrder &o : store.outbox(true)) {
            if (o.clientOrderId.startsWith(wanted, Qt::CaseInsensitive))
                matches << o;
        }
        if (matches.size() == 1)
            return matches.constFirst();
        if (matches.size() > 1) {
            *error = {ExitCode::Usage,
                      QStringLiteral("'%1' starts %2 order ids; give more of it or the outbox id")
                          .arg(wanted)
                          .arg(matches.size())};
            return std::nullopt;
        }
    }
    *error = {ExitCode::NotFound,
              QStringLiteral("no order '%1' in the outbox; see qm outbox").arg(wanted)};
    return std::nullopt;
}

QJsonObject outboxJson(const OutboxOrder &o)
{
    const auto problem = Problem::fromJson(o.problem);
    QJsonObject out{
        {QStringLiteral("id"), o.id},
        {QStringLiteral("client_order_id"), o.clientOrderId},
        {QStringLiteral("state"), outboxStateName(o.state)},
        {QStringLiteral("cart"), nullable(o.cartName)},
        {QStringLiteral("queued_at"), clijson::dateTime(o.queuedAt)},
        {QStringLiteral("updated_at"), clijson::dateTime(o.updatedAt)},
        {QStringLiteral("attempts"), o.attempts},
        {QStringLiteral("next_attempt_at"), clijson::dateTime(o.nextAttemptAt)},
        {QStringLiteral("last_error"), nullable(o.lastError)},
        {QStringLiteral("expected_total"),
         o.expectedTotal.toString(currencyMinorDigits(o.currency))},
        {QStringLiteral("currency"), nullable(o.currency)},
        {QStringLiteral("ship_to"), o.submission.shipTo},
        {QStringLiteral("po_number"), nullable(o.submission.poNumber)},
        {QStringLiteral("line_count"), qint64(o.submission.lines.size())},
        {QStringLiteral("order_number"), nullable(o.orderNumber)},
        {QStringLiteral("replaced_by"), nullable(o.replacedBy)},
        {QStringLiteral("problem_status"),
         o.problemStatus > 0 ? QJsonValue(o.problemStatus) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("problem_type"),
         problem ? nullable(problem->slug()) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("problem"), problem
                                        ? QJsonValue(QJsonDocument::fromJson(o.problem).object())
                                        : QJsonValue(QJsonValue::Null)},
    };
    const QStringList lines = problemLines(o);
    out.insert(QStringLiteral("problem_text"), QJsonArray::fromStringList(lines));
    return out;
}

QJsonObject orderJson(const CachedOrder &o)
{
    QJsonObject out = o.order.toJson();
    out.insert(QStringLiteral("placed_here"), o.placedHere);
    return out;
}

QJsonObject accountJson(const AccountInfo &account, const QDateTime &fetchedAt)
{
    QJsonObject out = account.toJson();
    out.insert(QStringLiteral("fetched_at"), clijson::dateTime(fetchedAt));
    return out;
}

void printOutcome(QTextStream &out, const OutboxOrder &order,
                  const std::optional<CachedOrder> &placed, const QString &why)
{
    switch (order.state) {
    case OutboxState::Sent: {
        out << "sent: order " << order.orderNumber;
        if (placed) {
            const Order &o = placed->order;
            out << ", " << statusText(o) << ", total " << money(o.subtotal, o.currency) << '\n';
            if (o.status == OrderStatus::PendingApproval)
                out << "An approver of your account decides on it (qm approvals); qm sync shows"
                       " the decision.\n";
            for (const OrderLine &l : o.lines) {
                if (l.backordered <= 0)
                    continue;
                out << "  line " << l.lineNo << " (" << l.sku << "): " << l.backordered
                    << " back-ordered";
                if (l.expectedOn.isValid())
                    out << ", expected on " << l.expectedOn.toString(Qt::ISODate);
                out << '\n';
            }
        } else {
            out << '\n';
        }
        break;
    }
    case OutboxState::NeedsAttention: {
        const QStringList lines = problemLines(order);
        out << "needs attention: " << lines.value(0) << '\n';
        for (qsizetype i = 1; i < lines.size(); ++i)
            out << "  " << lines.at(i) << '\n';
        out << problemHint(order) << '\n';
        break;
    }
    case OutboxState::Queued:
    case OutboxState::Sending:
        out << "still queued";
        if (!why.isEmpty())
            out << ": " << why;
        out << "; the order is safe in the outbox and goes out with the next qm sync or"
               " qm outbox push\n";
        break;
    }
}

QJsonObject outcomeJson(const OutboxOrder &order, const std::optional<CachedOrder> &placed,
                        const QString &why)
{
    return {
        {QStringLiteral("outbox"), outboxJson(order)},
        {QStringLiteral("order"), placed ? QJsonValue(orderJson(*placed)) : QJsonValue()},
        {QStringLiteral("not_sent_because"),
         nullable(order.state == OutboxState::Sent || order.state == OutboxState::NeedsAttention
                      ? QString()
                      : why)},
    };
}

ExitCode sendAndReport(CliContext &context, const QString &clientOrderId, bool json)
{
    CliError error;
    const auto result = runSyncEngineQuietly(context, true, false, &error);
    if (!result)
        return context.fail(
            {error.code, QStringLiteral("the order is queued but was not sent: ") + error.message});
    QString why;
    ExitCode queuedCode = ExitCode::Ok; // offline or unreachable: the order is safe
    if (!result->ok) {
        if (result->error) {
            const CliError failure = CliError::fromApiError(*result->error);
            why = failure.message;
            // The user must act before it can go out: sign in again.
            if (failure.code == ExitCode::NotSignedIn || failure.code == ExitCode::SecureStorage)
                queuedCode = failure.code;
        } else if (!result->storageError.isEmpty()) {
            why = QStringLiteral("cannot write the cache: ") + result->storageError;
        }
    }
    auto profile = CliProfile::open(context.profileOption, &error);
    if (!profile)
        return context.fail(error);
    OrderStore store(profile->database());
    const auto order = store.outboxOrder(clientOrderId);
    if (!order)
        return context.fail(
            {ExitCode::Error,
             QStringLiteral("order %1 is no longer in the outbox").arg(clientOrderId)});
    if (why.isEmpty() && !order->lastError.isEmpty())
        why = order->lastError;
    const std::optional<CachedOrder> placed =
        order->orderNumber.isEmpty() ? std::nullopt : store.order(order->orderNumber);
    if (json)
        context.out
            << QJsonDocument(outcomeJson(*order, placed, why)).toJson(QJsonDocument::Indented);
    else
        printOutcome(context.out, *order, placed, why);
    switch (order->state) {
    case OutboxState::NeedsAttention:
        return ExitCode::Attention;
    case OutboxState::Sent:
        return ExitCode::Ok;
    case OutboxState::Queued:
    case OutboxState::Sending:
        break;
    }
    return queuedCode;
}

std::unique_ptr<OnlineSession> OnlineSession::open(const CliProfile &profile, CliError *error)
{
    std::unique_ptr<OnlineSession> session(new OnlineSession);
    session->m_store = std::make_unique<CredentialStore>();
    const auto tokens = profile.readTokens(*session->m_store, error);
    if (!tokens)
        return nullptr;
    session->m_key = profile.keychainKey();
    session->m_api = std::make_unique<ApiClient>(profile.info().portal);
    session->m_api->setTokens(*tokens);
    OnlineSession *raw = session.get();
    QObject::connect(raw->m_api.get(), &ApiClient::tokensChanged, raw->m_api.get(),
                     [raw](const Tokens &t) { raw->m_rotated = t; });
    return session;
}

OnlineSession::OnlineSession() = default;
OnlineSession::~OnlineSession() = default;

bool OnlineSession::saveTokens(CliError *error)
{
    if (!m_rotated)
        return true;
    const auto status = blocking::writeTokens(*m_store, m_key, *m_rotated);
    m_rotated.reset();
    if (status == CredentialStore::Status::Ok)
        return true;
    *error = CliError::secureStorageUnavailable(
        QStringLiteral("the renewed sign-in could not be saved; run qm login again"));
    return false;
}

} // namespace qm::ordercli
