#include "server/accounthandlers.h"

#include "core/account.h"
#include "core/decimal.h"
#include "core/feeds.h"
#include "core/permissions.h"
#include "core/problem.h"
#include "server/apihandlers.h"
#include "server/connectionpool.h"
#include "server/dbconnection.h"
#include "server/httprequest.h"
#include "server/orderhandlers.h"

#include <QCryptographicHash>
#include <QJsonArray>

#include <functional>

namespace qm {

namespace {

// The statuses isOpenOrderStatus() names, as an SQL list.
const QString &openStatusList()
{
    static const QString list = [] {
        QStringList quoted;
        for (OrderStatus s :
             {OrderStatus::Submitted, OrderStatus::PendingApproval, OrderStatus::Approved,
              OrderStatus::Rejected, OrderStatus::Confirmed, OrderStatus::PartiallyShipped,
              OrderStatus::Shipped, OrderStatus::Delivered, OrderStatus::Cancelled}) {
            if (isOpenOrderStatus(s))
                quoted << QLatin1Char('\'') + orderStatusName(s) + QLatin1Char('\'');
        }
        return quoted.join(QStringLiteral(", "));
    }();
    return list;
}

struct OpenOrders
{
    qint64 count = 0;
    Decimal total;
};

OpenOrders openOrders(DbConnection &db, qint64 accountId)
{
    Statement q = db.prepare(QStringLiteral("SELECT COUNT(*), COALESCE(SUM(total), 0) FROM "
                                            "orders WHERE account_id = ? AND status IN (%1)")
                                 .arg(openStatusList()));
    q.bind(accountId).exec();
    q.next();
    return OpenOrders{q.int64(0), Decimal::fromUnits(q.int64(1))};
}

// A date query parameter; `fallback` when absent. nullopt (with the problem in `error`) when
// it is not a date.
std::optional<QDate> dateParameter(const HttpRequest &request, const QString &name, QDate fallback,
                                   HttpReply *error)
{
    if (!request.query.hasQueryItem(name))
        return fallback;
    const QString text = request.query.queryItemValue(name, QUrl::FullyDecoded);
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (!date.isValid() || text.size() != 10) {
        *error = HttpReply::problem(
            problems::BadRequest, 400,
            QStringLiteral("'%1' must be a date such as 2026-11-26, not '%2'.").arg(name, text));
        return std::nullopt;
    }
    return date;
}

// A whole-number query parameter from `min` to `max`; `fallback` when absent.
std::optional<int> countParameter(const HttpRequest &request, const QString &name, int min, int max,
                                  int fallback, HttpReply *error)
{
    if (!request.query.hasQueryItem(name))
        return fallback;
    const QString text = request.query.queryItemValue(name, QUrl::FullyDecoded);
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < min || value > max || text.startsWith(QLatin1Char('+'))) {
        *error = HttpReply::problem(problems::BadRequest, 400,
                                    QStringLiteral("'%1' must be a whole number from %2 to %3.")
                                        .arg(name)
                                        .arg(min)
                                        .arg(max));
        return std::nullopt;
    }
    return value;
}

struct TreeNode
{
    qint64 id = 0;
    AccountSummary summary;
};

// `accountId` and every account below it, each parent before its subsidiaries, siblings by
// code. Depth is capped so that a corrupt cycle cannot loop.
QList<TreeNode> subtree(DbConnection &db, qint64 accountId)
{
    constexpr int MaxDepth = 32;
    QList<TreeNode> out;
    const auto load = [&db](Statement &q) {
        TreeNode n;
        n.id = q.int64(0);
        n.summary.code = q.text(1);
        n.summary.name = q.text(2);
        n.summary.currency = q.text(3);
        n.summary.creditLimit = Decimal::fromUnits(q.int64(4));
        n.summary.balance = Decimal::fromUnits(q.int64(5));
        n.summary.overdue = Decimal::fromUnits(q.int64(6));
        n.summary.paymentTerms = q.text(7);
        return n;
    };
    const QString columns = QStringLiteral(
        "SELECT id, code, name, currency, credit_limit, balance, overdue, payment_terms FROM "
        "accounts ");
    Statement top = db.prepare(columns + QStringLiteral("WHERE id = ?"));
    top.bind(accountId).exec();
    if (!top.next())
        return out;
    std::function<void(TreeNode)> visit = [&](TreeNode node) {
        const qint64 id = node.id;
        const QString code = node.summary.code;
        const int depth = node.summary.depth;
        out.append(std::move(node));
        if (depth >= MaxDepth)
            return;
        QList<TreeNode> children;
        Statement q = db.prepare(columns + QStringLiteral("WHERE parent_id = ? ORDER BY code"));
        q.bind(id).exec();
        while (q.next())
            children.append(load(q));
        for (TreeNode &child : children) {
            child.summary.parentCode = code;
            child.summary.depth = depth + 1;
            visit(std::move(child));
        }
    };
    visit(load(top));
    return out;
}

} // namespace

