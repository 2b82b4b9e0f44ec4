import { loadConfig } from '../config/load.js';
import { fields, type Config, type ConfigKey } from '../config/schema.js';

/** The config from env, --config file and any `--<setting> value` flags; other flags are left to the command. */
export function configFromFlags(flags: Record<string, string | string[] | true>): Config {
  const overrides: Partial<Record<ConfigKey, unknown>> = {};
  for (const [name, value] of Object.entries(flags)) {
    if (name in fields) overrides[name as ConfigKey] = Array.isArray(value) ? value.join(',') : value;
  }
  return loadConfig({ env: process.env, file: typeof flags.config === 'string' ? flags.config : undefined, overrides });
}
