#pragma once

#include "sync/apierror.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace qm {

struct ProfileInfo;

// Parses a /me document into the profile's identity (models/ProfileInfo) so the client
// can show who is signed in and reflect their capabilities. Returns nullopt if the
// document lacks user, account or permissions.
std::optional<ProfileInfo> profileInfoFromMe(const QJsonObject &me, const QUrl &portal);

} // namespace qm
