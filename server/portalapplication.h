#pragma once

#include <QCoreApplication>

namespace qm {

struct PortalOptions;

// qm-portal's application object: parses the command line and runs the chosen mode (serve,
// optionally with the demo supplier, or one of the maintenance runs).
class PortalApplication final : public QCoreApplication
{
    Q_OBJECT

public:
    PortalApplication(int &argc, char **argv);

    // Returns the process exit code: 0 success, 1 failure, 2 bad command line.
    int run();

private:
    int serve(const PortalOptions &options);
    int applyDemoChanges(const PortalOptions &options);
    int purgeTombstones(const PortalOptions &options);
};

} // namespace qm
