import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ByteRange, FileStore } from '../lib/file-store.ts';
import { contentDisposition } from './download.ts';
import { AppError } from './errors.ts';

export interface StoredFile {
  storageKey: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** The single range of a `Range: bytes=…` header, clamped to the file; null for none; throws 416 when unsatisfiable. */
export function parseRange(header: string | undefined, size: number): ByteRange | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null; // several ranges or nonsense: send the whole file
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) {
    throw new AppError(
      416,
      'range_not_satisfiable',
      'Đoạn tệp yêu cầu nằm ngoài kích thước tệp.',
      undefined,
      {
        'content-range': `bytes */${size}`,
      },
    );
  }
  return { start, end };
}

/**
 * Streams a stored file, honouring a byte range (video players and pdf.js ask for pieces), with an
 * ETag so a cached copy is revalidated cheaply. Files are private: caches may keep them only per user.
 */
export async function sendStoredFile(
  req: FastifyRequest,
  reply: FastifyReply,
  store: FileStore,
  file: StoredFile,
) {
  const etag = `"${file.sha256.slice(0, 32)}"`;
  reply
    .header('accept-ranges', 'bytes')
    .header('etag', etag)
    .header('cache-control', 'private, no-cache')
    .header('content-type', file.contentType)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', contentDisposition(file.fileName, 'inline'));
  if (req.headers['if-none-match'] === etag) return reply.code(304).send();
  const range = parseRange(req.headers.range, file.size);
  const stream = await store.read(file.storageKey, range ?? undefined);
  if (range) {
    reply
      .code(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${file.size}`)
      .header('content-length', range.end - range.start + 1);
  } else {
    reply.header('content-length', file.size);
  }
  return reply.send(stream);
}
