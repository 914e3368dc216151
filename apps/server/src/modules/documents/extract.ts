import fs from 'node:fs';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { AppError } from '../../http/errors.ts';

/** Text beyond this is not indexed (a 300-page PDF has about 1 M characters). */
const MAX_TEXT = 2_000_000;

const unreadable = (what: string) =>
  new AppError(
    422,
    'document_unreadable',
    `Không đọc được nội dung tệp ${what} (tệp hỏng hoặc có mật khẩu). Hãy kiểm tra lại tệp.`,
  );

/** The text of a PDF (pages separated by form feeds) or a DOCX, as the reader and search use it. */
export async function extractDocumentText(filePath: string, kind: 'pdf' | 'docx'): Promise<string> {
  const data = await fs.promises.readFile(filePath);
  let text: string;
  if (kind === 'pdf') {
    try {
      const pdf = await getDocumentProxy(new Uint8Array(data));
      try {
        const { text: pages } = await extractText(pdf, { mergePages: false });
        text = pages.join('\n\f\n');
      } finally {
        await pdf.destroy();
      }
    } catch {
      throw unreadable('PDF');
    }
  } else {
    try {
      text = (await mammoth.extractRawText({ buffer: data })).value;
    } catch {
      throw unreadable('DOCX');
    }
  }
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .slice(0, MAX_TEXT);
}
