import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';

/** The header row of a member list (DESIGN §4). */
export const MEMBER_HEADERS = [
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Số thẻ đảng viên',
  'Số CCCD',
  'Số điện thoại',
  'Ngày vào Đảng',
  'Ngày chính thức',
  'Chi bộ',
  'Trạng thái',
] as const;

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Đinh',
  'Lò',
  'Hà',
  'Sùng',
  'Giàng',
  'Vàng',
  'Triệu',
  'Lương',
  'Mai',
  'Trịnh',
  'Tạ',
  'Cao',
];
const MIDDLE_MALE = [
  'Văn',
  'Hữu',
  'Đức',
  'Minh',
  'Quang',
  'Xuân',
  'Công',
  'Thành',
  'Trọng',
  'Mạnh',
  'A',
  'Seo',
  'Ngọc',
];
const MIDDLE_FEMALE = [
  'Thị',
  'Thu',
  'Ngọc',
  'Thanh',
  'Kim',
  'Mỹ',
  'Bích',
  'Hồng',
  'Thuý',
  'Diệu',
  'Thị Minh',
];
const GIVEN_MALE = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Đạt',
  'Đông',
  'Giang',
  'Hải',
  'Hiếu',
  'Hùng',
  'Huy',
  'Khánh',
  'Long',
  'Lực',
  'Nam',
  'Nghĩa',
  'Phong',
  'Phúc',
  'Quân',
  'Sơn',
  'Tài',
  'Thắng',
  'Thịnh',
  'Toàn',
  'Trung',
  'Tuấn',
  'Việt',
  'Vinh',
  'Chứ',
  'Páo',
  'Sình',
  'Tủa',
];
const GIVEN_FEMALE = [
  'Anh',
  'Châu',
  'Chi',
  'Dung',
  'Hà',
  'Hạnh',
  'Hằng',
  'Hoa',
  'Huệ',
  'Hương',
  'Lan',
  'Liên',
  'Linh',
  'Loan',
  'Mai',
  'Nga',
  'Ngân',
  'Nhung',
  'Oanh',
  'Phương',
  'Quỳnh',
  'Thảo',
  'Trang',
  'Tuyết',
  'Vân',
  'Xuân',
  'Yến',
  'Dợ',
];

/** ~50 chi bộ of a mountain commune and its schools, offices and villages; no two differ only by diacritics. */
export const CHI_BO_NAMES = [
  'Chi bộ thôn Tân Lập',
  'Chi bộ thôn Đồng Tâm',
  'Chi bộ thôn Hồng Phong',
  'Chi bộ thôn Quyết Thắng',
  'Chi bộ thôn Tiền Phong',
  'Chi bộ thôn Thống Nhất',
  'Chi bộ thôn Làng Mới',
  'Chi bộ thôn Bắc Hà',
  'Chi bộ thôn Nậm Đét',
  'Chi bộ thôn Cốc Ly',
  'Chi bộ bản Sín Chải',
  'Chi bộ bản Mồ Sỉ San',
  'Chi bộ bản Pa Cheo',
  'Chi bộ bản Phìn Ngan',
  'Chi bộ bản Lùng Phình',
  'Chi bộ bản Tả Van',
  'Chi bộ bản Lao Chải',
  'Chi bộ bản Nà Hẩu',
  'Chi bộ bản Khuổi Bốc',
  'Chi bộ bản Hua Nà',
  'Chi bộ khu phố 1',
  'Chi bộ khu phố 2',
  'Chi bộ khu phố 3',
  'Chi bộ khu phố 4',
  'Chi bộ khu phố 5',
  'Chi bộ tổ dân phố Chợ',
  'Chi bộ tổ dân phố Ga',
  'Chi bộ tổ dân phố Bến Đá',
  'Chi bộ Trường Mầm non',
  'Chi bộ Trường Tiểu học số 1',
  'Chi bộ Trường Tiểu học số 2',
  'Chi bộ Trường THCS',
  'Chi bộ Trường PTDT Bán trú',
  'Chi bộ Trạm Y tế',
  'Chi bộ Công an xã',
  'Chi bộ Quân sự xã',
  'Chi bộ Cơ quan Đảng',
  'Chi bộ Cơ quan Chính quyền',
  'Chi bộ Mặt trận và các đoàn thể',
  'Chi bộ Hợp tác xã Nông nghiệp',
  'Chi bộ Hợp tác xã Chè Shan Tuyết',
  'Chi bộ Quỹ Tín dụng nhân dân',
  'Chi bộ Bưu điện văn hoá xã',
  'Chi bộ Điện lực',
  'Chi bộ Đồn Biên phòng',
  'Chi bộ Lâm trường',
  'Chi bộ Nông trường Sông Bôi',
  'Chi bộ Trung tâm Học tập cộng đồng',
  'Chi bộ Người cao tuổi',
  'Chi bộ Doanh nghiệp Tư nhân Hưng Thịnh',
];

