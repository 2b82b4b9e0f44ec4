import { describe, expect, it } from 'vitest';
import { parseCommandLine, readOptions, settingsOf } from '../../src/config/command-line.js';
import { commands, commonFlags, type CommandName, type CommandSpec } from '../../src/config/commands.js';
import { nearestName } from '../../src/config/nearest-name.js';
import { fields } from '../../src/config/schema.js';
import { ConfigError } from '../../src/errors.js';

/** The one-line ConfigError a command line gets. */
function refusal(run: () => unknown): string {
  let caught: unknown;
  try {
    run();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ConfigError);
  expect((caught as Error).message).not.toMatch(/[\r\n]/);
  return (caught as Error).message;
}

describe('parseCommandLine', () => {
  it('runs serve when no command is named', () => {
    expect(parseCommandLine([])).toMatchObject({ command: 'serve', named: false });
    expect(parseCommandLine(['--port', '9000'])).toMatchObject({ command: 'serve', named: false, settings: { port: '9000' } });
    expect(parseCommandLine(['serve', '--port=9000'])).toMatchObject({ command: 'serve', named: true, settings: { port: '9000' } });
  });

  it('refuses an unknown flag naming the nearest one of the command', () => {
    expect(refusal(() => parseCommandLine(['--prot', '9000']))).toBe('unknown flag --prot; did you mean --port?');
    expect(refusal(() => parseCommandLine(['simulate', '--event', '3']))).toBe('unknown flag --event; did you mean --events?');
    expect(refusal(() => parseCommandLine(['serve', '--zzz']))).toBe('unknown flag --zzz');
    expect(refusal(() => parseCommandLine(['serve', '--Port', '1']))).toMatch(/^unknown flag --Port/);
  });

  it('refuses a setting the command does not read, pointing to the flag it may have meant', () => {
    expect(refusal(() => parseCommandLine(['core-sim', '--port', '9001']))).toMatch(/^oddsgate core-sim does not read the setting --port; did you mean --core-port\?/);
  });

  it('gives switches no value unless true/false follows, and takes a value for every other flag', () => {
    expect(parseCommandLine(['status', '--json']).options).toEqual({ json: true });
    expect(parseCommandLine(['status', '--json', 'false']).options).toEqual({ json: 'false' });
    expect(parseCommandLine(['serve', '--allow-anonymous', 'false']).settings).toEqual({ allowAnonymous: 'false' });
    expect(refusal(() => parseCommandLine(['status', '--json', 'yes']))).toMatch(/unexpected argument "yes"/);
    expect(refusal(() => parseCommandLine(['serve', '--port']))).toBe('--port expects a value: an integer from 0 to 65535');
    expect(refusal(() => parseCommandLine(['serve', '--port', '--host', 'h']))).toMatch(/--port expects a value/);
    expect(parseCommandLine(['simulate', '--seed', '-1']).options).toEqual({ seed: '-1' });
  });

  it('collects repeated list flags and refuses other repeats', () => {
    const line = parseCommandLine(['publish', '--event', 'e', '--market', 'm', '--selection', 'home=2.5', '--selection', 'away=3']);
    expect(readOptions('publish', line.options).values.selection).toEqual(['home=2.5', 'away=3']);
    expect(parseCommandLine(['serve', '--redis-shards', 'a=redis://h:1', '--redis-shards', 'b=redis://h:2']).settings).toEqual({ redisShards: 'a=redis://h:1,b=redis://h:2' });
    expect(refusal(() => parseCommandLine(['serve', '--port', '1', '--port', '2']))).toBe('--port is given more than once');
    expect(refusal(() => parseCommandLine(['serve', '--help', '--help']))).toBe('--help is given more than once');
  });

  it('validates the argument of drain, except for --help and --version', () => {
    expect(parseCommandLine(['drain', 'http://10.0.0.1:9464']).argument).toBe('http://10.0.0.1:9464');
    expect(refusal(() => parseCommandLine(['drain']))).toMatch(/^oddsgate drain needs <admin-url>/);
    expect(refusal(() => parseCommandLine(['drain', 'ftp://x']))).toMatch(/^<admin-url> expects the http:\/\/ URL/);
    expect(refusal(() => parseCommandLine(['drain', 'http://a:1', 'http://b:1']))).toMatch(/unexpected argument "http:\/\/b:1"/);
    expect(parseCommandLine(['drain', '--help']).common.help).toBe(true);
    expect(parseCommandLine(['drain', '--version']).common.version).toBe(true);
  });

  it('reads --config as the settings file', () => {
    expect(parseCommandLine(['check-config', '--config', 'a.json']).common).toEqual({ config: 'a.json', help: false, version: false });
  });
});

