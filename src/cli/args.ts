/** `--some-flag value` / `--some-flag=value` / `--switch` into { someFlag: value }; repeated flags collect into arrays. */
export function parseFlags(argv: string[]): { flags: Record<string, string | string[] | true>; positional: string[] } {
  const flags: Record<string, string | string[] | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = camel(arg.slice(2, eq > 0 ? eq : undefined));
    let value: string | true;
    if (eq > 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
    else value = true;
    const prev = flags[name];
    if (prev === undefined || prev === true || value === true) flags[name] = value;
    else flags[name] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return { flags, positional };
}

const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export function flagList(value: string | string[] | true | undefined): string[] {
  if (value === undefined || value === true) return [];
  return Array.isArray(value) ? value : [value];
}
