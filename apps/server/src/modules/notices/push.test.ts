import crypto from 'node:crypto';
import https from 'node:https';
import { pushSubscriptions } from '@sotay/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, loginAdmin, type Session, type TestApp, testApp } from '../../test/app.ts';
import { createMember, createOrg, numbers } from '../../test/fixtures.ts';
import { localCertificate } from '../../test/local-tls.ts';
import { pushNotice } from './push.ts';

/**
 * Pushes against a stub push service on this machine: one device accepts, one is gone (410), one
 * fails once (503) then accepts. Payloads are encrypted for real (aes128gcm) with browser-like keys.
 */
let t: TestApp;
let capUy: Session;
let member: Session;
let stub: https.Server;
let agent: https.Agent;
let base: string;
const seen: { path: string; encoding: string | undefined; auth: string | undefined }[] = [];
const failuresLeft: Record<string, number> = { '/flaky': 1 };

/** A browser-like subscription: a P-256 public key and a 16-byte auth secret. */
function keys() {
  const ecdh = crypto.createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    p256dh: ecdh.getPublicKey().toString('base64url'),
    auth: crypto.randomBytes(16).toString('base64url'),
  };
}

beforeAll(async () => {
  // push services speak https: a certificate for 127.0.0.1 made here, trusted by the agent only
  const { cert, key } = localCertificate();
  agent = new https.Agent({ ca: cert });
  stub = https.createServer({ cert, key }, (req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push({
        path: req.url!,
        encoding: req.headers['content-encoding'],
        auth: req.headers.authorization,
      });
      if (req.url === '/gone') return res.writeHead(410).end();
      if ((failuresLeft[req.url!] ?? 0) > 0) {
        failuresLeft[req.url!]!--;
        return res.writeHead(503).end();
      }
      res.writeHead(201).end();
    });
  });
  await new Promise<void>((r) => stub.listen(0, '127.0.0.1', r));
  base = `https://127.0.0.1:${(stub.address() as { port: number }).port}`;
  t = await testApp();
  const admin = await loginAdmin(t);
  const chiBo = await createOrg(admin, t.root.id, 'Chi bộ thôn Khe Cát');
  const m = await createMember(admin, { orgId: chiBo.id, fullName: 'Sình Mí Khua', ...numbers() });
  member = await login(t, await createUser(t.database, { memberId: m.id }));
  capUy = await login(t, await createUser(t.database, { roles: [{ role: 'cap_uy', orgId: t.root.id }] }));
});
afterAll(async () => {
  await t.close();
  stub.close();
});

describe('web push', () => {
  it('gives the VAPID public key, the same every time', async () => {
    const a = (await member.get('/api/push/public-key')).body.publicKey;
    expect(a).toMatch(/^[A-Za-z0-9_-]{80,}$/);
    expect((await member.get('/api/push/public-key')).body.publicKey).toBe(a);
  });

  it('sends to every device, retries a failing one, removes an expired one', async () => {
    for (const p of ['/ok', '/gone', '/flaky']) {
      const r = await member.post('/api/me/push-subscriptions', { endpoint: `${base}${p}`, keys: keys() });
      expect(r.status).toBe(204);
    }
    const sent = await capUy.post('/api/notices', {
      title: 'Họp khẩn',
      body: 'Chi bộ họp khẩn lúc 8h.',
      audienceOrgId: t.root.id,
      priority: 'khan',
    });
    const report = await pushNotice(t.deps, sent.body.notice.id, { retryDelayMs: 5, agent });
    expect(report).toMatchObject({ subscriptions: 3, sent: 2, removed: 1, failed: 0, retried: 1 });
    expect(
      seen
        .filter((s) => s.path === '/ok')
        .every((s) => s.encoding === 'aes128gcm' && s.auth?.startsWith('vapid ')),
    ).toBe(true);
    const left = await t.database.db.select({ e: pushSubscriptions.endpoint }).from(pushSubscriptions);
    expect(left.map((s) => s.e).sort()).toEqual([`${base}/flaky`, `${base}/ok`]);
  });

  it('the member turns it off', async () => {
    const r = await member.request('DELETE', '/api/me/push-subscriptions', { endpoint: `${base}/ok` });
    expect(r.status).toBe(204);
    const left = await t.database.db.select({ e: pushSubscriptions.endpoint }).from(pushSubscriptions);
    expect(left.map((s) => s.e)).toEqual([`${base}/flaky`]);
  });
});
