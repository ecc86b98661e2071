import type { Page } from 'playwright-core';
import { COLUMNS } from '../../../packages/dashboard/src/debugger/entry-table.js';

/**
 * Every text on the page that CSS changes the case of (`text-transform` other than `none`), trimmed
 * and deduplicated. Tokens, indices, queryIDs and objectIDs are case-sensitive, so only fixed labels
 * may be in this list: a copied `REPLAY-1-39` finds nothing.
 */
export function caseTransformedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const parent = node.parentElement;
      if (text !== '' && parent !== null && getComputedStyle(parent).textTransform !== 'none') {
        found.add(text);
      }
    }
    return [...found].sort();
  });
}

/** The fixed labels the dashboard upper-cases: the debugger's column heads and detail headings. */
export const UPPER_CASED_LABELS: readonly string[] = [
  ...COLUMNS,
  'Why it was refused',
  'Request',
  'Payload',
  'Feeds analytics',
  'User timeline',
  'User timeline ·',
];
