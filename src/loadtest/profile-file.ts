import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import { PROFILES_DIR, profilePath } from './paths.js';
import { profileSchema, type Profile } from './profile.js';

/**
 * Reads and validates a profile file (YAML; JSON is YAML too). Every problem
 * is one line naming the file, the line and the field:
 * `smoke.yaml:14: phases[1].durationSec: expected number, received string`.
 */
export function loadProfile(nameOrPath: string): { profile: Profile; file: string } {
  const file = profilePath(nameOrPath);
  if (!existsSync(file)) {
    const known = existsSync(PROFILES_DIR) ? readdirSync(PROFILES_DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')) : [];
    throw new ConfigError(`no profile ${JSON.stringify(nameOrPath)} (${file} does not exist; the shipped ones: ${known.join(', ')})`);
  }
  return { profile: parseProfile(readFileSync(file, 'utf8'), basename(file)), file };
}

export function parseProfile(text: string, name: string): Profile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new ConfigError(`${name}:${e.linePos?.[0].line ?? '?'}: not valid YAML: ${e.message.split('\n')[0]}`);
  }
  const parsed = profileSchema.safeParse(doc.toJS());
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${name}:${lineOf(doc, lines, issue.path)}: ${fieldName(issue.path)}: ${describe(issue)}`);
  throw new ConfigError(problems.length === 1 ? problems[0] : `${problems.length} problems in ${name}:\n  ${problems.join('\n  ')}`);
}

/** The line of the deepest node of `path` that the document has (a missing field: its parent's line). */
function lineOf(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): number {
  for (let n = path.length; n >= 0; n--) {
    const keys = path.slice(0, n) as Array<string | number>;
    const node = n === 0 ? doc.contents : doc.getIn(keys, true);
    if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range)) {
      // A map or list value begins on the line after its key; point at the key's line instead.
      const parent = n > 0 ? doc.getIn(keys.slice(0, -1), true) : undefined;
      if ((isMap(node) || isSeq(node)) && isMap(parent)) {
        const pair = parent.items.find((p) => (p.key as { value?: unknown })?.value === keys[keys.length - 1]);
        const keyRange = (pair?.key as { range?: number[] } | undefined)?.range;
        if (keyRange) return lines.linePos(keyRange[0]).line;
      }
      return lines.linePos(node.range[0] as number).line;
    }
  }
  return 1;
}

const fieldName = (path: readonly PropertyKey[]) =>
  path.length === 0 ? '(profile)' : path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')} (loadtest/README.md lists the fields)`;
  return issue.message;
}
