import crypto from 'node:crypto';

/** A check-in code lives one window; the previous window is still accepted (a code read out just before it turned). */
export const WINDOW_S = 30;
const GRACE_WINDOWS = 1;

export const windowOf = (at: Date) => Math.floor(at.getTime() / 1000 / WINDOW_S);

/** Six digits from HMAC-SHA256(meeting secret, meeting id + window), truncated as in RFC 4226. */
export function codeFor(secret: string, meetingId: string, window: number): string {
  const mac = crypto.createHmac('sha256', secret).update(`${meetingId}:${window}`).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const n = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(n % 1_000_000).padStart(6, '0');
}

export function currentCode(secret: string, meetingId: string, now: Date) {
  const w = windowOf(now);
  return { code: codeFor(secret, meetingId, w), expiresAt: new Date((w + 1) * WINDOW_S * 1000) };
}

/** Whether `code` was shown at `at` (its window or the one before). */
export function codeValidAt(secret: string, meetingId: string, code: string, at: Date): boolean {
  const w = windowOf(at);
  let ok = false;
  for (let k = 0; k <= GRACE_WINDOWS; k++) {
    const expected = Buffer.from(codeFor(secret, meetingId, w - k));
    const given = Buffer.from(code.padEnd(6).slice(0, 6));
    // compare every candidate, so timing says nothing about which one matched
    ok = crypto.timingSafeEqual(expected, given) || ok;
  }
  return ok && /^\d{6}$/.test(code);
}

export const newCheckInSecret = () => crypto.randomBytes(32).toString('base64url');
