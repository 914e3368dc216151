import { describe, expect, it } from 'vitest';
import { sniffTable } from './read-table.ts';

describe('sniffTable', () => {
  it('a UTF-8 CSV whose first 8 KB end inside a Vietnamese character is still CSV', () => {
    const line = Buffer.from('Lò Văn Số,001234567890,Chi bộ bản Sín Chải\r\n', 'utf8');
    const text = Buffer.concat(Array.from({ length: 400 }, () => line));
    for (let cut = 8180; cut <= 8192; cut++) {
      expect(sniffTable(text.subarray(0, cut))).toBe('csv');
    }
  });

  it('bytes that are not UTF-8 text are refused', () => {
    expect(() => sniffTable(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toThrow();
    expect(() => sniffTable(Buffer.from([0x4c, 0xf2, 0x20, 0x56, 0x61, 0x6e, 0x0a]))).toThrow();
  });
});
