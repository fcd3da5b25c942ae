#include "sync/orderactions.h"

#include "models/database.h"
#include "models/orderstore.h"
#include "sync/apiclient.h"
#include "sync/logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QUuid>

namespace qm {

namespace {

QString orderPath(const QString &number)
{
    return QStringLiteral("/api/v1/orders/") + QString::fromLatin1(QUrl::toPercentEncoding(number));
}

ApiError invalidAnswer(const ApiJob &job, const QString &what, const QList<FieldError> &errors)
{
    return ApiError{ApiError::Code::InvalidResponse, job.httpStatus(), std::nullopt,
                    errors.isEmpty()
                        ? what
                        : QStringLiteral("%1 at %2").arg(what, errors.constFirst().pointer)};
}

} // namespace

OrderActions::OrderActions(ApiClient *api, Database *db, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_db(db)
{}

void OrderActions::fetchApprovals()
{
    ApiJob *job = m_api->get(QStringLiteral("/api/v1/approvals"));
    connect(job, &ApiJob::finished, this, [this, job] {
        if (job->error()) {
            Q_EMIT failed(QString(), *job->error());
            return;
        }
        const QJsonValue array = QJsonDocument::fromJson(job->body()).object().value(u"orders");
        if (!array.isArray()) {
            Q_EMIT failed(QString(), invalidAnswer(*job,
                                                   QStringLiteral("the approvals answer"
                                                                  " has no orders"),
                                                   {}));
            return;
        }
        QList<Order> orders;
        const QJsonArray items = array.toArray();
        for (qsizetype i = 0; i < items.size(); ++i) {
            QList<FieldError> errors;
            const auto order = Order::fromJson(items.at(i).toObject(), &errors);
            if (!order) {
                Q_EMIT failed(
                    QString(),
                    invalidAnswer(*job, QStringLiteral("approvals entry %1 is not an order").arg(i),
                                  errors));
                return;
            }
            orders.append(*order);
        }
        OrderStore store(*m_db);
        for (const Order &order : std::as_const(orders)) {
            QString error;
            // The queue is shown from the answer; the cache only misses a fresher copy.
            if (!store.storeOrder(order, &error))
                qCWarning(lcApi) << "cannot cache order" << order.number << ":" << error;
        }
        Q_EMIT approvalsFetched(orders);
    });
}

void OrderActions::approve(const QString &number, const QString &comment)
{
    decide(number, QStringLiteral("approve"), comment);
}

void OrderActions::reject(const QString &number, const QString &comment)
{
    decide(number, QStringLiteral("reject"), comment);
}

void OrderActions::fetchOrder(const QString &number)
{
    ApiJob *job = m_api->get(orderPath(number));
    connect(job, &ApiJob::finished, this, [this, job, number] {
        if (job->error()) {
            Q_EMIT failed(number, *job->error());
            return;
        }
        QList<FieldError> errors;
        const auto order = Order::fromJson(QJsonDocument::fromJson(job->body()).object(), &errors);
        if (!order || order->number != number) {
            Q_EMIT failed(number,
                          invalidAnswer(*job,
                                        QStringLiteral("the answer is not order %1").arg(number),
                                        errors));
            return;
        }
        QString error;
        if (!OrderStore(*m_db).storeOrder(*order, &error))
            qCWarning(lcApi) << "cannot cache order" << number << ":" << error;
        Q_EMIT orderUpdated(*order);
    });
}

void OrderActions::decide(const QString &number, const QString &decision, const QString &comment)
{
    QJsonObject body;
    if (!comment.isEmpty())
        body.insert(QStringLiteral("comment"), comment);
    // One key per decision: the job's own retries replay it, a second decision is a new one.
    const QByteArray key = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    ApiJob *job = m_api->postJson(orderPath(number) + u'/' + decision,
                                  QJsonDocument(body).toJson(QJsonDocument::Compact), key);
    connect(job, &ApiJob::finished, this, [this, job, number] {
        if (job->error()) {
            Q_EMIT failed(number, *job->error());
            return;
        }
        QList<FieldError> errors;
        const auto order = Order::fromJson(QJsonDocument::fromJson(job->body()).object(), &errors);
        if (!order || order->number != number) {
            Q_EMIT failed(number,
                          invalidAnswer(*job,
                                        QStringLiteral("the answer is not order %1").arg(number),
                                        errors));
            return;
        }
        QString error;
        if (!OrderStore(*m_db).storeOrder(*order, &error))
            qCWarning(lcApi) << "cannot cache order" << number << ":" << error;
        Q_EMIT orderUpdated(*order);
    });
}

} // namespace qm
