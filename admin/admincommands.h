#pragma once
// Running one parsed gateway-admin command against the database; returns the exit code.
#include "admin/commandline.h"
#include "core/secrethash.h"
#include "store/connection.h"

#include <QTextStream>

namespace gw::admin {

enum ExitCode { kOk = 0, kFailure = 1, kBadInput = 2, kNotFound = 3 };

// `hasher` stores the API secrets it issues (the key of API_SECRET_HASH_KEY).
int run(const CommandLine &cl, store::Connection &db, const secrets::Hasher &hasher,
        QTextStream &out, QTextStream &err);
// The exit code for an error (bad input 2, not found 3, anything else 1).
int exitCode(const ApiError &error);

} // namespace gw::admin
