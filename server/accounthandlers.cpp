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

#include <QCryptographicHash>

namespace qm {

AccountHandlers::AccountHandlers(ConnectionPool &connections, ApiHandlers &api)
    : m_connections(connections)
    , m_api(api)
{}

HttpReply AccountHandlers::get(HttpRequest &request)
{
    DbConnection &db = m_connections.local();
    HttpReply denied;
    const auto user = m_api.authenticate(request, db, &denied);
    if (!user)
        return denied;
    if (!user->can(capabilities::CreditRead))
        return HttpReply::problem(problems::Forbidden, 403,
                                  QStringLiteral("Your role does not include %1.")
                                      .arg(QString::fromUtf16(capabilities::CreditRead)));
    const AccountInfo account = db.read([&] {
        Statement a = db.prepare(
            QStringLiteral("SELECT code, name, currency, credit_limit, balance, payment_terms "
                           "FROM accounts WHERE id = ?"));
        a.bind(user->accountId).exec();
        a.next();
        AccountInfo info;
        info.code = a.text(0);
        info.name = a.text(1);
        info.currency = a.text(2);
        info.paymentTerms = a.text(5);
        info.creditLimit = Decimal::fromUnits(a.int64(3));
        info.balance = Decimal::fromUnits(a.int64(4));
        Statement open = db.prepare(QStringLiteral(
            "SELECT COALESCE(SUM(total), 0) FROM orders WHERE account_id = ? AND status IN "
            "('submitted', 'pending_approval', 'approved', 'confirmed', 'partially_shipped')"));
        open.bind(user->accountId).exec();
        open.next();
        info.openOrders = Decimal::fromUnits(open.int64(0));
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

} // namespace qm
