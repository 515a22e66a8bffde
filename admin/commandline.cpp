#include "admin/commandline.h"

#include <QRegularExpression>
#include <QUrl>

namespace gw::admin {

namespace {
constexpr qint64 kMaxGraceSeconds = 30LL * 24 * 3600;

struct Verb
{
    QString group;
    QString verb;
    Command command;
    bool needsTarget;
    QStringList options; // value options it takes, besides --json
};

const QList<Verb> &verbs()
{
    static const QList<Verb> all{
        {QStringLiteral("merchant"),
         QStringLiteral("create"),
         Command::MerchantCreate,
         false,
         {QStringLiteral("--name"), QStringLiteral("--email"), QStringLiteral("--webhook-url")}},
        {QStringLiteral("merchant"), QStringLiteral("list"), Command::MerchantList, false, {}},
        {QStringLiteral("merchant"), QStringLiteral("show"), Command::MerchantShow, true, {}},
        {QStringLiteral("merchant"),
         QStringLiteral("deactivate"),
         Command::MerchantDeactivate,
         true,
         {}},
        {QStringLiteral("merchant"),
         QStringLiteral("activate"),
         Command::MerchantActivate,
         true,
         {}},
        {QStringLiteral("merchant"),
         QStringLiteral("rate-limit"),
         Command::MerchantRateLimit,
         true,
         {QStringLiteral("--per-second"), QStringLiteral("--burst"),
          QStringLiteral("--unlimited")}},
        {QStringLiteral("key"),
         QStringLiteral("rotate"),
         Command::KeyRotate,
         true,
         {QStringLiteral("--grace")}},
        {QStringLiteral("payments"),
         QStringLiteral("duplicates"),
         Command::PaymentsDuplicates,
         false,
         {}},
    };
    return all;
}

ApiError usageError(const QString &why, const QString &field = {})
{
    return ApiError::badRequest(why, field);
}

// "--name=x" or "--name x".
Result<QMap<QString, QString>> splitOptions(const QStringList &args, QStringList &positional,
                                            bool &json)
{
    QMap<QString, QString> options;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == QStringLiteral("--json")) {
            json = true;
        } else if (a == QStringLiteral("--unlimited")) {
            options.insert(a, QString()); // a flag: takes no value
        } else if (a == QStringLiteral("--help") || a == QStringLiteral("-h")) {
            positional = {QStringLiteral("help")};
            return options;
        } else if (a.startsWith(QStringLiteral("--"))) {
            const qsizetype eq = a.indexOf(QLatin1Char('='));
            const QString name = eq < 0 ? a : a.left(eq);
            if (options.contains(name))
                return usageError(QStringLiteral("%1 is given twice").arg(name), name);
            if (eq >= 0)
                options.insert(name, a.mid(eq + 1));
            else if (i + 1 < args.size())
                options.insert(name, args[++i]);
            else
                return usageError(QStringLiteral("%1 needs a value").arg(name), name);
        } else {
            positional << a;
        }
    }
    return options;
}

Result<QString> checkedText(const QString &option, const QString &value, int maxLength)
{
    const QString v = value.trimmed();
    if (v.isEmpty())
        return usageError(QStringLiteral("%1 must not be empty").arg(option), option);
    if (v.size() > maxLength)
        return usageError(
            QStringLiteral("%1 is longer than %2 characters").arg(option).arg(maxLength), option);
    for (QChar c : v)
        if (c.category() == QChar::Other_Control)
            return usageError(QStringLiteral("%1 contains a control character").arg(option),
                              option);
    return v;
}

