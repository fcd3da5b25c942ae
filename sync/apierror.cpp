#include "sync/apierror.h"

namespace qm {

namespace {

QString codeName(ApiError::Code code)
{
    switch (code) {
    case ApiError::Code::Network:
        return QStringLiteral("network error");
    case ApiError::Code::Timeout:
        return QStringLiteral("timed out");
    case ApiError::Code::Cancelled:
        return QStringLiteral("cancelled");
    case ApiError::Code::Problem:
        return QStringLiteral("problem");
    case ApiError::Code::HttpStatus:
        return QStringLiteral("HTTP error");
    case ApiError::Code::InvalidResponse:
        return QStringLiteral("invalid response");
    case ApiError::Code::SessionExpired:
        return QStringLiteral("session expired");
    case ApiError::Code::SecureStorageUnavailable:
        return QStringLiteral("secure storage unavailable");
    case ApiError::Code::InsecureConnection:
        return QStringLiteral("insecure connection refused");
    }
    return QStringLiteral("error");
}

} // namespace

QString ApiError::toLogString() const
{
    QString out = codeName(code);
    if (httpStatus != 0)
        out += QStringLiteral(" (HTTP %1)").arg(httpStatus);
    if (problem) {
        out += QStringLiteral(": %1").arg(problem->type);
        if (!problem->detail.isEmpty())
            out += QStringLiteral(" - %1").arg(problem->detail);
        else if (!problem->title.isEmpty())
            out += QStringLiteral(" - %1").arg(problem->title);
    } else if (!detail.isEmpty()) {
        out += QStringLiteral(": %1").arg(detail);
    }
    return out;
}

} // namespace qm
