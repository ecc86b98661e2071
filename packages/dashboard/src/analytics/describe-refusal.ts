/** The toolbar field a refused analytics request blames, so the page can mark it. */
export type RefusedField = 'tags' | 'dates' | 'index' | null;

/** What the analytics page shows when the collector refuses its request. */
export interface Refusal {
  field: RefusedField;
  /** The banner over the greyed-out figures: they are not for the values in the toolbar. */
  notice: string;
}

/**
 * Reads a refusal of the Analytics API (`400 {"message":…}`) for the analytics page. The message is
 * the error's summary, then the detail, then `Fix: …`; the detail starts with the parameter it is
 * about (`tags: …`, `startDate must be …`, `index is required …`, `The window covers …`), which is
 * what tells the field apart. The tags rule is tested first: it is the one field of free text, so
 * only its detail could quote the other parameters' names.
 */
export function describeRefusal(message: string): Refusal {
  if (/(^|\s)tags: /.test(message)) {
    return { field: 'tags', notice: 'Not updated: fix the Tags rule, then press Show.' };
  }
  if (/(^|\s)(startDate|endDate) |(^|\s)The window covers /.test(message)) {
    return { field: 'dates', notice: 'Not updated: fix the dates, then press Show.' };
  }
  if (/(^|\s)index is required/.test(message)) {
    return { field: 'index', notice: 'Not updated: fill in the index, then press Show.' };
  }
  return {
    field: null,
    notice: 'Not updated: the request failed (see the message above); press Show to try again.',
  };
}
