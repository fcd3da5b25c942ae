#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace qm {

// RFC 9457 problem details. Every error the portal returns is one of these, with a
// stable `type`: the relative URI "/problems/<slug>", which the portal also serves as
// a short human-readable page.
struct Problem
{
    QString type;
    QString title;
    int status = 0;
    QString detail;
    QString instance;
    QJsonObject extensions; // extra members, e.g. "error" at the OAuth token endpoint

    QString slug() const; // "not-found" for "/problems/not-found"; empty if foreign
    QByteArray toJson() const;
    // Accepts any object with a string `type` (or none: "about:blank") and integer
    // `status`; returns nullopt if `json` is not a problem document.
    static std::optional<Problem> fromJson(QByteArrayView json);
    static Problem make(QStringView slug, int status, const QString &detail = {});
};

inline constexpr char ProblemContentType[] = "application/problem+json";

// The stable problem slugs. A client decides what to do by these, never by `title`.
namespace problems {
inline constexpr char16_t BadRequest[] = u"bad-request";
inline constexpr char16_t MalformedJson[] = u"malformed-json";
inline constexpr char16_t UnsupportedMediaType[] = u"unsupported-media-type";
inline constexpr char16_t PayloadTooLarge[] = u"payload-too-large";
inline constexpr char16_t Unauthorized[] = u"unauthorized";
inline constexpr char16_t InvalidGrant[] = u"invalid-grant";
inline constexpr char16_t UnsupportedGrantType[] = u"unsupported-grant-type";
inline constexpr char16_t Forbidden[] = u"forbidden";
inline constexpr char16_t NotFound[] = u"not-found";
inline constexpr char16_t MethodNotAllowed[] = u"method-not-allowed";
inline constexpr char16_t InvalidCursor[] = u"invalid-cursor";
inline constexpr char16_t CursorExpired[] = u"cursor-expired";
inline constexpr char16_t RateLimited[] = u"rate-limited";
inline constexpr char16_t InternalError[] = u"internal-error";
inline constexpr char16_t Unavailable[] = u"service-unavailable";
// Saved lists and every mutation that carries an Idempotency-Key.
inline constexpr char16_t IdempotencyKeyMissing[] = u"idempotency-key-missing";
inline constexpr char16_t IdempotencyKeyReused[] = u"idempotency-key-reused";
inline constexpr char16_t RequestInProgress[] = u"request-in-progress";
inline constexpr char16_t PreconditionRequired[] = u"precondition-required";
inline constexpr char16_t VersionConflict[] = u"version-conflict"; // extension `current`
inline constexpr char16_t InvalidList[] = u"invalid-list";         // extension `errors`
inline constexpr char16_t InvalidListId[] = u"invalid-list-id";
// Orders.
inline constexpr char16_t InvalidOrder[] = u"invalid-order"; // extension `errors`
inline constexpr char16_t IdempotencyKeyMismatch[] = u"idempotency-key-mismatch";
inline constexpr char16_t OrderNeedsReview[] = u"order-needs-review";       // extension `lines`
inline constexpr char16_t CreditLimitExceeded[] = u"credit-limit-exceeded"; // limit, balance...
inline constexpr char16_t UnknownShipTo[] = u"unknown-ship-to";             // extension `errors`
inline constexpr char16_t OrderNotPending[] = u"order-not-pending";
inline constexpr char16_t ShipToInactive[] = u"ship-to-inactive"; // extension `errors`
// Account administration.
inline constexpr char16_t InvalidUser[] = u"invalid-user";         // extension `errors`
inline constexpr char16_t InvalidLocation[] = u"invalid-location"; // extension `errors`
inline constexpr char16_t UsernameTaken[] = u"username-taken";
inline constexpr char16_t LocationCodeTaken[] = u"location-code-taken";
inline constexpr char16_t LastAccountAdmin[] = u"last-account-admin";
inline constexpr char16_t SelfDeactivation[] = u"self-deactivation";
inline constexpr char16_t DefaultLocationRequired[] = u"default-location-required";
} // namespace problems

// Title for a known slug (English; the client translates by slug).
QString problemTitle(QStringView slug);

} // namespace qm
