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
