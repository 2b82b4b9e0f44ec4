import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The clone's root: this file is src/loadtest/paths.ts, or dist/src/loadtest/paths.js once built. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), fileURLToPath(import.meta.url).includes('/dist/src/') ? '../../..' : '../..');
export const CLI = join(ROOT, 'dist', 'src', 'cli', 'oddsgate.js');
export const PROFILES_DIR = join(ROOT, 'loadtest', 'profiles');
export const NATIVE_SOURCE = join(ROOT, 'loadtest', 'native', 'wsload.c');
export const RESULTS_DIR = join(ROOT, 'loadtest', 'results');

/** A profile by name (`smoke`: loadtest/profiles/smoke.yaml) or by path. */
export function profilePath(nameOrPath: string): string {
  if (nameOrPath.includes('/') || nameOrPath.endsWith('.yaml') || nameOrPath.endsWith('.yml') || nameOrPath.endsWith('.json')) {
    return isAbsolute(nameOrPath) ? nameOrPath : resolve(process.cwd(), nameOrPath);
  }
  const named = join(PROFILES_DIR, `${nameOrPath}.yaml`);
  return existsSync(named) ? named : resolve(process.cwd(), nameOrPath);
}
