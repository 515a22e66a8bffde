#include "admin/admincommands.h"

#include "admin/adminoutput.h"
#include "store/moneychecks.h"
#include "store/paymentstore.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace gw::admin {

namespace {
template <typename T>
int print(const Result<T> &r, bool json, QTextStream &out, QTextStream &err,
          QJsonValue (*toJson)(const T &), QString (*toText)(const T &))
{
    if (!r) {
        err << "gateway-admin: " << r.error().description << Qt::endl;
        return exitCode(r.error());
    }
    if (json) {
        const QJsonValue v = toJson(r.value());
        out << (v.isArray() ? QJsonDocument(v.toArray()) : QJsonDocument(v.toObject()))
                   .toJson(QJsonDocument::Indented);
    } else {
        out << toText(r.value());
    }
    out.flush();
    return kOk;
}

QJsonValue accountValue(const store::Account &a)
{
    return accountJson(a);
}
QJsonValue createdValue(const store::CreatedAccount &c)
{
    return createdJson(c);
}
QJsonValue rotatedValue(const store::RotatedKey &r)
{
    return rotatedJson(r);
}
QJsonValue listValue(const QList<store::Account> &accounts)
{
    QJsonArray a;
    for (const auto &account : accounts)
        a.append(accountJson(account));
    return a;
}
QJsonValue duplicatesValue(const QList<DuplicatePayment> &payments)
{
    QJsonArray a;
    for (const auto &p : payments)
        a.append(duplicateJson(p));
    return a;
}
QString duplicatesText(const QList<DuplicatePayment> &payments)
{
    QString s;
    for (const auto &p : payments)
        s += duplicateLine(p) + QLatin1Char('\n');
    return s.isEmpty() ? QStringLiteral("no order was paid twice\n") : s;
}

// Exit 0 when every invariant holds, else 1 (kFailure) with each violation.
int check(store::Connection &db, bool json, QTextStream &out, QTextStream &err)
{
    const auto found = store::MoneyChecks(db).run();
    if (!found) {
        err << "gateway-admin: " << found.error().description << Qt::endl;
        return exitCode(found.error());
    }
    if (json) {
        QJsonArray a;
        for (const auto &v : found.value())
            a.append(violationJson(v));
        out << QJsonDocument(a).toJson(QJsonDocument::Indented);
    } else {
        for (const auto &v : found.value())
            out << violationLine(v) << '\n';
        if (found->isEmpty())
            out << "all " << store::MoneyChecks::invariants().size() << " invariants hold: "
                << store::MoneyChecks::invariants().join(QStringLiteral(", ")) << '\n';
    }
    out.flush();
    return found->isEmpty() ? kOk : kFailure;
}

QString listText(const QList<store::Account> &accounts)
{
    QString s;
    for (const auto &account : accounts)
        s += accountLine(account) + QLatin1Char('\n');
    return s;
}
} // namespace

int exitCode(const ApiError &error)
{
    switch (error.code) {
    case ErrorCode::BadRequest:
        return kBadInput;
    case ErrorCode::NotFound:
        return kNotFound;
    default:
        return kFailure;
    }
}

int run(const CommandLine &cl, store::Connection &db, const secrets::Hasher &hasher,
        QTextStream &out, QTextStream &err)
{
    store::AccountStore accounts(db, hasher);
    switch (cl.command) {
    case Command::Help:
        out << usage();
        return kOk;
    case Command::MerchantCreate:
        return print(accounts.create(cl.account), cl.json, out, err, createdValue, createdText);
    case Command::MerchantList:
        return print(accounts.list(), cl.json, out, err, listValue, listText);
    case Command::MerchantShow:
        return print(accounts.find(cl.target), cl.json, out, err, accountValue, accountText);
    case Command::MerchantDeactivate:
        return print(accounts.setActive(cl.target, false), cl.json, out, err, accountValue,
                     accountText);
    case Command::MerchantActivate:
        return print(accounts.setActive(cl.target, true), cl.json, out, err, accountValue,
                     accountText);
    case Command::MerchantRateLimit:
        return print(accounts.setRateLimit(cl.target, cl.ratePerSecond, cl.rateBurst), cl.json, out,
                     err, accountValue, accountText);
    case Command::KeyRotate:
        return print(accounts.rotate(cl.target, cl.graceSeconds), cl.json, out, err, rotatedValue,
                     rotatedText);
    case Command::PaymentsDuplicates:
        return print(store::PaymentStore(db).duplicates(), cl.json, out, err, duplicatesValue,
                     duplicatesText);
    case Command::Check:
        return check(db, cl.json, out, err);
    }
    return kFailure;
}

} // namespace gw::admin
