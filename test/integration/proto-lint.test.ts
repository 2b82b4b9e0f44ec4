import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);

// proto/ is the document for client writers in other languages: buf.yaml at the root lets them lint and
// generate from it. The @bufbuild/buf devDependency brings the binary.
it('buf lint finds nothing in proto/', async () => {
  const result = await run(process.execPath, ['node_modules/@bufbuild/buf/bin/buf', 'lint'], { cwd: process.cwd() }).catch((e: { stdout: string; stderr: string }) => e);
  expect(result.stdout + result.stderr).toBe('');
});
