#include "server/portalapplication.h"

int main(int argc, char **argv)
{
    qm::PortalApplication app(argc, argv);
    return app.run();
}
