import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { auditLog, users } from '@sotay/db';
import { eq } from 'drizzle-orm';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import type { Deps } from '../../deps.ts';
import { memoryEvents } from '../../lib/events.ts';
import { localFileStore } from '../../lib/file-store.ts';
import { memoryProgress } from '../../lib/progress.ts';
import { memoryThrottle } from '../../lib/throttle.ts';
import { createUser, loginAdmin, type TestApp, testApp } from '../../test/app.ts';
import { createMember, createOrg, numbers } from '../../test/fixtures.ts';

/**
 * The whole sign-in over real HTTP: a real OpenID provider (oidc-provider, with its development
 * login and consent pages) and the app listening on its own port, driven with fetch and hand-kept cookies.
 */

const CLIENT = { id: 'sotay-thu', secret: 'bi-mat-cua-ung-dung-thu-nghiem' };

/** The CCCD each test identity carries at the provider. */
const identities = new Map<string, string>();

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function freePort(): Promise<number> {
  const s = http.createServer();
  const port = await listen(s);
  await new Promise((r) => s.close(r));
  return port;
}

/** Cookies by origin, as a browser would keep them (paths ignored: every cookie goes back to its origin). */
class CookieJar {
  private jars = new Map<string, Map<string, string>>();
  header(url: string): string {
    const jar = this.jars.get(new URL(url).origin);
    return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  }
  store(url: string, res: Response): void {
    const origin = new URL(url).origin;
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    this.jars.set(origin, jar);
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /expires=thu, 01 jan 1970/i.test(a));
      if (gone || !value) jar.delete(name);
      else jar.set(name, value);
    }
  }
  get(url: string, name: string): string | undefined {
    return this.jars.get(new URL(url).origin)?.get(name);
  }
}

type ErrorBody = { error: { code: string; message: string } };

let t: TestApp;
let provider: http.Server;
let issuer: string;
let appUrl: string;
let memberId: string;
let chiBoId: string;

