// The guard's view of the HTTP byte stream: limits found from headers and chunk sizes, whatever
// way the bytes are split across reads.
#include "httpguard/requestframer.h"

#include <QTest>

using gw::http::FrameLimits;
using gw::http::RequestFramer;
using Verdict = RequestFramer::Verdict;

Q_DECLARE_METATYPE(Verdict)

class TestRequestFramer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void verdicts_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<Verdict>("verdict");
        QTest::addColumn<bool>("inRequest");
        const QByteArray get = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
        QTest::addRow("get") << get << Verdict::Fine << false;
        QTest::addRow("two pipelined gets") << get + get << Verdict::Fine << false;
        QTest::addRow("half header") << QByteArray("GET / HTTP/1.1\r\nHo") << Verdict::Fine << true;
        QTest::addRow("post with body")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello") << Verdict::Fine
            << false;
        QTest::addRow("post half body")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhel") << Verdict::Fine
            << true;
        QTest::addRow("limit exactly")
            << QByteArray("POST / HTTP/1.1\r\ncontent-length: 1048576\r\n\r\n") << Verdict::Fine
            << true;
        QTest::addRow("over limit")
            << QByteArray("POST / HTTP/1.1\r\nCONTENT-LENGTH: 1048577\r\n\r\n")
            << Verdict::BodyTooLarge << true;
        QTest::addRow("huge length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 99999999999999\r\n")
            << Verdict::BodyTooLarge << true;
        QTest::addRow("negative length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n")
                                         << Verdict::Malformed << true;
        QTest::addRow("header without colon")
            << QByteArray("GET / HTTP/1.1\r\nnonsense\r\n") << Verdict::Malformed << true;
        QTest::addRow("huge header") << QByteArray("GET / HTTP/1.1\r\nX: ") + QByteArray(40000, 'a')
                                     << Verdict::HeadersTooLarge << true;
        QByteArray many = "GET / HTTP/1.1\r\n";
        for (int i = 0; i < 101; ++i)
            many += "X-" + QByteArray::number(i) + ": 1\r\n";
        QTest::addRow("101 fields") << many << Verdict::HeadersTooLarge << true;
        QTest::addRow("chunked small")
            << QByteArray(
                   "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
            << Verdict::Fine << false;
        QTest::addRow("chunked mid chunk")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n80000\r\n") +
                   QByteArray(100, 'a') + QByteArray("")
            << Verdict::Fine << true;
        QTest::addRow("chunked bad size")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
            << Verdict::Malformed << true;
        QTest::addRow("chunked sum over limit")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nFFFFF\r\n") +
                   QByteArray(0xFFFFF, 'a') + QByteArray("\r\n2\r\n")
            << Verdict::BodyTooLarge << true;
    }

    void verdicts()
    {
        QFETCH(QByteArray, stream);
        QFETCH(Verdict, verdict);
        QFETCH(bool, inRequest);
        // Whole, and byte by byte: the verdict must not depend on how reads split the stream.
        RequestFramer whole;
        QCOMPARE(whole.feed(stream), verdict);
        QCOMPARE(whole.inRequest(), inRequest);
        RequestFramer bytewise;
        Verdict last = Verdict::Fine;
        for (char c : stream)
            last = bytewise.feed(&c, 1);
        QCOMPARE(last, verdict);
    }

    void phasesAndCounts()
    {
        // The guard's deadlines follow these: head, body (with its bytes so far), requests begun
        // and ended, also when one read holds the end of one request and the start of the next.
        using Phase = RequestFramer::Phase;
        RequestFramer f;
        QCOMPARE(f.phase(), Phase::Idle);
        f.feed(QByteArray("POST / HTTP/1.1\r\nContent-Le"));
        QCOMPARE(f.phase(), Phase::Head);
        QCOMPARE(f.requestsBegun(), 1u);
        f.feed(QByteArray("ngth: 10\r\n\r\nabcd"));
        QCOMPARE(f.phase(), Phase::Body);
        QCOMPARE(f.bodyBytesReceived(), 4);
        f.feed(QByteArray("efghijGET / HTTP/1.1\r\n"));
        QCOMPARE(f.requestsEnded(), 1u);
        QCOMPARE(f.requestsBegun(), 2u);
        QCOMPARE(f.phase(), Phase::Head);
        f.feed(QByteArray("Transfer-Encoding: chunked\r\n\r\n5\r\nhel"));
        QCOMPARE(f.phase(), Phase::Body);
        QCOMPARE(f.bodyBytesReceived(), 6);
        f.feed(QByteArray("lo\r\n0\r\n\r\n"));
        QCOMPARE(f.phase(), Phase::Idle);
        QCOMPARE(f.requestsEnded(), 2u);
    }

    void verdictIsFinal()
    {
        RequestFramer f;
        QCOMPARE(f.feed(QByteArray("POST / HTTP/1.1\r\nContent-Length: 2000000\r\n\r\n")),
                 Verdict::BodyTooLarge);
        QCOMPARE(f.feed(QByteArray("GET / HTTP/1.1\r\n\r\n")), Verdict::BodyTooLarge);
    }

    void customLimits()
    {
        FrameLimits limits;
        limits.maxBodyBytes = 10;
        RequestFramer f(limits);
        QCOMPARE(f.feed(QByteArray("POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n")),
                 Verdict::BodyTooLarge);
    }
};

QTEST_GUILESS_MAIN(TestRequestFramer)
#include "tst_requestframer.moc"
