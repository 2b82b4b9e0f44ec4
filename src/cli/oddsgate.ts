#!/usr/bin/env node
import { readOptions, parseCommandLine, type CommandLine } from '../config/command-line.js';
import type { CommandName } from '../config/commands.js';
import { loadConfig } from '../config/load.js';
import { printableConfig } from '../config/printable.js';
import type { Config } from '../config/schema.js';
import { OddsgateError } from '../errors.js';
import { coreSimCommand } from './core-sim.js';
import { drainCommand } from './drain.js';
import { loadtestCommand } from '../loadtest/command.js';
import { commandHelp, overview, settingsTable } from './help.js';
import { publish } from './publish.js';
import { publishInfo } from './publish-info.js';
import { serve } from './serve.js';
import { simulate } from './simulate.js';
import { statusCommand } from './status.js';
import { tokenCommand } from './token.js';
import { packageVersion } from './version.js';

type Options<C extends CommandName> = ReturnType<typeof readOptions<C>>;
/** What each command does with the configuration and its validated options; a number is the exit code. */
type Runners = { [C in CommandName]: (config: Config, options: Options<C>, line: CommandLine) => Promise<number | void> | number | void };

const runners: Runners = {
  serve: (config) => serve(config),
  drain: (config, { values }, line) => drainCommand(config, values, line.argument!),
  status: (config, { values }) => statusCommand(config, values),
  publish: (config, { values }) => publish(config, values),
  'publish-info': (config, { values }) => publishInfo(config, values),
  simulate: (config, { values }) => simulate(config, values),
  'core-sim': (config, options) => coreSimCommand(config, options),
  loadtest: (_config, { values }, line) => loadtestCommand(line.argument!, line.rest, values),
  token: (config, { values }) => tokenCommand(config, values),
  'check-config': () => void process.stdout.write('configuration ok\n'),
  'print-config': (config) => void process.stdout.write(JSON.stringify(printableConfig(config), null, 2) + '\n'),
};

async function main(argv: string[]): Promise<number | void> {
  const line = parseCommandLine(argv);
  if (line.common.version) return void process.stdout.write(packageVersion() + '\n');
  if (line.common.help) return void process.stdout.write((line.named ? commandHelp(line.command) : overview()) + '\n');
  return run(line.command, line);
}

/** Options first, then the configuration: every usage or configuration error stops the command before it does anything. */
function run<C extends CommandName>(command: C, line: CommandLine): Promise<number | void> | number | void {
  const options = readOptions(command, line.options);
  if (command === 'print-config' && (options as Options<'print-config'>).values.markdown) return void process.stdout.write(settingsTable() + '\n');
  const config = loadConfig({ env: process.env, file: line.common.config || undefined, overrides: line.settings });
  return runners[command](config, options, line);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (typeof code === 'number') process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof OddsgateError) {
      process.stderr.write(`oddsgate: ${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`oddsgate: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  },
);
