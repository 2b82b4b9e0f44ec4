import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The version in oddsgate's package.json, found upwards from this module (src/cli or dist/src/cli). */
export function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = readPackage(join(dir, 'package.json'));
    if (pkg?.name === 'oddsgate' && typeof pkg.version === 'string') return pkg.version;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json of oddsgate not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

function readPackage(path: string): { name?: unknown; version?: unknown } | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown; version?: unknown };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // not this directory: look further up
    throw err;
  }
}
