#pragma once
// Many POSTs sent at once, each on its own connection, for tests of races: every request leaves
// before any answer is awaited.
#include <QByteArray>
#include <QList>
#include <QString>
#include <functional>

namespace gw::test {

struct ParallelAnswer
{
    int status = 0; // 0: no HTTP answer
    QByteArray body;
    QByteArray replayed; // the Idempotent-Replayed header
};

struct ParallelPosts
{
    QStringList bases; // request i goes to bases[i % size] (several API processes)
    QString path;
    bool withSecret = true; // false: X-Api-Key alone (the public checkout routes)
    // The Idempotency-Key of request i; none when empty.
    std::function<QByteArray(int)> key = {};
};

// Sends every body at once as `posts` says, with the test merchant's key, and waits (at most a
// minute) for all the answers, in the order of `bodies`.
QList<ParallelAnswer> postInParallel(const ParallelPosts &posts, const QList<QByteArray> &bodies);

} // namespace gw::test
