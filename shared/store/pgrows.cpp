#include "store/pgrows.h"

#include <QDateTime>
#include <QSqlField>
#include <libpq-fe.h>

namespace gw::store {

namespace {
// Type OIDs from pg_type.h (stable across PostgreSQL versions).
enum : Oid {
    kBool = 16,
    kBytea = 17,
    kInt8 = 20,
    kInt2 = 21,
    kInt4 = 23,
    kOid = 26,
    kFloat4 = 700,
    kFloat8 = 701,
    kDate = 1082,
    kTimestamp = 1114,
    kTimestamptz = 1184,
    kNumeric = 1700,
};

QMetaType metaTypeOf(Oid type)
{
    switch (type) {
    case kBool:
        return QMetaType(QMetaType::Bool);
    case kBytea:
        return QMetaType(QMetaType::QByteArray);
    case kInt8:
        return QMetaType(QMetaType::LongLong);
    case kInt2:
    case kInt4:
        return QMetaType(QMetaType::Int);
    case kOid:
        return QMetaType(QMetaType::UInt);
    case kFloat4:
    case kFloat8:
    case kNumeric:
        return QMetaType(QMetaType::Double);
    case kDate:
        return QMetaType(QMetaType::QDate);
    case kTimestamp:
    case kTimestamptz:
        return QMetaType(QMetaType::QDateTime);
    default:
        return QMetaType(QMetaType::QString);
    }
}

// "2026-12-01 14:55:00.123456+00" (or +05:30, or none for timestamp) → QDateTime.
QDateTime timestampFrom(const char *text, bool withZone)
{
    QString s = QString::fromLatin1(text);
    s.replace(u' ', u'T');
    if (withZone) {
        const qsizetype sign = std::max(s.lastIndexOf(u'+'), s.lastIndexOf(u'-'));
        if (sign > 10 && s.size() - sign == 3) // "+HH": Qt wants "+HH:MM"
            s += QStringLiteral(":00");
    } else {
        s += u'Z';
    }
    return QDateTime::fromString(s, Qt::ISODateWithMs).toUTC();
}

QVariant valueFrom(Oid type, const char *text, int length)
{
    switch (type) {
    case kBool:
        return QVariant(text[0] == 't');
    case kBytea: {
        // Either output format (QPSQL sets bytea_output to escape on its sessions).
        size_t n = 0;
        unsigned char *raw = PQunescapeBytea(reinterpret_cast<const unsigned char *>(text), &n);
        const QByteArray bytes(reinterpret_cast<const char *>(raw), qsizetype(n));
        PQfreemem(raw);
        return QVariant(bytes);
    }
    case kInt8:
        return QVariant(qlonglong(QByteArray::fromRawData(text, length).toLongLong()));
    case kInt2:
    case kInt4:
        return QVariant(QByteArray::fromRawData(text, length).toInt());
    case kOid:
        return QVariant(QByteArray::fromRawData(text, length).toUInt());
    case kNumeric: {
        // Whole numbers (sum(), count-like aggregates) stay exact; the rest become doubles.
        bool whole = false;
        const qlonglong n = QByteArray::fromRawData(text, length).toLongLong(&whole);
        if (whole)
            return QVariant(n);
        return QVariant(QByteArray::fromRawData(text, length).toDouble());
    }
    case kFloat4:
    case kFloat8:
        return QVariant(QByteArray::fromRawData(text, length).toDouble());
    case kDate:
        return QVariant(QDate::fromString(QString::fromLatin1(text, length), Qt::ISODate));
    case kTimestamp:
        return QVariant(timestampFrom(text, false));
    case kTimestamptz:
        return QVariant(timestampFrom(text, true));
    default:
        return QVariant(QString::fromUtf8(text, length));
    }
}
} // namespace

PgRows::PgRows(const QSqlDriver *driver, pg_result *result, const QString &sql)
    : QSqlResult(driver), m_result(result)
{
    setQuery(sql);
    setForwardOnly(true);
    setActive(true);
    if (PQresultStatus(result) == PGRES_TUPLES_OK) {
        setSelect(true);
        m_rows = PQntuples(result);
    }
    const char *affected = PQcmdTuples(result);
    if (affected && *affected)
        m_affected = QByteArray(affected).toInt();
    setAt(QSql::BeforeFirstRow);
}

PgRows::~PgRows()
{
    PQclear(m_result);
}

QVariant PgRows::data(int column)
{
    const int row = at();
    if (row < 0 || row >= m_rows || column < 0 || column >= PQnfields(m_result))
        return {};
    const Oid type = PQftype(m_result, column);
    if (PQgetisnull(m_result, row, column))
        return QVariant(metaTypeOf(type));
    return valueFrom(type, PQgetvalue(m_result, row, column), PQgetlength(m_result, row, column));
}

bool PgRows::isNull(int column)
{
    const int row = at();
    if (row < 0 || row >= m_rows || column < 0 || column >= PQnfields(m_result))
        return true;
    return PQgetisnull(m_result, row, column);
}

bool PgRows::reset(const QString &)
{
    return false; // a finished result; run another statement through store::exec
}

bool PgRows::fetch(int row)
{
    if (row < 0 || row >= m_rows)
        return false;
    setAt(row);
    return true;
}

bool PgRows::fetchFirst()
{
    return fetch(0);
}

bool PgRows::fetchLast()
{
    return fetch(m_rows - 1);
}

int PgRows::size()
{
    return isSelect() ? m_rows : -1;
}

int PgRows::numRowsAffected()
{
    return m_affected;
}

QSqlRecord PgRows::record() const
{
    QSqlRecord r;
    for (int i = 0; i < PQnfields(m_result); ++i)
        r.append(
            QSqlField(QString::fromUtf8(PQfname(m_result, i)), metaTypeOf(PQftype(m_result, i))));
    return r;
}

} // namespace gw::store
