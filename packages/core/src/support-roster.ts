/**
 * Reading a support-team roster laid out like the annex of seed 003: numbered sections (I, II, …) per
 * tổ công tác, a team name that may sit in any row of its section (a merged cell), repeated header
 * rows, blank lines, a row shifted one column left, HTML lists inside cells, and two places in one
 * session. Pure: rows of strings in, teams and warnings out.
 */
import { isoDate } from './dates.ts';
import { cleanText, fold } from './text.ts';

export type TeamRole = 'to_truong' | 'to_pho' | 'to_vien';

export interface RosterPerson {
  fullName: string;
  /** Chức vụ as written, without the role in the team. */
  position: string | null;
  teamRole: TeamRole;
  /** The sheet row it came from (1 = first line). */
  row: number;
}

export interface RosterSession {
  date: string;
  startTime: string | null;
  endTime: string | null;
  place: string | null;
}

export interface RosterTeam {
  name: string;
  members: RosterPerson[];
  sessions: RosterSession[];
  areas: string[];
}

export interface RosterWarning {
  kind: 'same_person_spelling' | 'same_name_different_people' | 'no_team_name' | 'unreadable_row';
  message: string;
  rows: number[];
}

const ROMAN = /^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/;
const TEAM_NAME = /t[oổ]\s*c[oô]ng\s*t[aá]c\s*(s[oố]\s*)?\d+/iu;

const isHeader = (cells: string[]) => {
  const f = cells.map(fold);
  return f.some((c) => c === 'stt') && f.some((c) => c.includes('ho va ten'));
};

/** Text of a cell with HTML tags dropped and list bullets kept as " - " / " + ". */
function plain(cell: string): string {
  return cleanText(cell.replace(/<[^>]*>/g, ' '));
}

function role(position: string): { position: string | null; teamRole: TeamRole } {
  const parts = position.split(',').map((p) => p.trim());
  const last = fold(parts.at(-1) ?? '');
  const teamRole: TeamRole | null = last.startsWith('to truong')
    ? 'to_truong'
    : last.startsWith('to pho')
      ? 'to_pho'
      : last.startsWith('to vien')
        ? 'to_vien'
        : null;
  if (!teamRole) return { position: cleanText(position) || null, teamRole: 'to_vien' };
  const rest = parts.slice(0, -1).join(', ');
  return { position: rest || null, teamRole };
}

const DATE = /(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})/;
const TIME = /(\d{1,2})\s*(?:h|giờ|:)\s*(\d{2})?/iu;

function hhmm(h: string, m: string | undefined): string | null {
  const [hh, mm] = [Number(h), Number(m ?? 0)];
  return hh < 24 && mm < 60 ? `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}` : null;
}

function dateOf(text: string): string | null {
  const d = DATE.exec(text);
  return d ? isoDate(Number(d[3]), Number(d[2]), Number(d[1])) : null;
}

/** "8h đến 11h30' sáng ngày 5/5/2026" → 08:00–11:30. */
function timesOf(text: string): { start: string | null; end: string | null } {
  const withoutDate = text.replace(DATE, ' ');
  const m = TIME.exec(withoutDate);
  if (!m) return { start: null, end: null };
  const after = withoutDate.slice(m.index + m[0].length);
  const e = /đến\s*(\d{1,2})\s*(?:h|giờ|:)\s*(\d{2})?/iu.exec(after);
  return { start: hhmm(m[1]!, m[2]), end: e ? hhmm(e[1]!, e[2]) : null };
}

/**
 * The areas and places of a team's "địa bàn" cell: "- Các chi bộ … - Địa điểm: Nhà văn hóa …" or, for
 * a day in two places, "+ Sáng 8h00' Nhà văn hóa bản Gia Khâu. + Chiều 13h30 ở Nhà văn hóa bản Tả Chải."
 */
