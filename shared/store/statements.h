#pragma once
// The store's long statements (the batches, the worker's completions), each kept whole in its own
// file, shared/store/sql/<name>.sql, compiled in as a Qt resource (shared/store/README.md).
#include <QString>

namespace gw::store {

// The statement `name` as PostgreSQL gets it: its comment lines and indentation dropped,
// `{payment_columns}` and `{refund_columns}` filled with store/rows.h's column lists, `{jobs_done}`
// with store/jobstore.h's UPDATE of jobs done (its `?` counts among the statement's). Read once
// where it is used (a function-local static); an unknown name gives an empty statement, which
// PostgreSQL refuses (tests/unit/tst_statements loads every file).
QString statement(QStringView name);

} // namespace gw::store
