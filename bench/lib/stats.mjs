// Small statistics helpers shared by every suite. Figures are medians of several runs; a ratio is the
// median of the per-round ratios, because rounds run A and B back to back and so share the machine's
// state at that moment (a slow round slows both sides).

/** Median of a list of numbers (the mean of the two middle values for an even count). */
export function median(values) {
  const finite = values.filter((value) => Number.isFinite(value));
  if (finite.length === 0) return Number.NaN;
  const sorted = [...finite].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Nearest-rank percentile (p in 0–100) of an already sorted array. */
export function percentileOfSorted(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Relative spread of the runs: (max − min) / median, to show how noisy a figure was. */
export function spread(values) {
  const finite = values.filter((value) => Number.isFinite(value));
  if (finite.length < 2) return 0;
  return (Math.max(...finite) - Math.min(...finite)) / median(finite);
}

/**
 * Runs `a` and `b` for `rounds` rounds, alternating which goes first (ABBA…) so that neither side
 * always runs on a warmer or a more tired machine. Each function returns one measured number.
 * @returns {{ a: number[], b: number[], ratios: number[] }} ratios are a[i] / b[i]
 */
export async function interleave(rounds, a, b) {
  const result = { a: [], b: [], ratios: [] };
  for (let round = 0; round < rounds; round++) {
    let valueA;
    let valueB;
    if (round % 2 === 0) {
      valueA = await a(round);
      valueB = await b(round);
    } else {
      valueB = await b(round);
      valueA = await a(round);
    }
    result.a.push(valueA);
    result.b.push(valueB);
    result.ratios.push(valueA / valueB);
  }
  return result;
}

/** A deterministic pseudo-random generator (mulberry32), so every run replays the same traffic. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
