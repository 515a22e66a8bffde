// A keep-alive webhook receiver for bench/worker-throughput: answers every POST with 200 and
// counts them. Prints "port N" once listening.
import http from 'node:http';

let received = 0;
const server = http.createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    received++;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 2 });
    res.end('{}');
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => console.log(`port ${server.address().port}`));
process.on('SIGTERM', () => { console.log(`received ${received}`); process.exit(0); });
