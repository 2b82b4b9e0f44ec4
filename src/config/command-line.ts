import { ConfigError } from '../errors.js';
import { commands, commonFlags, type CommandName, type CommandSpec } from './commands.js';
import { fieldKind, type Field, type FieldValues } from './field.js';
import { didYouMean } from './nearest-name.js';
import { fields as settings, type ConfigKey } from './schema.js';

/** A flag as typed: a value, several (a repeated flag), or none (a switch). */
export type RawValue = string | string[] | true;
/** Flags by camelCase name. */
export type RawFlags = Record<string, RawValue>;

export interface CommandLine {
  command: CommandName;
  /** False when argv named no command (then it is serve, and --help is the overview). */
  named: boolean;
  /** Settings given as flags, for loadConfig (which validates them with the file and the environment). */
  settings: Partial<Record<ConfigKey, unknown>>;
  /** The command's own options, not yet validated: readOptions. */
  options: RawFlags;
  common: FieldValues<typeof commonFlags>;
  /** The command's positional argument, validated (undefined when it takes none, or with --help/--version). */
  argument: string | undefined;
  /** Positionals after the argument, for a command whose argument takes `more` (unvalidated: the command reads them). */
  rest: string[];
}

/**
 * The one parser of every `oddsgate` command line: `oddsgate [command]
 * [--flag value | --flag=value | --switch ...] [argument]`. A flag must be
 * one of the command's options, a setting the command reads, or a flag every
 * command takes (commands.ts); anything else is refused with one line
 * naming the nearest flag. Switches take no value (but accept a following
 * true/false); list flags may be repeated; any other flag given twice is refused.
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const named = argv.length > 0 && !argv[0].startsWith('-');
  const name = named ? argv[0] : 'serve';
  if (!Object.hasOwn(commands, name)) {
    throw new ConfigError(`unknown command ${name}${didYouMean(name, Object.keys(commands))} (oddsgate --help lists the commands)`);
  }
  const command = name as CommandName;
  const raw: RawFlags = {};
  const positional: string[] = [];
  const rest = named ? argv.slice(1) : argv;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    if (!arg.startsWith('--')) throw new ConfigError(`unknown flag ${arg} (flags take two dashes, e.g. --help)`);
    const eq = arg.indexOf('=');
    const flag = arg.slice(2, eq > 0 ? eq : undefined);
    const f = flagField(command, flag);
    let value: string | true;
    if (eq > 0) value = arg.slice(eq + 1);
    else if (fieldKind(f) === 'switch') value = rest[i + 1] === 'true' || rest[i + 1] === 'false' ? rest[++i] : true;
    else if (i + 1 < rest.length && !rest[i + 1].startsWith('--')) value = rest[++i];
    else throw new ConfigError(`--${flag} expects a value: ${f.expects}`);
    const key = camel(flag);
    const prev = raw[key];
    raw[key] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [String(prev)]), String(value)];
  }

  const spec: CommandSpec = commands[command];
  const common = {} as Record<string, unknown>;
  const options: RawFlags = {};
  const overrides: Partial<Record<ConfigKey, unknown>> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (Object.hasOwn(commonFlags, key)) common[key] = flagValue(key, commonFlags[key as keyof typeof commonFlags], value);
    else if (Object.hasOwn(spec.options, key)) options[key] = value;
    else overrides[key as ConfigKey] = settingValue(key as ConfigKey, value);
  }
  for (const [key, f] of Object.entries(commonFlags)) common[key] ??= f.default;
  const line: CommandLine = { command, named, settings: overrides, options, common: common as CommandLine['common'], argument: undefined, rest: positional.slice(1) };

  const allowed = spec.argument ? 1 + (spec.argument.more ?? 0) : 0;
  if (positional.length > allowed) {
    throw new ConfigError(`unexpected argument ${JSON.stringify(positional[allowed])} for oddsgate ${command} (oddsgate ${command} --help)`);
  }
  if (spec.argument && !line.common.help && !line.common.version) {
    const { name: argName, field: f } = spec.argument;
    if (positional.length === 0) throw new ConfigError(`oddsgate ${command} needs <${argName}>: ${f.expects}`);
    const parsed = f.schema.safeParse(positional[0]);
    if (!parsed.success) throw new ConfigError(`<${argName}> expects ${f.expects}, got ${JSON.stringify(positional[0])}`);
    line.argument = parsed.data as string;
  }
  return line;
}

/**
 * A command's options, validated against its table: defaults for the ones
 * not given, one-line errors naming the flag. `given` tells which were on
 * the command line (for options that exclude each other).
 */
