// The JSON documents the client and the portal read from the other side, one per input: the
// first byte picks the parser, the rest is the document. Account (GET /api/v1/account), the
// company overview (GET /api/v1/accounts) and one of its accounts, an order-line problem, an
// order submission (the body of POST /api/v1/orders), a saved list as a PUT body and as the
// resource, and an order. Whatever parses is serialised, parsed and serialised again and
// must come back as the same JSON.
#include "jsonchecks.h"

#include "core/account.h"
#include "core/order.h"
#include "core/requisitionlist.h"

#include <QJsonDocument>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

void checkOverview(const QJsonObject &o)
{
    QList<qm::FieldError> errors;
    const auto overview = roundTrip<qm::CompanyOverview>(o, &errors);
    if (!overview)
        return;
    for (const qm::AccountSummary &a : overview->accounts) {
        if (overview->account(a.code) == nullptr)
            std::abort();
        const QStringList subtree = overview->subtree(a.code);
        if (subtree.isEmpty() || subtree.first() != a.code)
            std::abort();
        if (const auto total = overview->rolledUp(a.code);
            total && (total->code != a.code || total->orderCount < a.orderCount))
            std::abort();
    }
}

void checkSummary(const QJsonObject &o)
{
    const QString pointer = QStringLiteral("/accounts/0");
    QList<qm::FieldError> errors;
    const auto summary = qm::AccountSummary::fromJson(o, pointer, &errors);
    if (!summary) {
        if (errors.isEmpty())
            std::abort();
        for (const qm::FieldError &e : errors) {
            if (!e.pointer.startsWith(pointer))
                std::abort();
        }
        return;
    }
    const QJsonObject json = summary->toJson();
    const auto again = qm::AccountSummary::fromJson(json, pointer, &errors);
    if (!again || !errors.isEmpty() || again->toJson() != json)
        std::abort();
}

void checkLineProblem(const QJsonObject &o)
{
    const auto problem = qm::OrderLineProblem::fromJson(o);
    if (!problem)
        return;
    const QJsonObject json = problem->toJson();
    const auto again = qm::OrderLineProblem::fromJson(json);
    if (!again || again->toJson() != json)
        std::abort();
}

void checkAccount(const QJsonObject &o)
{
    QList<qm::FieldError> errors;
    const auto account = roundTrip<qm::AccountInfo>(o, &errors);
    if (!account)
        return;
    const QString preferred = account->preferredShipTo(QString());
    if (preferred != account->defaultShipTo())
        std::abort();
    if (!preferred.isEmpty() && account->location(preferred) == nullptr)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray bytes(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    const QJsonObject o = QJsonDocument::fromJson(bytes).object();
    QList<qm::FieldError> errors;
    switch (data[0] % 8) {
    case 0:
        checkAccount(o);
        break;
    case 1:
        checkOverview(o);
        break;
    case 2:
        checkSummary(o);
        break;
    case 3:
        checkLineProblem(o);
        break;
    case 4:
        roundTrip<qm::OrderSubmission>(o, &errors);
        break;
    case 5:
        checkList(o, qm::RequisitionList::JsonForm::Content);
        break;
    case 6:
        checkList(o, qm::RequisitionList::JsonForm::Resource);
        break;
    case 7:
        roundTrip<qm::Order>(o, &errors);
        break;
    }
    return 0;
}
