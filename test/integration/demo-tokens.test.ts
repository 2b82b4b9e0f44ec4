import { decodeJwt } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_JURISDICTION, DEMO_TOKEN_TTL_SEC } from '../../src/auth/demo-tokens.js';
import type { Config } from '../../src/config/schema.js';
import { InProcessFeedFixture } from '../helpers/feeds.js';
import { OddsClient } from '../helpers/odds-client.js';
import { HS_SECRET, TokenFactory } from '../helpers/tokens.js';

interface DemoTokenAnswer {
  token: string;
  expiresAtMs: number;
  playerId: string;
  jurisdiction: string;
}

/**
 * POST /v1/demo-token on real embedded nodes: tokens for demo players that
 * the node itself accepts (a Welcome that may bet, in the demo
 * jurisdiction), renewed for the same player, and never minted where the
 * node verifies real players (a configured key) or talks to real cores.
 */
describe('demo tokens', () => {
  const fixtures: InProcessFeedFixture[] = [];
  afterEach(async () => {
    for (const f of fixtures.splice(0)) await f.stop();
  });

  async function nodeUrl(overrides: Partial<Config> = {}): Promise<string> {
    const fixture = new InProcessFeedFixture({});
    fixtures.push(fixture);
    const node = await fixture.startNode(overrides);
    return `http://127.0.0.1:${node.port}`;
  }

  const demoToken = (url: string, headers: Record<string, string> = {}) => fetch(`${url}/v1/demo-token`, { method: 'POST', headers });

  it('mints a 15-minute token for a new demo player that the node accepts for betting', async () => {
    const url = await nodeUrl();
    const first = await demoToken(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const body = (await first.json()) as DemoTokenAnswer;
    expect(body.playerId).toMatch(/^demo-[0-9a-f]{12}$/);
    expect(body.jurisdiction).toBe(DEMO_JURISDICTION);
    const claims = decodeJwt(body.token);
    expect(claims).toMatchObject({ sub: body.playerId, jurisdiction: DEMO_JURISDICTION });
    expect(claims.exp! - claims.iat!).toBe(DEMO_TOKEN_TTL_SEC);
    expect(body.expiresAtMs).toBe(claims.exp! * 1000);
    const other = (await (await demoToken(url)).json()) as DemoTokenAnswer;
    expect(other.playerId).not.toBe(body.playerId);

    const client = await OddsClient.connectUrl(url.replace('http', 'ws') + '/v1/ws', { protocols: ['oddsgate.v1', `oddsgate.bearer.${body.token}`] });
    try {
      await client.waitFor(() => client.welcomes.length > 0, 'Welcome');
      expect(client.welcomes[0]).toMatchObject({ authenticated: true, jurisdiction: DEMO_JURISDICTION });
    } finally {
      await client.close();
    }
  });

  it('renews a demo token for the same player, and refuses a token it did not mint', async () => {
    const url = await nodeUrl();
    const first = (await (await demoToken(url)).json()) as DemoTokenAnswer;
    const renewed = await demoToken(url, { authorization: `Bearer ${first.token}` });
    expect(renewed.status).toBe(200);
    expect(((await renewed.json()) as DemoTokenAnswer).playerId).toBe(first.playerId);

    const foreign = await (await TokenFactory.create()).hs256('demo-000000000000', DEMO_JURISDICTION);
    const refused = await demoToken(url, { authorization: `Bearer ${foreign}` });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: string }).error).toMatch(/not a demo token of this node/);
    // Another node's demo token (a restarted node draws a new secret): refused the same way.
    const elsewhere = (await (await demoToken(await nodeUrl())).json()) as DemoTokenAnswer;
    expect((await demoToken(url, { authorization: `Bearer ${elsewhere.token}` })).status).toBe(401);
  });

  it.each([
    ['a real HS256 secret', { authHs256Secret: HS_SECRET }],
    ['real cores', { cores: ['MT=http://127.0.0.1:1'] }],
  ])('mints nothing with %s configured (404)', async (_, overrides) => {
    const url = await nodeUrl(overrides as Partial<Config>);
    const res = await demoToken(url);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toMatch(/only in the embedded mode/);
  });
});
