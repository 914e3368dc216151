import fs from 'node:fs';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { AppError } from '../../http/errors.ts';

export type Cell = string | number | boolean | Date | null;
export interface SheetRow {
  /** The row number a person sees in the spreadsheet (header = 1 when it is the first row). */
  row: number;
  cells: Cell[];
}

export type TableKind = 'xlsx' | 'csv';

/** Decides the format from the bytes, never from the file name. */
export function sniffTable(head: Buffer): TableKind {
  if (head.length >= 4 && head.readUInt32BE(0) === 0x504b0304) return 'xlsx';
  const sample = head.subarray(0, 8192);
  // `stream: true` holds back a character cut in two at the end of the sample instead of decoding it
  // as U+FFFD: a Vietnamese CSV longer than the sample is still text.
  const text = new TextDecoder('utf-8').decode(sample, { stream: true });
  const binary = sample.includes(0) || text.includes('\uFFFD');
  if (!binary && text.trim().length > 0) return 'csv';
  throw new AppError(
    415,
    'unsupported_file',
    'Tệp không phải bảng tính Excel (.xlsx) hay CSV. Hãy lưu lại dưới dạng .xlsx hoặc .csv rồi thử lại.',
  );
}

/** Flattens what ExcelJS gives for a cell (rich text, formulas, hyperlinks…) to a plain value. */
export function plainCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if ('result' in o) return plainCell(o.result);
    if ('text' in o) return plainCell(o.text);
    if ('error' in o) return null;
  }
  return String(v);
}

async function* xlsxRows(file: string): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as unknown[]) ?? [];
        yield { row: row.number, cells: values.slice(1).map(plainCell) };
      }
      return; // the first sheet only
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError(
      422,
      'unreadable_file',
      'Không đọc được tệp Excel (tệp hỏng hoặc không đúng định dạng .xlsx).',
    );
  }
}

/** The delimiter used most over the first lines (a roster may open with a title line holding none). */
function csvDelimiter(head: string): string {
  const lines = head.split(/\r?\n/).slice(0, 30);
  const counts = [',', ';', '\t'].map(
    (d) => [d, lines.reduce((n, l) => n + l.split(d).length - 1, 0)] as const,
  );
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

async function* csvRows(file: string): AsyncGenerator<SheetRow> {
  const head = fs.readFileSync(file, { encoding: 'utf8', flag: 'r' }).slice(0, 4096);
  const delimiter = csvDelimiter(head.replace(/^\uFEFF/, ''));
  const parser = fs.createReadStream(file).pipe(
    parse({
      bom: true,
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      info: true,
    }),
  );
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { row: rec.info.lines, cells: rec.record.map((c) => (c === '' ? null : c)) };
    }
  } catch {
    throw new AppError(
      422,
      'unreadable_file',
      'Không đọc được tệp CSV (sai định dạng, ví dụ dấu ngoặc kép không đóng).',
    );
  }
}

export function readTable(file: string, kind: TableKind): AsyncGenerator<SheetRow> {
  return kind === 'xlsx' ? xlsxRows(file) : csvRows(file);
}
