import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { OidcFlow } from './client.ts';

/**
 * State, nonce and PKCE verifier travel from /start to /callback in an httpOnly cookie scoped to the
 * OIDC routes, valid 10 minutes and cleared by the callback. They are random per sign-in and only let
 * the browser that started a sign-in finish it, so the cookie needs no server-side record.
 */
const COOKIE = 'sotay_oidc';
const PATH = '/api/auth/oidc';
const TTL_S = 600;

const stored = z.object({
  state: z.string().min(1).max(200),
  nonce: z.string().min(1).max(200),
  verifier: z.string().min(43).max(128),
  expiresAt: z.number(),
});

export function setFlowCookie(reply: FastifyReply, publicUrl: string, flow: OidcFlow, now: Date): void {
  const value = Buffer.from(JSON.stringify({ ...flow, expiresAt: now.getTime() + TTL_S * 1000 })).toString(
    'base64url',
  );
  reply.setCookie(COOKIE, value, {
    httpOnly: true,
    // the provider's redirect back is a top-level GET navigation: Lax cookies go with it
    sameSite: 'lax',
    secure: publicUrl.startsWith('https:'),
    path: PATH,
    maxAge: TTL_S,
  });
}

/** The flow this browser started, or null when there is none, it is malformed or it has expired. */
export function readFlowCookie(req: FastifyRequest, now: Date): OidcFlow | null {
  const raw = req.cookies[COOKIE];
  if (!raw) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const r = stored.safeParse(parsed);
  if (!r.success || r.data.expiresAt <= now.getTime()) return null;
  return { state: r.data.state, nonce: r.data.nonce, verifier: r.data.verifier };
}

export function clearFlowCookie(reply: FastifyReply): void {
  reply.clearCookie(COOKIE, { path: PATH });
}
