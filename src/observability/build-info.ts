import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What runs: the package version, Node, and the uWS native binary this process loaded. */
export interface BuildInfo {
  version: string;
  node: string;
  uws: string;
}

const require = createRequire(import.meta.url);

export function buildInfo(): BuildInfo {
  const pkg = JSON.parse(readFileSync(ownPackageJson(), 'utf8')) as { version: string };
  const uwsPkg = require('uWebSockets.js/package.json') as { name: string; version: string };
  const binary = Object.keys(require.cache).find((path) => /uws_[^/]+\.node$/.test(path))?.split('/').pop() ?? 'not loaded';
  return { version: pkg.version, node: process.version, uws: `${uwsPkg.name}@${uwsPkg.version} (${binary})` };
}

/** oddsgate's package.json, found upwards from this module (src/ under tests, dist/src/ when built). */
function ownPackageJson(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'oddsgate') return candidate;
  }
  throw new Error('oddsgate package.json not found above ' + import.meta.url);
}