const STATUSES: { label: string; weight: number; probationary?: true }[] = [
  { label: 'Chính thức', weight: 86 },
  { label: 'Dự bị', weight: 6, probationary: true },
  { label: 'Miễn sinh hoạt', weight: 5 },
  { label: 'Đảng viên chính thức', weight: 2 },
  { label: 'Chuyển đi', weight: 1 },
];
const STATUS_TOTAL = STATUSES.reduce((s, x) => s + x.weight, 0);

/** The item whose share of the total weight contains `point` (0 ≤ point < total). */
function weighted<T extends { weight: number }>(items: readonly T[], point: number): T {
  let rest = point;
  for (const item of items) {
    rest -= item.weight;
    if (rest < 0) return item;
  }
  return items[0]!;
}

/** mulberry32: a small seeded PRNG, so the same seed gives the same file. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** CCCD serials have 6 digits: up to a million distinct people. */
export const MAX_PEOPLE = 1_000_000;

/**
 * Số thẻ (8 digits) and CCCD suffix are bijections of the person's index, so every index gives
 * numbers no other index has: callers make files with disjoint index ranges to get fresh people.
 */
export function partyCardOf(index: number): string {
  return String(10_000_000 + ((48_271 * index + 12_345_678) % 90_000_000));
}
export function cccdOf(index: number, birthYear: number, male: boolean, province: number): string {
  const century = (birthYear >= 2000 ? 2 : 0) + (male ? 0 : 1);
  const suffix = (367_891 * index + 271_828) % 1_000_000;
  return `${pad(province, 3)}${century}${pad(birthYear % 100, 2)}${pad(suffix, 6)}`;
}

/** How a person writes their phone: the forms the importer must understand, as numbers too. */
function phoneCell(rand: () => number, national: string): string | number {
  const rest = national.slice(1);
  const r = rand();
  if (r < 0.45) return national;
  if (r < 0.6) return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
  if (r < 0.7) return `+84 ${rest.slice(0, 3)}.${rest.slice(3, 6)}.${rest.slice(6)}`;
  if (r < 0.78) return `(+84) ${rest}`;
  if (r < 0.86) return Number(rest); // Excel ate the leading 0
  if (r < 0.92) return `${national.slice(0, 4)}-${national.slice(4, 7)}-${national.slice(7)}`;
  return `84${rest}`;
}

const dmy = (d: Date, short: boolean) =>
  short
    ? `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`
    : `${pad(d.getUTCDate(), 2)}/${pad(d.getUTCMonth() + 1, 2)}/${d.getUTCFullYear()}`;

export interface MemberRowValues {
  index: number;
  fullName: string;
  partyCardNumber: string | null;
  cccd: string;
  cells: (string | number | null)[];
}

