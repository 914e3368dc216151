import ExcelJS from 'exceljs';
import type { Session } from './app.ts';
import { type MultipartFile, multipart } from './multipart.ts';

export type CellValue = string | number | Date | null;

/** An .xlsx file with one sheet holding these rows (row 1 first); `Date` values become date cells. */
export async function xlsxFile(rows: CellValue[][], sheetName = 'Danh sách'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  rows.forEach((r, i) => {
    r.forEach((v, j) => {
      if (v === null) return;
      const cell = ws.getCell(i + 1, j + 1);
      cell.value = v;
      if (v instanceof Date) cell.numFmt = 'dd/mm/yyyy';
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A CSV file: UTF-8 with BOM unless told, cells quoted when needed, CRLF line ends. */
export function csvFile(rows: (string | null)[][], { delimiter = ',', bom = true } = {}): Buffer {
  const quote = (c: string | null) => {
    if (c === null) return '';
    return /["\r\n]/.test(c) || c.includes(delimiter) ? `"${c.replace(/"/g, '""')}"` : c;
  };
  const text = `${rows.map((r) => r.map(quote).join(delimiter)).join('\r\n')}\r\n`;
  return Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
}

/** POSTs a member import as multipart (`file` left out when null). */
export function importMembers(
  s: Session,
  fields: { orgId?: string; dryRun?: string; progressId?: string },
  file: MultipartFile | null,
) {
  const clean = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
  return s.request('POST', '/api/imports/members', undefined, multipart(clean, file ?? undefined));
}
