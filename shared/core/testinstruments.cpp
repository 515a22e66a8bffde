#include "core/testinstruments.h"

namespace gw {

namespace {
TestInstrument vpa(const char *address, bool succeeds, const char *code = "",
                   const char *description = "")
{
    return {PaymentMethod::Upi,      QLatin1StringView(address),    {}, {}, succeeds,
            QLatin1StringView(code), QLatin1StringView(description)};
}

TestInstrument card(const char *number, const char *network, bool succeeds, const char *code = "",
                    const char *description = "")
{
    const QString digits = QLatin1StringView(number);
    return {PaymentMethod::Card,
            digits,
            QLatin1StringView(network),
            digits.right(4),
            succeeds,
            QLatin1StringView(code),
            QLatin1StringView(description)};
}
} // namespace

const QList<TestInstrument> &testInstruments()
{
    static const QList<TestInstrument> all{
        vpa("success@test", true),
        vpa("failure@test", false, "PAYMENT_FAILED",
            "Test VPA failure@test: the payment always fails"),
        vpa("insufficient@test", false, "INSUFFICIENT_FUNDS",
            "Test VPA insufficient@test: insufficient funds"),
        card("4242424242424242", "visa", true),
        card("5555555555554444", "mastercard", true),
        card("4000000000000002", "visa", false, "CARD_DECLINED",
             "Test card 4000 0000 0000 0002: declined"),
        card("4000000000009995", "visa", false, "INSUFFICIENT_FUNDS",
             "Test card 4000 0000 0000 9995: insufficient funds"),
    };
    return all;
}

} // namespace gw
