#include "ui/ordertexts.h"

namespace qm {

QString OrderTexts::status(OrderStatus status)
{
    switch (status) {
    case OrderStatus::Submitted:
        return tr("Submitted");
    case OrderStatus::PendingApproval:
        return tr("Waiting for approval");
    case OrderStatus::Approved:
        return tr("Approved");
    case OrderStatus::Rejected:
        return tr("Rejected");
    case OrderStatus::Confirmed:
        return tr("Confirmed");
    case OrderStatus::PartiallyShipped:
        return tr("Partially shipped");
    case OrderStatus::Shipped:
        return tr("Shipped");
    case OrderStatus::Delivered:
        return tr("Delivered");
    case OrderStatus::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

QString OrderTexts::approvalReason(const QString &reason)
{
    if (reason == u"over-spending-limit")
        return tr("Over the buyer's spending limit");
    if (reason == u"category-rule")
        return tr("Contains items of a category that needs approval");
    if (reason.isEmpty())
        return tr("Needs approval");
    return tr("Needs approval (%1)").arg(reason);
}

} // namespace qm
