/**
 * A seeded pseudo-random generator (mulberry32): the same seed gives the same traffic, so replays
 * and generated data sets are reproducible. Not for secrets.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** `true` with probability `p`. */
  chance(p: number): boolean;
  /** 32 lowercase hex characters: a queryID that is valid and reproducible. */
  hex32(): string;
}

/** A {@link Random} seeded with `seed` (any integer). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    hex32() {
      let out = '';
      for (let i = 0; i < 4; i++)
        out += Math.floor(next() * 4_294_967_296)
          .toString(16)
          .padStart(8, '0');
      return out;
    },
  };
}

/** The deepest result a simulated shopper clicks: P(k) is 0 beyond it. */
export const DEEPEST_CLICK = 50;

/**
 * A click position for a result list of `nbHits`: P(k) ∝ 1/k^1.5 over the first 50 results, so about
 * half the clicks land on the first result and a few beyond 20, as in real search logs.
 */
export function skewedPosition(random: Random, nbHits: number): number {
  const n = Math.max(1, Math.min(nbHits, DEEPEST_CLICK));
  let pick = random.next() * (TOTALS[n] as number);
  for (let k = 1; k <= n; k++) {
    pick -= WEIGHTS[k] as number;
    if (pick <= 0) return k;
  }
  return n;
}

/** k^-1.5 for k = 1…50, and their running sums (same additions in the same order, so same draws). */
const WEIGHTS = Array.from({ length: DEEPEST_CLICK + 1 }, (_, k) => (k === 0 ? 0 : k ** -1.5));
const TOTALS = WEIGHTS.map((_, n) => {
  let total = 0;
  for (let k = 1; k <= n; k++) total += WEIGHTS[k] as number;
  return total;
});
