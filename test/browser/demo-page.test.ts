import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreStats } from '../../src/core-sim/bet-store.js';
import type { OddsNode } from '../../src/main.js';
import { MarketStatus } from '../../src/protocol/wire.js';
import { probe, screenshot, TestBrowser } from '../helpers/browser.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { EdgeFleet } from '../helpers/edge-fleet.js';
import { InProcessFeedFixture } from '../helpers/feeds.js';
import { matchInfo } from '../helpers/match-info.js';
import { freePort, waitUntil } from '../helpers/ports.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';

/**
 * The demo page in a real browser (Debian's chromium through playwright-core)
 * against real nodes: the embedded default as `npm start` runs it, an
 * embedded node whose odds the test publishes (bets against its in-process
 * reference core, whose records are read back), and `oddsgate serve` nodes
 * on Redis shards for a restart and a drain. Everything a test asserts is
 * what the player sees in the DOM, what the core recorded, and the SDK's
 * sequence-violation counter (window.oddsgateDemo), which must stay 0. Time
 * only bounds waits.
 */
describe('the demo page in chromium', () => {
  let browser: TestBrowser;

  beforeAll(async () => {
    browser = await TestBrowser.launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** The text of every price button on the board, in DOM order. */
  const prices = (page: Page) => page.locator('.sel-price').allTextContents();

  describe('the embedded default (oddsgate serve, no settings)', () => {
    let serve: CliRun;
    let url: string;

    beforeAll(async () => {
      const port = await freePort();
      serve = runCli(['serve', '--host', '127.0.0.1', '--port', String(port)]);
      url = `http://127.0.0.1:${port}/`;
      await waitUntil(async () => (await fetch(url + 'readyz').catch(() => undefined))?.status === 200, 30_000, 'the embedded node ready');
    });
    afterAll(async () => {
      serve?.child.kill('SIGINT');
      await serve?.exited;
    });

    it('shows named events with kick-off or live clock and moving prices, at desktop width and at 390 px', async () => {
      const page = await browser.open(url);
      await page.locator('.event:not(.loading)').nth(5).waitFor();
      // Names from EventInfo, never the raw ids.
      const titles = await page.locator('.event-title').allTextContents();
      expect(titles.length).toBeGreaterThanOrEqual(6);
      for (const title of titles) expect(title).not.toMatch(/^match-\d+$/);
      const marketNames = await page.locator('.market-name').allTextContents();
      expect(marketNames.some((name) => /[A-Z][a-z]/.test(name) || / /.test(name))).toBe(true);
      expect(await page.locator('.event-state time, .event-state .clock').count()).toBeGreaterThan(0);
      // Prices move: the board's prices change and the SDK counts live updates.
      const before = await prices(page);
      const updatesBefore = (await probe(page)).updates;
      await waitUntil(async () => (await probe(page)).updates > updatesBefore + 10 && (await prices(page)).join() !== before.join(), 30_000, 'prices moving on the board');
      expect(await page.locator('.status .conn').getAttribute('data-state')).toBe('open');
      expect(await page.locator('.status .node-id').textContent()).toBe('vm');
      expect(await page.locator('.status .latency').textContent()).toMatch(/^\d+ ms$/);
      await screenshot(page, 'demo-desktop.png');

      await page.setViewportSize({ width: 390, height: 844 });
      await page.locator('.sel:not([disabled])').first().click();
      await page.locator('.slip-item').waitFor();
      // Readable on a phone: nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await screenshot(page, 'demo-390.png');
      expect((await probe(page)).violations).toBe(0);
      await page.close();
    });

    it('shows only the events ?events= names, and says so when the node has no such event', async () => {
      const page = await browser.open(`${url}?events=match-2,no-such-event`);
      await page.locator('.event[data-event="no-such-event"].unavailable').waitFor();
      expect(await page.locator('.event[data-event="no-such-event"] .unavailable-note').textContent()).toBe('Not available: unknown event');
      await page.locator('.event[data-event="match-2"]:not(.loading)').waitFor();
      expect(await page.locator('.event').count()).toBe(2);
      await page.close();
    });
  });

  describe('an embedded node whose odds the test publishes, betting against its reference core', () => {
    const fixture = new InProcessFeedFixture({});
    const EVENT = 'final';
    let node: OddsNode;
    let core: string;
    let proxy: TcpProxy;
    let page: Page;

    const market = (marketId: string, home: number, status = MarketStatus.MARKET_STATUS_OPEN) =>
      fixture.publish({ eventId: EVENT, marketId, status, selections: [{ id: 'home', price: home }, { id: 'draw', price: 3_300 }, { id: 'away', price: 3_100 }] });
    const coreStats = async () => (await (await fetch(`${core}/v1/stats`)).json()) as CoreStats;
    const slipItem = () => page.locator('.slip-item').last();
    /** Waits (in the page, on DOM changes) for the newest slip entry to reach a state. */
    const slipState = (state: string) => page.locator(`.slip-item:last-child[data-state="${state}"]`).waitFor({ timeout: 20_000 });
    const button = (marketId: string, selectionId: string) => page.locator(`.market[data-market="${marketId}"] .sel[data-selection="${selectionId}"]`);

    beforeAll(async () => {
      await market('1x2', 2_500);
      await market('dc', 1_400);
      await fixture.store.publishInfo({
        ...matchInfo(EVENT, [1, 0]),
        startsAtMs: Date.now() - 30 * 60_000,
        clock: { elapsedS: 1_800, atMs: Date.now(), running: true, period: '1H' },
        markets: [
          { marketId: '1x2', name: 'Match result', selections: [{ id: 'home', name: 'Arsenal' }, { id: 'draw', name: 'Draw' }, { id: 'away', name: 'Chelsea' }] },
          { marketId: 'dc', name: 'Double chance', selections: [{ id: 'home', name: 'Arsenal or draw' }, { id: 'draw', name: 'Any winner' }, { id: 'away', name: 'Chelsea or draw' }] },
        ],
      });
      node = await fixture.startNode();
      core = node.cores.get('ZZ')!;
      expect(core, 'the demo jurisdiction has an embedded core').toBeDefined();
      // The page reaches the node through a proxy: the tests that need a bet in flight hold the network.
      proxy = new TcpProxy(node.port);
      const port = await proxy.start();
      page = await browser.open(`http://127.0.0.1:${port}/`);
      await page.locator('.event:not(.loading)').waitFor();
      await waitUntil(async () => (await probe(page)).playerId !== undefined && (await probe(page)).state === 'open', 20_000, 'a demo player connected');
    });
    afterAll(async () => {
      await page?.close();
      await proxy?.stop();
      await fixture.stop();
    });

    it('shows the event by name with its live score and named markets', async () => {
      expect(await page.locator('.event .team-name').allTextContents()).toEqual(['Arsenal', 'Chelsea']);
      expect(await page.locator('.event .team-score').allTextContents()).toEqual(['1', '0']);
      expect(await page.locator('.event .live-badge').count()).toBe(1);
      expect(await page.locator('.event .clock').textContent()).toMatch(/^\d+'$/);
      expect(await page.locator('.market-name').allTextContents()).toEqual(['Match result', 'Double chance']);
      expect(await button('1x2', 'home').locator('.sel-name').textContent()).toBe('Arsenal');
    });

    it('places a bet through the slip: accepted with its bet id and price, one record at the core for its key', async () => {
      const statsBefore = await coreStats();
      await button('1x2', 'home').click();
      await slipState('ready');
      await slipItem().locator('input.stake').fill('12.50');
      await slipItem().locator('button[data-action="place"]').click();
      await slipState('accepted');
      const betId = await slipItem().locator('.bet-id').textContent();
      expect(await slipItem().locator('.slip-outcome').textContent()).toContain('at 2.50');
      const key = await slipItem().getAttribute('data-key');
      const { playerId } = await probe(page);
      const record = (await (await fetch(`${core}/v1/bets/${playerId}/${key}`)).json()) as { outcome: string; betId: string; acceptedPrice: number };
      expect(record).toMatchObject({ outcome: 'accepted', betId, acceptedPrice: 2_500 });
      const stats = await coreStats();
      expect(stats.created - statsBefore.created).toBe(1);
      expect(stats.accepted - statsBefore.accepted).toBe(1);
    });

    it('shows a price that moved since the tap with the new price, and one click places at it', async () => {
      await button('1x2', 'draw').click();
      await slipState('ready');
      await fixture.publish({ eventId: EVENT, marketId: '1x2', status: MarketStatus.MARKET_STATUS_OPEN, selections: [{ id: 'home', price: 2_450 }, { id: 'draw', price: 3_450 }, { id: 'away', price: 3_100 }] });
      await slipState('price-changed');
      expect(await slipItem().locator('.new-price').textContent()).toBe('3.45');
      const created = (await coreStats()).created;
      await slipItem().locator('button[data-action="accept"]').click();
      await slipState('accepted');
      expect(await slipItem().locator('.slip-outcome').textContent()).toContain('at 3.45');
      expect((await coreStats()).created - created).toBe(1);
    });

    it('shows the node\'s PRICE_CHANGED for a price that moved while the bet was in flight, and the one-click accept places at the new price', async () => {
      await button('1x2', 'away').click();
      await slipState('ready');
      const before = await coreStats();
      // The network holds everything: the page bets at 3.10 while the node already has 2.90.
      proxy.blackhole();
      await fixture.publish({ eventId: EVENT, marketId: '1x2', status: MarketStatus.MARKET_STATUS_OPEN, selections: [{ id: 'home', price: 2_450 }, { id: 'draw', price: 3_450 }, { id: 'away', price: 2_900 }] });
      await slipItem().locator('button[data-action="place"]').click();
      await slipState('placing');
      proxy.heal();
      await slipState('price-changed');
      expect(await slipItem().locator('.new-price').textContent()).toBe('2.90');
      // The edge refused it: nothing was created at the core.
      expect((await coreStats()).created).toBe(before.created);
      await slipItem().locator('button[data-action="accept"]').click();
      await slipState('accepted');
      expect(await slipItem().locator('.slip-outcome').textContent()).toContain('at 2.90');
      expect((await coreStats()).created - before.created).toBe(1);
    });

    it('locks a suspended market on the board and in the slip: no bet is sent', async () => {
      await button('dc', 'home').click();
      await slipState('ready');
      const before = await coreStats();
      await market('dc', 1_400, MarketStatus.MARKET_STATUS_SUSPENDED);
      const dc = page.locator('.market[data-market="dc"]');
      await page.locator('.market[data-market="dc"][data-status="suspended"]').waitFor({ timeout: 20_000 });
      expect(await dc.locator('.lock').isVisible()).toBe(true);
      expect(await dc.locator('.sel:not([disabled])').count()).toBe(0);
      const place = slipItem().locator('button[data-action="place"]');
      expect(await place.isDisabled()).toBe(true);
      expect(await place.textContent()).toBe('Market suspended');
      await place.click({ force: true }); // a click on the locked button does nothing
      expect(await slipItem().getAttribute('data-state')).toBe('ready');
      const after = await coreStats();
      expect(after.requests).toBe(before.requests);
      // Reopened, the same slip places.
      await market('dc', 1_400);
      await page.locator('.slip-item:last-child button[data-action="place"]:not([disabled])').waitFor({ timeout: 20_000 });
      await place.click();
      await slipState('accepted');
    });

    it('shows a pending bet until the core decides it', async () => {
      await (await fetch(`${core}/admin/faults`, { method: 'POST', body: JSON.stringify({ pendingRatio: 1, pendingDelayMs: 1_500, pendingDeclineRatio: 0 }) })).text();
      try {
        await button('dc', 'away').click();
        await slipItem().locator('button[data-action="place"]').click();
        await slipState('pending');
        await slipState('accepted');
        expect(await slipItem().locator('.slip-outcome').textContent()).toContain('Accepted after review');
      } finally {
        await fetch(`${core}/admin/faults`, { method: 'POST', body: JSON.stringify({ pendingRatio: 0 }) });
      }
    });

    it('shows an unknown outcome until a resend with the same key learns it: one bet at the core', async () => {
      // The core takes 8 s per new bet: past the node's 30 ms budget (UNKNOWN) and past the SDK's own
      // resends (five, at most ~6.4 s), so the page itself shows "unknown" and resends the same key
      // until the core's decision comes back.
      const faults = (body: object) => fetch(`${core}/admin/faults`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.text());
      await faults({ latency: 8_000 });
      try {
        await button('dc', 'draw').click();
        const before = await coreStats();
        await slipItem().locator('button[data-action="place"]').click();
        await slipState('unknown');
        const key = await slipItem().getAttribute('data-key');
        await slipState('accepted');
        expect(await slipItem().getAttribute('data-key')).toBe(key);
        const stats = await coreStats();
        expect(stats.created - before.created).toBe(1);
        expect(stats.duplicates - before.duplicates).toBeGreaterThan(0);
      } finally {
        await faults({ latency: { minMs: 2, maxMs: 8 } });
      }
      expect((await probe(page)).violations).toBe(0);
      await screenshot(page, 'demo-slip-outcomes.png'); // every outcome above, in one slip
    });
  });

  describe('nodes on Redis shards: a restart and a drain without a reload', () => {
    let fleet: EdgeFleet;
    let page: Page;

    beforeAll(async () => {
      fleet = await EdgeFleet.create({
        env: {
          // The page moves from edge-a's origin to edge-b on the drain.
          ODDSGATE_ALLOWED_ORIGINS: '*',
          ODDSGATE_DRAIN_WINDOW_MS: '1000',
          ODDSGATE_DRAIN_GRACE_MS: '10000',
          ODDSGATE_MEMBERSHIP_HEARTBEAT_MS: '500',
          ODDSGATE_MEMBERSHIP_TIMEOUT_MS: '3000',
        },
      });
      await Promise.all(['edge-a', 'edge-b'].map((id) => fleet.startNode(id)));
      await fleet.waitForRing(['edge-a', 'edge-b']);
      const events = await fleet.simulate({ events: 4, markets: 3, rate: 40 });
      // No ?events: with Redis the page takes the events from the node's catalogue (GET /v1/events).
      page = await browser.open(`${fleet.node('edge-a').httpUrl}/`);
      await page.locator('.event:not(.loading)').nth(events.length - 1).waitFor({ timeout: 30_000 });
      await page.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));
    }, 120_000);
    afterAll(async () => {
      await page?.close();
      await fleet?.stop();
    });

    /** Updates keep arriving: the count grows by `more` and the page was never reloaded. */
    async function live(more: number): Promise<void> {
      const from = (await probe(page)).updates;
      await waitUntil(async () => (await probe(page)).updates >= from + more, 30_000, `${more} more updates on the page`);
      expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
    }

    it('survives a restart of its node: reconnects, resumes, no sequence violation', async () => {
      await live(10);
      expect((await probe(page)).nodeId).toBe('edge-a');
      await fleet.node('edge-a').kill();
      await waitUntil(async () => (await probe(page)).state !== 'open', 20_000, 'the page noticing its node gone');
      await fleet.startNode('edge-a');
      await waitUntil(async () => (await probe(page)).state === 'open', 60_000, 'the page connected again');
      await live(20);
      const after = await probe(page);
      expect(after.nodeId).toBe('edge-a');
      expect(after.violations).toBe(0);
      expect(await page.locator('.status .conn').getAttribute('data-state')).toBe('open');
    });

    it('follows a drain to the other node: no reload, no sequence violation', async () => {
      await fleet.waitForRing(['edge-a', 'edge-b']);
      await live(10);
      fleet.node('edge-a').signal('SIGTERM');
      await waitUntil(async () => (await probe(page)).nodeId === 'edge-b', 60_000, 'the page moved to edge-b');
      expect((await fleet.node('edge-a').exited).code).toBe(0);
      await live(20);
      expect((await probe(page)).violations).toBe(0);
      expect(await page.locator('.status .node-id').textContent()).toBe('edge-b');
    });
  });
});
