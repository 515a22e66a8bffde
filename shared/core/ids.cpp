#include "core/ids.h"

#include <openssl/rand.h>

#include <array>
#include <stdexcept>

namespace gw::ids {

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr int kAlphabetSize = 62;
// Largest multiple of 62 below 256: bytes above it are dropped so every character is equally
// likely.
constexpr unsigned kAcceptBelow = 248;
} // namespace

QString make(QStringView prefix)
{
    QString id;
    id.reserve(prefix.size() + kRandomLength);
    id.append(prefix);
    std::array<unsigned char, 64> bytes{};
    while (id.size() < prefix.size() + kRandomLength) {
        if (RAND_bytes(bytes.data(), int(bytes.size())) != 1)
            throw std::runtime_error("RAND_bytes failed"); // the OS RNG is gone: nothing is safe
        for (unsigned char b : bytes) {
            if (b >= kAcceptBelow)
                continue;
            id.append(QLatin1Char(kAlphabet[b % kAlphabetSize]));
            if (id.size() == prefix.size() + kRandomLength)
                break;
        }
    }
    return id;
}

bool isValid(QStringView id, QStringView prefix)
{
    if (!id.startsWith(prefix) || id.size() != prefix.size() + kRandomLength)
        return false;
    for (QChar c : id.mid(prefix.size())) {
        const char16_t u = c.unicode();
        const bool alnum =
            (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9');
        if (!alnum)
            return false;
    }
    return true;
}

} // namespace gw::ids
