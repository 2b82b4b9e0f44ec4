/**
 * The known name closest to a mistyped one, for "did you mean" hints on
 * unknown flags, environment variables and config-file keys: the smallest
 * edit distance within a third of the name (at least 2), or else the closest
 * name that contains the typed one (`--port` for core-sim: `--core-port`).
 */
export function nearestName(typed: string, known: Iterable<string>): string | undefined {
  const limit = Math.max(2, Math.floor(typed.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(typed, name);
    const close = distance <= limit || (typed.length >= 3 && name.includes(typed));
    if (close && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** `; did you mean <name>?` or nothing. */
export function didYouMean(typed: string, known: Iterable<string>, show: (name: string) => string = (n) => n): string {
  const name = nearestName(typed, known);
  return name === undefined ? '' : `; did you mean ${show(name)}?`;
}

/** Levenshtein distance (insert, delete, substitute), two rows. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}
