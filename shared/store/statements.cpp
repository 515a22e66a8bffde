#include "store/statements.h"

#include "core/logging.h"
#include "store/jobstore.h"
#include "store/rows.h"

#include <QFile>
#include <QStringList>

namespace gw::store {

QString statement(QStringView name)
{
    QFile file(QStringLiteral(":/sql/%1.sql").arg(name));
    if (!file.open(QIODevice::ReadOnly)) {
        qCCritical(lcStore).noquote()
            << QStringLiteral("no statement %1 among the resources").arg(name);
        return {};
    }
    QStringList lines;
    for (const QString &line : QString::fromUtf8(file.readAll()).split(u'\n')) {
        const QString code = line.trimmed();
        if (!code.isEmpty() && !code.startsWith(QStringLiteral("--")))
            lines << code;
    }
    return lines.join(u'\n')
        .replace(QStringLiteral("{payment_columns}"), paymentColumns())
        .replace(QStringLiteral("{refund_columns}"), refundColumns())
        .replace(QStringLiteral("{jobs_done}"), jobsDoneStatement());
}

} // namespace gw::store
