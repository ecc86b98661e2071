import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, toCsvLine } from '../src/cli/commands/export.js';

describe('CSV export cells', () => {
  it('neutralises cells a spreadsheet would run as formulas (= + - @ tab CR) with a leading quote', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(
      `"'=HYPERLINK(""http://evil.example"",""x"")"`,
    );
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
  });

  it('encodes arrays as JSON, so values containing a separator stay unambiguous', () => {
    expect(csvCell(['a|b', 'c'])).toBe(`"[""a|b"",""c""]"`);
    expect(csvCell([1, 2])).toBe(`"[1,2]"`);
    const line = toCsvLine({
      id: 1,
      appId: 'APP',
      requestId: 'r',
      receivedAt: '2026-01-01T00:00:00.000Z',
      status: 200,
      accepted: true,
      event: {
        eventType: 'click',
        eventName: '=cmd()',
        index: 'products',
        userToken: '-u',
        objectIDs: ['=1', 'b'],
        positions: [1, 2],
      },
      errors: [],
      headers: { referer: null, userAgent: null, agent: null },
      device: 'unknown',
    });
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
    const at = (column: (typeof CSV_COLUMNS)[number]) => cells[CSV_COLUMNS.indexOf(column)];
    expect(at('eventName')).toBe("'=cmd()");
    expect(at('userToken')).toBe("'-u");
    expect(at('objectIDs')).toBe(`"[""=1"",""b""]"`);
    expect(at('positions')).toBe(`"[1,2]"`);
  });
});
