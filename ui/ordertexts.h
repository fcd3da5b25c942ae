#pragma once

#include "core/order.h"

#include <QCoreApplication>
#include <QString>

namespace qm {

// How order statuses and approval reasons read in the app (history, detail, approvals,
// confirmation).
class OrderTexts final
{
    Q_DECLARE_TR_FUNCTIONS(OrderTexts)

public:
    static QString status(OrderStatus status);
    // "over-spending-limit", "category-rule", or a reason this version does not know.
    static QString approvalReason(const QString &reason);
};

} // namespace qm