describe('readOptions', () => {
  it('gives defaults, converts values, and tells which were given', () => {
    const { values, given } = readOptions('simulate', { rate: '12.5', seed: '7' });
    expect(values).toMatchObject({ events: 200, markets: 4, rate: 12.5, seed: 7, goalChance: 0.01 });
    expect([...given]).toEqual(['rate', 'seed']);
  });

  it('names the flag, what it expects and what it got', () => {
    expect(refusal(() => readOptions('simulate', { events: '1e3' }))).toBe('--events expects an integer from 1 to 1000000, got "1e3"');
    expect(refusal(() => readOptions('core-sim', { jurisdiction: 'MT', corePort: true }))).toBe('--core-port expects a value: an integer from 0 to 65535');
    expect(refusal(() => readOptions('publish', { event: 'e', market: 'm' }))).toBe('--selection expects id=price with decimal odds (home=2.375) or odds x 1000 (home=2375), and oddsgate publish needs it');
    expect(refusal(() => readOptions('status', { jsonn: true }))).toBe('unknown flag --jsonn; did you mean --json?');
  });
});

describe('the command tables', () => {
  const names = Object.keys(commands) as CommandName[];

  it('give every option a doc, an expects line and a default its schema accepts (unless the option is required)', () => {
    for (const name of names) {
      const spec: CommandSpec = commands[name];
      for (const [key, f] of Object.entries(spec.options)) {
        expect(f.doc.length, `${name} --${key}`).toBeGreaterThan(0);
        expect(f.expects.length, `${name} --${key}`).toBeGreaterThan(0);
        const derived = f.default === '' && /default:/.test(f.doc); // '' stands for a default computed from other values
        if (!spec.required?.includes(key) && !derived) expect(f.schema.safeParse(f.default).success, `${name} --${key}`).toBe(true);
      }
    }
  });

  it('never give an option the name of a setting or of a common flag (one flag, one meaning)', () => {
    for (const name of names) {
      for (const key of Object.keys(commands[name].options)) {
        expect(Object.hasOwn(fields, key), `${name} --${key}`).toBe(false);
        expect(Object.hasOwn(commonFlags, key), `${name} --${key}`).toBe(false);
      }
    }
  });

  it('let the commands that run a node or show its configuration read every setting', () => {
    for (const name of ['serve', 'check-config', 'print-config'] as const) expect(settingsOf(name)).toEqual(Object.keys(fields));
    expect(settingsOf('drain')).toEqual(['adminToken']);
  });
});

describe('nearestName', () => {
  it('names the closest known name within a third of its length, or one that contains it', () => {
    expect(nearestName('prot', ['port', 'host', 'workers'])).toBe('port');
    expect(nearestName('port', ['core-port', 'core-host'])).toBe('core-port');
    expect(nearestName('SHARDS', ['CORES', 'REDIS_SHARDS'])).toBe('REDIS_SHARDS');
    expect(nearestName('zzz', ['port', 'host'])).toBeUndefined();
    expect(nearestName('latency-max-m-s', ['latency-max-ms', 'latency-min-ms'])).toBe('latency-max-ms');
  });
});
