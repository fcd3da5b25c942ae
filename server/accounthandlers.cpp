#include "server/accounthandlers.h"

#include "core/decimal.h"
#include "core/feeds.h"
#include "core/permissions.h"
#include "core/problem.h"
#include "server/apihandlers.h"
#include "server/connectionpool.h"
#include "server/dbconnection.h"
#include "server/httprequest.h"

#include <QCryptographicHash>
#include <QJsonArray>

namespace qm {

namespace {

QString moneyText(qint64 units, int digits)
{
    return Decimal::fromUnits(units).rounded(digits).toString(digits);
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
    const auto user = m_api.authenticate(request, db, &denied);
    if (!user)
        return denied;
    if (!user->can(capabilities::CreditRead))
        return HttpReply::problem(problems::Forbidden, 403,
                                  QStringLiteral("Your role does not include %1.")
                                      .arg(QString::fromUtf16(capabilities::CreditRead)));
    const QJsonObject body = db.read([&] {
        Statement a = db.prepare(
            QStringLiteral("SELECT code, name, currency, credit_limit, balance, payment_terms "
                           "FROM accounts WHERE id = ?"));
        a.bind(user->accountId).exec();
        a.next();
        const QString currency = a.text(2);
        const int digits = currencyMinorDigits(currency);
        const qint64 limit = a.int64(3);
        const qint64 balance = a.int64(4);
        QJsonObject o{{QStringLiteral("code"), a.text(0)},
                      {QStringLiteral("name"), a.text(1)},
                      {QStringLiteral("currency"), currency},
                      {QStringLiteral("payment_terms"), a.text(5)}};
        Statement open = db.prepare(QStringLiteral(
            "SELECT COALESCE(SUM(total), 0) FROM orders WHERE account_id = ? AND status IN "
            "('submitted', 'pending_approval', 'approved', 'confirmed', 'partially_shipped')"));
        open.bind(user->accountId).exec();
        open.next();
        const qint64 openTotal = open.int64(0);
        o.insert(QStringLiteral("credit"),
                 QJsonObject{{QStringLiteral("limit"), moneyText(limit, digits)},
                             {QStringLiteral("balance"), moneyText(balance, digits)},
                             {QStringLiteral("open_orders"), moneyText(openTotal, digits)},
                             {QStringLiteral("available"),
                              moneyText(limit - balance - openTotal, digits)}});
        Statement u = db.prepare(QStringLiteral("SELECT spending_limit FROM users WHERE id = ?"));
        u.bind(user->userId).exec();
        o.insert(QStringLiteral("spending_limit"), u.next() && !u.isNull(0)
                                                       ? QJsonValue(moneyText(u.int64(0), digits))
                                                       : QJsonValue(QJsonValue::Null));
        QJsonArray locations;
        Statement s = db.prepare(QStringLiteral(
            "SELECT code, name, line1, line2, city, region, postal_code, country, is_default "
            "FROM ship_to_locations WHERE account_id = ? ORDER BY code"));
        s.bind(user->accountId).exec();
        while (s.next()) {
            QJsonObject address{{QStringLiteral("line1"), s.text(2)},
                                {QStringLiteral("city"), s.text(4)},
                                {QStringLiteral("region"), s.text(5)},
                                {QStringLiteral("postal_code"), s.text(6)},
                                {QStringLiteral("country"), s.text(7)}};
            if (!s.isNull(3) && !s.text(3).isEmpty())
                address.insert(QStringLiteral("line2"), s.text(3));
            locations.append(QJsonObject{{QStringLiteral("code"), s.text(0)},
                                         {QStringLiteral("name"), s.text(1)},
                                         {QStringLiteral("address"), address},
                                         {QStringLiteral("default"), s.int64(8) != 0}});
        }
        o.insert(QStringLiteral("ship_to"), locations);
        return o;
    });
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
