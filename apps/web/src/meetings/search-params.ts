/** Search params of the meeting screens, kept in the address so Back and a reload keep them. */
export interface MeetingsSearch {
  /** The chi ủy's view: meetings of the units they manage. */
  view?: 'manage';
}

export function validateMeetingsSearch(s: Record<string, unknown>): MeetingsSearch {
  return { view: s.view === 'manage' ? 'manage' : undefined };
}

export interface CheckInSearch {
  /** Filled in when a phone's camera app opened the address a QR holds. */
  code?: string;
}

export function validateCheckInSearch(s: Record<string, unknown>): CheckInSearch {
  const code = String(s.code ?? '').trim();
  return { code: /^\d{6}$/.test(code) ? code : undefined };
}

export const STATS_PERIODS = ['months3', 'months6', 'months12', 'thisYear', 'lastYear'] as const;
export type StatsPeriod = (typeof STATS_PERIODS)[number];

export interface MeetingStatsSearch {
  orgId?: string;
  period?: StatsPeriod;
}

export function validateMeetingStatsSearch(s: Record<string, unknown>): MeetingStatsSearch {
  const orgId = typeof s.orgId === 'string' && /^[0-9a-f-]{36}$/.test(s.orgId) ? s.orgId : undefined;
  const period = STATS_PERIODS.includes(s.period as StatsPeriod) ? (s.period as StatsPeriod) : undefined;
  return { orgId, period };
}
