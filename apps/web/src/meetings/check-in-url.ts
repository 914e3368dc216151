/** The address the QR encodes: a phone's own camera app opens the check-in screen with the code filled in. */
export const checkInUrl = (origin: string, meetingId: string, code: string) =>
  `${origin}/meetings/${meetingId}/check-in?code=${code}`;

/** The meeting and code in what a QR holds: our check-in address, or the six digits alone. */
export function parseScanned(text: string): { meetingId: string | null; code: string } | null {
  const digits = text.trim();
  if (/^\d{6}$/.test(digits)) return { meetingId: null, code: digits };
  try {
    const url = new URL(digits);
    const m = /^\/meetings\/([0-9a-f-]{36})\/check-in$/.exec(url.pathname);
    const code = url.searchParams.get('code') ?? '';
    if (m && /^\d{6}$/.test(code)) return { meetingId: m[1]!, code };
  } catch {
    // not an address
  }
  return null;
}
