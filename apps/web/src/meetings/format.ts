/** Meeting times as people here say them, always in Vietnam time: "Thứ Năm, 03/12/2026, 19:30". */
const TZ = 'Asia/Ho_Chi_Minh';

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(key: string, locale: string, opts: Intl.DateTimeFormatOptions) {
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: TZ, ...opts });
    cache.set(key, f);
  }
  return f;
}

function parts(iso: string) {
  const d = new Date(iso);
  const p = Object.fromEntries(
    fmt('parts', 'en-GB', {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return { day: p.day!, month: p.month!, year: p.year!, hour: p.hour!, minute: p.minute! };
}

const weekday = (iso: string, lang: string) => {
  const w = fmt(`wd-${lang}`, lang === 'en' ? 'en-GB' : 'vi-VN', { weekday: 'long' }).format(new Date(iso));
  return w.charAt(0).toUpperCase() + w.slice(1);
};

/** "19:30" */
export const timeOf = (iso: string) => {
  const p = parts(iso);
  return `${p.hour}:${p.minute}`;
};

/** "03/12/2026" */
export const dayOf = (iso: string) => {
  const p = parts(iso);
  return `${p.day}/${p.month}/${p.year}`;
};

/** "2026-12-03": the calendar day in Vietnam, to compare days. */
export const isoDayOf = (iso: string) => {
  const p = parts(iso);
  return `${p.year}-${p.month}-${p.day}`;
};

/** "Thứ Năm, 03/12/2026, 19:30" */
export const meetingWhen = (iso: string, lang: string) =>
  `${weekday(iso, lang)}, ${dayOf(iso)}, ${timeOf(iso)}`;

export const isToday = (iso: string, now = new Date()) => isoDayOf(iso) === isoDayOf(now.toISOString());

/** The instant of a day and time typed in Vietnam time (UTC+7 all year, no summer time). */
export const instantOf = (isoDay: string, time: string) => `${isoDay}T${time}:00+07:00`;

/** "7:5" or "0730" → "07:05" / "07:30"; null when it is not a time of day. */
export function normalTime(text: string): string | null {
  const t = text.trim().replace(/[hg.]/i, ':');
  const m = /^(\d{1,2}):?(\d{2})$/.exec(t);
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** "67 %" in the language shown; a share is always written out, never a colour alone. */
export function rateFormat(lang: string) {
  const f = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN', {
    style: 'percent',
    maximumFractionDigits: 1,
  });
  return (part: number, whole: number) => (whole ? f.format(part / whole) : '—');
}

/** A meeting counts as over three hours after its start when no end was set. */
export const endOf = (m: { startsAt: string; endsAt: string | null }) =>
  m.endsAt ? new Date(m.endsAt).getTime() : new Date(m.startsAt).getTime() + 3 * 3_600_000;

export const isOver = (m: { startsAt: string; endsAt: string | null }, now = Date.now()) => endOf(m) < now;