AccountHandlers::AccountHandlers(ConnectionPool &connections, ApiHandlers &api)
    : m_connections(connections)
    , m_api(api)
{}

HttpReply AccountHandlers::get(HttpRequest &request)
{
    DbConnection &db = m_connections.local();
    HttpReply denied;
    const auto user = m_api.authorize(request, db, capabilities::CreditRead, &denied);
    if (!user)
        return denied;
    const AccountInfo account = db.read([&] {
        Statement a = db.prepare(
            QStringLiteral("SELECT code, name, currency, credit_limit, balance, payment_terms, "
                           "overdue FROM accounts WHERE id = ?"));
        a.bind(user->accountId).exec();
        a.next();
        AccountInfo info;
        info.code = a.text(0);
        info.name = a.text(1);
        info.currency = a.text(2);
        info.paymentTerms = a.text(5);
        info.creditLimit = Decimal::fromUnits(a.int64(3));
        info.balance = Decimal::fromUnits(a.int64(4));
        info.overdue = Decimal::fromUnits(a.int64(6));
        info.openOrders = openOrders(db, user->accountId).total;
        info.availableCredit = info.creditLimit - info.balance - info.openOrders;
        Statement u = db.prepare(QStringLiteral("SELECT spending_limit FROM users WHERE id = ?"));
        u.bind(user->userId).exec();
        if (u.next() && !u.isNull(0))
            info.spendingLimit = Decimal::fromUnits(u.int64(0));
        Statement s = db.prepare(QStringLiteral(
            "SELECT code, name, line1, line2, city, region, postal_code, country, is_default "
            "FROM ship_to_locations WHERE account_id = ? AND active = 1 ORDER BY code"));
        s.bind(user->accountId).exec();
        while (s.next()) {
            ShipToLocation l;
            l.code = s.text(0);
            l.name = s.text(1);
            l.address.line1 = s.text(2);
            l.address.line2 = s.isNull(3) ? QString() : s.text(3);
            l.address.city = s.text(4);
            l.address.region = s.text(5);
            l.address.postalCode = s.text(6);
            l.address.country = s.text(7);
            l.isDefault = s.int64(8) != 0;
            info.shipTo.append(l);
        }
        return info;
    });
    const QJsonObject body = account.toJson();
    const QByteArray json = canonicalJson(body);
    const QByteArray etag =
        "\"" + QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex().left(32) + "\"";
    const QByteArray ifNoneMatch = request.header("if-none-match").trimmed();
    if (!ifNoneMatch.isEmpty() && (ifNoneMatch == etag || ifNoneMatch == "*"))
        return HttpReply::raw(QByteArray(), QByteArray(), 304)
            .withHeader(QByteArrayLiteral("ETag"), etag);
    return HttpReply::raw(QByteArrayLiteral("application/json"), json, 200)
        .withHeader(QByteArrayLiteral("ETag"), etag)
        .withHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("private, no-cache"));
}

