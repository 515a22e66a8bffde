// HttpResponseReader: the webhook sender's response framing, fed byte by byte and whole.
#include "worker/httpresponsereader.h"

#include <QTest>

using gw::worker::HttpResponseReader;
using State = HttpResponseReader::State;

class TestHttpResponseReader : public QObject
{
    Q_OBJECT

    // Feeds `bytes` in pieces of `piece` bytes; then, if `close`, the peer's close.
    static State read(HttpResponseReader &r, const QByteArray &bytes, qsizetype piece, bool close)
    {
        State s = State::Incomplete;
        for (qsizetype i = 0; i < bytes.size(); i += piece)
            s = r.feed(QByteArrayView(bytes).sliced(i, qMin(piece, bytes.size() - i)));
        return close ? r.closed() : s;
    }

private Q_SLOTS:
    void responses_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("close");
        QTest::addColumn<int>("state");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("keepAlive");

        const int complete = int(State::Complete), invalid = int(State::Invalid),
                  incomplete = int(State::Incomplete);
        QTest::addRow("content-length")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}") << false << complete
            << 200 << QByteArray("{}") << true;
        QTest::addRow("no reason phrase") << QByteArray("HTTP/1.1 204\r\n\r\n") << false << complete
                                          << 204 << QByteArray() << true;
        QTest::addRow("connection close")
            << QByteArray("HTTP/1.1 500 X\r\nConnection: close\r\nContent-Length: 4\r\n\r\nnope")
            << false << complete << 500 << QByteArray("nope") << false;
        QTest::addRow("http/1.0 keep-alive")
            << QByteArray("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n")
            << false << complete << 200 << QByteArray() << true;
        QTest::addRow("http/1.0 closes")
            << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n") << false << complete
            << 200 << QByteArray() << false;
        QTest::addRow("chunked with extension and trailer")
            << QByteArray("HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nX-Trailer: 1\r\n\r\n")
            << false << complete << 201 << QByteArray("abcde") << true;
        QTest::addRow("until close") << QByteArray("HTTP/1.1 200 OK\r\n\r\nsome body") << true
                                     << complete << 200 << QByteArray("some body") << false;
        QTest::addRow("interim 100 then the answer")
            << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 302 Found\r\nLocation: /x\r\n"
                          "Content-Length: 1\r\n\r\nz")
            << false << complete << 302 << QByteArray("z") << true;
        QTest::addRow("bytes after the response")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\n")
            << false << complete << 200 << QByteArray() << false;
        QTest::addRow("body still coming")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab") << false << incomplete
            << 200 << QByteArray("ab") << true;
        QTest::addRow("closed mid-body")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab") << true << invalid
            << 200 << QByteArray("ab") << false;
        QTest::addRow("closed before any byte")
            << QByteArray() << true << invalid << 0 << QByteArray() << false;
        QTest::addRow("not http") << QByteArray("SSH-2.0-OpenSSH\r\n\r\n") << false << invalid << 0
                                  << QByteArray() << false;
        QTest::addRow("bad status") << QByteArray("HTTP/1.1 2000 OK\r\n\r\n") << false << invalid
                                    << 0 << QByteArray() << false;
        QTest::addRow("conflicting lengths")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
            << false << invalid << 0 << QByteArray() << false;
        QTest::addRow("bad chunk size")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") << false
            << invalid << 200 << QByteArray() << false;
        QTest::addRow("switching protocols")
            << QByteArray("HTTP/1.1 101 Switching Protocols\r\n\r\n") << false << invalid << 0
            << QByteArray() << false;
    }

    void responses()
    {
        // Whatever pieces the bytes come in: one at a time, seven, or all at once.
        QFETCH(QByteArray, bytes);
        QFETCH(bool, close);
        QFETCH(int, state);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, keepAlive);
        for (const qsizetype piece :
             {qsizetype(1), qsizetype(7), qMax<qsizetype>(1, bytes.size())}) {
            HttpResponseReader r(4096);
            QCOMPARE(int(read(r, bytes, piece, close)), state);
            QCOMPARE(r.status(), status);
            QCOMPARE(r.body(), body);
            QCOMPARE(r.keepAlive(), keepAlive);
            QCOMPARE(r.error().isEmpty(), state != int(State::Invalid));
        }
    }

    void keepsOnlyTheFirstBytesOfABody()
    {
        const QByteArray big(10'000, 'x');
        HttpResponseReader r(4096);
        const QByteArray response = "HTTP/1.1 500 X\r\nContent-Length: 10000\r\n\r\n" + big;
        QCOMPARE(r.feed(response), State::Complete);
        QCOMPARE(r.body(), big.left(4096));
        QVERIFY(r.keepAlive());
    }

    void resetReadsTheNextResponse()
    {
        HttpResponseReader r(4096);
        QCOMPARE(r.feed("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"), State::Complete);
        r.reset();
        QVERIFY(!r.started());
        QCOMPARE(r.feed("HTTP/1.1 503 X\r\nContent-Length: 1\r\n\r\n!"), State::Complete);
        QCOMPARE(r.status(), 503);
        QCOMPARE(r.body(), QByteArray("!"));
    }
};

QTEST_GUILESS_MAIN(TestHttpResponseReader)
#include "tst_httpresponsereader.moc"
