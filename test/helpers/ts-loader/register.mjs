// `node --import ./test/helpers/ts-loader/register.mjs child.ts`: lets a plain
// Node child process (a client fleet of a test or a benchmark) run the test
// helpers' TypeScript, which vitest runs in-process. Node 20 cannot strip
// types itself; hooks.mjs transpiles each .ts file with the project's
// TypeScript (no type check: `tsc` does that).
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
