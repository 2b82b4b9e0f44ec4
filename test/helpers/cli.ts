import { spawn, type ChildProcess } from 'node:child_process';

/** The `oddsgate` command as an operator runs it: the built CLI (`npm run build`) in a child process. */
export const CLI = 'dist/src/cli/oddsgate.js';

export interface CliRun {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  /** The exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** The exit code once the output is read to its end too (both pipes closed: workers of serve hold them as well). */
  closed: Promise<number | null>;
}

export function runCli(args: string[], env: Record<string, string> = {}): CliRun {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ODDSGATE_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  const result: CliRun = { child, stdout: '', stderr: '', exited, closed };
  child.stdout!.on('data', (d) => (result.stdout += d));
  child.stderr!.on('data', (d) => (result.stderr += d));
  return result;
}

/** Runs to the end: exit code and output. */
export async function cliResult(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = runCli(args, env);
  const code = await run.closed;
  return { code, stdout: run.stdout, stderr: run.stderr };
}