export function readOptions<C extends CommandName>(command: C, raw: RawFlags): { values: FieldValues<(typeof commands)[C]['options']>; given: ReadonlySet<string> } {
  const spec: CommandSpec = commands[command];
  for (const key of Object.keys(raw)) {
    if (!Object.hasOwn(spec.options, key)) throw unknownFlag(command, kebab(key));
  }
  const values: Record<string, unknown> = {};
  for (const [key, f] of Object.entries(spec.options)) {
    const value = raw[key];
    if (value !== undefined) values[key] = flagValue(key, f, value);
    else if (spec.required?.includes(key)) throw new ConfigError(`--${kebab(key)} expects ${f.expects}, and oddsgate ${command} needs it`);
    else values[key] = f.default;
  }
  return { values: values as FieldValues<(typeof commands)[C]['options']>, given: new Set(Object.keys(raw)) };
}

/** The settings a command accepts as flags. */
export function settingsOf(command: CommandName): ConfigKey[] {
  const read: CommandSpec['settings'] = commands[command].settings;
  return read === 'all' ? (Object.keys(settings) as ConfigKey[]) : [...read];
}

export const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
const camel = (flag: string) => flag.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function flagField(command: CommandName, flag: string): Field<unknown> {
  const key = camel(flag);
  if (/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(flag)) {
    if (Object.hasOwn(commonFlags, key)) return commonFlags[key as keyof typeof commonFlags];
    const spec: CommandSpec = commands[command];
    if (Object.hasOwn(spec.options, key)) return spec.options[key];
    if (settingsOf(command).includes(key as ConfigKey)) return settings[key as ConfigKey];
    if (Object.hasOwn(settings, key)) {
      throw new ConfigError(`oddsgate ${command} does not read the setting --${flag}${didYouMean(flag, flagNames(command), (n) => '--' + n)} (oddsgate ${command} --help lists its flags)`);
    }
  }
  throw unknownFlag(command, flag);
}

function unknownFlag(command: CommandName, flag: string): ConfigError {
  return new ConfigError(`unknown flag --${flag}${didYouMean(flag, flagNames(command), (n) => '--' + n)}`);
}

function flagNames(command: CommandName): string[] {
  return [...Object.keys(commonFlags), ...Object.keys(commands[command].options), ...settingsOf(command)].map(kebab);
}

/** A raw flag as the input of its field's schema: a repeated list flag joined; a valueless or repeated scalar refused. */
function flagInput(key: string, f: Field<unknown>, value: RawValue): string | true {
  const kind = fieldKind(f);
  if (value === true && kind !== 'switch') throw new ConfigError(`--${kebab(key)} expects a value: ${f.expects}`);
  if (Array.isArray(value)) {
    if (kind !== 'list') throw new ConfigError(`--${kebab(key)} is given more than once`);
    return value.join(',');
  }
  return value;
}

function flagValue(key: string, f: Field<unknown>, value: RawValue): unknown {
  const input = flagInput(key, f, value);
  const parsed = f.schema.safeParse(input);
  if (!parsed.success) throw new ConfigError(`--${kebab(key)} expects ${f.expects}, got ${JSON.stringify(input)}`);
  return parsed.data;
}

/** Settings are validated by loadConfig, which names the setting and its variable. */
function settingValue(key: ConfigKey, value: RawValue): unknown {
  return flagInput(key, settings[key], value);
}
