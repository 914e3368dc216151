import { headerKey } from '@sotay/core';

/** Member import columns (DESIGN §4). Headers match ignoring case, diacritics, spacing and punctuation. */
export const MEMBER_COLUMNS = {
  fullName: ['Họ và tên', 'Họ tên', 'Họ và tên đảng viên', 'Tên đảng viên'],
  birthDate: ['Ngày sinh', 'Ngày tháng năm sinh'],
  gender: ['Giới tính'],
  partyCardNumber: ['Số thẻ đảng viên', 'Số thẻ', 'Số thẻ ĐV'],
  cccd: ['Số CCCD', 'CCCD', 'Số căn cước', 'Số căn cước công dân', 'Căn cước công dân', 'Số định danh'],
  phone: ['Số điện thoại', 'Điện thoại', 'SĐT', 'Số ĐT'],
  joinedOn: ['Ngày vào Đảng', 'Ngày kết nạp'],
  officialOn: ['Ngày chính thức', 'Ngày công nhận chính thức'],
  chiBo: ['Chi bộ', 'Tên chi bộ', 'Đơn vị'],
  status: ['Trạng thái', 'Tình trạng'],
  ethnicity: ['Dân tộc'],
  hometown: ['Quê quán'],
  email: ['Email', 'Thư điện tử'],
  education: ['Trình độ', 'Trình độ chuyên môn'],
  position: ['Chức vụ'],
} as const;

export type MemberColumn = keyof typeof MEMBER_COLUMNS;
export const COLUMN_LABELS: Record<MemberColumn, string> = Object.fromEntries(
  Object.entries(MEMBER_COLUMNS).map(([k, v]) => [k, v[0]]),
) as Record<MemberColumn, string>;

const BY_KEY = new Map<string, MemberColumn>(
  Object.entries(MEMBER_COLUMNS).flatMap(([col, names]) =>
    names.map((n) => [headerKey(n), col as MemberColumn] as const),
  ),
);

/** Column index per field for a header row, or null when the row is not a member-list header. */
export function mapHeader(cells: unknown[]): Map<MemberColumn, number> | null {
  const map = new Map<MemberColumn, number>();
  cells.forEach((c, i) => {
    const col = c == null ? undefined : BY_KEY.get(headerKey(String(c)));
    if (col && !map.has(col)) map.set(col, i);
  });
  return map.has('fullName') ? map : null;
}
