#!/usr/bin/env node
import { printableConfig } from '../config/printable.js';
import { fields, envName } from '../config/schema.js';
import { OddsgateError } from '../errors.js';
import { parseFlags } from './args.js';
import { configFromFlags } from './config-flags.js';
import { coreSimCommand } from './core-sim.js';
import { publish } from './publish.js';
import { serve } from './serve.js';
import { simulate } from './simulate.js';

const USAGE = `usage: oddsgate <command> [--setting value ...]

commands:
  serve          run an edge node (no redisShards: embedded demo with simulated odds)
  publish        publish one odds update to Redis
  simulate       publish simulated odds to Redis until stopped
  core-sim       run the reference core of one jurisdiction (--jurisdiction MT)
  check-config   validate the configuration and exit
  print-config   print the effective configuration (--markdown: the settings table)

Every setting can be given as --kebab-name, as ODDSGATE_SCREAMING_NAME, or in a JSON file (--config).`;

async function main(argv: string[]): Promise<void> {
  const { flags, positional } = parseFlags(argv);
  const command = positional[0] ?? 'serve';
  if (command === 'help' || flags.help) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  if (command === 'print-config' && flags.markdown) {
    process.stdout.write(settingsTable() + '\n');
    return;
  }
  const config = configFromFlags(flags);
  switch (command) {
    case 'serve':
      return serve(config);
    case 'publish':
      return publish(config, flags);
    case 'simulate':
      return simulate(config, flags);
    case 'core-sim':
      return coreSimCommand(config, flags);
    case 'check-config':
      process.stdout.write('configuration ok\n');
      return;
    case 'print-config':
      process.stdout.write(JSON.stringify(printableConfig(config), null, 2) + '\n');
      return;
    default:
      throw new OddsgateError('OG_USAGE', `unknown command ${JSON.stringify(command)}\n${USAGE}`);
  }
}

function settingsTable(): string {
  const rows = Object.entries(fields).map(([key, f]) => `| \`${key}\` | \`${envName(key)}\` | \`${JSON.stringify(f.default)}\` | ${f.doc} |`);
  return ['| setting | environment | default | meaning |', '|---|---|---|---|', ...rows].join('\n');
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof OddsgateError) {
    process.stderr.write(`oddsgate: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`oddsgate: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