function areaCell(text: string): { areas: string[]; places: { time: string | null; place: string }[] } {
  const t = plain(text);
  const at = t.search(/địa điểm\s*:/iu);
  const areaPart = at >= 0 ? t.slice(0, at) : t;
  const areas = areaPart
    .split(/\s+-\s+|^-\s*/)
    .map((a) => a.replace(/^[-+]\s*/, '').trim())
    .filter(Boolean);
  const places: { time: string | null; place: string }[] = [];
  if (at >= 0) {
    const placePart = t.slice(at).replace(/^địa điểm\s*:\s*/iu, '');
    const items = placePart
      .split(/\s*\+\s*/)
      .map((x) => x.trim())
      .filter(Boolean);
    for (const item of items) {
      const time = TIME.exec(item);
      const place = cleanText(
        item
          .replace(/^(sáng|chiều|tối)\s*/iu, '')
          .replace(TIME, '')
          .trim()
          .replace(/^['’]\s*/, '')
          .replace(/^(ở|tại)\s+/iu, '')
          .replace(/\.$/, ''),
      );
      if (place) places.push({ time: time ? hhmm(time[1]!, time[2]) : null, place });
    }
  }
  return { areas, places };
}

interface Section {
  name: string | null;
  rows: number[];
  members: RosterPerson[];
  timeCells: string[];
  areaCells: string[];
}

export function parseSupportRoster(rows: { row: number; cells: string[] }[]): {
  teams: RosterTeam[];
  warnings: RosterWarning[];
} {
  const warnings: RosterWarning[] = [];
  const sections: Section[] = [];
  let current: Section | null = null;
  for (const { row, cells: raw } of rows) {
    const cells = raw.map((c) => (c ?? '').trim());
    if (!cells.some((c) => /\p{L}/u.test(c))) continue; // blank lines, "----" rules
    if (isHeader(cells)) continue;
    const first = fold(cells[0] ?? '');
    const teamCell = cells.find((c) => TEAM_NAME.test(c));
    if (ROMAN.test(first)) {
      current = {
        name: teamCell ? cleanText(teamCell) : null,
        rows: [row],
        members: [],
        timeCells: [],
        areaCells: [],
      };
      sections.push(current);
      continue;
    }
    if (!/^\d+$/.test(first) || !current) continue; // titles and notes above the table
    current.rows.push(row);
    if (teamCell && !current.name) current.name = cleanText(teamCell.match(TEAM_NAME)![0]);
    // after the STT: the cells with something in them, the team name taken out; a row shifted left
    // (name in the team column) reads the same way
    const rest = cells.slice(1).filter((c) => c && c !== teamCell);
    const [name, position, ...others] = rest;
    if (!name || !/\p{L}/u.test(name)) {
      warnings.push({ kind: 'unreadable_row', message: `Dòng ${row}: không đọc được họ tên.`, rows: [row] });
      continue;
    }
    current.members.push({ fullName: cleanText(name), ...role(position ?? ''), row });
    for (const o of others)
      (DATE.test(o) && !/<|địa điểm|chi bộ/iu.test(o) ? current.timeCells : current.areaCells).push(o);
  }

  const teams: RosterTeam[] = sections.map((s, i) => {
    if (!s.name) {
      warnings.push({
        kind: 'no_team_name',
        message: `Mục ${i + 1}: không thấy tên tổ, đặt tạm "Tổ công tác số ${i + 1}".`,
        rows: s.rows,
      });
    }
    const areas: string[] = [];
    const places: { time: string | null; place: string }[] = [];
    for (const a of s.areaCells) {
      const r = areaCell(a);
      areas.push(...r.areas);
      places.push(...r.places);
    }
    const sessions: RosterSession[] = [];
    for (const tc of s.timeCells) {
      const date = dateOf(tc);
      if (!date) continue;
      const { start, end } = timesOf(tc);
      if (places.length > 1) {
        for (const p of places)
          sessions.push({ date, startTime: p.time ?? start, endTime: null, place: p.place });
      } else {
        sessions.push({
          date,
          startTime: start ?? places[0]?.time ?? null,
          endTime: end,
          place: places[0]?.place ?? null,
        });
      }
    }
    return {
      name: s.name ?? `Tổ công tác số ${i + 1}`,
      members: s.members,
      sessions,
      areas: [...new Set(areas)],
    };
  });
  warnings.push(...peopleWarnings(teams));
  return { teams, warnings };
}

/** Letters only, no marks: "Tản Láo San" and "Tần Láo San" both give "tan lao san". */
const nameKeyLoose = (s: string) => fold(s).replace(/[^a-z ]/g, '');

/**
 * The same name is not always the same person (two "Tần Lao Tả" with different chức vụ), while
 * spelling variants of one person with the same chức vụ ("Tần/Tản Láo San") should be merged: both
 * are shown to the user, who decides.
 */
function peopleWarnings(teams: RosterTeam[]): RosterWarning[] {
  const out: RosterWarning[] = [];
  const people = teams.flatMap((t) => t.members);
  const byLoose = new Map<string, RosterPerson[]>();
  for (const p of people)
    byLoose.set(nameKeyLoose(p.fullName), [...(byLoose.get(nameKeyLoose(p.fullName)) ?? []), p]);
  for (const group of byLoose.values()) {
    const spellings = [...new Set(group.map((p) => p.fullName))];
    const positions = [...new Set(group.map((p) => fold(p.position ?? '')))];
    if (spellings.length > 1 && positions.length === 1) {
      out.push({
        kind: 'same_person_spelling',
        message: `Có thể là một người viết khác nhau: ${spellings.join(' / ')} (${group[0]!.position ?? 'không ghi chức vụ'}). Hãy kiểm tra và gộp.`,
        rows: group.map((p) => p.row),
      });
    }
    const bySpelling = new Map<string, RosterPerson[]>();
    for (const p of group) bySpelling.set(p.fullName, [...(bySpelling.get(p.fullName) ?? []), p]);
    for (const [name, same] of bySpelling) {
      const distinct = [...new Set(same.map((p) => p.position ?? ''))];
      if (distinct.length > 1) {
        out.push({
          kind: 'same_name_different_people',
          message: `Hai người khác nhau cùng tên ${name}: ${distinct.join(' / ')}.`,
          rows: same.map((p) => p.row),
        });
      }
    }
  }
  return out;
}
