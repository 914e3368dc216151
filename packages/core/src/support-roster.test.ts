import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSupportRoster } from './support-roster.ts';

/** The annex of seed 003 exactly as it stands in the plan (tab-separated, from "DANH SÁCH" on). */
function annexRows() {
  const seed = fs.readFileSync(new URL('../test-fixtures/seed-003.txt', import.meta.url), 'utf8').split('\n');
  const from = seed.findLastIndex((l) => l.trim() === 'DANH SÁCH');
  return seed.slice(from).map((l, i) => ({ row: i + 1, cells: l.split('\t') }));
}

describe('parseSupportRoster on the seed 003 annex', () => {
  const { teams, warnings } = parseSupportRoster(annexRows());

  it('four teams of 8, 10, 14 and 11 people, each led by Vân Văn Điệp', () => {
    expect(teams.map((t) => t.name)).toEqual([
      'Tổ công tác số 1',
      'Tổ công tác số 2',
      'Tổ công tác số 3',
      'Tổ công tác số 4',
    ]);
    expect(teams.map((t) => t.members.length)).toEqual([8, 10, 14, 11]);
    for (const t of teams) {
      expect(t.members.filter((m) => m.teamRole === 'to_truong').map((m) => m.fullName)).toEqual([
        'Vân Văn Điệp',
      ]);
      expect(t.members.filter((m) => m.teamRole === 'to_pho').map((m) => m.fullName)).toEqual([
        'Lường Văn Hiếu',
      ]);
    }
    expect(teams[0]!.members[0]).toMatchObject({ position: 'Phó ban Xây dựng Đảng', teamRole: 'to_truong' });
  });

  it('reads the shifted row and the row after a blank line, and the name placed in the 4th row of its section', () => {
    expect(teams[1]!.members.map((m) => m.fullName)).toContain('Giàng A Chính');
    expect(teams[1]!.members.at(-1)!.fullName).toBe('Sùng A Pào');
    expect(teams[3]!.members[3]!.fullName).toBe('Phàn Lão Tả');
  });

  it('sessions: 5/5 morning and afternoon, 7/5 in two places, 8/5 without a time', () => {
    const s = teams.map((t) => t.sessions.map((x) => [x.date, x.startTime, x.place]));
    expect(s[0]).toEqual([['2026-05-05', '08:00', null]]);
    expect(s[1]).toEqual([['2026-05-05', '14:00', 'Nhà văn hóa xã Pa Vây Sừ (cũ)']]);
    expect(s[2]).toEqual([
      ['2026-05-07', '08:00', 'Nhà văn hóa bản Gia Khâu'],
      ['2026-05-07', '13:30', 'Nhà văn hóa bản Tả Chải'],
    ]);
    expect(s[3]).toEqual([['2026-05-08', null, 'Trụ sở Đảng ủy xã']]);
    expect(teams[0]!.areas).toEqual(['Các chi bộ trực thuộc Đảng ủy xã Mồ Sỉ San (cũ)']);
  });

  it('flags spelling variants of one person and two people sharing a name', () => {
    const kinds = warnings.map((w) => [w.kind, w.message]);
    expect(kinds).toContainEqual([
      'same_person_spelling',
      expect.stringContaining('Tần Láo San / Tản Láo San'),
    ]);
    expect(kinds).toContainEqual([
      'same_person_spelling',
      expect.stringContaining('Phàn Láo Tả / Phàn Lão Tả'),
    ]);
    expect(kinds).toContainEqual(['same_name_different_people', expect.stringContaining('Tần Lao Tả')]);
  });
});

describe('parseSupportRoster on a plain, tidy roster', () => {
  it('a CSV-like table with the team name on its section row', () => {
    const rows = [
      ['STT', 'Tổ công tác', 'Họ và tên', 'Chức vụ', 'Thời gian', 'Địa bàn'],
      ['I', 'Tổ công tác số 1', '', '', '', ''],
      [
        '1',
        '',
        'Hoàng Thị Lệ',
        'Bí thư Đoàn xã, Tổ trưởng',
        '19h00 ngày 12/6/2026',
        'Chi bộ thôn Khe Cát - Địa điểm: Nhà văn hóa thôn',
      ],
      ['2', '', 'Lò Thị Mai', 'Chủ tịch Hội Phụ nữ', '', ''],
    ].map((cells, i) => ({ row: i + 1, cells }));
    const { teams } = parseSupportRoster(rows);
    expect(teams).toEqual([
      {
        name: 'Tổ công tác số 1',
        members: [
          { fullName: 'Hoàng Thị Lệ', position: 'Bí thư Đoàn xã', teamRole: 'to_truong', row: 3 },
          { fullName: 'Lò Thị Mai', position: 'Chủ tịch Hội Phụ nữ', teamRole: 'to_vien', row: 4 },
        ],
        sessions: [{ date: '2026-06-12', startTime: '19:00', endTime: null, place: 'Nhà văn hóa thôn' }],
        areas: ['Chi bộ thôn Khe Cát'],
      },
    ]);
  });
});
