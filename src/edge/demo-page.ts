import { readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** One file of the demo page, ready to send: identity and gzip bodies, read and compressed once at start. */
export interface DemoFile {
  contentType: string;
  body: Buffer;
  gzip: Buffer;
}

/**
 * The live odds demo page served at `/`: its source is src/demo/ (built on
 * the client SDK), bundled by scripts/build-demo.mjs (`npm run build`) into
 * dist/demo/: index.html and content-hashed .js/.css files. The node reads
 * them once at start; `/` is index.html (revalidated on every load), the
 * hashed files are served under /demo/ and cached for good.
 */
export class DemoPage {
  private constructor(
    /** undefined when the bundle is not built: `/` says how to build it. */
    readonly index: DemoFile | undefined,
    /** By URL path (/demo/app-<hash>.js). */
    readonly assets: ReadonlyMap<string, DemoFile>,
  ) {}

  static load(dir = bundleDir()): DemoPage {
    if (!dir) return new DemoPage(undefined, new Map());
    const assets = new Map<string, DemoFile>();
    for (const name of readdirSync(dir)) {
      if (name !== 'index.html' && CONTENT_TYPES[extname(name)]) assets.set(`/demo/${name}`, demoFile(join(dir, name)));
    }
    return new DemoPage(demoFile(join(dir, 'index.html')), assets);
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

function demoFile(path: string): DemoFile {
  const body = readFileSync(path);
  return { contentType: CONTENT_TYPES[extname(path)], body, gzip: gzipSync(body) };
}

/** dist/demo, from this module built (dist/src/edge) or run from source under the tests (src/edge); undefined when not built. */
function bundleDir(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, '../../demo'), join(here, '../../dist/demo')]) {
    try {
      if (readdirSync(candidate).includes('index.html')) return candidate;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err; // not this layout: try the other
    }
  }
  return undefined;
}
