import type { MemberStatus } from '../api/types.ts';

export const MEMBER_STATUSES: MemberStatus[] = [
  'chinh_thuc',
  'du_bi',
  'mien_sinh_hoat',
  'chuyen_di',
  'tu_tran',
  'xoa_ten',
];
const STATUSES = MEMBER_STATUSES;

/** The members list keeps its search and filters in the address, so Back and a reload keep them. */
export interface MembersSearch {
  q?: string;
  orgId?: string;
  status?: MemberStatus;
  vneid?: 0 | 1 | 2;
  phone?: boolean;
  page?: number;
}

export function validateMembersSearch(s: Record<string, unknown>): MembersSearch {
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const page = Number(s.page);
  return {
    q: str(s.q),
    orgId: str(s.orgId),
    status: STATUSES.includes(s.status as MemberStatus) ? (s.status as MemberStatus) : undefined,
    vneid: [0, 1, 2].includes(Number(s.vneid)) && s.vneid !== '' ? (Number(s.vneid) as 0 | 1 | 2) : undefined,
    phone:
      s.phone === true || s.phone === 'true'
        ? true
        : s.phone === false || s.phone === 'false'
          ? false
          : undefined,
    page: Number.isInteger(page) && page > 1 ? page : undefined,
  };
}
