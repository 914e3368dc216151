import type { FastifyReply } from 'fastify';
import { SESSION_COOKIE } from '../../http/access.ts';
import type { StartedSession } from './service.ts';

/** The session cookie every sign-in sets: httpOnly, SameSite=Lax, Secure behind an https public address. */
export function setSessionCookie(reply: FastifyReply, publicUrl: string, session: StartedSession): void {
  reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: publicUrl.startsWith('https:'),
    path: '/',
    maxAge: session.maxAgeS,
  });
}
