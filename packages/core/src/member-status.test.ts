import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isEligibleStatus,
  isMemberStatus,
  MEMBER_STATUSES,
  type MemberStatus,
  parseMemberStatus,
  STATUS_LABELS_VI,
} from './member-status.ts';

const expectStatus = (text: unknown, status: MemberStatus) =>
  expect(parseMemberStatus(text), String(text)).toEqual({ ok: true, value: status });

describe('parseMemberStatus', () => {
  it('reads the usual spellings', () => {
    const cases: [string, MemberStatus][] = [
      ['chính thức', 'chinh_thuc'],
      ['CHINH THUC', 'chinh_thuc'],
      ['Đảng viên chính thức', 'chinh_thuc'],
      ['ĐẢNG VIÊN CHÍNH THỨC', 'chinh_thuc'],
      ['dự bị', 'du_bi'],
      ['DU BI', 'du_bi'],
      ['Đảng viên dự bị', 'du_bi'],
      ['miễn sinh hoạt', 'mien_sinh_hoat'],
      ['miễn SH', 'mien_sinh_hoat'],
      ['Miễn sinh hoạt Đảng', 'mien_sinh_hoat'],
      ['chuyển đi', 'chuyen_di'],
      ['chuyển sinh hoạt', 'chuyen_di'],
      ['đã chuyển', 'chuyen_di'],
      ['từ trần', 'tu_tran'],
      ['đã mất', 'tu_tran'],
      ['chết', 'tu_tran'],
      ['xóa tên', 'xoa_ten'],
      ['xoá tên', 'xoa_ten'],
      ['  Xóa\u00a0 tên. ', 'xoa_ten'],
    ];
    for (const [text, status] of cases) {
      expectStatus(text, status);
      expectStatus(text.normalize('NFD'), status);
    }
  });

  it('reads the ids and labels themselves', () => {
    for (const status of MEMBER_STATUSES) {
      expectStatus(status, status);
      expectStatus(status.toUpperCase(), status);
      expectStatus(STATUS_LABELS_VI[status], status);
    }
  });

  it('rejects unknown statuses with the list of allowed ones', () => {
    expect(parseMemberStatus('Chưa xác định')).toEqual({
      ok: false,
      message:
        'Trạng thái "Chưa xác định" không hợp lệ (chính thức, dự bị, miễn sinh hoạt, chuyển đi, từ trần, xóa tên)',
    });
    for (const text of ['chinh', 'dự bị chính thức', 'khai trừ', 'Đảng viên', 42]) {
      expect(parseMemberStatus(text).ok, String(text)).toBe(false);
    }
  });

  it('requires a status', () => {
    for (const text of [undefined, null, '', '   ']) {
      expect(parseMemberStatus(text)).toEqual({ ok: false, message: 'Thiếu trạng thái' });
    }
  });

  it('ignores case, diacritic encoding and spacing', () => {
    const status = fc.constantFrom(...MEMBER_STATUSES);
    fc.assert(
      fc.property(status, fc.boolean(), fc.constantFrom(' ', '  ', '\u00a0', '\t'), (s, upper, space) => {
        let text = STATUS_LABELS_VI[s].replace(/ /g, space).normalize('NFD');
        if (upper) text = text.toUpperCase();
        expectStatus(` ${text} `, s);
      }),
    );
  });

  it('only ever returns a known status', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseMemberStatus(text);
        if (result.ok) expect(isMemberStatus(result.value)).toBe(true);
      }),
    );
  });
});

describe('labels and predicates', () => {
  it('has a Vietnamese label for every status', () => {
    expect(STATUS_LABELS_VI).toEqual({
      chinh_thuc: 'Chính thức',
      du_bi: 'Dự bị',
      mien_sinh_hoat: 'Miễn sinh hoạt',
      chuyen_di: 'Chuyển đi',
      tu_tran: 'Từ trần',
      xoa_ten: 'Xóa tên',
    });
  });

  it('counts only chính thức and dự bị as eligible', () => {
    expect(MEMBER_STATUSES.filter(isEligibleStatus)).toEqual(['chinh_thuc', 'du_bi']);
    expect(isEligibleStatus('unknown')).toBe(false);
  });

  it('recognises ids', () => {
    expect(isMemberStatus('tu_tran')).toBe(true);
    expect(isMemberStatus('Từ trần')).toBe(false);
    expect(isMemberStatus(undefined)).toBe(false);
  });
});
