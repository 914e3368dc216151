import path from 'node:path';
import { AppError } from '../../http/errors.ts';
import { CONTENT_TYPES, type FileKind, sniffFile } from '../../lib/sniff.ts';

/** A bài thu hoạch file: at most 10 MB. */
export const ESSAY_FILE_MAX_BYTES = 10 * 1024 * 1024;

export interface EssayFileType {
  contentType: string;
  extension: string;
}

const ACCEPTED: Partial<Record<FileKind, EssayFileType>> = {
  pdf: { contentType: CONTENT_TYPES.pdf, extension: 'pdf' },
  docx: { contentType: CONTENT_TYPES.docx, extension: 'docx' },
  jpeg: { contentType: CONTENT_TYPES.jpeg, extension: 'jpg' },
  png: { contentType: CONTENT_TYPES.png, extension: 'png' },
};

/** Checks an uploaded temporary file: size first (413), then its type by content (415): PDF, DOCX, JPEG or PNG. */
export async function checkEssayFile(file: { path: string; size: number }): Promise<EssayFileType> {
  if (file.size > ESSAY_FILE_MAX_BYTES) {
    throw new AppError(413, 'payload_too_large', 'Tệp bài thu hoạch quá lớn (tối đa 10 MB).');
  }
  const kind = await sniffFile(file.path);
  const type = kind ? ACCEPTED[kind] : undefined;
  if (!type) {
    throw new AppError(
      415,
      'unsupported_media_type',
      'Tệp bài thu hoạch phải là PDF, Word (.docx) hoặc ảnh (JPEG, PNG).',
    );
  }
  return type;
}

/** A name safe to keep and to send back in Content-Disposition, with the extension of its real type. */
export function essayFileName(original: string, type: EssayFileType): string {
  const base = path
    .basename(original.replace(/\\/g, '/'))
    .replace(/\.[^.]*$/, '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f"/\\<>:|?*]/g, '')
    .trim()
    .slice(0, 120);
  return `${base || 'bai-thu-hoach'}.${type.extension}`;
}
