/** A 0..1 rate as a percentage with one decimal; `—` when there is no data (null). */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)} %`;
}

/** A number with up to `digits` decimals; `—` for null. */
export function decimal(value: number | null, digits = 2): string {
  return value === null ? '—' : String(Math.round(value * 10 ** digits) / 10 ** digits);
}

/** Revenue per currency as `1,234.50 USD · 10.00 EUR`; `—` when empty. */
export function money(currencies: Record<string, { currency?: string; revenue?: number }>): string {
  const parts = Object.values(currencies).map(
    (c) =>
      `${(c.revenue ?? 0).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${c.currency ?? ''}`,
  );
  return parts.length === 0 ? '—' : parts.join(' · ');
}

/** `YYYY-MM-DD` of a date in UTC (the Analytics API's days are UTC days). */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The default window: the last 8 days including today (UTC), like the Analytics API. */
export function defaultRange(now: number): { startDate: string; endDate: string } {
  return { startDate: utcDay(now - 7 * 86_400_000), endDate: utcDay(now) };
}

/** Nice upper bound of an axis: 1, 2 or 5 × 10^n at or above `max` (at least 1). */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

/**
 * The y-axis ticks from 0 to at least `max`: evenly spaced by a 1, 2 or 5 × 10^n step, about
 * `target` of them. `integer` (counts) keeps the step at 1 or more, so small counts never show
 * repeated rounded labels like "0 1 1 2 2".
 */
export function axisTicks(max: number, { integer = false, target = 5 } = {}): number[] {
  const top = max > 0 ? max : 1;
  let step = niceMax(top / target);
  if (integer) step = Math.max(1, Math.round(step));
  const count = Math.max(1, Math.ceil(top / step - 1e-9));
  // toPrecision drops float noise such as 0.6000000000000001 from 3 × 0.2.
  return Array.from({ length: count + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/** `1 click`, `2 clicks`: the noun is singular for exactly one. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** The label of a click-position bucket: `3`, `11–20`, `21+` (the API ends the last one at -1). */
export function positionLabel([from, to]: readonly [number, number]): string {
  if (from === to) return String(from);
  return to === -1 ? `${from}+` : `${from}–${to}`;
}
