// The peers' feed: one blocking XREAD connection over every event's stream
// (the same streams, written by the same publisher, that oddsgate reads).
// Calls onEntry(eventId, payload) for each new entry, oldest first.
import { Redis } from 'ioredis';

export function readStreams(redisUrl, eventIds, onEntry, prefix = 'og:') {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const keys = eventIds.map((id) => `${prefix}{${id}}:stream`);
  const byKey = new Map(keys.map((k, i) => [k, eventIds[i]]));
  const ids = keys.map(() => '$');
  let running = true;
  (async () => {
    while (running) {
      const reply = await redis.xreadBuffer('COUNT', 1000, 'BLOCK', 1000, 'STREAMS', ...keys, ...ids).catch(() => null);
      if (!reply) continue;
      for (const [keyBuf, entries] of reply) {
        const key = keyBuf.toString();
        const eventId = byKey.get(key);
        for (const [id, fields] of entries) {
          for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i][0] === 0x70) onEntry(eventId, fields[i + 1]);
          ids[keys.indexOf(key)] = id.toString();
        }
      }
    }
  })();
  return () => {
    running = false;
    redis.disconnect();
  };
}

/** ServerFrame{odds: payload}: field 1, length-delimited, so every peer's clients parse the same bytes. */
export function oddsFrame(payload) {
  const len = [];
  let n = payload.length;
  while (n > 127) {
    len.push((n & 127) | 128);
    n >>>= 7;
  }
  len.push(n);
  return Buffer.concat([Buffer.from([0x0a, ...len]), payload]);
}
