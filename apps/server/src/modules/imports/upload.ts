import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../http/errors.ts';

export interface Upload {
  fields: Record<string, string>;
  file: { path: string; name: string; size: number } | null;
  cleanup(): void;
}

/**
 * Reads a multipart request: text fields, and the `file` part streamed to a temporary file.
 * `maxBytes` overrides the app-wide file size limit (videos may be larger than spreadsheets).
 */
export async function readUpload(req: FastifyRequest, maxBytes?: number): Promise<Upload> {
  if (!req.isMultipart()) {
    throw new AppError(415, 'unsupported_media_type', 'Cần gửi dạng multipart/form-data kèm trường "file".');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sotay-upload-'));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  const fields: Record<string, string> = {};
  let file: Upload['file'] = null;
  try {
    for await (const part of req.parts(maxBytes ? { limits: { fileSize: maxBytes } } : undefined)) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
      } else if (part.fieldname === 'file' && !file) {
        const dest = path.join(dir, 'upload');
        await pipeline(part.file, fs.createWriteStream(dest));
        if (part.file.truncated) {
          const limit = maxBytes ? ` (tối đa ${Math.round(maxBytes / 1024 / 1024)} MB)` : '';
          throw new AppError(413, 'payload_too_large', `Tệp quá lớn${limit}.`);
        }
        file = { path: dest, name: part.filename || 'tep', size: fs.statSync(dest).size };
      } else {
        part.file.resume();
      }
    }
  } catch (e) {
    cleanup();
    throw e;
  }
  return { fields, file, cleanup };
}
