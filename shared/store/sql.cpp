#include "store/sql.h"

#include "core/logging.h"
#include "store/pgrows.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QSqlDriver>
#include <QSqlError>
#include <libpq-fe.h>

#include <algorithm>
#include <cerrno>
#include <poll.h>
#include <vector>

namespace gw::store {

namespace {
ApiError toApiError(Connection &c, const QSqlError &e, const QString &sql)
{
    c.noteFailure(e);
    if (!c.db().isOpen())
        return ApiError::unavailable(
            QStringLiteral("The database is unreachable; try again shortly"));
    // 57014: statement_timeout (or a cancel); 55P03: lock_timeout. The database is slow or
    // blocked, not the request wrong.
    const QString state = e.nativeErrorCode();
    if (state == QStringLiteral("57014") || state == QStringLiteral("55P03")) {
        qCWarning(lcStore).noquote() << "query gave up:" << e.text() << "in" << sql.left(200);
        return ApiError::unavailable(
            QStringLiteral("The database did not answer in time; try again shortly"));
    }
    qCWarning(lcStore).noquote() << "query failed:" << e.text() << "in" << sql.left(200);
    return ApiError::server(QStringLiteral("An internal error occurred"));
}

// A failed libpq call as a QSqlError; a broken link is a ConnectionError, so the session is
// dropped.
QSqlError pgError(PGconn *conn, const PGresult *r)
{
    const bool lost = PQstatus(conn) != CONNECTION_OK;
    const QString message =
        QString::fromUtf8(r ? PQresultErrorMessage(r) : PQerrorMessage(conn)).trimmed();
    const QString state =
        r ? QString::fromLatin1(PQresultErrorField(r, PG_DIAG_SQLSTATE)) : QString();
    return QSqlError(QStringLiteral("QPSQL: statement failed"), message,
                     lost ? QSqlError::ConnectionError : QSqlError::StatementError, state);
}

// Waits until `conn`'s socket is ready for `events` or the deadline passes (false then).
bool waitFor(PGconn *conn, short events, const QDeadlineTimer &deadline)
{
    pollfd fd{PQsocket(conn), events, 0};
    for (;;) {
        const qint64 left = deadline.remainingTime();
        if (left == 0)
            return false;
        const int n = ::poll(&fd, 1, int(std::min<qint64>(left, 1000)));
        if (n > 0)
            return true;
        if (n < 0 && errno != EINTR)
            return true; // the next libpq call reports what is wrong
    }
}

// The answer to what was just sent with PQsend*: the first error, else the last result, as
// PQexec gives it; null when the link broke (PQerrorMessage says why) or, with `timedOut`, when
// the server did not answer before the deadline.
PGresult *awaitAnswer(PGconn *conn, const QDeadlineTimer &deadline, bool &timedOut)
{
    timedOut = false;
    for (int f = PQflush(conn); f != 0; f = PQflush(conn)) {
        if (f < 0)
            return nullptr;
        if (!waitFor(conn, POLLIN | POLLOUT, deadline)) {
            timedOut = true;
            return nullptr;
        }
        if (!PQconsumeInput(conn))
            return nullptr;
    }
    PGresult *last = nullptr;
    PGresult *error = nullptr;
    for (;;) {
        while (PQisBusy(conn)) {
            if (!waitFor(conn, POLLIN, deadline) || !PQconsumeInput(conn)) {
                timedOut = PQstatus(conn) == CONNECTION_OK;
                PQclear(last);
                PQclear(error);
                return nullptr;
            }
        }
        PGresult *r = PQgetResult(conn);
        if (!r)
            break;
        const ExecStatusType got = PQresultStatus(r);
        if (!error && got != PGRES_COMMAND_OK && got != PGRES_TUPLES_OK) {
            error = r;
            continue;
        }
        PQclear(last);
        last = r;
    }
    if (error) {
        PQclear(last);
        return error;
    }
    return last;
}

// Rewrites `?` placeholders as $1, $2, … — outside quoted literals, quoted identifiers and `--`
// comments — and counts them. Values never enter the text.
QByteArray numberPlaceholders(const QString &sql, int &count)
{
    QByteArray out;
    out.reserve(sql.size() + 16);
    const QByteArray utf8 = sql.toUtf8();
    char quote = 0;
    bool comment = false;
    count = 0;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const char ch = utf8.at(i);
        if (comment) {
            comment = ch != '\n';
        } else if (quote) {
            if (ch == quote)
                quote = 0;
        } else if (ch == '\'' || ch == '"') {
            quote = ch;
        } else if (ch == '-' && i + 1 < utf8.size() && utf8.at(i + 1) == '-') {
            comment = true;
        } else if (ch == '?') {
            out += '$' + QByteArray::number(++count);
            continue;
        }
        out += ch;
    }
    return out;
}

// The values in libpq's form: text (or binary for bytea) with a type OID that mirrors how a
// literal of that Qt type would have been typed (0 lets the server infer it, as for a quoted
// literal).
struct Params
{
    std::vector<Oid> types;
    std::vector<QByteArray> storage;
    std::vector<const char *> values;
    std::vector<int> lengths;
    std::vector<int> formats;

    explicit Params(const QVariantList &list)
    {
        const auto n = size_t(list.size());
        types.resize(n);
        storage.resize(n);
        values.resize(n);
        lengths.resize(n);
        formats.resize(n);
        for (size_t i = 0; i < n; ++i)
            set(i, list.at(qsizetype(i)));
    }

