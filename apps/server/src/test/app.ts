import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '@sotay/core';
import { type Database, roleAssignments, users } from '@sotay/db';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { createApp } from '../app.ts';
import { bootstrap } from '../bootstrap.ts';
import type { Deps } from '../deps.ts';
import { memoryEvents } from '../lib/events.ts';
import { localFileStore } from '../lib/file-store.ts';
import { hashPassword } from '../lib/password.ts';
import { memoryProgress } from '../lib/progress.ts';
import { memoryThrottle, type Throttle } from '../lib/throttle.ts';
import { newTotpSecret, totpCode, totpStep } from '../lib/totp.ts';
import type { OrgRow } from '../modules/orgs/repo.ts';
import { testDatabase } from './database.ts';

export const ADMIN_PASSWORD = 'Mật-khẩu-quản-trị-thử-2026';

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  database: Database;
  root: OrgRow;
  /** A controllable clock: tests move time with `clock.advance(ms)`. */
  clock: { now: Date; advance(ms: number): void };
  close(): Promise<void>;
}

export async function testApp(
  opts: {
    throttle?: Throttle;
    /** Optional services (oidc, mailer) and a real publicUrl for tests that listen on a port. */
    deps?: Partial<Pick<Deps, 'publicUrl' | 'oidc' | 'mailer' | 'events'>>;
  } = {},
): Promise<TestApp> {
  const { database, close } = await testDatabase();
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sotay-files-'));
  const boot = await bootstrap(database, {
    rootName: 'Đảng bộ xã Thử Nghiệm',
    adminPassword: ADMIN_PASSWORD,
  });
  const clock = {
    now: new Date(),
    advance(ms: number) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const deps: Deps = {
    database,
    throttle: opts.throttle ?? memoryThrottle(() => clock.now.getTime()),
    progress: memoryProgress(),
    events: memoryEvents(),
    files: localFileStore(filesDir),
    publicUrl: 'http://localhost:3000',
    now: () => clock.now,
    ...opts.deps,
  };
  const app = await createApp(deps);
  return {
    app,
    deps,
    database,
    root: boot.root,
    clock,
    close: async () => {
      await app.close();
      await close();
      fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/** A signed-in HTTP client over app.inject(): keeps the cookie and sends the CSRF header. */
export class Session {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(readonly app: FastifyInstance) {}

  async request(method: InjectOptions['method'], url: string, body?: unknown, extra: InjectOptions = {}) {
    const headers: Record<string, string> = { ...(extra.headers as Record<string, string>) };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const res = await this.app.inject({
      ...extra,
      method,
      url,
      headers,
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    const set = res.cookies.find((c) => c.name === 'sotay_sid');
    if (set) this.cookie = set.value ? `sotay_sid=${set.value}` : null;
    const json = res.headers['content-type']?.toString().includes('json') && res.body ? res.json() : null;
    if (json && typeof json.csrfToken === 'string') this.csrf = json.csrfToken;
    return { status: res.statusCode, body: json, headers: res.headers, raw: res };
  }
  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown) {
    return this.request('POST', url, body ?? {});
  }
}

export interface TestUser {
  id: string;
  username: string;
  password: string;
  totpSecret: string | null;
}

/** Creates an active account with roles (committee roles get TOTP enrolled, as the rules require). */
export async function createUser(
  database: Database,
  opts: {
    username?: string;
    memberId?: string | null;
    roles?: { role: Role; orgId: string }[];
    password?: string;
    mustChangePassword?: boolean;
  },
): Promise<TestUser> {
  const password = opts.password ?? `Pw-${crypto.randomBytes(8).toString('hex')}`;
  const committee = (opts.roles ?? []).some((r) => r.role !== 'member');
  const totpSecret = committee ? newTotpSecret() : null;
  const [u] = await database.db
    .insert(users)
    .values({
      username: opts.username ?? `u${crypto.randomBytes(4).toString('hex')}`,
      memberId: opts.memberId ?? null,
      passwordHash: await hashPassword(password),
      state: 'active',
      mustChangePassword: opts.mustChangePassword ?? false,
      totpSecret,
      totpEnabledAt: totpSecret ? new Date() : null,
    })
    .returning();
  for (const r of opts.roles ?? [])
    await database.db.insert(roleAssignments).values({ userId: u!.id, role: r.role, orgId: r.orgId });
  return { id: u!.id, username: u!.username, password, totpSecret };
}

/** Logs in (with a fresh TOTP step each time, as the server refuses a replayed code). */
export async function login(
  t: TestApp,
  user: { username: string; password: string; totpSecret: string | null },
): Promise<Session> {
  const s = new Session(t.app);
  const body: Record<string, string> = { username: user.username, password: user.password };
  if (user.totpSecret) {
    t.clock.advance(30_000);
    body.totp = totpCode(user.totpSecret, totpStep(t.clock.now.getTime()));
  }
  const r = await s.post('/api/auth/login', body);
  if (r.status !== 200) throw new Error(`login ${user.username} → ${r.status} ${JSON.stringify(r.body)}`);
  return s;
}

export async function loginAdmin(t: TestApp): Promise<Session> {
  const { users: u } = await import('@sotay/db');
  const { eq } = await import('drizzle-orm');
  const [admin] = await t.database.db.select().from(u).where(eq(u.username, 'admin'));
  let secret = admin!.totpSecret;
  if (!secret) {
    secret = newTotpSecret();
    await t.database.db
      .update(u)
      .set({ totpSecret: secret, totpEnabledAt: new Date() })
      .where(eq(u.id, admin!.id));
  }
  return login(t, { username: 'admin', password: ADMIN_PASSWORD, totpSecret: secret });
}
