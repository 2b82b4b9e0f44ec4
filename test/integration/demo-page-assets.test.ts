import { get, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessFeedFixture } from '../helpers/feeds.js';

/** GET with node:http, which (unlike fetch) neither asks for nor undoes compression by itself. */
function getRaw(port: number, path: string, headers: Record<string, string>): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

/**
 * The node serves the demo page that `npm run build` bundled into
 * dist/demo (scripts/build-demo.mjs): index.html revalidated on every load,
 * the content-hashed bundle cached for good, gzip to clients that take it.
 */
describe('the demo page as the node serves it', () => {
  const fixture = new InProcessFeedFixture({});
  let url: string;
  let port: number;

  beforeAll(async () => {
    port = (await fixture.startNode()).port;
    url = `http://127.0.0.1:${port}`;
  });
  afterAll(() => fixture.stop());

  it('serves index.html at / naming the hashed bundle, and the bundle with its type and a long cache', async () => {
    const index = await fetch(url + '/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const js = /<script src="(\/demo\/app-[A-Z0-9]+\.js)">/.exec(html)?.[1];
    const css = /<link rel="stylesheet" href="(\/demo\/app-[A-Z0-9]+\.css)">/.exec(html)?.[1];
    expect(js, 'index.html names the script').toBeDefined();
    expect(css, 'index.html names the stylesheet').toBeDefined();

    const script = await fetch(url + js);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(script.headers.get('vary')).toBe('accept-encoding');
    expect(await script.text()).toContain('/v1/demo-token');
    const style = await fetch(url + css);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');

    expect((await fetch(url + '/demo/app-NOPE.js')).status).toBe(404);
  });

  it('sends gzip only to a client that accepts it', async () => {
    const html = await (await fetch(url + '/')).text();
    const js = /<script src="([^"]+)">/.exec(html)![1];
    const zipped = await getRaw(port, js, { 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    const plain = await getRaw(port, js, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    expect(zipped.body.length).toBeLessThan(plain.body.length / 2);
  });
});
