import { describe, expect, it } from 'vitest';
import { parseRange } from './send-file.ts';

describe('parseRange', () => {
  it('reads the forms players and pdf.js send', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=990-5000', 1000)).toEqual({ start: 990, end: 999 });
  });
  it('no header, several ranges or nonsense: the whole file', () => {
    expect(parseRange(undefined, 1000)).toBeNull();
    expect(parseRange('bytes=0-1,5-6', 1000)).toBeNull();
    expect(parseRange('items=1-2', 1000)).toBeNull();
  });
  it('a range past the end is unsatisfiable (416)', () => {
    expect(() => parseRange('bytes=1000-', 1000)).toThrow(expect.objectContaining({ status: 416 }));
    expect(() => parseRange('bytes=50-10', 1000)).toThrow(expect.objectContaining({ status: 416 }));
  });
});
