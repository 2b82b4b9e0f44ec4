import { z } from 'zod';

/**
 * One setting or command option: its type, default, what a valid value looks
 * like (for the one-line error) and what it means (for --help and README).
 * The settings (`schema.ts`) and every command's own options
 * (`commands.ts`) are tables of these, read by one parser (`command-line.ts`).
 */
export interface Field<T> {
  schema: z.ZodType<T>;
  default: T;
  /** What a valid value looks like, for the one-line error. */
  expects: string;
  doc: string;
}

export type Fields = Record<string, Field<unknown>>;

/** The values of a table of fields, typed by their defaults. */
export type FieldValues<F extends Fields> = { -readonly [K in keyof F]: F[K]['default'] };

export const field = <T>(schema: z.ZodType<T>, def: T, expects: string, doc: string): Field<T> => ({ schema, default: def, expects, doc });

/** Integers as numbers or decimal digit strings only: '' , 'true', '0x1F' and '1e3' are refused, not coerced. */
export const int = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v), z.number().int().min(min).max(max));

/** Decimal numbers as numbers or plain decimal strings (0.25, 2, .5); '' and '1e3' are refused. */
export const decimal = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === 'string' && /^-?(\d+(\.\d*)?|\.\d+)$/.test(v.trim()) ? Number(v) : v), z.number().min(min).max(max));

/** A comma-separated string or an array (a JSON file, a repeated flag) into a list of items. */
export const listOf = <T>(item: z.ZodType<T>) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v), z.array(item));

/** A list of non-empty strings. */
export const list = listOf(z.string().min(1));

/** true/false as booleans or the strings 'true'/'false' (a bare --flag is true). */
export const bool = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean());

/** A field's kind as the command line sees it: a switch takes no value, a list may be repeated. */
export function fieldKind(f: Field<unknown>): 'switch' | 'list' | 'value' {
  if (typeof f.default === 'boolean') return 'switch';
  return Array.isArray(f.default) ? 'list' : 'value';
}
