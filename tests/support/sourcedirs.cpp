// TestStack's checkout and build folders, the only code compiled with their paths.
#include "support/teststack.h"

namespace gw::test {

QString TestStack::sourceDir()
{
    return QStringLiteral(GW_SOURCE_DIR);
}

QString TestStack::buildDir()
{
    return QStringLiteral(GW_BUILD_DIR);
}

} // namespace gw::test
