// The Redis side shared by the three peer gateways: one ioredis connection
// running blocking XREADs over every event stream (og:{event}:stream, the
// layout RedisOddsPublisher writes), starting from each stream's current end.
// Calls onEntry(eventIndex, seq, payload) for every entry, in stream order.
import { Redis } from 'ioredis';

export async function readStreams({ url, events, onEntry, count = 1_000, blockMs = 1_000 }) {
  const keys = events.map((e) => `og:{${e}}:stream`);
  const index = new Map(keys.map((k, i) => [k, i]));
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined);
  // Start at each stream's last entry (or the beginning if it has none), so nothing between reads is lost.
  const ids = await Promise.all(keys.map(async (k) => (await redis.xrevrange(k, '+', '-', 'COUNT', 1))[0]?.[0] ?? '0-0'));
  let running = true;
  (async () => {
    while (running) {
      let reply;
      try {
        reply = await redis.xreadBuffer('COUNT', count, 'BLOCK', blockMs, 'STREAMS', ...keys, ...ids);
      } catch {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      if (!reply) continue;
      for (const [keyBuf, entries] of reply) {
        const i = index.get(keyBuf.toString());
        if (i === undefined) continue;
        for (const [id, fields] of entries) {
          let seq = 0;
          let payload;
          for (let f = 0; f + 1 < fields.length; f += 2) {
            const name = fields[f];
            if (name.length !== 1) continue;
            if (name[0] === 0x73 /* s */) seq = Number(fields[f + 1].toString());
            else if (name[0] === 0x70 /* p */) payload = fields[f + 1];
          }
          if (payload) onEntry(i, seq, payload);
        }
        ids[i] = entries[entries.length - 1][0].toString();
      }
    }
  })();
  return { stop: () => ((running = false), redis.disconnect()) };
}

/** Protobuf field 5 (seq, varint) appended to an OddsUpdate payload: concatenated messages merge. */
export function withSeq(payload, seq) {
  const tail = [0x28];
  let v = seq;
  while (v >= 0x80) {
    tail.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  tail.push(v);
  const out = Buffer.allocUnsafe(payload.length + tail.length);
  payload.copy(out, 0);
  for (let k = 0; k < tail.length; k++) out[payload.length + k] = tail[k];
  return out;
}

export function peerArgs() {
  const { FANOUT_PORT, FANOUT_REDIS_URL, FANOUT_EVENTS = '200', FANOUT_PREFIX = 'match-' } = process.env;
  return {
    port: Number(FANOUT_PORT),
    url: FANOUT_REDIS_URL,
    events: Array.from({ length: Number(FANOUT_EVENTS) }, (_, i) => `${FANOUT_PREFIX}${i + 1}`),
  };
}
