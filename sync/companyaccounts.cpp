#include "sync/companyaccounts.h"

#include "sync/apiclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace qm {

namespace {

ApiError invalidAnswer(const ApiJob &job, const QString &what)
{
    return ApiError{ApiError::Code::InvalidResponse, job.httpStatus(), std::nullopt, what};
}

} // namespace

CompanyAccounts::CompanyAccounts(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{}

void CompanyAccounts::fetchOverview(QDate from, QDate to)
{
    QUrlQuery query;
    if (from.isValid())
        query.addQueryItem(QStringLiteral("from"), from.toString(Qt::ISODate));
    if (to.isValid())
        query.addQueryItem(QStringLiteral("to"), to.toString(Qt::ISODate));
    ApiJob *job = m_api->get(QStringLiteral("/api/v1/accounts"), query);
    connect(job, &ApiJob::finished, this, [this, job] {
        if (job->error()) {
            Q_EMIT failed(*job->error());
            return;
        }
        QList<FieldError> errors;
        const auto overview =
            CompanyOverview::fromJson(QJsonDocument::fromJson(job->body()).object(), &errors);
        if (!overview) {
            Q_EMIT failed(
                invalidAnswer(*job, QStringLiteral("the company overview is not valid: %1 %2")
                                        .arg(errors.value(0).pointer, errors.value(0).detail)));
            return;
        }
        Q_EMIT overviewFetched(*overview);
    });
}

void CompanyAccounts::fetchOrders(const QString &code, bool onlyOpen, int limit, int offset)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("status"),
                       onlyOpen ? QStringLiteral("open") : QStringLiteral("all"));
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    const QString path = QStringLiteral("/api/v1/accounts/%1/orders")
                             .arg(QString::fromLatin1(QUrl::toPercentEncoding(code)));
    ApiJob *job = m_api->get(path, query);
    connect(job, &ApiJob::finished, this, [this, job, offset] {
        if (job->error()) {
            Q_EMIT failed(*job->error());
            return;
        }
        const QJsonObject body = QJsonDocument::fromJson(job->body()).object();
        CompanyOrdersPage page;
        page.offset = offset;
        const QJsonObject account = body.value(u"account").toObject();
        page.code = account.value(u"code").toString();
        page.name = account.value(u"name").toString();
        const QJsonValue total = body.value(u"total");
        page.total = total.toInteger(-1);
        const QJsonValue orders = body.value(u"orders");
        if (page.code.isEmpty() || !total.isDouble() || page.total < 0 || !orders.isArray()) {
            Q_EMIT failed(
                invalidAnswer(*job, QStringLiteral("the answer has no account, total or orders")));
            return;
        }
        const QJsonArray array = orders.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            QList<FieldError> errors;
            const auto order = Order::fromJson(array.at(i).toObject(), &errors);
            if (!order) {
                Q_EMIT failed(
                    invalidAnswer(*job, QStringLiteral("order %1 is not valid: %2 %3")
                                            .arg(i)
                                            .arg(errors.value(0).pointer, errors.value(0).detail)));
                return;
            }
            page.orders.append(*order);
        }
        Q_EMIT ordersFetched(page);
    });
}

} // namespace qm
