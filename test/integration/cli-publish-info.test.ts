import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { startNode } from '../../src/main.js';
import { cliResult } from '../helpers/cli.js';
import { testLog } from '../helpers/feeds.js';
import { OddsClient } from '../helpers/odds-client.js';
import { RedisServer } from '../helpers/redis-server.js';

/** `oddsgate publish-info`: display data from JSON (inline or a file), served by a node in the event's snapshot. */
describe('oddsgate publish-info', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('publishes an EventInfo from a JSON file and prints its version; a node serves it with the odds', async () => {
    const redis = await RedisServer.start();
    cleanups.push(() => redis.stop());
    const env = { ODDSGATE_REDIS_SHARDS: `main=${redis.url}`, ODDSGATE_KEY_PREFIX: 'cpi:' };
    const dir = mkdtempSync(join(tmpdir(), 'og-info-'));
    cleanups.push(async () => rmSync(dir, { recursive: true }));
    const file = join(dir, 'final.json');
    writeFileSync(
      file,
      JSON.stringify({
        eventId: 'final',
        name: 'Arsenal v Chelsea',
        competition: 'FA Cup',
        participants: [{ id: 'arsenal', name: 'Arsenal' }, { id: 'chelsea', name: 'Chelsea' }],
        startsAtMs: 1_780_000_000_000,
        phase: 'pre_match',
        markets: [{ marketId: '1x2', name: 'Match result', selections: [{ id: 'home', name: 'Arsenal' }, { id: 'draw', name: 'Draw' }, { id: 'away', name: 'Chelsea' }] }],
      }),
    );
    const odds = await cliResult(['publish', '--event', 'final', '--market', '1x2', '--selection', 'home=2.5', '--selection', 'draw=3.1', '--selection', 'away=2.875'], env);
    expect(odds.code, odds.stderr).toBe(0);
    const published = await cliResult(['publish-info', '--info', `@${file}`], env);
    expect(published.code, published.stderr).toBe(0);
    const answer = JSON.parse(published.stdout) as { eventId: string; shard: string; version: number };
    expect(answer).toMatchObject({ eventId: 'final', shard: 'main' });
    expect(answer.version).toBeGreaterThan(0);

    const node = await startNode(loadConfig({ overrides: { port: 0, host: '127.0.0.1', logLevel: 'silent', redisShards: [`main=${redis.url}`], keyPrefix: 'cpi:' } }), testLog);
    cleanups.push(() => node.stop());
    const client = await OddsClient.connect(node.port);
    cleanups.push(() => client.terminate());
    client.subscribe('final');
    await client.waitFor(() => client.events.has('final'), 'snapshot');
    const info = client.view('final').info!;
    expect([Number(info.version), info.name, info.competition, info.phase, info.markets[0].selections!.map((s) => s.name)]).toEqual([answer.version, 'Arsenal v Chelsea', 'FA Cup', 1, ['Arsenal', 'Draw', 'Chelsea']]);
    expect(client.violations).toEqual([]);
  });
});
