import type { Deps } from '../../deps.ts';
import { appendAudit } from '../audit/repo.ts';
import { type StartedSession, startSession } from '../auth/service.ts';
import { memberByNumber, userOfMember } from '../registrations/repo.ts';
import type { OidcClaims, OidcSettings } from './client.ts';

/**
 * Why an identity proven by the provider did not open a session; each becomes `?oidc=` on the sign-in
 * page: no member/account with that CCCD (accounts are never created from OIDC), an account awaiting
 * approval, a locked or disabled one, or one with a TOTP second factor (those sign in with password and code).
 */
export type OidcRefusal = 'khong-khop' | 'cho-duyet' | 'bi-khoa' | 'can-ma-xac-thuc';

export type OidcSignIn = { session: StartedSession; refusal?: never } | { refusal: OidcRefusal };

/** The CCCD (12 digits; 9 for an old CMND) in a claim, spaces and dots removed. */
export function cccdOf(claims: OidcClaims, claim: string): string | null {
  const raw = claims[claim];
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const digits = String(raw).replace(/[\s.-]/g, '');
  return /^(\d{9}|\d{12})$/.test(digits) ? digits : null;
}

/** Signs in the active account of the member whose CCCD the provider vouches for. */
export async function signInWithIdentity(
  deps: Deps,
  settings: OidcSettings,
  claims: OidcClaims,
  meta: { userAgent: string | null },
): Promise<OidcSignIn> {
  const db = deps.database.db;
  const cccd = cccdOf(claims, settings.cccdClaim);
  const found = cccd ? await memberByNumber(db, 'cccd', cccd) : null;
  const user = found ? await userOfMember(db, found.member.id) : null;
  if (!found || !user || user.state === 'rejected') return { refusal: 'khong-khop' };
  if (user.state === 'pending') return { refusal: 'cho-duyet' };
  if (user.state !== 'active') return { refusal: 'bi-khoa' };
  if (user.totpSecret) return { refusal: 'can-ma-xac-thuc' };
  const now = deps.now();
  const session = await db.transaction(async (tx) => {
    const s = await startSession(deps, user, meta, tx);
    await appendAudit(
      tx,
      {
        actorUserId: user.id,
        action: 'user.login.oidc',
        entity: 'user',
        entityId: user.id,
        orgPath: found.orgPath,
        after: { issuer: settings.issuer },
      },
      now,
    );
    return s;
  });
  return { session };
}
