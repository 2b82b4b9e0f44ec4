import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = process.cwd();

/**
 * The package as a consumer sees it (the built dist/, `npm run build` before
 * the tests): `oddsgate/client` and `oddsgate/publisher` resolve by name
 * through the exports map (Node's self-reference), with type declarations;
 * the browser condition leaves `ws` and every Node built-in out.
 */
describe('the package exports', () => {
  beforeAll(async () => {
    await run('npm', ['run', 'build:types', '--silent'], { cwd: root });
  }, 120_000);

  it('resolves oddsgate/client (the Node entry, which brings ws) and oddsgate/publisher by name', async () => {
    const script = `
      const client = await import('oddsgate/client');
      const publisher = await import('oddsgate/publisher');
      // Node 20 has no global WebSocket: only the Node entry can construct a client without one.
      const c = new client.OddsClient({ url: 'ws://127.0.0.1:1/v1/ws' });
      console.log(JSON.stringify({ state: c.state, errors: typeof client.BetRejectedError, publisher: typeof publisher.RedisOddsPublisher }));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: root });
    expect(JSON.parse(stdout)).toEqual({ state: 'closed', errors: 'function', publisher: 'function' });
  });

  it('types a consumer against the declarations', async () => {
    const dir = join(root, 'dist/exports-check');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'consumer.ts'),
      `import { OddsClient, BetRejectedError, type EventView } from 'oddsgate/client';
import { RedisOddsPublisher } from 'oddsgate/publisher';
const client = new OddsClient({ url: 'wss://edge.example/v1/ws', token: async () => 'jwt' });
const view: EventView = client.subscribe('final', { conflateMs: 100 });
view.on('change', (c) => console.log(c.kind, view.markets.map((m) => m.selections.map((s) => s.price))));
client.placeBet({ eventId: 'final', marketId: '1x2', selectionId: 'home', stake: 100, currency: 'EUR' }).catch((e) => e instanceof BetRejectedError && e.currentPrice);
export const publisher = new RedisOddsPublisher({ shards: [{ name: 'a', url: 'redis://127.0.0.1:6379' }], keyPrefix: 'og:', streamMaxLen: 100, heartbeatMs: 1_000 });
`,
    );
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', 'consumer.ts'], { cwd: dir }).catch((e: { stdout: string }) => e);
    expect('stdout' in result ? result.stdout : '').toBe('');
  });

  it('bundles oddsgate/client for the browser without ws or Node built-ins', async () => {
    const result = await build({ stdin: { contents: "export * from 'oddsgate/client';", resolveDir: root }, bundle: true, platform: 'browser', format: 'esm', write: false, metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((p) => p.includes('dist/src/client/index.js'))).toBe(true);
    expect(inputs.filter((p) => p.includes('node_modules/ws/') || p.startsWith('node:') || p.includes('client/node.js'))).toEqual([]);
  });
});
