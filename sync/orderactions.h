#pragma once

#include "core/order.h"
#include "sync/apierror.h"

#include <QList>
#include <QObject>
#include <QString>

#include <optional>

namespace qm {

class ApiClient;
class Database;

// Online actions on orders that do not go through the outbox: an approver's queue and
// decisions, and fetching one order. Each call starts one request (with the retry policy;
// a decision carries an Idempotency-Key, so a retry never decides twice) and emits exactly
// one signal when it ends. Orders the portal returns are stored in the cache
// (OrderStore::storeOrder) before the signal, so the history shows them at once.
class OrderActions : public QObject
{
    Q_OBJECT

public:
    // `api` and `db` must outlive this object and live in its thread.
    OrderActions(ApiClient *api, Database *db, QObject *parent = nullptr);

    void fetchApprovals();
    void approve(const QString &number, const QString &comment);
    void reject(const QString &number, const QString &comment);
    void fetchOrder(const QString &number);

Q_SIGNALS:
    void approvalsFetched(const QList<qm::Order> &orders);
    // approve/reject/fetchOrder succeeded: the order as the portal has it now.
    void orderUpdated(const qm::Order &order);
    // Any call failed; `number` is empty for fetchApprovals.
    void failed(const QString &number, const qm::ApiError &error);

private:
    void decide(const QString &number, const QString &decision, const QString &comment);

    ApiClient *m_api;
    Database *m_db;
};

} // namespace qm
