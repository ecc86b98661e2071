import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COLLECTOR_ERRORS, CollectorError, type CollectorErrorCode } from '../src/http/error-registry.js';

const docs = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');

describe('error registry', () => {
  it.each(Object.keys(COLLECTOR_ERRORS))('%s is documented in docs/errors.md with its status', (code) => {
    const entry = COLLECTOR_ERRORS[code as CollectorErrorCode];
    const row = docs.split('\n').find((line) => new RegExp(`^\\|\\s*\`${code}\`\\s*\\|`).test(line));
    expect(row, `docs/errors.md needs a table row for ${code}`).toBeDefined();
    const status = row!.split('|')[2]!.trim();
    expect(status).toBe(entry.status === 0 ? '—' : String(entry.status));
  });

  it('docs/errors.md lists no code the registry lacks', () => {
    const documented = [...docs.matchAll(/^\|\s*`([A-Z_]+)`\s*\|/gm)].map((m) => m[1]);
    expect(documented.filter((code) => !(code! in COLLECTOR_ERRORS))).toEqual([]);
  });

  it('every entry says what is wrong and how to fix it; errors carry code, status and fix', () => {
    for (const entry of Object.values(COLLECTOR_ERRORS)) {
      expect(entry.message).toMatch(/\S/);
      expect(entry.fix).toMatch(/\S/);
    }
    const error = new CollectorError('AUTH_ACL_MISSING', 'Needs analytics.');
    expect(error).toMatchObject({ code: 'AUTH_ACL_MISSING', status: 403, plainText: false });
    expect(error.describe()).toBe(
      `${COLLECTOR_ERRORS.AUTH_ACL_MISSING.message} Needs analytics. Fix: ${COLLECTOR_ERRORS.AUTH_ACL_MISSING.fix}`,
    );
    expect(new CollectorError('BODY_NOT_JSON').plainText).toBe(true);
  });
});
