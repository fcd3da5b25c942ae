#pragma once

#include "core/decimal.h"

#include <QList>
#include <QString>

namespace qm::test {

class HttpClient;

// A product a user may order in small quantities: `quantity` satisfies its minimum and order
// multiple, and the portal prices that quantity at no more than the line total asked for.
struct OrderableProduct
{
    QString sku;
    qint64 quantity = 0;
    Decimal unitPrice; // as the portal quoted it for `quantity`
};

// Up to `count` such products of the user whose token is `accessToken`, in feed order: not
// discontinued, not in a category that needs approval (TOO), priced by the portal's quote.
QList<OrderableProduct> orderableProducts(HttpClient &client, const QString &accessToken, int count,
                                          qint64 maxLineTotal);

// The result of PRAGMA integrity_check on the SQLite file at `path` ("ok" when intact).
QString integrityCheck(const QString &path);

} // namespace qm::test
