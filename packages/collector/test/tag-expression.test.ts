import { describe, expect, it } from 'vitest';
import { parseTagExpression } from '../src/analytics/tag-expression.js';
import { CollectorError } from '../src/http/error-registry.js';

const tag = (t: string) => ({ kind: 'tag', tag: t });

describe('parseTagExpression', () => {
  it.each([
    ['platform:mobile', tag('platform:mobile')],
    ['a OR b OR c', { kind: 'or', operands: [tag('a'), tag('b'), tag('c')] }],
    // AND binds tighter than OR, on either side.
    ['a OR b AND c', { kind: 'or', operands: [tag('a'), { kind: 'and', operands: [tag('b'), tag('c')] }] }],
    ['a AND b OR c', { kind: 'or', operands: [{ kind: 'and', operands: [tag('a'), tag('b')] }, tag('c')] }],
    ['(a OR b) AND c', { kind: 'and', operands: [{ kind: 'or', operands: [tag('a'), tag('b')] }, tag('c')] }],
    ['((a))', tag('a')],
    ['(a)AND(b)', { kind: 'and', operands: [tag('a'), tag('b')] }],
    // Each tag is percent-decoded: spaces, parentheses, % and the words AND/OR as tags.
    ['device:mobile%20phone', tag('device:mobile phone')],
    ['size:%28XL%29 OR 100%25', { kind: 'or', operands: [tag('size:(XL)'), tag('100%')] }],
    ['%41ND', tag('AND')],
    ['ünïcode:✓', tag('ünïcode:✓')],
  ])('%s', (text, expected) => {
    expect(parseTagExpression(text)).toEqual(expected);
  });

  it('refuses with TAGS_INVALID (400), naming the rule', () => {
    const error = (() => {
      try {
        parseTagExpression('a OR (b');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CollectorError);
    expect(error).toMatchObject({ code: 'TAGS_INVALID', status: 400 });
    expect((error as CollectorError).message).toContain('the "(" at character 6 is not closed');
    expect(() => parseTagExpression('a OR')).toThrow(/expected a tag or "\(" after "OR" at character 3/);
  });
});
