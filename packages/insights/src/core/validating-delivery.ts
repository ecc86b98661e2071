import type { Delivery } from './delivery.js';
import type { InsightsEvent } from './types.js';

/**
 * Checks each event before `inner` sees it: an event with a problem never joins a batch, its
 * call resolves `false`, and the problem (the exact API rule) goes to `console.warn`. The other
 * events of the call still go. Only the dev build and ESM users who opt in pay for the rules
 * (`@sightline/events`' `validateEvent`, about 5 kB).
 */
export function validatingDelivery(
  inner: Delivery,
  validate: (event: InsightsEvent) => string | undefined,
): Delivery {
  return (request) => {
    const events = request.events.filter((event) => {
      const problem = validate(event);
      if (problem) console.warn(`[Sightline] event not sent: ${problem}`);
      return !problem;
    });
    if (!events.length) return Promise.resolve(false);
    const sent = inner({ ...request, events });
    return events.length < request.events.length ? sent.then(() => false) : sent;
  };
}