beforeAll(async () => {
  provider = http.createServer();
  issuer = `http://127.0.0.1:${await listen(provider)}`;
  appUrl = `http://127.0.0.1:${await freePort()}`;
  const op = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: [`${appUrl}/api/auth/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub', 'cccd'] },
    findAccount: async (_ctx, sub) => ({
      accountId: sub,
      claims: async () => ({ sub, cccd: identities.get(sub) }),
    }),
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['khoa-cookie-thu-nghiem'] },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
  });
  provider.on('request', op.callback());

  t = await testApp({
    deps: {
      publicUrl: appUrl,
      oidc: { issuer, clientId: CLIENT.id, clientSecret: CLIENT.secret, cccdClaim: 'cccd', label: 'VNeID' },
    },
  });
  await t.app.listen({ port: Number(new URL(appUrl).port), host: '127.0.0.1' });

  const admin = await loginAdmin(t);
  const chiBo = await createOrg(admin, t.root.id, 'Chi bộ bản Tả Phìn');
  chiBoId = chiBo.id;
  const { cccd, partyCardNumber } = numbers();
  const m = await createMember(admin, { orgId: chiBo.id, fullName: 'Vàng Thị Mai', cccd, partyCardNumber });
  memberId = m.id;
  await createUser(t.database, { memberId: m.id, roles: [{ role: 'member', orgId: chiBo.id }] });
  identities.set('vang-thi-mai', cccd);
  identities.set('nguoi-la', '001099000999');
}, 60_000);

afterAll(async () => {
  await t?.close();
  await new Promise((r) => provider?.close(r));
});

/** The form an interaction page shows: where it posts and its `prompt` (login or consent). */
function formOf(html: string): { action: string; prompt: string } {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
  if (!action || !prompt) throw new Error(`no interaction form in: ${html.slice(0, 300)}`);
  return { action: action.replace(/&amp;/g, '&'), prompt };
}

/**
 * Starts a sign-in at the app and goes through the provider's login and consent as `subject`, up to
 * the provider's redirect back to the app's callback, which is returned (not followed).
 */
async function throughProvider(jar: CookieJar, subject: string): Promise<string> {
  let url = `${appUrl}/api/auth/oidc/start`;
  let init: RequestInit = {};
  for (let hop = 0; hop < 20; hop++) {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: jar.header(url) },
    });
    jar.store(url, res);
    init = {};
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url).href;
      if (next.startsWith(`${appUrl}/api/auth/oidc/callback`)) return next;
      url = next;
      continue;
    }
    const html = await res.text();
    expect(res.status, html.slice(0, 300)).toBe(200);
    const form = formOf(html);
    url = new URL(form.action, url).href;
    const fields: Record<string, string> =
      form.prompt === 'login'
        ? { prompt: 'login', login: subject, password: 'bất kỳ' }
        : { prompt: 'consent' };
    init = {
      method: 'POST',
      body: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
  }
  throw new Error('too many redirects');
}

/** Calls the app's callback with the browser's cookies; returns status, Location and the session cookie. */
async function callback(jar: CookieJar, url: string) {
  const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header(url) } });
  jar.store(url, res);
  return {
    status: res.status,
    location: res.headers.get('location'),
    body: res.headers.get('content-type')?.includes('json') ? ((await res.json()) as ErrorBody) : null,
    session: jar.get(appUrl, 'sotay_sid'),
  };
}

const api = (jar: CookieJar, path: string) =>
  fetch(`${appUrl}${path}`, { headers: { cookie: jar.header(appUrl) } });

describe('sign-in with the national identity (OIDC)', () => {
  it('says it is on, with the provider’s name', async () => {
    const r = await fetch(`${appUrl}/api/auth/oidc/config`);
    expect(await r.json()).toEqual({ enabled: true, label: 'VNeID' });
  });

  it('sends the browser to the provider with state, nonce and a PKCE challenge, kept in an httpOnly cookie', async () => {
    const res = await fetch(`${appUrl}/api/auth/oidc/start`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(issuer);
    expect(to.searchParams.get('client_id')).toBe(CLIENT.id);
    expect(to.searchParams.get('redirect_uri')).toBe(`${appUrl}/api/auth/oidc/callback`);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    for (const p of ['state', 'nonce', 'code_challenge']) expect(to.searchParams.get(p)).toBeTruthy();
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sotay_oidc='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Path=\/api\/auth\/oidc/i);
  });

  it('signs in the member whose CCCD the provider vouches for, and audits it', async () => {
    const jar = new CookieJar();
    const r = await callback(jar, await throughProvider(jar, 'vang-thi-mai'));
    expect(r.status).toBe(302);
    expect(r.location).toBe('/');
    expect(r.session).toBeTruthy();
    expect(jar.get(appUrl, 'sotay_oidc')).toBeUndefined();

    const me = await api(jar, '/api/me');
    expect(me.status).toBe(200);
    const body = (await me.json()) as {
      user: { id: string };
      member: { id: string; fullName: string };
      roles: unknown;
      csrfToken: unknown;
    };
    expect(body.member.id).toBe(memberId);
    expect(body.member.fullName).toBe('Vàng Thị Mai');
    expect(body.roles).toEqual([{ role: 'member', orgId: chiBoId, orgName: 'Chi bộ bản Tả Phìn' }]);
    expect(typeof body.csrfToken).toBe('string');

    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'user.login.oidc'));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.entityId).toBe(body.user.id);
  });

  it('an unknown CCCD goes back to the sign-in page with ?oidc=khong-khop and no session', async () => {
    const jar = new CookieJar();
    const usersBefore = await t.database.db.select({ id: users.id }).from(users);
    const r = await callback(jar, await throughProvider(jar, 'nguoi-la'));
    expect(r.status).toBe(302);
    expect(r.location).toBe('/?oidc=khong-khop');
    expect(r.session).toBeUndefined();
    expect((await api(jar, '/api/me')).status).toBe(401);
    // no account is ever created from OIDC
    expect(await t.database.db.select({ id: users.id }).from(users)).toHaveLength(usersBefore.length);
  });

  it('a pending account is told it awaits approval; one with TOTP must use password and code', async () => {
    const admin = await loginAdmin(t);
    const cases = [
      { sub: 'cho-duyet', state: 'pending', committee: false, expected: 'cho-duyet' },
      { sub: 'bi-khoa', state: 'locked', committee: false, expected: 'bi-khoa' },
      { sub: 'chi-uy-totp', state: 'active', committee: true, expected: 'can-ma-xac-thuc' },
    ];
    for (const c of cases) {
      const { cccd, partyCardNumber } = numbers();
      const m = await createMember(admin, {
        orgId: chiBoId,
        fullName: `Lò Văn ${c.sub}`,
        cccd,
        partyCardNumber,
      });
      const u = await createUser(t.database, {
        memberId: m.id,
        roles: [{ role: c.committee ? 'chi_uy' : 'member', orgId: chiBoId }],
      });
      await t.database.db.update(users).set({ state: c.state }).where(eq(users.id, u.id));
      identities.set(c.sub, cccd);
      const jar = new CookieJar();
      const r = await callback(jar, await throughProvider(jar, c.sub));
      expect(r.location, c.sub).toBe(`/?oidc=${c.expected}`);
      expect(r.session, c.sub).toBeUndefined();
    }
  });

  it('a committee account without TOTP gets a session that still must enrol a second factor', async () => {
    const admin = await loginAdmin(t);
    const { cccd, partyCardNumber } = numbers();
    const m = await createMember(admin, { orgId: chiBoId, fullName: 'Sùng A Dế', cccd, partyCardNumber });
    const u = await createUser(t.database, { memberId: m.id, roles: [{ role: 'chi_uy', orgId: chiBoId }] });
    await t.database.db
      .update(users)
      .set({ totpSecret: null, totpEnabledAt: null })
      .where(eq(users.id, u.id));
    identities.set('sung-a-de', cccd);
    const jar = new CookieJar();
    const r = await callback(jar, await throughProvider(jar, 'sung-a-de'));
    expect(r.location).toBe('/');
    expect((await api(jar, '/api/me')).status).toBe(200);
    const members = await api(jar, '/api/members');
    expect(members.status).toBe(403);
    expect(((await members.json()) as ErrorBody).error.code).toBe('totp_enrollment_required');
  });

  it('refuses a callback whose state was tampered with, or that no sign-in started', async () => {
    const jar = new CookieJar();
    const url = new URL(await throughProvider(jar, 'vang-thi-mai'));
    url.searchParams.set('state', `${url.searchParams.get('state')}x`);
    const r = await callback(jar, url.href);
    expect(r.status).toBe(400);
    expect(r.body?.error.code).toBe('oidc_failed');
    expect(r.body?.error.message).toMatch(/đăng nhập/);
    expect(r.session).toBeUndefined();

    const stray = await callback(new CookieJar(), url.href);
    expect(stray.status).toBe(400);
    expect(stray.session).toBeUndefined();
  });

  it('a person who declines at the provider comes back to the sign-in page', async () => {
    const jar = new CookieJar();
    const start = await fetch(`${appUrl}/api/auth/oidc/start`, { redirect: 'manual' });
    jar.store(appUrl, start);
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const r = await callback(
      jar,
      `${appUrl}/api/auth/oidc/callback?error=access_denied&state=${state}&iss=${encodeURIComponent(issuer)}`,
    );
    expect(r.location).toBe('/?oidc=huy');
    expect(r.session).toBeUndefined();
  });
});

describe('without OIDC settings', () => {
  it('says it is off and its routes answer 404', async () => {
    // these answers touch no database
    const plain = await createApp({
      database: { kind: 'embedded' } as Deps['database'],
      throttle: memoryThrottle(),
      progress: memoryProgress(),
      events: memoryEvents(),
      files: localFileStore(os.tmpdir()),
      publicUrl: 'http://localhost:3000',
      now: () => new Date(),
    });
    try {
      const config = await plain.inject({ method: 'GET', url: '/api/auth/oidc/config' });
      expect(config.json()).toEqual({ enabled: false, label: null });
      for (const url of ['/api/auth/oidc/start', '/api/auth/oidc/callback?code=x&state=y']) {
        const r = await plain.inject({ method: 'GET', url });
        expect(r.statusCode, url).toBe(404);
        expect(r.json().error.code).toBe('not_found');
      }
    } finally {
      await plain.close();
    }
  });
});
