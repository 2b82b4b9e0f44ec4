// A minimal healthy core in its own process, for load tests of the edge: it
// answers every POST /v1/bets with a valid ACCEPTED (a new bet id each, at
// the requested price) and every GET with 404, as fast as node:http can.
// Not the reference core (no idempotency, no price check): it stands for a
// core that is up and quick, so a load test measures the edge alone.
// Prints its URL on stdout, then serves until killed.
import { createServer } from 'node:http';

let next = 0;
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.method !== 'POST') {
      res.writeHead(404, { 'content-length': 2 });
      return res.end('{}');
    }
    const { price } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const body = JSON.stringify({ outcome: 'accepted', betId: `HEALTHY-${process.pid}-${++next}`, acceptedPrice: price });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 65_000;
server.on('connection', (socket) => socket.setNoDelay(true));
server.listen(0, '127.0.0.1', () => process.stdout.write(`http://127.0.0.1:${server.address().port}\n`));
