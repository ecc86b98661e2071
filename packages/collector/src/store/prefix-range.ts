/**
 * The half-open range `[lower, upper)` holding exactly the strings that start with `prefix`, in
 * code-point order: `upper` is the prefix with its last code point raised by one (a trailing
 * U+10FFFF is dropped first; null when nothing is left: no upper bound). Code-point order is how
 * both stores compare here (SQLite's BINARY collation on UTF-8; PostgreSQL's `~>=~`/`~<~`
 * operators, byte-wise whatever the database collation), so `column >= lower AND column < upper`
 * walks a B-tree index, where `LIKE 'x%'` scans (SQLite's LIKE is case-insensitive, so it cannot
 * use a BINARY index) and would also read `%` and `_` in the prefix as wildcards.
 */
export function prefixRange(prefix: string): { lower: string; upper: string | null } {
  const points = Array.from(prefix, (char) => char.codePointAt(0)!);
  while (points.length > 0) {
    const last = points.pop()!;
    if (last < 0x10ffff) {
      // Surrogate code points cannot be stored as text: the next one up is U+E000.
      const next = last >= 0xd7ff && last < 0xe000 ? 0xe000 : last + 1;
      return { lower: prefix, upper: String.fromCodePoint(...points, next) };
    }
  }
  return { lower: prefix, upper: null };
}
