import fs from 'node:fs';

/** File kinds the app accepts, recognised by their first bytes (never by the name or the browser's word). */
export type FileKind = 'pdf' | 'docx' | 'mp4' | 'webm' | 'jpeg' | 'png' | 'webp';

export const CONTENT_TYPES: Record<FileKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  mp4: 'video/mp4',
  webm: 'video/webm',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

const startsWith = (b: Buffer, bytes: number[], at = 0) => bytes.every((x, i) => b[at + i] === x);

/**
 * The kind of a file from its content. A DOCX is a ZIP whose entries include `word/document.xml`;
 * entry names are stored in plain text, so looking for the name is enough (an XLSX has `xl/`).
 */
export function sniffKind(head: Buffer, whole?: Buffer): FileKind | null {
  if (head.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    return (whole ?? head).includes('word/document.xml') ? 'docx' : null;
  }
  if (head.subarray(4, 8).toString('latin1') === 'ftyp') return 'mp4';
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return 'webm';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP')
    return 'webp';
  return null;
}

/** Sniffs a file on disk: the first 4 KiB, and for ZIPs the whole file (DOCX are at most tens of MB). */
export async function sniffFile(filePath: string): Promise<FileKind | null> {
  const fh = await fs.promises.open(filePath, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    const h = head.subarray(0, bytesRead);
    if (!startsWith(h, [0x50, 0x4b, 0x03, 0x04])) return sniffKind(h);
    return sniffKind(h, await fs.promises.readFile(filePath));
  } finally {
    await fh.close();
  }
}
