// API secrets at rest: the stored form verifies its secret and nothing else, equal secrets get
// different salts, a malformed stored value never matches, and the format is the one migration 060
// computes in SQL (sha256$<32 hex salt>$<64 hex digest of salt || secret>).
#include "core/secrethash.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QTest>

using namespace gw;

class TestSecretHash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void verifiesOnlyItsSecret()
    {
        const QString stored = secrets::hash(QStringLiteral("secret_test_xyz789"));
        QVERIFY(secrets::matches(stored, "secret_test_xyz789"));
        for (const char *wrong : {"", "secret_test_xyz78", "secret_test_xyz7899",
                                  "secret_test_xyz788", "SECRET_TEST_XYZ789"})
            QVERIFY2(!secrets::matches(stored, wrong), wrong);
        QVERIFY(!secrets::matches(stored, stored.toUtf8())); // the hash is no credential
    }

    void saltedAndInTheSqlFormat()
    {
        const QString a = secrets::hash(QStringLiteral("same"));
        const QString b = secrets::hash(QStringLiteral("same"));
        QVERIFY(a != b);
        static const QRegularExpression shape(
            QStringLiteral("^sha256\\$([0-9a-f]{32})\\$([0-9a-f]{64})$"));
        const auto m = shape.match(a);
        QVERIFY2(m.hasMatch(), qPrintable(a));
        const QByteArray salted = m.captured(1).toLatin1() + QByteArrayLiteral("same");
        const QByteArray digest = QCryptographicHash::hash(salted, QCryptographicHash::Sha256);
        QCOMPARE(m.captured(2), QString::fromLatin1(digest.toHex()));
    }

    void malformedStoredValuesNeverMatch_data()
    {
        QTest::addColumn<QString>("stored");
        const QString good = secrets::hash(QStringLiteral("s"));
        QTest::addRow("empty") << QString();
        QTest::addRow("clear text") << QStringLiteral("s");
        QTest::addRow("other scheme") << QString(good).replace(0, 6, QStringLiteral("sha512"));
        QTest::addRow("short") << good.chopped(1);
        QTest::addRow("long") << good + QLatin1Char('0');
        QTest::addRow("no separators") << QString(good).replace(QLatin1Char('$'), QLatin1Char('x'));
    }

    void malformedStoredValuesNeverMatch()
    {
        QFETCH(QString, stored);
        QVERIFY(!secrets::matches(stored, "s"));
    }

    void generatedSecrets()
    {
        const QString s = secrets::generate(u"secret_live_");
        QVERIFY(s.contains(QRegularExpression(QStringLiteral("^secret_live_[A-Za-z0-9]{32}$"))));
        QVERIFY(s != secrets::generate(u"secret_live_"));
    }
};

QTEST_GUILESS_MAIN(TestSecretHash)
#include "tst_secrethash.moc"
