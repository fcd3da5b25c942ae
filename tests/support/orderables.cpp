#include "support/orderables.h"

#include "support/feedpuller.h"
#include "support/httpclient.h"

#include "core/catalog.h"
#include "core/decimal.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUuid>

namespace qm::test {

QList<OrderableProduct> orderableProducts(HttpClient &client, const QString &accessToken, int count,
                                          qint64 maxLineTotal)
{
    QList<OrderableProduct> found;
    const FeedPull products = pullFeed(client, accessToken, Feed::Products, 1000);
    if (!products.converged())
        return found;
    for (auto it = products.entries.cbegin(); it != products.entries.cend(); ++it) {
        const auto product =
            Product::fromJson(QJsonDocument::fromJson(it.value()).object(), nullptr);
        if (!product || product->discontinued || product->categoryCode.startsWith(u"TOO"))
            continue;
        const qint64 step = qMax<qint64>(1, product->orderMultiple);
        const qint64 quantity = qMax(step, (product->minOrderQty + step - 1) / step * step);
        const QByteArray quote =
            QJsonDocument(
                QJsonObject{{QStringLiteral("lines"),
                             QJsonArray{QJsonObject{{QStringLiteral("sku"), it.key()},
                                                    {QStringLiteral("quantity"), quantity}}}}})
                .toJson(QJsonDocument::Compact);
        const HttpResponse r = client.post(QStringLiteral("/api/v1/pricing/quote"), quote,
                                           "application/json", accessToken);
        const QJsonObject line = r.json().value(u"lines").toArray().at(0).toObject();
        const auto price = Decimal::parse(line.value(u"unit_price").toString());
        const auto total = Decimal::parse(line.value(u"line_total").toString());
        if (r.status != 200 || line.contains(u"problem") || !price || price->isZero() ||
            line.value(u"quantity").toInteger() != quantity || !total ||
            *total > Decimal::fromInt(maxLineTotal))
            continue;
        found.append(OrderableProduct{it.key(), quantity, *price});
        if (found.size() == count)
            break;
    }
    return found;
}

QString integrityCheck(const QString &path)
{
    const QString name = QUuid::createUuid().toString();
    QString result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open())
            return QStringLiteral("cannot open %1").arg(path);
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("PRAGMA integrity_check")))
            while (q.next())
                result += q.value(0).toString();
        else
            result = QStringLiteral("integrity_check did not run");
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

} // namespace qm::test