    void set(size_t i, const QVariant &v)
    {
        Oid type = 0;
        QByteArray text;
        switch (v.typeId()) {
        case QMetaType::Bool:
            type = 16;
            text = v.toBool() ? "t" : "f";
            break;
        case QMetaType::Int:
        case QMetaType::Short:
        case QMetaType::UShort:
            type = 23;
            text = QByteArray::number(v.toInt());
            break;
        case QMetaType::UInt:
        case QMetaType::Long:
        case QMetaType::LongLong:
        case QMetaType::ULong:
        case QMetaType::ULongLong:
            type = 20;
            text = QByteArray::number(v.toLongLong());
            break;
        case QMetaType::Double:
        case QMetaType::Float:
            type = 1700;
            text = QByteArray::number(v.toDouble(), 'g', 17);
            break;
        case QMetaType::QDateTime:
            type = 1184;
            text = v.toDateTime().toUTC().toString(Qt::ISODateWithMs).toLatin1();
            break;
        case QMetaType::QDate:
            type = 1082;
            text = v.toDate().toString(Qt::ISODate).toLatin1();
            break;
        case QMetaType::QByteArray:
            type = 17;
            text = v.toByteArray();
            formats[i] = 1; // bytea as raw bytes
            break;
        default:
            text = v.toString().toUtf8();
            break;
        }
        types[i] = type;
        if (v.isNull()) {
            values[i] = nullptr;
            return;
        }
        storage[i] = text;
        values[i] = storage[i].constData();
        lengths[i] = int(storage[i].size());
    }

    QByteArray typeKey() const
    {
        return QByteArray(reinterpret_cast<const char *>(types.data()),
                          qsizetype(types.size() * sizeof(Oid)));
    }
};

// Runs a statement with parameters as a server-side prepared statement of this session,
// preparing it on first use (one extra round trip per statement text and session, then one).
PGresult *execPrepared(Connection &c, PGconn *conn, const QByteArray &text, const Params &p,
                       const QDeadlineTimer &deadline, bool &timedOut)
{
    const QByteArray key = text + '\0' + p.typeKey();
    QByteArray name = c.preparedName(key);
    if (name.isEmpty()) {
        if (c.preparedFull()) {
            if (!PQsendQuery(conn, "DEALLOCATE ALL"))
                return nullptr;
            PQclear(awaitAnswer(conn, deadline, timedOut));
            if (timedOut)
                return nullptr;
            c.forgetPrepared();
        }
        name = c.nextStatementName();
        if (!PQsendPrepare(conn, name.constData(), text.constData(), int(p.types.size()),
                           p.types.data()))
            return nullptr;
        PGresult *prepared = awaitAnswer(conn, deadline, timedOut);
        if (!prepared || PQresultStatus(prepared) != PGRES_COMMAND_OK)
            return prepared; // the error (or null); nothing was prepared under that name
        PQclear(prepared);
        c.remember(key, name);
    }
    if (!PQsendQueryPrepared(conn, name.constData(), int(p.types.size()), p.values.data(),
                             p.lengths.data(), p.formats.data(), 0))
        return nullptr;
    return awaitAnswer(conn, deadline, timedOut);
}
} // namespace

Result<QSqlQuery> exec(Connection &c, const QString &sql, const QVariantList &values)
{
    if (auto s = c.ensureOpen(); !s)
        return s.error();
    PGconn *conn = c.pg();
    if (!conn)
        return ApiError::server(
            QStringLiteral("An internal error occurred")); // not the QPSQL driver
    // Sent without blocking and awaited with a deadline: a server that stopped answering costs
    // this statement answerDeadlineMs, not the thread.
    PQsetnonblocking(conn, 1);
    c.clearSyncWaitCancelled();
    const QDeadlineTimer deadline(c.answerDeadlineMs());
    bool timedOut = false;
    PGresult *r = nullptr;
    if (values.isEmpty()) {
        // No values: the simple protocol (it may hold several statements).
        if (PQsendQuery(conn, sql.toUtf8().constData()))
            r = awaitAnswer(conn, deadline, timedOut);
    } else {
        int count = 0;
        const QByteArray text = numberPlaceholders(sql, count);
        if (count != values.size())
            return ApiError::server(
                QStringLiteral("An internal error occurred")); // a bug: placeholders ≠ values
        r = execPrepared(c, conn, text, Params(values), deadline, timedOut);
    }
    if (timedOut) {
        PQclear(r);
        c.abandon();
        qCWarning(lcStore).noquote()
            << QStringLiteral("PostgreSQL did not answer within %1 ms; session dropped, in %2")
                   .arg(c.answerDeadlineMs())
                   .arg(sql.left(200));
        return ApiError::unavailable(
            QStringLiteral("The database did not answer in time; try again shortly"));
    }
    const ExecStatusType status = PQresultStatus(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        const QSqlError e = pgError(conn, r);
        PQclear(r);
        return toApiError(c, e, sql);
    }
    if (c.syncWaitCancelled()) {
        // Committed on this server only: its outcome is unknown until it is found where the
        // synchronous standby has it too (a lookup whose own commit waits for the standby).
        PQclear(r);
        qCWarning(lcStore).noquote()
            << "committed without the synchronous standby (its wait was cancelled), in"
            << sql.left(200);
        return ApiError::unavailable(
            QStringLiteral("The database may not have kept this; try again shortly"));
    }
    return QSqlQuery(new PgRows(c.db().driver(), r, sql));
}

OkOrError begin(Connection &c)
{
    if (auto q = exec(c, QStringLiteral("BEGIN")); !q)
        return q.error();
    return Ok{};
}

OkOrError commit(Connection &c)
{
    if (auto q = exec(c, QStringLiteral("COMMIT")); !q) {
        rollback(c);
        return q.error();
    }
    return Ok{};
}

void rollback(Connection &c)
{
    if (c.db().isOpen())
        exec(c, QStringLiteral("ROLLBACK"));
}

} // namespace gw::store
