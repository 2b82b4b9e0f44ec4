import { redactUrl } from '../util/redact.js';
import { SECRET_SETTINGS, URL_SETTINGS, type Config, type ConfigKey } from './schema.js';

/** A setting's value as it may be shown (print-config, errors, the startup line): secrets hidden, URL credentials masked. */
export function shownValue(key: ConfigKey, value: unknown): unknown {
  if (SECRET_SETTINGS.has(key)) return value === '' ? '' : '***';
  if (URL_SETTINGS.has(key)) {
    if (Array.isArray(value)) return value.map((v) => redactUrl(String(v)));
    if (typeof value === 'string') return value.split(',').map(redactUrl).join(',');
  }
  return value;
}

/** The whole configuration as it may be shown. */
export function printableConfig(config: Config): Record<ConfigKey, unknown> {
  const shown = {} as Record<ConfigKey, unknown>;
  for (const key of Object.keys(config) as ConfigKey[]) shown[key] = shownValue(key, config[key]);
  return shown;
}