HttpReply AccountHandlers::company(HttpRequest &request)
{
    DbConnection &db = m_connections.local();
    HttpReply error;
    const auto user = m_api.authorize(request, db, capabilities::SubsidiariesRead, &error);
    if (!user)
        return error;
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const auto to = dateParameter(request, QStringLiteral("to"), today, &error);
    if (!to)
        return error;
    const auto from = dateParameter(request, QStringLiteral("from"), to->addDays(-364), &error);
    if (!from)
        return error;
    if (*from > *to || from->daysTo(*to) >= MaxPeriodDays)
        return HttpReply::problem(problems::BadRequest, 400,
                                  QStringLiteral("The period must run forward and span at most "
                                                 "%1 days: 'from' %2 is after 'to' %3 or too "
                                                 "far before it.")
                                      .arg(MaxPeriodDays)
                                      .arg(from->toString(Qt::ISODate), to->toString(Qt::ISODate)));

    CompanyOverview overview;
    overview.from = *from;
    overview.to = *to;
    db.read([&] {
        // placed_at is an ISO 8601 UTC instant: comparing it with day strings picks the days.
        Statement period = db.prepare(QStringLiteral(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN status IN ('rejected', 'cancelled') THEN 0 "
            "ELSE total END), 0) FROM orders WHERE account_id = ? AND placed_at >= ? AND "
            "placed_at < ?"));
        for (TreeNode &node : subtree(db, user->accountId)) {
            AccountSummary &a = node.summary;
            const OpenOrders open = openOrders(db, node.id);
            a.openOrderCount = open.count;
            a.openOrders = open.total;
            a.availableCredit = a.creditLimit - a.balance - a.openOrders;
            period.bind(node.id)
                .bind(from->toString(Qt::ISODate))
                .bind(to->addDays(1).toString(Qt::ISODate))
                .exec();
            period.next();
            a.orderCount = period.int64(0);
            a.spend = Decimal::fromUnits(period.int64(1));
            overview.accounts.append(a);
        }
    });
    return HttpReply::json(overview.toJson())
        .withHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("private, no-cache"));
}

HttpReply AccountHandlers::companyOrders(HttpRequest &request, const QString &code)
{
    DbConnection &db = m_connections.local();
    HttpReply error;
    const auto user = m_api.authorize(request, db, capabilities::SubsidiariesRead, &error);
    if (!user)
        return error;
    const auto limit = countParameter(request, QStringLiteral("limit"), 1, MaxOrderLimit,
                                      DefaultOrderLimit, &error);
    if (!limit)
        return error;
    const auto offset = countParameter(request, QStringLiteral("offset"), 0, 1000000000, 0, &error);
    if (!offset)
        return error;
    const QString status = request.query.queryItemValue(QStringLiteral("status"));
    if (!status.isEmpty() && status != u"open" && status != u"all")
        return HttpReply::problem(
            problems::BadRequest, 400,
            QStringLiteral("'status' must be 'open' or 'all', not '%1'.").arg(status.left(40)));
    const bool onlyOpen = status == u"open";

    std::optional<QJsonObject> body = db.read([&]() -> std::optional<QJsonObject> {
        const QList<TreeNode> mine = subtree(db, user->accountId);
        const TreeNode *target = nullptr;
        for (const TreeNode &n : mine) {
            if (n.summary.code == code)
                target = &n;
        }
        if (!target)
            return std::nullopt;
        const QString where =
            QStringLiteral("WHERE account_id = ?") +
            (onlyOpen ? QStringLiteral(" AND status IN (%1)").arg(openStatusList()) : QString());
        Statement count = db.prepare(QStringLiteral("SELECT COUNT(*) FROM orders ") + where);
        count.bind(target->id).exec();
        count.next();
        const qint64 total = count.int64(0);
        Statement q = db.prepare(QStringLiteral("SELECT id FROM orders ") + where +
                                 QStringLiteral(" ORDER BY placed_at DESC, id DESC LIMIT ? "
                                                "OFFSET ?"));
        q.bind(target->id).bind(*limit).bind(*offset).exec();
        QList<qint64> ids;
        while (q.next())
            ids.append(q.int64(0));
        QJsonArray orders;
        for (qint64 id : ids) {
            if (const auto order = OrderHandlers::load(db, id))
                orders.append(order->toJson());
        }
        return QJsonObject{{QStringLiteral("account"),
                            QJsonObject{{QStringLiteral("code"), target->summary.code},
                                        {QStringLiteral("name"), target->summary.name}}},
                           {QStringLiteral("total"), total},
                           {QStringLiteral("orders"), orders}};
    });
    if (!body)
        return HttpReply::problem(
            problems::NotFound, 404,
            QStringLiteral("There is no account '%1' in your part of the company.")
                .arg(code.left(64)));
    return HttpReply::json(*body).withHeader(QByteArrayLiteral("Cache-Control"),
                                             QByteArrayLiteral("private, no-cache"));
}

} // namespace qm
