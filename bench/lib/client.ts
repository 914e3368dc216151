import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { totpCode, totpStep } from '../../apps/server/src/lib/totp.ts';
import { ADMIN_PASSWORD } from './server.ts';

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} → ${status} ${JSON.stringify(body)?.slice(0, 500)}`);
  }
}

/** A signed-in HTTP client: keeps the session cookie and sends `x-csrf-token` on every unsafe request. */
export class ApiClient {
  cookie: string | null = null;
  csrf: string | null = null;

  constructor(public baseUrl: string) {}

  async request<T = unknown>(
    method: string,
    url: string,
    body?: unknown,
    timeoutMs = 600_000,
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    let payload: RequestInit['body'];
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${this.baseUrl}${url}`, {
      method,
      headers,
      body: payload,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('sotay_sid='));
    if (setCookie) {
      const value = setCookie.split(';')[0]!;
      this.cookie = value === 'sotay_sid=' ? null : value;
    }
    const text = await res.text();
    const json =
      text && res.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as T) : (text as T);
    const csrf = json && typeof json === 'object' ? (json as { csrfToken?: unknown }).csrfToken : undefined;
    if (typeof csrf === 'string') this.csrf = csrf;
    return { status: res.status, body: json };
  }

  /** Like request(), but any non-2xx answer throws. */
  async ok<T = unknown>(method: string, url: string, body?: unknown, timeoutMs?: number): Promise<T> {
    const r = await this.request<T>(method, url, body, timeoutMs);
    if (r.status < 200 || r.status > 299) throw new HttpError(r.status, r.body, `${method} ${url}`);
    return r.body;
  }

  get<T = unknown>(url: string) {
    return this.ok<T>('GET', url);
  }
  post<T = unknown>(url: string, body: unknown = {}) {
    return this.ok<T>('POST', url, body);
  }
}

/**
 * TOTP codes for one account. The server accepts the current step ±1 and each step only once, so
 * every code handed out is for a later step than the last one; waits when the window is used up.
 */
export class TotpSource {
  private lastStep = 0;
  constructor(readonly secret: string) {}

  async next(): Promise<string> {
    for (;;) {
      const now = totpStep(Date.now());
      const step = Math.max(now - 1, this.lastStep + 1);
      if (step <= now + 1) {
        this.lastStep = step;
        return totpCode(this.secret, step);
      }
      await sleep(1000);
    }
  }
}

export interface MeOut {
  user: { id: string; username: string };
  roles: { role: string; orgId: string; orgName: string }[];
  csrfToken: string;
}

export interface AdminSession {
  client: ApiClient;
  totp: TotpSource;
  rootOrgId: string;
}

/** Logs in as `admin` with TOTP (enrolling it first when the account has none yet). */
export async function loginAdmin(baseUrl: string, totp?: TotpSource): Promise<AdminSession> {
  const client = new ApiClient(baseUrl);
  let source = totp;
  if (!source) {
    await client.post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    const { secret } = await client.post<{ secret: string }>('/api/auth/totp/enroll');
    source = new TotpSource(secret);
    await client.post('/api/auth/totp/confirm', { code: await source.next() });
  }
  await client.post('/api/auth/login', {
    username: 'admin',
    password: ADMIN_PASSWORD,
    totp: await source.next(),
  });
  const me = await client.get<MeOut>('/api/me');
  const rootOrgId = me.roles.find((r) => r.role === 'admin')?.orgId ?? me.roles[0]?.orgId;
  if (!rootOrgId) throw new Error('admin has no role');
  return { client, totp: source, rootOrgId };
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  errors: { row: number; field: string; message: string }[];
}

/** POST /api/imports/members with the file as multipart. */
export async function importMembersFile(
  client: ApiClient,
  orgId: string,
  file: string,
  opts: { dryRun?: boolean; timeoutMs?: number } = {},
): Promise<HttpResult<ImportResult>> {
  const form = new FormData();
  form.set('orgId', orgId);
  if (opts.dryRun) form.set('dryRun', 'true');
  form.set('file', await fs.openAsBlob(file), path.basename(file));
  return client.request<ImportResult>('POST', '/api/imports/members', form, opts.timeoutMs);
}
