import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ISSUE_CODES } from '../src/index.js';

describe('docs/validation.md', () => {
  const doc = readFileSync(new URL('../../../docs/validation.md', import.meta.url), 'utf8');
  it('documents every issue code', () => {
    const missing = Object.keys(ISSUE_CODES).filter((code) => !doc.includes(`| \`${code}\` |`));
    expect(missing).toEqual([]);
  });
  it('documents no code that does not exist', () => {
    const documented = [...doc.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.filter((code) => !(code! in ISSUE_CODES))).toEqual([]);
  });
});
