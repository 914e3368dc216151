import { type Actor, formatDateVi } from '@sotay/core';
import ExcelJS from 'exceljs';
import type { Deps } from '../../deps.ts';
import {
  dataTable,
  header,
  para,
  partyDocument,
  recipients,
  run,
  signatures,
  titleBlock,
} from '../../lib/party-docx.ts';
import { findOrg } from '../orgs/repo.ts';
import { type FunnelCounts, funnel, vnDay } from './funnel.ts';

export interface ReportInput {
  number?: string;
  place?: string;
  difficulties?: string;
  proposals?: string;
  signerTitle?: string;
  signerName?: string;
  recipients?: string[];
}

const pct = (n: number, of: number) =>
  of ? `${(Math.round((n / of) * 1000) / 10).toLocaleString('vi-VN')}%` : '0%';

/** "Đảng bộ xã Hòa Mẫu" issues as "Đảng ủy xã Hòa Mẫu"; a chi bộ as itself. */
const issuerOf = (name: string) => name.replace(/^Đảng bộ/i, 'Đảng ủy');

const LINES: [keyof FunnelCounts, string][] = [
  ['vneidLevel2', 'có tài khoản VNeID mức 2'],
  ['installed', 'đã cài đặt ứng dụng'],
  ['registered', 'đã đăng ký tài khoản'],
  ['approved', 'được phê duyệt tài khoản'],
  ['loggedIn', 'đã đăng nhập sử dụng'],
  ['active30d', 'sử dụng trong 30 ngày qua'],
  ['proficient', 'sử dụng thành thạo các chức năng cơ bản'],
];

/**
 * "Báo cáo kết quả triển khai ứng dụng Sổ tay đảng viên điện tử" of a unit, in the Party layout: the
 * figures and a table per unit below filled in from the funnel, the narrative sections as written.
 */
export async function rolloutReportDocx(deps: Deps, actor: Actor, orgId: string, input: ReportInput) {
  const f = await funnel(deps, actor, orgId);
  const unit = (await findOrg(deps.database.db, orgId))!;
  const superior = unit.parentId ? await findOrg(deps.database.db, unit.parentId) : null;
  const today = deps.now();
  const e = f.eligible;
  const issuer = issuerOf(unit.name);
  const body = [
    para([run('I. TÌNH HÌNH, KẾT QUẢ TRIỂN KHAI', { bold: true })], { before: 120 }),
    para(
      `Tính đến ngày ${formatDateVi(vnDay(today))}, toàn ${unit.name.replace(/^Đảng bộ/i, 'Đảng bộ')} có ${e} đảng viên thuộc diện sử dụng ứng dụng (đảng viên chính thức, dự bị, trừ các đồng chí được miễn sinh hoạt), trong đó:`,
      { indent: true },
    ),
    ...LINES.map(([k, label]) => para(`- ${f[k]} đồng chí ${label}, đạt ${pct(f[k], e)};`, { indent: true })),
    para('Kết quả cụ thể ở từng đơn vị trực thuộc:', { indent: true, before: 60 }),
    dataTable(
      ['TT', 'Đơn vị', 'Đủ điều kiện', 'Đã đăng ký', 'Đã đăng nhập', 'Thành thạo', 'Tỷ lệ thành thạo'],
      [
        ...f.children.map((c, i) => [
          i + 1,
          c.org.name,
          c.eligible,
          c.registered,
          c.loggedIn,
          c.proficient,
          pct(c.proficient, c.eligible),
        ]),
        ['', 'Tổng cộng', e, f.registered, f.loggedIn, f.proficient, pct(f.proficient, e)],
      ],
      [6, 34, 12, 12, 12, 12, 12],
    ),
    para([run('II. KHÓ KHĂN, VƯỚNG MẮC', { bold: true })], { before: 200 }),
    ...lines(input.difficulties || '…'),
    para([run('III. ĐỀ XUẤT, KIẾN NGHỊ', { bold: true })], { before: 120 }),
    ...lines(input.proposals || '…'),
  ];
  const file = await partyDocument([
    ...header({
      superior: superior?.name ?? '',
      issuer,
      number: `Số ${input.number?.trim() || '      -BC/ĐU'}`,
      place:
        input.place?.trim() ||
        unit.name.replace(/^(Đảng bộ|Chi bộ)\s+(xã|phường|thị trấn|thôn|bản)?\s*/i, ''),
      date: today,
    }),
    ...titleBlock('Báo cáo', 'kết quả triển khai ứng dụng “Sổ tay đảng viên điện tử”'),
    ...body,
    ...recipients(
      input.recipients?.length
        ? input.recipients
        : [superior ? `${issuerOf(superior.name)} (b/c)` : 'Cấp ủy cấp trên (b/c)', 'Lưu Văn phòng.'],
    ),
    ...signatures(
      { title: '', name: null },
      {
        onBehalf: `T/M ${issuer.split(' ').slice(0, 2).join(' ')}`,
        title: input.signerTitle || 'Bí thư',
        name: input.signerName ?? null,
      },
    ),
  ]);
  return { file, name: `bao-cao-trien-khai-${vnDay(today)}.docx` };
}

const lines = (text: string) =>
  text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => para(l, { indent: true }));

/** The same figures as a workbook: the unit and each unit below, every step with its rate. */
export async function rolloutReportXlsx(deps: Deps, actor: Actor, orgId: string): Promise<Buffer> {
  const f = await funnel(deps, actor, orgId);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Kết quả triển khai');
  ws.addRow([`Kết quả triển khai ứng dụng Sổ tay đảng viên điện tử — ${f.org.name}`]).font = {
    bold: true,
    size: 13,
  };
  ws.addRow([`Số liệu ngày ${formatDateVi(vnDay(deps.now()))}`]);
  ws.addRow([]);
  const steps: [keyof FunnelCounts, string][] = [
    ['eligible', 'Đủ điều kiện'],
    ...LINES.map(([k]) => [k, LABELS[k]] as [keyof FunnelCounts, string]),
  ];
  ws.addRow(['Đơn vị', ...steps.map(([, l]) => l), 'Tỷ lệ thành thạo (%)']).font = { bold: true };
  const add = (name: string, c: FunnelCounts) =>
    ws.addRow([
      name,
      ...steps.map(([k]) => c[k]),
      c.eligible ? Math.round((c.proficient / c.eligible) * 1000) / 10 : 0,
    ]);
  for (const c of f.children) add(c.org.name, c);
  add('Tổng cộng', f).font = { bold: true };
  ws.columns.forEach((col, i) => {
    col.width = i === 0 ? 36 : 14;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const LABELS: Record<keyof FunnelCounts, string> = {
  eligible: 'Đủ điều kiện',
  vneidLevel2: 'VNeID mức 2',
  installed: 'Đã cài đặt',
  registered: 'Đã đăng ký',
  approved: 'Được duyệt',
  loggedIn: 'Đã đăng nhập',
  active30d: 'Hoạt động 30 ngày',
  proficient: 'Thành thạo',
};
