#include "writeload.h"

#include <QTimer>
#include <QVariant>

namespace gw::test {

void WriteLoad::launch(QProcess &p)
{
    if (m_stopping)
        return;
    const qint64 id = m_next++;
    const qint64 sent = now();
    QString hosts, ports;
    for (const QString &h : ClusterScript::hosts()) {
        hosts += (hosts.isEmpty() ? QString() : QStringLiteral(",")) + m_cluster.address(h);
        ports += (ports.isEmpty() ? QString() : QStringLiteral(",")) + QStringLiteral("5432");
    }
    QString conninfo = QStringLiteral("host=%1 port=%2 user=postgres dbname=postgres "
                                      "connect_timeout=1 target_session_attrs=read-write")
                           .arg(hosts, ports);
    QStringList args{QStringLiteral("-qtA"), QStringLiteral("-v"),
                     QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-c"),
                     QStringLiteral("INSERT INTO cluster_probe VALUES (%1)").arg(id)};
    QString program = QStringLiteral("psql");
    if (!m_via.isEmpty()) {
        conninfo = QStringLiteral("host=%1 port=5432 user=postgres dbname=postgres "
                                  "connect_timeout=1")
                       .arg(m_cluster.address(m_via));
        program = QStringLiteral("ip");
        args = QStringList{QStringLiteral("netns"), QStringLiteral("exec"),
                           m_cluster.name() + QLatin1Char('-') + m_via, QStringLiteral("psql")} +
               args;
    }
    args << conninfo;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PGPASSWORD"), m_password);
    p.setProcessEnvironment(env);
    QObject::disconnect(&p, &QProcess::finished, nullptr, nullptr);
    QObject::connect(&p, &QProcess::finished, &p, [this, &p, id, sent](int code) {
        const QByteArray err = p.readAllStandardError();
        const bool ok = code == 0 && p.exitStatus() == QProcess::NormalExit &&
                        !err.contains("canceling the wait for synchronous replication");
        m_writes.append({id, sent, now(), ok});
        QTimer::singleShot(ok ? 0 : 100, &p, [this, &p] { launch(p); });
    });
    p.setProperty("write", id);
    p.start(program, args);
    QTimer::singleShot(kTimeoutMs, &p, [&p, id] {
        if (p.state() != QProcess::NotRunning && p.property("write").toLongLong() == id)
            p.kill(); // finished() follows, with a failure
    });
}

} // namespace gw::test
