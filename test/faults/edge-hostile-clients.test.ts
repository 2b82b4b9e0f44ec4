import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNode, type OddsNode } from '../../src/main.js';
import { loadConfig } from '../../src/config/load.js';
import { CloseCode } from '../../src/protocol/close-codes.js';
import { ErrorCode, pb } from '../../src/protocol/wire.js';
import { publishMany, RedisFeedFixture, update } from '../helpers/feeds.js';
import { OddsClient } from '../helpers/odds-client.js';
import { rawRequest, upgradeLines } from '../helpers/raw-http.js';
import { RedisServer } from '../helpers/redis-server.js';
import { TokenFactory } from '../helpers/tokens.js';

/**
 * The edge as an attacker meets it: handshakes RFC 6455 forbids, floods of
 * connections, Auth frames, bets and frames, expiring tokens, credentials
 * in settings. Every case keeps a bystander that must see every update in
 * order (the odds client checks the sequence invariant on every frame) and
 * answer a ping within a generous bound.
 */
describe('an edge that hostile clients cannot starve or fool', () => {
  let feed: RedisFeedFixture;
  let tokens: TokenFactory;
  const clients: OddsClient[] = [];
  const nodes: OddsNode[] = [];

  beforeAll(async () => {
    tokens = await TokenFactory.create();
    feed = await RedisFeedFixture.create({});
    await feed.publish(update('ev-h', 'winner', 2_000));
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.terminate()));
    await Promise.all(nodes.map((n) => n.stop()));
    await feed.stop();
  });

  async function node(overrides: Parameters<RedisFeedFixture['startNode']>[0] = {}): Promise<OddsNode> {
    return feed.startNode({ ...tokens.authConfig(), ...overrides });
  }

  async function connect(target: OddsNode, options: Parameters<typeof OddsClient.connect>[1] = {}): Promise<OddsClient> {
    const client = await OddsClient.connect(target.port, { protocols: ['oddsgate.v1'], ...options });
    clients.push(client);
    await client.waitFor(() => client.welcomes.length > 0, 'welcome');
    return client;
  }

  /** A subscribed client that must not notice the attack: every update in order, pings answered. */
  async function bystander(target: OddsNode): Promise<{ client: OddsClient; check: (publishes?: number) => Promise<void> }> {
    const client = await connect(target);
    client.subscribe('ev-h');
    await client.waitFor(() => client.events.has('ev-h'), 'bystander snapshot');
    return {
      client,
      async check(publishes = 20) {
        const last = await publishMany(feed, 'ev-h', publishes, 1, 2_000);
        await client.waitForSeq('ev-h', last.seq, 20_000);
        const started = performance.now();
        await client.ping(1);
        // A generous outer bound: this machine is shared; a starved loop takes seconds, not this.
        expect(performance.now() - started).toBeLessThan(2_000);
        expect(client.violations).toEqual([]);
        expect(client.closeCode).toBeUndefined();
      },
    };
  }

  async function metric(target: OddsNode, name: string, labels: Record<string, string>): Promise<number> {
    const values = (await target.metrics.registry.getSingleMetric(name)!.get()).values;
    return values.filter((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l)).reduce((sum, v) => sum + v.value, 0);
  }

  describe('handshakes', () => {
    let edge: OddsNode;
    beforeAll(async () => {
      edge = await node({ allowedOrigins: ['https://book.example'], maxHandshakeHeaderBytes: 4_096 });
    });

    it.each([
      ['Sec-WebSocket-Version 8: 426 naming version 13', upgradeLines({ 'Sec-WebSocket-Version': '8' }), 426],
      ['no Sec-WebSocket-Version: 426', upgradeLines({ 'Sec-WebSocket-Version': null }), 426],
      ['no Upgrade header: 400', upgradeLines({ Upgrade: null }), 400],
      ['Upgrade: h2c: 400', upgradeLines({ Upgrade: 'h2c' }), 400],
      ['no Connection: upgrade: 400', upgradeLines({ Connection: 'keep-alive' }), 400],
      ['a key that is not 16 bytes of base64: 400', upgradeLines({ 'Sec-WebSocket-Key': 'not-a-key' }), 400],
      ['headers over maxHandshakeHeaderBytes: 431', upgradeLines({ 'X-Padding': 'a'.repeat(5_000) }), 431],
      ['a foreign browser Origin: 403', upgradeLines({ Origin: 'https://evil.example' }), 403],
    ])('refuses %s, and never upgrades', async (_name, request, status) => {
      const answer = await rawRequest(edge.port, request + '\r\n\r\n');
      expect(answer.status).toBe(status);
      if (status === 426) expect(answer.text).toMatch(/Sec-WebSocket-Version: 13/i);
    });

    it('upgrades a correct handshake from the node\'s own origin, a listed one, and a native app (no Origin): 101', async () => {
      for (const origin of [`http://127.0.0.1:${edge.port}`, 'https://book.example', null]) {
        const answer = await rawRequest(edge.port, upgradeLines({ Host: `127.0.0.1:${edge.port}`, Origin: origin }) + '\r\n\r\n');
        expect(answer.status, `origin ${origin}`).toBe(101);
      }
    });

    it('never upgrades an HTTP/1.0 request (uWS does not answer HTTP/1.0; RFC 6455 needs HTTP/1.1)', async () => {
      const answer = await rawRequest(edge.port, upgradeLines({}, '/v1/ws', 'HTTP/1.0') + '\r\n\r\n', { waitMs: 1_500 });
      expect(answer.status).not.toBe(101);
      expect(await metric(edge, 'oddsgate_upgrades_refused_total', { reason: 'version' })).toBeGreaterThanOrEqual(2);
    });
  });

  it('refuses the connection over maxConnectionsPerSource with 429, while another address still connects', async () => {
    const edge = await node({ maxConnectionsPerSource: 5 });
    const watcher = await bystander(edge); // from 127.0.0.1: one of that address's five
    for (let i = 0; i < 4; i++) await connect(edge);
    await expect(OddsClient.connect(edge.port)).rejects.toThrow(/HTTP 429/);
    await connect(edge, { localAddress: '127.0.0.2' });
    expect(await metric(edge, 'oddsgate_upgrades_refused_total', { reason: 'too_many_connections' })).toBe(1);
    await watcher.check();
  });

  it('counts clients behind a trusted proxy by X-Forwarded-For: one client is limited, the others are not', async () => {
    const edge = await node({ maxConnectionsPerSource: 2, trustedProxies: ['127.0.0.1'] });
    for (let i = 0; i < 2; i++) await connect(edge, { headers: { 'X-Forwarded-For': '203.0.113.7' } });
    await expect(OddsClient.connect(edge.port, { headers: { 'X-Forwarded-For': '203.0.113.7' } })).rejects.toThrow(/HTTP 429/);
    for (let i = 0; i < 4; i++) await connect(edge, { headers: { 'X-Forwarded-For': `203.0.113.${10 + i}` } });
  });

  it('bounds upgrades per second per address: a burst over upgradeBurstPerSource gets 429', async () => {
    const edge = await node({ upgradeRatePerSource: 1, upgradeBurstPerSource: 10 });
    const answers = await Promise.all(Array.from({ length: 30 }, () => rawRequest(edge.port, upgradeLines() + '\r\n\r\n')));
    const upgraded = answers.filter((a) => a.status === 101).length;
    // 10 in the burst, at most a couple more refilled at 1/s while they were answered.
    expect(upgraded).toBeGreaterThanOrEqual(10);
    expect(upgraded).toBeLessThanOrEqual(13);
    expect(answers.filter((a) => a.status === 429).length).toBe(30 - upgraded);
  });

  it('sets a session\'s identity once: of two pipelined Auth frames (MT, then DE) the second is refused and the player stays MT', async () => {
    const edge = await node();
    const client = await connect(edge);
    const mt = await tokens.hs256('ivy', 'MT');
    const de = await tokens.hs256('ivy-de', 'DE');
    client.sendRaw(pb.ClientFrame.encode({ auth: { token: mt } }).finish());
    client.sendRaw(pb.ClientFrame.encode({ auth: { token: de } }).finish());
    await client.waitFor(() => client.welcomes.length === 2, 'welcome after auth');
    await client.ping(7); // every frame sent before the ping has been handled
    expect(client.welcomes.map((w) => w.jurisdiction)).toEqual(['', 'MT']);
    expect(client.errors.map((e) => e.code)).toEqual([ErrorCode.ERROR_CODE_INVALID_ARGUMENT]);
    client.sendRaw(pb.ClientFrame.encode({ auth: { token: de } }).finish());
    await client.ping(8);
    expect(client.welcomes).toHaveLength(2);
  });

  it('an Auth-frame flood costs one signature check per connection, and the connection is closed with 4500', async () => {
    const edge = await node({ maxProtocolErrors: 20 });
    const watcher = await bystander(edge);
    const token = await tokens.rs256('flood', 'MT');
    const attackers = await Promise.all(Array.from({ length: 4 }, () => connect(edge)));
    for (const a of attackers) for (let i = 0; i < 500; i++) a.sendRaw(pb.ClientFrame.encode({ auth: { token } }).finish());
    const codes = await Promise.all(attackers.map((a) => a.closed));
    expect(codes).toEqual(Array(4).fill(CloseCode.PROTOCOL_VIOLATION));
    expect(await metric(edge, 'oddsgate_token_checks_total', {})).toBe(4);
    await watcher.check();
  });

  it('closes an anonymous PlaceBet flood after maxProtocolErrors refusals (4500); a bystander never notices', async () => {
    const edge = await node({ maxProtocolErrors: 20 });
    const watcher = await bystander(edge);
    const attacker = await connect(edge);
    const frame = pb.ClientFrame.encode({
      placeBet: { idempotencyKey: 'anon-flood-1', eventId: 'ev-h', marketId: 'winner', selectionId: 'home', price: 2_000, seq: 1, stake: 100, currency: 'EUR' },
    }).finish();
    for (let i = 0; i < 5_000; i++) attacker.sendRaw(frame);
    expect(await attacker.closed).toBe(CloseCode.PROTOCOL_VIOLATION);
    // Each refused bet got its answer until the budget ran out; the rest were never read.
    expect(attacker.betResults.length).toBeLessThanOrEqual(21);
    await watcher.check();
  });

  it('refuses frames beyond frameRatePerSec with RATE_LIMITED and closes a flooder with 4002', async () => {
    const edge = await node({ frameRatePerSec: 10, frameBurst: 20, maxProtocolErrors: 20 });
    const watcher = await bystander(edge);
    const flooder = await connect(edge);
    for (let i = 0; i < 2_000; i++) flooder.sendRaw(pb.ClientFrame.encode({ ping: { nonce: i } }).finish());
    expect(await flooder.closed).toBe(CloseCode.RATE_LIMITED);
    expect(flooder.errors.length).toBeGreaterThan(0);
    expect(flooder.errors.every((e) => e.code === ErrorCode.ERROR_CODE_RATE_LIMITED)).toBe(true);
    await watcher.check();
  });

  it('closes a session with Error TOKEN_EXPIRED and the resumable 4003 when its token expires', async () => {
    const edge = await node({ authClockToleranceSec: 0 });
    const exp = Math.floor(Date.now() / 1000) + 2;
    const client = await connect(edge, { protocols: ['oddsgate.v1', `oddsgate.bearer.${await tokens.hs256('short-lived', 'MT', { expiresIn: exp })}`] });
    expect(client.welcomes[0].authenticated).toBe(true);
    expect(await client.closed).toBe(CloseCode.TOKEN_EXPIRED);
    expect(Date.now(), 'never before exp').toBeGreaterThanOrEqual(exp * 1000);
    expect(client.errors.map((e) => e.code)).toEqual([ErrorCode.ERROR_CODE_TOKEN_EXPIRED]);
  });

  it('never shows a shard password: not in /readyz, /v1/stats, logs or config errors', async () => {
    const secret = 'pw-that-must-never-leak-0451';
    const server = await RedisServer.start();
    const admin = server.client();
    await admin.config('SET', 'requirepass', secret);
    admin.disconnect();
    // Every line this node logs, at debug level.
    const lines: string[] = [];
    const nodeLog = pino({ level: 'debug' }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    try {
      const edge = await startNode(
        loadConfig({ overrides: { port: 0, host: '127.0.0.1', redisShards: `redis://:${secret}@127.0.0.1:${server.port}`, logLevel: 'debug' } }),
        nodeLog,
      );
      nodes.push(edge);
      const readyz = await (await fetch(`http://127.0.0.1:${edge.port}/readyz`)).text();
      const stats = await (await fetch(`http://127.0.0.1:${edge.port}/v1/stats`)).text();
      expect(readyz).toContain(`redis://:***@127.0.0.1:${server.port}`);
      for (const text of [readyz, stats, ...lines]) expect(text).not.toContain(secret);
      const cli = spawnSync(process.execPath, ['dist/src/cli/oddsgate.js', 'check-config', '--redis-shards', `redis//:${secret}@bad`], { encoding: 'utf8' });
      expect(cli.status).toBe(2);
      expect(cli.stderr).not.toContain(secret);
      const printed = spawnSync(process.execPath, ['dist/src/cli/oddsgate.js', 'print-config', '--redis-shards', `redis://:${secret}@127.0.0.1:6390`, '--auth-hs256-secret', secret], { encoding: 'utf8' });
      expect(printed.status).toBe(0);
      expect(printed.stdout).not.toContain(secret);
      expect(JSON.parse(printed.stdout)).toMatchObject({ redisShards: ['redis://:***@127.0.0.1:6390'], authHs256Secret: '***' });
    } finally {
      await server.stop();
    }
  });

  it('refuses to start without the native uWS binary: exit 2 with one line naming Node 20 (no crash loop behind green health checks)', () => {
    const run = spawnSync(process.execPath, ['dist/src/cli/oddsgate.js', 'serve', '--port', '0'], { encoding: 'utf8', env: { ...process.env, UWS_USE_FALLBACK: '1' }, timeout: 20_000 });
    expect(run.status).toBe(2);
    const ours = run.stderr.split('\n').filter((l) => l.startsWith('oddsgate:'));
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatch(/native uWebSockets\.js binary did not load.*Node 20/);
  });
});
