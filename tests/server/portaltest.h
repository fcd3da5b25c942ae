#pragma once

// Shared by the tst_portal* tests: start the real qm-portal with a small demo supplier on the
// backend the test runs for (QM_TEST_BACKEND).

#include "support/httpclient.h"
#include "support/portalprocess.h"

#include <QTest>

#include <memory>

namespace qm::test {

// Products in the demo of most test functions: enough for several pages per feed and for
// every category and catalog to be represented, small enough to generate in a second.
inline constexpr int DemoProducts = 400;

// The arguments of a demo portal with DemoProducts products, plus `extra`.
inline QStringList demoArguments(const QStringList &extra = {})
{
    return QStringList{QStringLiteral("--demo"), QStringLiteral("--products"),
                       QString::number(DemoProducts)} +
           extra;
}

// Starts a demo portal and fails the calling test function when it does not come up.
// QM_START_PORTAL_WITH takes extra arguments as one (parenthesised) QStringList.
#define QM_START_PORTAL_WITH(portal, extra)                                                        \
    do {                                                                                           \
        QString startError_;                                                                       \
        QVERIFY2((portal).start(qm::test::demoArguments(extra), &startError_),                     \
                 qPrintable(startError_));                                                         \
    } while (false)
#define QM_START_PORTAL(portal) QM_START_PORTAL_WITH(portal, QStringList())

} // namespace qm::test
