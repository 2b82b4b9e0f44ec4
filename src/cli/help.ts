import { commands, commonFlags, type CommandName, type CommandSpec } from '../config/commands.js';
import { kebab, settingsOf } from '../config/command-line.js';
import type { Field } from '../config/field.js';
import { envName, fields } from '../config/schema.js';

/** `oddsgate --help`: the commands. */
export function overview(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length)) + 2;
  const lines = Object.entries(commands).map(([name, spec]) => `  ${name.padEnd(width)}${(spec as CommandSpec).summary}`);
  return [
    'usage: oddsgate <command> [--flag value ...]    (no command: serve)',
    '',
    'commands:',
    ...lines,
    '',
    '`oddsgate <command> --help` lists the command\'s options and the settings it reads.',
    'Settings come from --kebab-case flags, ODDSGATE_SCREAMING_CASE variables and a JSON file (--config);',
    '`oddsgate print-config --markdown` lists every setting. `oddsgate --version` prints the version.',
  ].join('\n');
}

/** `oddsgate <command> --help`: its argument, options, the settings it reads and the common flags. */
export function commandHelp(command: CommandName): string {
  const spec: CommandSpec = commands[command];
  const required = new Set(spec.required ?? []);
  const usage = [
    `usage: oddsgate ${command}`,
    ...(spec.argument ? [`<${spec.argument.name}>`, ...(spec.argument.more ? ['[...]'] : [])] : []),
    ...[...required].map((key) => `--${kebab(key)} <value>`),
    '[--flag value ...]',
  ].join(' ');
  const out = [usage, '', spec.summary];
  if (spec.argument) out.push('', 'argument:', entry(`<${spec.argument.name}>`, spec.argument.field, 'required'));
  const options = Object.entries(spec.options);
  if (options.length > 0) {
    out.push('', 'options:', ...options.map(([key, f]) => entry(`--${kebab(key)}`, f, required.has(key) ? 'required' : shownDefault(f))));
  }
  out.push('', 'settings it reads (flag, environment variable; also from the --config file):');
  out.push(...settingsOf(command).map((key) => entry(`--${kebab(key)}, ${envName(key)}`, fields[key], shownDefault(fields[key]))));
  out.push('', 'every command:', ...Object.entries(commonFlags).map(([key, f]) => entry(`--${kebab(key)}`, f, '')));
  return out.join('\n');
}

/** README's settings table (`print-config --markdown`). */
export function settingsTable(): string {
  const rows = Object.entries(fields).map(([key, f]) => `| \`${key}\` | \`${envName(key)}\` | \`${JSON.stringify(f.default)}\` | ${f.doc} |`);
  return ['| setting | environment | default | meaning |', '|---|---|---|---|', ...rows].join('\n');
}

function entry(name: string, f: Field<unknown>, note: string): string {
  return `  ${name}${note ? `  (${note})` : ''}\n      ${f.doc} Expects ${f.expects}.`;
}

function shownDefault(f: Field<unknown>): string {
  return `default ${JSON.stringify(f.default)}`;
}
