import { fail, ok, type ParseResult } from './result.ts';
import { cleanText, fold } from './text.ts';

export const MEMBER_STATUSES = [
  'chinh_thuc',
  'du_bi',
  'mien_sinh_hoat',
  'chuyen_di',
  'tu_tran',
  'xoa_ten',
] as const;

export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const STATUS_LABELS_VI: Readonly<Record<MemberStatus, string>> = {
  chinh_thuc: 'Chính thức',
  du_bi: 'Dự bị',
  mien_sinh_hoat: 'Miễn sinh hoạt',
  chuyen_di: 'Chuyển đi',
  tu_tran: 'Từ trần',
  xoa_ten: 'Xóa tên',
};

/** Ways a status is written in spreadsheets, in {@link statusKey} form. */
const ALIASES: Readonly<Record<MemberStatus, readonly string[]>> = {
  chinh_thuc: ['chinh thuc'],
  du_bi: ['du bi'],
  mien_sinh_hoat: ['mien sinh hoat', 'mien sh', 'mien sinh hoat dang', 'duoc mien sinh hoat'],
  chuyen_di: [
    'chuyen di',
    'chuyen sinh hoat',
    'chuyen sh',
    'chuyen sinh hoat di',
    'da chuyen',
    'da chuyen di',
    'da chuyen sinh hoat',
  ],
  tu_tran: ['tu tran', 'da tu tran', 'da mat', 'chet', 'da chet', 'qua doi', 'da qua doi'],
  xoa_ten: ['xoa ten', 'da xoa ten', 'bi xoa ten'],
};

/** Folded, punctuation (incl. "_") as spaces, without a leading "Đảng viên". */
function statusKey(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^dang vien /, '');
}

const BY_KEY: ReadonlyMap<string, MemberStatus> = new Map(
  MEMBER_STATUSES.flatMap((status) =>
    [status, ...ALIASES[status]].map((alias) => [statusKey(alias), status] as const),
  ),
);

const ALLOWED_VI = MEMBER_STATUSES.map((s) => STATUS_LABELS_VI[s].toLowerCase()).join(', ');

export function isMemberStatus(value: unknown): value is MemberStatus {
  return typeof value === 'string' && (MEMBER_STATUSES as readonly string[]).includes(value);
}

/** "Đảng viên chính thức", "DU BI", "miễn SH", "đã chuyển", "xoá tên", "tu_tran", ... */
export function parseMemberStatus(text: unknown): ParseResult<MemberStatus> {
  const shown = text === null || text === undefined ? '' : cleanText(String(text));
  if (shown === '') return fail('Thiếu trạng thái');
  const status = BY_KEY.get(statusKey(shown));
  return status ? ok(status) : fail(`Trạng thái "${shown}" không hợp lệ (${ALLOWED_VI})`);
}

/** Statuses that count as an active Party member (chính thức, dự bị). */
export function isEligibleStatus(status: string): boolean {
  return status === 'chinh_thuc' || status === 'du_bi';
}
