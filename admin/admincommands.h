#pragma once
// Running one parsed gateway-admin command against the database; returns the exit code.
#include "admin/commandline.h"
#include "store/connection.h"

#include <QTextStream>

namespace gw::admin {

enum ExitCode { kOk = 0, kFailure = 1, kBadInput = 2, kNotFound = 3 };

int run(const CommandLine &cl, store::Connection &db, QTextStream &out, QTextStream &err);
// The exit code for an error (bad input 2, not found 3, anything else 1).
int exitCode(const ApiError &error);

} // namespace gw::admin
