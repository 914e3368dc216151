import type { FastifyReply } from 'fastify';
import { CONTENT_TYPES } from '../lib/sniff.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a generated file (XLSX export, DOCX minutes or report) as a download with a Vietnamese-safe name. */
export function sendDownload(reply: FastifyReply, file: Buffer, name: string) {
  const type = name.endsWith('.xlsx') ? XLSX_TYPE : CONTENT_TYPES.docx;
  return reply
    .header('content-type', type)
    .header(
      'content-disposition',
      `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    )
    .send(file);
}