Result<store::NewAccount> newAccount(const QMap<QString, QString> &options)
{
    store::NewAccount a;
    for (const QString &required : {QStringLiteral("--name"), QStringLiteral("--email")})
        if (!options.contains(required))
            return usageError(QStringLiteral("merchant create needs %1").arg(required), required);
    auto name = checkedText(QStringLiteral("--name"), options.value(QStringLiteral("--name")), 255);
    if (!name)
        return name.error();
    auto email =
        checkedText(QStringLiteral("--email"), options.value(QStringLiteral("--email")), 254);
    if (!email)
        return email.error();
    static const QRegularExpression emailShape(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    if (!emailShape.match(*email).hasMatch())
        return usageError(QStringLiteral("--email is not an email address: \"%1\"").arg(*email),
                          QStringLiteral("--email"));
    a.name = *name;
    a.email = *email;
    if (options.contains(QStringLiteral("--webhook-url"))) {
        auto url = checkedText(QStringLiteral("--webhook-url"),
                               options.value(QStringLiteral("--webhook-url")), 2048);
        if (!url)
            return url.error();
        const QUrl parsed(*url, QUrl::StrictMode);
        if (!parsed.isValid() || parsed.host().isEmpty() ||
            (parsed.scheme() != QStringLiteral("http") &&
             parsed.scheme() != QStringLiteral("https")))
            return usageError(
                QStringLiteral("--webhook-url must be an absolute http(s) URL, not \"%1\"")
                    .arg(*url),
                QStringLiteral("--webhook-url"));
        a.webhookUrl = *url;
    }
    return a;
}
Result<int> positiveCount(const QMap<QString, QString> &options, const QString &option)
{
    bool ok = false;
    const int v = options.value(option).trimmed().toInt(&ok);
    if (!ok || v < 1 || v > 1'000'000)
        return usageError(QStringLiteral("%1 must be a whole number from 1 to 1000000, not \"%2\"")
                              .arg(option, options.value(option)),
                          option);
    return v;
}

// --unlimited, or --per-second N [--burst M] (bursts default to two seconds' worth).
OkOrError readRateLimit(const QMap<QString, QString> &options, CommandLine &cl)
{
    const QString perSecond = QStringLiteral("--per-second");
    const QString burst = QStringLiteral("--burst");
    if (options.contains(QStringLiteral("--unlimited"))) {
        if (options.contains(perSecond) || options.contains(burst))
            return usageError(
                QStringLiteral("--unlimited does not go with --per-second or --burst"),
                QStringLiteral("--unlimited"));
        return Ok{};
    }
    if (!options.contains(perSecond))
        return usageError(QStringLiteral("merchant rate-limit needs --per-second N or --unlimited"),
                          perSecond);
    auto rate = positiveCount(options, perSecond);
    if (!rate)
        return rate.error();
    cl.ratePerSecond = *rate;
    cl.rateBurst = qMin(2 * *rate, 1'000'000);
    if (options.contains(burst)) {
        auto size = positiveCount(options, burst);
        if (!size)
            return size.error();
        cl.rateBurst = *size;
    }
    return Ok{};
}
} // namespace

Result<qint64> parseDuration(const QString &text)
{
    static const QRegularExpression shape(QStringLiteral("^(\\d{1,9})([smhd]?)$"));
    const auto m = shape.match(text.trimmed());
    const ApiError bad = usageError(
        QStringLiteral(
            "--grace must be a duration such as 24h, 90m, 30s or 2d (at most 30 days), not \"%1\"")
            .arg(text),
        QStringLiteral("--grace"));
    if (!m.hasMatch())
        return bad;
    const qint64 unit = m.captured(2) == u"d"   ? 86400
                        : m.captured(2) == u"h" ? 3600
                        : m.captured(2) == u"m" ? 60
                                                : 1;
    const qint64 seconds = m.captured(1).toLongLong() * unit;
    if (seconds > kMaxGraceSeconds)
        return bad;
    return seconds;
}

