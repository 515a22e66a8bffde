#pragma once
// Raises this process's soft file-descriptor limit to its hard limit, as servers do at start: the
// soft default (often 1,024) would otherwise cap open connections far below what the host allows.
// Logs what it did (a failure is a warning: the process carries on with the limit it has).
#include <QtGlobal>

namespace gw {

// Returns the soft limit in force afterwards.
quint64 raiseFdLimit();

} // namespace gw
