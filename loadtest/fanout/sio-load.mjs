// Socket.IO clients (Node: Socket.IO's protocol is not worth a C client here; at Socket.IO's
// throughput this generator is not the bottleneck, and its CPU is printed to show it).
// Output format as wsload: "t_ms deliveries" per second, JSON histogram on SIGUSR1 and at the end.
import { io } from 'socket.io-client';

const [port, connections, durationMs, subsCsv] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4]), process.argv[5]];
const subs = subsCsv.split(';').map((s) => s.split(','));
const hist = new Array(10_001).fill(0);
let deliveries = 0;
let samples = 0;
const start = performance.now();
const cpu0 = process.cpuUsage();

function publishedAt(buf) {
  // OddsUpdate: scan top-level fields for 7 (varint).
  let i = 0;
  const varint = () => {
    let v = 0;
    let m = 1;
    let b;
    do {
      b = buf[i++];
      v += (b & 127) * m;
      m *= 128;
    } while (b & 128);
    return v;
  };
  while (i < buf.length) {
    const key = varint();
    const wt = key & 7;
    if (wt === 0) {
      const v = varint();
      if (key >> 3 === 7) return v;
    } else if (wt === 2) i += varint();
    else return 0;
  }
  return 0;
}

function dump() {
  const last = hist.findLastIndex((c) => c > 0);
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(JSON.stringify({ deliveries, samples, cpuMs: (cpu.user + cpu.system) / 1000, elapsedMs: performance.now() - start, hist: hist.slice(0, last + 1) }) + '\n');
  hist.fill(0);
  samples = 0;
}
process.on('SIGUSR1', dump);

const sockets = [];
for (let i = 0; i < connections; i++) {
  const socket = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], reconnection: false });
  socket.on('connect', () => socket.emit('sub', subs[i % subs.length]));
  socket.on('o', (payload) => {
    deliveries++;
    const lat = Date.now() - publishedAt(new Uint8Array(payload));
    hist[Math.min(10_000, Math.max(0, Math.floor(lat)))]++;
    samples++;
  });
  sockets.push(socket);
  if (i % 200 === 0) await new Promise((r) => setTimeout(r, 20));
}
process.stderr.write(`sio-load: ${connections} connections\n`);
const ticker = setInterval(() => process.stdout.write(`${Math.round(performance.now() - start)} ${deliveries}\n`), 1000);
setTimeout(() => {
  clearInterval(ticker);
  dump();
  for (const s of sockets) s.close();
  process.exit(0);
}, durationMs);
