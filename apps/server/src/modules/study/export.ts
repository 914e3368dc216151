import type { Actor } from '@sotay/core';
import { formatDateVi, STATUS_LABELS_VI } from '@sotay/core';
import ExcelJS from 'exceljs';
import type { Deps } from '../../deps.ts';
import { exportRows } from './review.ts';
import { vnToday } from './service.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const KIND_VI: Record<string, string> = { chuyen_de: 'Chuyên đề', nghi_quyet: 'Nghị quyết' };

export const EXPORT_HEADERS = [
  'STT',
  'Họ và tên',
  'Chi bộ',
  'Trạng thái',
  'Văn bản đã đọc',
  'Số lần kiểm tra',
  'Điểm cao nhất (%)',
  'Kết quả kiểm tra',
  'Ngày đạt',
  'Bài thu hoạch',
  'Ngày nộp bài thu hoạch',
  'Hoàn thành',
] as const;

/** The calendar day of an instant in Vietnam, as an Excel date (midnight UTC of that day). */
function vnDay(ms: number | null): Date | null {
  if (ms == null) return null;
  const d = vnToday(new Date(ms));
  return new Date(`${d}T00:00:00Z`);
}

/**
 * The per-member list of one topic for one unit as a workbook: a title row naming the topic and the
 * unit, a summary line, then one row per member expected to study (dates shown dd/mm/yyyy).
 */
export async function studyWorkbook(deps: Deps, actor: Actor, topicId: string, orgId: string | undefined) {
  const { topic, org, rows } = await exportRows(deps, actor, topicId, orgId);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sổ tay đảng viên điện tử';
  wb.created = deps.now();
  const ws = wb.addWorksheet('Kết quả học tập', {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const last = EXPORT_HEADERS.length;
  const done = rows.filter((r) => r.completed).length;
  const titleRow = (text: string, opts: Partial<ExcelJS.Font> = {}) => {
    const r = ws.addRow([text]);
    ws.mergeCells(r.number, 1, r.number, last);
    r.getCell(1).font = { size: 12, ...opts };
    r.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    return r;
  };
  titleRow('KẾT QUẢ HỌC TẬP', { bold: true, size: 14 });
  titleRow(`${KIND_VI[topic.kind] ?? 'Chuyên đề'}: ${topic.title}`, { bold: true }).height = 36;
  titleRow(`Đơn vị: ${org.name}`, { bold: true });
  titleRow(
    [
      topic.dueOn ? `Hạn hoàn thành: ${formatDateVi(topic.dueOn)}` : null,
      `Điểm đạt: ${topic.passMark}%`,
      `Đã hoàn thành: ${done}/${rows.length} đảng viên`,
      `Ngày xuất: ${formatDateVi(vnToday(deps.now()))}`,
    ]
      .filter(Boolean)
      .join(' — '),
    { italic: true },
  );
  ws.addRow([]);
  const header = ws.addRow([...EXPORT_HEADERS]);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((c) => {
    c.border = {
      top: { style: 'thin' },
      bottom: { style: 'thin' },
      left: { style: 'thin' },
      right: { style: 'thin' },
    };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  });
  const headerRow = header.number;
  rows.forEach((r, i) => {
    const row = ws.addRow([
      i + 1,
      r.fullName,
      r.orgName,
      STATUS_LABELS_VI[r.status as keyof typeof STATUS_LABELS_VI] ?? r.status,
      `${r.documentsRead}/${r.documentsTotal}`,
      r.attempts,
      r.bestScore,
      r.passed ? 'Đạt' : r.attempts ? 'Chưa đạt' : 'Chưa làm',
      vnDay(r.passedMs),
      r.essayMs != null ? 'Đã nộp' : topic.essayRequired ? 'Chưa nộp' : 'Không bắt buộc',
      vnDay(r.essayMs),
      r.completed ? 'Đã hoàn thành' : 'Chưa hoàn thành',
    ]);
    row.eachCell({ includeEmpty: true }, (c) => {
      c.border = {
        top: { style: 'thin' },
        bottom: { style: 'thin' },
        left: { style: 'thin' },
        right: { style: 'thin' },
      };
      c.alignment = { vertical: 'top', wrapText: true };
    });
  });
  for (const col of [9, 11]) ws.getColumn(col).numFmt = 'dd/mm/yyyy';
  const widths = [6, 28, 26, 14, 12, 10, 12, 14, 12, 14, 14, 16];
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.views = [{ state: 'frozen', ySplit: headerRow }];
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: last } };
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, fileName: `ket-qua-hoc-tap-${vnToday(deps.now())}.xlsx` };
}
