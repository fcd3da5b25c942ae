#pragma once

// Shared by the GUI tests that need a signed-in session on a real qm-portal.

#include "sync/session.h"

#include <QSignalSpy>
#include <QUrl>

#include <memory>

namespace qm::test {

// Signs `user` in to the demo portal at `portal` with the demo password and waits for the
// outcome; null when the sign-in failed or took more than a minute.
inline std::unique_ptr<SignIn> signInAs(const QUrl &portal, const QString &user)
{
    auto signIn = std::make_unique<SignIn>(portal, user, QStringLiteral("demo"));
    QSignalSpy finished(signIn.get(), &SignIn::finished);
    if (!signIn->isFinished() && !finished.wait(60000))
        return nullptr;
    if (signIn->error())
        return nullptr;
    return signIn;
}

} // namespace qm::test
