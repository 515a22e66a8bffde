// API secrets at rest: the stored form verifies its secret and nothing else, and only under the
// key it was made with; equal secrets get different salts; a malformed stored value never
// matches; the format is hmac-sha256$<32 hex salt>$<64 hex HMAC(key, sha256(salt || secret))>, so
// migration 060's unkeyed sha256$<salt>$<sha256(salt || secret)> converts without the secret.
#include "core/secrethash.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>
#include <QTest>

using namespace gw;

namespace {
const QByteArray kKey = QByteArrayLiteral("0123456789abcdef0123456789abcdef-unit");
const QByteArray kOtherKey = QByteArrayLiteral("0123456789abcdef0123456789abcdef-unix");

// What migration 060 stored: 'sha256$' || salt || '$' || hex(sha256(salt || secret)).
QString unkeyed(const QString &salt, const QByteArray &secret)
{
    return QStringLiteral("sha256$") + salt + QLatin1Char('$') +
           QString::fromLatin1(QCryptographicHash::hash(QByteArray(salt.toLatin1() + secret),
                                                        QCryptographicHash::Sha256)
                                   .toHex());
}
} // namespace

class TestSecretHash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void verifiesOnlyItsSecret()
    {
        const secrets::Hasher hasher(kKey);
        const QString stored = hasher.hash(QStringLiteral("secret_test_xyz789"));
        QVERIFY(hasher.matches(stored, "secret_test_xyz789"));
        for (const char *wrong : {"", "secret_test_xyz78", "secret_test_xyz7899",
                                  "secret_test_xyz788", "SECRET_TEST_XYZ789"})
            QVERIFY2(!hasher.matches(stored, wrong), wrong);
        QVERIFY(!hasher.matches(stored, stored.toUtf8())); // the hash is no credential
    }

    void onlyUnderItsKey()
    {
        const QString stored = secrets::Hasher(kKey).hash(QStringLiteral("secret_test_xyz789"));
        QVERIFY(!secrets::Hasher(kOtherKey).matches(stored, "secret_test_xyz789"));
        QVERIFY(!secrets::Hasher(QByteArray()).matches(stored, "secret_test_xyz789"));
        const QString salt = stored.section(QLatin1Char('$'), 1, 1);
        const QString convertedElsewhere =
            *secrets::Hasher(kOtherKey).keyUnkeyed(unkeyed(salt, "secret_test_xyz789"));
        QVERIFY(convertedElsewhere != stored);
        QVERIFY(!secrets::Hasher(kKey).matches(convertedElsewhere, "secret_test_xyz789"));
    }

    void saltedAndKeyed()
    {
        const secrets::Hasher hasher(kKey);
        const QString a = hasher.hash(QStringLiteral("same"));
        const QString b = hasher.hash(QStringLiteral("same"));
        QVERIFY(a != b);
        static const QRegularExpression shape(
            QStringLiteral("^hmac-sha256\\$([0-9a-f]{32})\\$([0-9a-f]{64})$"));
        const auto m = shape.match(a);
        QVERIFY2(m.hasMatch(), qPrintable(a));
        const QByteArray inner = QCryptographicHash::hash(
            QByteArray(m.captured(1).toLatin1() + "same"), QCryptographicHash::Sha256);
        QCOMPARE(
            m.captured(2),
            QString::fromLatin1(
                QMessageAuthenticationCode::hash(inner, kKey, QCryptographicHash::Sha256).toHex()));
    }

    void unkeyedFormConvertsWithoutTheSecret()
    {
        const secrets::Hasher hasher(kKey);
        const QString old =
            unkeyed(QStringLiteral("00112233445566778899aabbccddeeff"), "secret_test_xyz789");
        QVERIFY(!hasher.matches(old, "secret_test_xyz789")); // unkeyed rows are not accepted
        const auto keyed = hasher.keyUnkeyed(old);
        QVERIFY(keyed);
        QVERIFY2(keyed->startsWith(QStringLiteral("hmac-sha256$00112233445566778899aabbccddeeff$")),
                 qPrintable(*keyed));
        QVERIFY(hasher.matches(*keyed, "secret_test_xyz789"));
        QVERIFY(!hasher.matches(*keyed, "secret_test_xyz788"));
        QVERIFY(!hasher.keyUnkeyed(*keyed)); // converting twice changes nothing
        QVERIFY(!hasher.keyUnkeyed(old.chopped(1)));
        QVERIFY(!hasher.keyUnkeyed(QStringLiteral("secret_test_xyz789")));
    }

    void malformedStoredValuesNeverMatch_data()
    {
        QTest::addColumn<QString>("stored");
        const QString good = secrets::Hasher(kKey).hash(QStringLiteral("s"));
        QTest::addRow("empty") << QString();
        QTest::addRow("clear text") << QStringLiteral("s");
        QTest::addRow("other scheme") << QString(good).replace(0, 4, QStringLiteral("hmac-sha512"));
        QTest::addRow("short") << good.chopped(1);
        QTest::addRow("long") << good + QLatin1Char('0');
        QTest::addRow("no separators") << QString(good).replace(QLatin1Char('$'), QLatin1Char('x'));
        QTest::addRow("not hex") << good.chopped(2) + QStringLiteral("zz");
    }

    void malformedStoredValuesNeverMatch()
    {
        QFETCH(QString, stored);
        QVERIFY(!secrets::Hasher(kKey).matches(stored, "s"));
    }

    void fingerprintNamesTheKey()
    {
        const QString f = secrets::Hasher(kKey).fingerprint();
        QVERIFY(f.contains(QRegularExpression(QStringLiteral("^[0-9a-f]{16}$"))));
        QCOMPARE(secrets::Hasher(kKey).fingerprint(), f);
        QVERIFY(secrets::Hasher(kOtherKey).fingerprint() != f);
        QVERIFY(!f.contains(QString::fromLatin1(kKey.left(8))));
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
