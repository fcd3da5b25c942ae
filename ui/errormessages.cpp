#include "ui/errormessages.h"

#include "core/problem.h"
#include "sync/apierror.h"

namespace qm {

QString ErrorMessages::secureStorageUnavailable()
{
    return tr("Secure storage is unavailable: no keychain is running or it is locked.");
}

QString ErrorMessages::sessionOnly()
{
    return tr("Secure storage is unavailable: you stay signed in until you quit, and will "
              "have to sign in again next time.");
}

QString ErrorMessages::sessionExpired()
{
    return tr("Your session has ended. Sign in again to keep syncing; everything on this "
              "computer stays available.");
}

QString ErrorMessages::notAPortal()
{
    return tr("This address does not answer like a Quartermaster portal. Check the portal "
              "URL.");
}

QString ErrorMessages::cacheUnavailable(const QString &detail)
{
    return tr("The local catalog cache cannot be opened: %1").arg(detail);
}

QString ErrorMessages::invalidPortalAddress()
{
    return tr("Enter the portal address, for example https://portal.example.com.");
}

bool ErrorMessages::isConnectivity(const ApiError &error)
{
    switch (error.code) {
    case ApiError::Code::Network:
    case ApiError::Code::Timeout:
        return true;
    case ApiError::Code::HttpStatus:
        return error.httpStatus >= 500;
    case ApiError::Code::Problem:
        return error.problemSlug() == problems::Unavailable;
    default:
        return false;
    }
}

QString ErrorMessages::forProblemSlug(const QString &slug)
{
    if (slug == problems::InvalidGrant)
        return tr("The username or password is wrong.");
    if (slug == problems::Unauthorized)
        return sessionExpired();
    if (slug == problems::Forbidden)
        return tr("Your role does not allow this. Ask your account administrator.");
    if (slug == problems::NotFound)
        return tr("The portal does not know what was asked for.");
    if (slug == problems::RateLimited)
        return tr("The portal is busy. Try again in a moment.");
    if (slug == problems::Unavailable)
        return tr("The portal is temporarily unavailable. Try again later.");
    if (slug == problems::CursorExpired)
        return tr("The catalog has to be downloaded again in full.");
    if (slug == problems::InternalError)
        return tr("The portal ran into an internal error. Try again later.");
    if (slug == problems::PayloadTooLarge)
        return tr("The request was too large for the portal.");
    if (slug == problems::InvalidUser)
        return tr("The portal did not accept the user's details.");
    if (slug == problems::InvalidLocation)
        return tr("The portal did not accept the location's details.");
    if (slug == problems::UsernameTaken)
        return tr("That username is taken. Choose another one.");
    if (slug == problems::LocationCodeTaken)
        return tr("The account already has a location with that code. Choose another one.");
    if (slug == problems::LastAccountAdmin)
        return tr("This is the account's last active account administrator. Make someone else "
                  "an account administrator first.");
    if (slug == problems::SelfDeactivation)
        return tr("You cannot deactivate yourself. Ask another account administrator.");
    if (slug == problems::DefaultLocationRequired)
        return tr("The account needs a default ship-to location. Make another location the "
                  "default first.");
    if (slug == problems::BadRequest || slug == problems::MalformedJson ||
        slug == problems::InvalidCursor || slug == problems::UnsupportedMediaType ||
        slug == problems::UnsupportedGrantType || slug == problems::MethodNotAllowed)
        return tr("The portal did not accept the request (%1). This app may need an update.")
            .arg(slug);
    return tr("The portal reported a problem (%1).").arg(slug.isEmpty() ? tr("unknown") : slug);
}

qint64 ErrorMessages::retryAfterSeconds(const ApiError &error)
{
    if (error.problemSlug() != problems::RateLimited)
        return 0;
    return qMax<qint64>(0, error.problem->extensions.value(u"retry_after").toInteger());
}

QString ErrorMessages::forApiError(const ApiError &error)
{
    switch (error.code) {
    case ApiError::Code::Network:
        return tr("The portal cannot be reached. Check the address and your network connection.");
    case ApiError::Code::Timeout:
        return tr(
            "The portal did not answer in time. Check your network connection and try again.");
    case ApiError::Code::Cancelled:
        return tr("Cancelled.");
    case ApiError::Code::SessionExpired:
        return sessionExpired();
    case ApiError::Code::SecureStorageUnavailable:
        return secureStorageUnavailable();
    case ApiError::Code::InsecureConnection:
        return tr("Plain http:// is only allowed for a portal on this computer. Use the portal's "
                  "https:// address.");
    case ApiError::Code::InvalidResponse:
        return notAPortal();
    case ApiError::Code::HttpStatus:
        if (error.httpStatus >= 500)
            return tr("The portal is temporarily unavailable (HTTP %1). Try again later.")
                .arg(error.httpStatus);
        return notAPortal();
    case ApiError::Code::Problem:
        if (const qint64 seconds = retryAfterSeconds(error); seconds > 0) {
            if (seconds < 90)
                return tr("Too many attempts. Try again in %n second(s).", nullptr, int(seconds));
            return tr("Too many attempts. Try again in %n minute(s).", nullptr,
                      int((seconds + 59) / 60));
        }
        break;
    }
    return forProblemSlug(error.problemSlug());
}

} // namespace qm
