/**
 * The search-insights API level this client implements. Integrations read `aa.version` to pick
 * features (InstantSearch needs ≥ 2.6, Autocomplete ≥ 2.4), so it reports the API level, not
 * Sightline's own release number.
 */
export const API_VERSION = '2.18.0';

/** Sightline's own release, sent in the agent string as `sightline (<version>)`. */
export const SIGHTLINE_VERSION = '0.1.0';
