#include "app/cli/clierror.h"

#include "core/problem.h"
#include "sync/apierror.h"

namespace qm {

namespace {
const QString LoginHint = QStringLiteral("run qm login --portal URL --user NAME --password-stdin");
}

CliError CliError::notSignedIn()
{
    return {ExitCode::NotSignedIn, QStringLiteral("not signed in; ") + LoginHint};
}

CliError CliError::secureStorageUnavailable(const QString &detail)
{
    QString message = QStringLiteral("secure storage unavailable: ");
    message += detail.isEmpty()
                   ? QStringLiteral("no OS keychain (Secret Service) is running or it is locked")
                   : detail;
    return {ExitCode::SecureStorage, message};
}

CliError CliError::fromApiError(const ApiError &error)
{
    const QString detail = error.detail.isEmpty() ? error.toLogString() : error.detail;
    switch (error.code) {
    case ApiError::Code::Network:
        return {ExitCode::Unreachable, QStringLiteral("portal unreachable: ") + detail};
    case ApiError::Code::Timeout:
        return {ExitCode::Unreachable, QStringLiteral("portal unreachable: no answer in time (") +
                                           detail + QLatin1Char(')')};
    case ApiError::Code::Cancelled:
        return {ExitCode::Error, QStringLiteral("cancelled")};
    case ApiError::Code::SessionExpired:
        return {ExitCode::NotSignedIn, QStringLiteral("session expired; ") + LoginHint};
    case ApiError::Code::SecureStorageUnavailable:
        return secureStorageUnavailable(error.detail);
    case ApiError::Code::InsecureConnection:
        return {
            ExitCode::Error,
            QStringLiteral(
                "refusing plain http:// to a portal that is not on this computer; use https://")};
    case ApiError::Code::InvalidResponse:
        return {ExitCode::Error, QStringLiteral("not a Quartermaster portal: ") + detail};
    case ApiError::Code::HttpStatus:
        if (error.httpStatus >= 500)
            return {ExitCode::Unreachable,
                    QStringLiteral("portal unavailable (HTTP %1)").arg(error.httpStatus)};
        return {ExitCode::Error,
                QStringLiteral("not a Quartermaster portal (HTTP %1)").arg(error.httpStatus)};
    case ApiError::Code::Problem:
        break;
    }

    const QString slug = error.problemSlug();
    if (slug == problems::InvalidGrant)
        return {ExitCode::NotSignedIn, QStringLiteral("wrong username or password")};
    if (slug == problems::Unauthorized)
        return {ExitCode::NotSignedIn, QStringLiteral("session expired; ") + LoginHint};
    if (slug == problems::UnsupportedGrantType)
        return {ExitCode::NotSignedIn,
                QStringLiteral("the portal does not accept this way of signing in; use qm login "
                               "--portal URL --sso")};
    if (slug == problems::Forbidden)
        return {ExitCode::Error, QStringLiteral("not permitted for this user")};
    if (slug == problems::RateLimited) {
        const qint64 wait = error.problem->extensions.value(u"retry_after").toInteger();
        if (wait > 0)
            return {ExitCode::Unreachable,
                    QStringLiteral("too many attempts; try again in %1 s").arg(wait)};
        return {ExitCode::Unreachable, QStringLiteral("portal is busy; try again later")};
    }
    if (slug == problems::Unavailable)
        return {ExitCode::Unreachable, QStringLiteral("portal unavailable; try again later")};
    QString message = QStringLiteral("portal error: ");
    if (error.problem && !error.problem->title.isEmpty())
        message += error.problem->title;
    else
        message += slug.isEmpty() ? QStringLiteral("unknown") : slug;
    if (error.httpStatus > 0)
        message += QStringLiteral(" (HTTP %1)").arg(error.httpStatus);
    return {ExitCode::Error, message};
}

} // namespace qm
