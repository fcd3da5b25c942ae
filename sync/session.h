#pragma once

#include "models/profilestore.h"
#include "sync/apierror.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace qm {

// Parses a /me document into the profile's identity (models/ProfileInfo) so the client
// can show who is signed in and reflect their capabilities. Returns nullopt if the
// document lacks user, account or permissions.
std::optional<ProfileInfo> profileInfoFromMe(const QJsonObject &me, const QUrl &portal);

} // namespace qm