/** One realistic member; everything derives from (seed, index). */
export function memberRow(
  index: number,
  seed: number,
  chiBoNames: readonly string[] = CHI_BO_NAMES,
): MemberRowValues {
  const rand = prng(seed * 1_000_003 + index);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const male = rand() < 0.62;
  const fullName = `${pick(FAMILY)} ${pick(male ? MIDDLE_MALE : MIDDLE_FEMALE)} ${pick(male ? GIVEN_MALE : GIVEN_FEMALE)}`;
  const birthYear = 1940 + Math.floor(rand() * 64);
  const birth = new Date(Date.UTC(birthYear, Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)));
  const status = weighted(STATUSES, rand() * STATUS_TOTAL);
  const today = Date.UTC(2026, 5, 30);
  const earliestJoin = birth.getTime() + 18 * 365.25 * 86_400_000;
  const joined = status.probationary
    ? new Date(today - Math.floor(rand() * 360) * 86_400_000)
    : new Date(Math.min(today - 400 * 86_400_000, earliestJoin + rand() * 22 * 365.25 * 86_400_000));
  const official = status.probationary ? null : new Date(joined.getTime() + 365 * 86_400_000);
  // a few dự bị have no số thẻ yet (DESIGN §4)
  const partyCardNumber = status.probationary && rand() < 0.5 ? null : partyCardOf(index);
  const cccd = cccdOf(index, birthYear, male, 1 + Math.floor(rand() * 96));
  const prefixes = [
    '091',
    '094',
    '088',
    '098',
    '097',
    '086',
    '035',
    '038',
    '039',
    '070',
    '077',
    '081',
    '083',
    '056',
  ];
  const national = `${pick(prefixes)}${pad(Math.floor(rand() * 10_000_000), 7)}`;
  const shortDates = rand() < 0.15;
  return {
    index,
    fullName,
    partyCardNumber,
    cccd,
    cells: [
      fullName,
      dmy(birth, shortDates),
      male ? 'Nam' : 'Nữ',
      partyCardNumber,
      cccd,
      rand() < 0.04 ? null : phoneCell(rand, national),
      dmy(joined, shortDates),
      official ? dmy(official, shortDates) : null,
      pick(chiBoNames),
      status.label,
    ],
  };
}

export interface GenerateOptions {
  file: string;
  rows: number;
  /** Index of the first person: files with disjoint index ranges have no số thẻ or CCCD in common. */
  firstIndex?: number;
  seed?: number;
  chiBoNames?: readonly string[];
}

export interface GeneratedFile {
  file: string;
  rows: number;
  bytes: number;
  partyCards: string[];
  cccds: string[];
}

/** Writes an N-member XLSX with ExcelJS's streaming writer (shared strings, like Excel itself). */
export async function generateMembersXlsx(opts: GenerateOptions): Promise<GeneratedFile> {
  fs.mkdirSync(path.dirname(opts.file), { recursive: true });
  const tmp = `${opts.file}.partial`;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: tmp,
    useSharedStrings: true,
    useStyles: false,
  });
  const ws = wb.addWorksheet('Danh sách đảng viên');
  ws.addRow([...MEMBER_HEADERS]).commit();
  const partyCards: string[] = [];
  const cccds: string[] = [];
  const first = opts.firstIndex ?? 0;
  if (first < 0 || first + opts.rows > MAX_PEOPLE)
    throw new Error(`person indexes must stay below ${MAX_PEOPLE}`);
  for (let i = 0; i < opts.rows; i++) {
    const r = memberRow(first + i, opts.seed ?? 2026, opts.chiBoNames);
    if (r.partyCardNumber) partyCards.push(r.partyCardNumber);
    cccds.push(r.cccd);
    ws.addRow(r.cells).commit();
  }
  ws.commit();
  await wb.commit();
  fs.renameSync(tmp, opts.file);
  return { file: opts.file, rows: opts.rows, bytes: fs.statSync(opts.file).size, partyCards, cccds };
}
