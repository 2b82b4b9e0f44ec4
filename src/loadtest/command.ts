import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { compareTable } from './compare.js';
import { RESULTS_DIR } from './paths.js';
import { loadProfile } from './profile-file.js';
import { scaleProfile } from './profile.js';
import { progress } from './progress.js';
import { htmlReport } from './report-html.js';
import type { LoadtestResult } from './result.js';
import { runProfile } from './run.js';
import { summary } from './summary.js';

export interface LoadtestOptions {
  out: string;
  durationScale: number;
}

/**
 * `oddsgate loadtest <profile>`: runs it, prints the summary, writes the JSON
 * result and the HTML report; exit 0 when every SLO held, 1 when one was
 * missed, 130 when Ctrl-C ended it (the results so far are still written).
 * `oddsgate loadtest compare a.json b.json`: the two runs side by side.
 */
export async function loadtestCommand(argument: string, rest: string[], o: LoadtestOptions): Promise<number> {
  const outDir = o.out ? resolve(o.out) : RESULTS_DIR;
  if (argument === 'compare') return compare(rest, outDir);
  if (rest.length > 0) throw new ConfigError(`unexpected argument ${JSON.stringify(rest[0])} (oddsgate loadtest <profile>, or oddsgate loadtest compare a.json b.json)`);
  const loaded = loadProfile(argument);
  const { file } = loaded;
  const profile = scaleProfile(loaded.profile, o.durationScale);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  let stop: () => void = () => undefined;
  const interrupted = new Promise<void>((r) => (stop = r));
  let signals = 0;
  const onSignal = () => {
    // The first Ctrl-C ends the run cleanly (results written); a second one exits at once (children still killed on exit).
    if (++signals > 1) process.exit(130);
    process.stderr.write('\nstopping: ending the run, collecting results and stopping every process (Ctrl-C again to quit at once)\n');
    stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    log(`loadtest ${profile.name} (${file}): ${profile.phases.length} phase(s), ${profile.phases.reduce((s, p) => s + p.durationSec, 0)} s`);
    const result = await runProfile({ profile, profileFile: file, log, progress: (total) => progress(process.stdout, total), interrupted });
    mkdirSync(outDir, { recursive: true });
    const base = join(outDir, `loadtest-${profile.name}-${result.startedAt.replace(/[:.]/g, '-')}`);
    writeFileSync(`${base}.json`, JSON.stringify(result, null, 2));
    writeFileSync(`${base}.html`, htmlReport([result]));
    log(summary(result));
    log(`\nresult: ${base}.json\nreport: ${base}.html`);
    return result.interrupted ? 130 : result.passed ? 0 : 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function compare(files: string[], outDir: string): number {
  if (files.length !== 2) throw new ConfigError('oddsgate loadtest compare needs two result files: oddsgate loadtest compare a.json b.json');
  const runs = files.map((f) => {
    try {
      return JSON.parse(readFileSync(f, 'utf8')) as LoadtestResult;
    } catch (err) {
      throw new ConfigError(`${f}: not a loadtest result (${(err as Error).message})`);
    }
  });
  for (const [i, r] of runs.entries()) if (r.version !== 1 || !r.totals) throw new ConfigError(`${files[i]}: not a loadtest result (no version 1 totals)`);
  process.stdout.write(`${compareTable(runs[0], runs[1])}\n`);
  mkdirSync(outDir, { recursive: true });
  const html = join(outDir, `compare-${runs[0].profile.name}-${Date.now()}.html`);
  writeFileSync(html, htmlReport(runs));
  process.stdout.write(`\nreport: ${html}\n`);
  return 0;
}