Result<CommandLine> parseCommandLine(const QStringList &arguments)
{
    CommandLine cl;
    QStringList positional;
    auto options = splitOptions(arguments, positional, cl.json);
    if (!options)
        return options.error();
    if (positional.isEmpty())
        return usageError(QStringLiteral("no command given (see --help)"));
    if (positional.first() == QStringLiteral("help"))
        return cl;                                       // Command::Help
    if (positional.first() == QStringLiteral("check")) { // one word, no options
        if (!options->isEmpty())
            return usageError(QStringLiteral("check does not take %1").arg(options->firstKey()),
                              options->firstKey());
        if (positional.size() > 1)
            return usageError(
                QStringLiteral("check: unexpected argument \"%1\"").arg(positional[1]));
        cl.command = Command::Check;
        return cl;
    }
    if (positional.size() < 2)
        return usageError(
            QStringLiteral("\"%1\" needs a command after it (see --help)").arg(positional.first()));
    const auto verb = std::find_if(verbs().cbegin(), verbs().cend(), [&](const Verb &v) {
        return v.group == positional[0] && v.verb == positional[1];
    });
    if (verb == verbs().cend())
        return usageError(QStringLiteral("unknown command \"%1 %2\" (see --help)")
                              .arg(positional[0], positional[1]));
    const QString name = verb->group + QLatin1Char(' ') + verb->verb;
    for (auto it = options->cbegin(); it != options->cend(); ++it)
        if (!verb->options.contains(it.key()))
            return usageError(QStringLiteral("%1 does not take %2").arg(name, it.key()), it.key());
    const qsizetype wanted = verb->needsTarget ? 3 : 2;
    if (positional.size() < wanted)
        return usageError(QStringLiteral("%1 needs the merchant's id or key").arg(name));
    if (positional.size() > wanted)
        return usageError(
            QStringLiteral("%1: unexpected argument \"%2\"").arg(name, positional[wanted]));
    cl.command = verb->command;
    if (verb->needsTarget) {
        auto target = checkedText(QStringLiteral("the id or key"), positional[2], 255);
        if (!target)
            return target.error();
        cl.target = *target;
    }
    if (cl.command == Command::MerchantCreate) {
        auto account = newAccount(*options);
        if (!account)
            return account.error();
        cl.account = *account;
    }
    if (cl.command == Command::MerchantRateLimit)
        if (auto s = readRateLimit(*options, cl); !s)
            return s.error();
    if (options->contains(QStringLiteral("--grace"))) {
        auto grace = parseDuration(options->value(QStringLiteral("--grace")));
        if (!grace)
            return grace.error();
        cl.graceSeconds = *grace;
    }
    return cl;
}

QString usage()
{
    return QStringLiteral(
        "gateway-admin: manage merchant accounts in the gateway's database (DATABASE_URL),\n"
        "with the server's API secret hash key (API_SECRET_HASH_KEY or API_SECRET_HASH_KEY_FILE).\n"
        "\n"
        "  gateway-admin merchant create --name NAME --email EMAIL [--webhook-url URL]\n"
        "      A new account with a live key (key_live_…) and a test key (key_test_…). Their\n"
        "      secrets are printed once: only their keyed hashes are stored.\n"
        "  gateway-admin merchant list\n"
        "  gateway-admin merchant show ID|KEY\n"
        "  gateway-admin merchant deactivate ID|KEY     both keys are refused within seconds\n"
        "  gateway-admin merchant activate ID|KEY\n"
        "  gateway-admin merchant rate-limit ID|KEY --per-second N [--burst M] | --unlimited\n"
        "      Each key's token bucket (shared by every API process); new accounts get 25/s,\n"
        "      bursts of 50; beyond it the API answers 429 RATE_LIMITED with Retry-After.\n"
        "  gateway-admin key rotate KEY [--grace 24h]\n"
        "      A new secret for KEY; the old one keeps working for the grace period (s, m, h, d;\n"
        "      0 stops it at once; at most 30d), then it is refused.\n"
        "  gateway-admin payments duplicates\n"
        "      Successful payments that paid their order a second time (found when one live\n"
        "      payment per order was enforced, migration 063), for an operator to refund.\n"
        "  gateway-admin check\n"
        "      Checks the money's invariants over the whole database; exit code 0 when all\n"
        "      hold, else 1 with each violation listed (invariant, subject, what was found).\n"
        "\n"
        "  --json   machine-readable output on stdout\n"
        "\n"
        "Exit codes: 0 done, 1 database or internal failure, 2 bad command line or input,\n"
        "3 no such merchant or key.\n");
}

} // namespace gw::admin
