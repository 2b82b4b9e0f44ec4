import pino, { type Logger, type LoggerOptions } from 'pino';
import { printableConfig } from '../config/printable.js';
import type { Config } from '../config/schema.js';
import { buildInfo } from './build-info.js';

export type { Logger };

/**
 * The root logger: pino JSON on stdout. Tokens and player identifiers must
 * never reach a log line; the redact paths are the safety net for fields a
 * caller might pass by mistake.
 */
export function createLogger(level: string, bindings: Record<string, unknown> = {}): Logger {
  const options: LoggerOptions = {
    level,
    base: { pid: process.pid, ...bindings },
    redact: { paths: ['token', '*.token', 'authorization', '*.authorization', 'playerId', '*.playerId'], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return pino(options);
}

/** One line at start: the effective configuration (secrets and URL credentials masked) and what runs. */
export function logStartup(log: Logger, config: Config): void {
  log.info({ config: printableConfig(config), build: buildInfo() }, 'oddsgate starting');
}
