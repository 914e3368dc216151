/**
 * Whether this device was signed in last time (the session cookie itself is httpOnly). Only a hint for
 * speed: without it the login screen is fetched at once, in parallel with the session check.
 */
const KEY = 'sotay.signedIn';

export function hadSession(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function rememberSession(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(KEY, '1');
    else localStorage.removeItem(KEY);
  } catch {
    // private mode: no hint
  }
}
