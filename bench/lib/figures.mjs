// The shape every suite reports in. A figure is one measured quantity for Sightline and for its
// reference, measured in the same run; its ratio is always Sightline ÷ reference, and `better` says
// which direction is good. A target is either on the ratio or on Sightline's absolute value.
import { median, spread } from './stats.mjs';

/**
 * @typedef {{ on: 'ratio' | 'value', op: '>=' | '<=', value: number, text: string, limit?: string }} Target
 * @typedef {object} Figure
 * @property {string} id           stable key in results JSON
 * @property {string} label        what was measured
 * @property {string} unit         'B', 'calls/s', 'requests', 'events/s', 'ms', 'MB', …
 * @property {'higher' | 'lower'} better
 * @property {number[]} sightline  Sightline's runs
 * @property {number[]} reference  the reference's runs
 * @property {string} referenceLabel what the reference is for this figure
 * @property {number[]} [ratios]   per-round ratios when runs were interleaved
 * @property {Target} [target]
 * @property {string} [note]
 */

/** Completes a figure: medians, ratio, spread and whether its target is met. */
export function figure(input) {
  const sightline = median(input.sightline);
  const reference = median(input.reference);
  const ratio = input.ratios?.length ? median(input.ratios) : sightline / reference;
  const out = {
    ...input,
    runs: Math.max(input.sightline.length, input.reference.length),
    median: { sightline, reference },
    ratio,
    spread: { sightline: spread(input.sightline), reference: spread(input.reference) },
  };
  if (input.target) {
    const measured = input.target.on === 'ratio' ? ratio : sightline;
    const met = input.target.op === '>=' ? measured >= input.target.value : measured <= input.target.value;
    // How far off: the factor still needed (≥ targets) or the excess (≤ targets).
    const shortBy =
      met || !Number.isFinite(measured)
        ? undefined
        : input.target.op === '>='
          ? { factor: input.target.value / measured, absolute: input.target.value - measured }
          : { factor: measured / input.target.value, absolute: measured - input.target.value };
    out.status = Number.isFinite(measured) ? (met ? 'met' : 'missed') : 'not measured';
    out.measured = measured;
    out.shortBy = shortBy;
  }
  return out;
}

/** A figure whose Sightline side could not be measured (build missing, feature not there yet). */
export function unmeasured(input, reason) {
  return {
    ...input,
    sightline: [],
    reference: input.reference ?? [],
    runs: 0,
    median: { sightline: Number.NaN, reference: median(input.reference ?? []) },
    ratio: Number.NaN,
    status: input.target ? 'not measured' : undefined,
    note: reason,
  };
}
