import { describe, expect, it } from 'vitest';
import { sniffKind } from './sniff.ts';

const b = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniffKind: the kind of a file from its first bytes', () => {
  it.each([
    ['pdf', b('%PDF-1.7\n')],
    ['docx', b([0x50, 0x4b, 0x03, 0x04], '....[Content_Types].xml....word/document.xml')],
    ['mp4', b([0, 0, 0, 0x20], 'ftypisom')],
    ['webm', b([0x1a, 0x45, 0xdf, 0xa3, 0x9f])],
    ['jpeg', b([0xff, 0xd8, 0xff, 0xe0])],
    ['png', b([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
    ['webp', b('RIFF', [1, 2, 3, 4], 'WEBPVP8 ')],
  ])('%s', (kind, head) => {
    expect(sniffKind(head)).toBe(kind);
  });

  it('text, an XLSX (a ZIP without word/) and an executable are none of them', () => {
    expect(sniffKind(b('Đây không phải PDF'))).toBeNull();
    expect(sniffKind(b([0x50, 0x4b, 0x03, 0x04], 'xl/workbook.xml'))).toBeNull();
    expect(sniffKind(b([0x7f], 'ELF'))).toBeNull();
  });
});
