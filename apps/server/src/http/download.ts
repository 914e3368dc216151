import type { FastifyReply } from 'fastify';
import { CONTENT_TYPES } from '../lib/sniff.ts';

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(name: string, kind: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/"/g, '');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a generated file (XLSX export, DOCX minutes or report) as a download with a Vietnamese-safe name. */
export function sendDownload(reply: FastifyReply, file: Buffer, name: string) {
  const type = name.endsWith('.xlsx') ? XLSX_TYPE : CONTENT_TYPES.docx;
  return reply
    .header('content-type', type)
    .header('content-disposition', contentDisposition(name))
    .send(file);
}
