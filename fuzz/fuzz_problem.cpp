// problem+json as the client reads every error answer (Problem::fromJson, which ApiError is
// built from), and the order-line problems an order-needs-review answer carries. A problem
// that parses is written with toJson() and must parse to the same members; its slug and
// title lookups must hold for whatever `type` arrived.
#include "core/account.h"
#include "core/problem.h"

#include <QJsonDocument>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

bool same(const qm::Problem &a, const qm::Problem &b)
{
    return a.type == b.type && a.title == b.title && a.status == b.status && a.detail == b.detail &&
           a.instance == b.instance && a.extensions == b.extensions;
}

void checkLineProblems(const QJsonObject &o)
{
    for (const qm::OrderLineProblem &p : qm::orderLineProblems(o)) {
        const QJsonObject json = p.toJson();
        const auto again = qm::OrderLineProblem::fromJson(json);
        if (!again || again->toJson() != json || again->kind != p.kind || again->index != p.index)
            std::abort();
        if (qm::OrderLineProblem::kindFromName(qm::OrderLineProblem::kindName(p.kind)) != p.kind)
            std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto problem = qm::Problem::fromJson(bytes);
    if (!problem)
        return 0;
    const QString slug = problem->slug();
    if (!slug.isEmpty() && problem->type != QStringLiteral("/problems/") + slug)
        std::abort();
    qm::problemTitle(slug);

    const QByteArray written = problem->toJson();
    const auto again = qm::Problem::fromJson(written);
    if (!again || !same(*again, *problem) || again->toJson() != written)
        std::abort();

    // What the portal would send for the same slug names that slug again.
    if (!slug.isEmpty()) {
        const auto made = qm::Problem::fromJson(qm::Problem::make(slug, problem->status).toJson());
        if (!made || made->slug() != slug || made->status != problem->status)
            std::abort();
    }

    checkLineProblems(QJsonDocument::fromJson(bytes).object());
    return 0;
}
