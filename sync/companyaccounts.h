#pragma once

#include "core/account.h"
#include "core/order.h"
#include "sync/apierror.h"

#include <QDate>
#include <QList>
#include <QObject>
#include <QString>

namespace qm {

class ApiClient;

// One page of an account's orders as GET /api/v1/accounts/{code}/orders answers it.
struct CompanyOrdersPage
{
    QString code;
    QString name;
    qint64 total = 0; // orders that match, on every page
    int offset = 0;   // of the first order of this page
    QList<Order> orders;
};

// The company view of a user of a parent company (capability subsidiaries:read): the caller's
// account and every account below it, with credit and order figures, and the orders of any
// of them. Online only: nothing is cached. Each call starts one request and emits exactly one
// signal when it ends: its result, or failed() with the portal's problem (403 without the
// capability, 404 for an account outside the caller's part of the company).
class CompanyAccounts : public QObject
{
    Q_OBJECT

public:
    // `api` must outlive this object and live in its thread.
    explicit CompanyAccounts(ApiClient *api, QObject *parent = nullptr);

    // A null date leaves the portal's default (the 365 days up to today).
    void fetchOverview(QDate from = {}, QDate to = {});
    void fetchOrders(const QString &code, bool onlyOpen, int limit, int offset = 0);

Q_SIGNALS:
    void overviewFetched(const qm::CompanyOverview &overview);
    void ordersFetched(const qm::CompanyOrdersPage &page);
    void failed(const qm::ApiError &error);

private:
    ApiClient *m_api;
};

} // namespace qm
