#pragma once

#include <QCoreApplication>
#include <QString>

namespace qm {

struct ApiError;

// The one place where the desktop app turns error codes (ApiError::Code, problem slugs)
// into translated sentences for people.
class ErrorMessages final
{
    Q_DECLARE_TR_FUNCTIONS(ErrorMessages)

public:
    static QString forApiError(const ApiError &error);
    static QString forProblemSlug(const QString &slug);
    static QString secureStorageUnavailable();
    static QString sessionOnly();
    static QString sessionExpired();
    static QString notAPortal();
    static QString cacheUnavailable(const QString &detail);
    static QString invalidPortalAddress();
    // Whether the error means the portal could not be reached (network, timeout, 5xx).
    static bool isConnectivity(const ApiError &error);
    // A rate-limited problem's wait (its retry_after member) in seconds; 0 otherwise.
    static qint64 retryAfterSeconds(const ApiError &error);
};

} // namespace qm
