import type { DemoPageConfig } from '../shared/types.js';

/** Where the built index.html wants the page configuration. */
const PLACEHOLDER = '<!-- sightline:config -->';

/**
 * Puts the page configuration (credentials, collector origin, index) into the shop's HTML as
 * `window.SIGHTLINE_DEMO`, before the loading snippet runs. `<` is escaped so no value can
 * close the script element.
 */
export function renderPage(template: string, config: DemoPageConfig): string {
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return template.replace(PLACEHOLDER, `<script>window.SIGHTLINE_DEMO = ${json};</script>`);
}
