import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import type { Deps } from '../../deps.ts';
import { memoryEvents } from '../../lib/events.ts';
import { localFileStore } from '../../lib/file-store.ts';
import { smtpMailer } from '../../lib/mailer.ts';
import { memoryProgress } from '../../lib/progress.ts';
import { memoryThrottle } from '../../lib/throttle.ts';
import { createUser, loginAdmin, Session, type TestApp, type TestUser, testApp } from '../../test/app.ts';
import { createMember, createOrg, numbers } from '../../test/fixtures.ts';

/** "Quên mật khẩu" by e-mail, through nodemailer to an SMTP server inside the test. */

interface Mail {
  to: string[];
  subject: string;
  text: string;
}

const qp = (s: string) =>
  Buffer.from(
    s
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(Number.parseInt(h, 16))),
    'latin1',
  );

/** A header value with its RFC 2047 encoded words (UTF-8, B or Q) decoded. */
function decodeHeader(value: string): string {
  const bytes: Buffer[] = [];
  const words = /=\?UTF-8\?([BQ])\?([^?]*)\?=/gi;
  for (const [, kind, text] of value.matchAll(words)) {
    bytes.push(kind!.toUpperCase() === 'B' ? Buffer.from(text!, 'base64') : qp(text!.replace(/_/g, ' ')));
  }
  return bytes.length ? Buffer.concat(bytes).toString('utf8') : value;
}

/** The subject and text of a one-part message as nodemailer writes it (quoted-printable UTF-8). */
function parseMail(raw: string, to: string[]): Mail {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const subject = decodeHeader(/^Subject: (.*)$/m.exec(unfolded)?.[1] ?? '');
  const text = /quoted-printable/i.test(head) ? qp(body).toString('utf8') : body;
  return { to, subject, text };
}

const mails: Mail[] = [];
let smtp: SMTPServer;
let t: TestApp;
let chiBoId: string;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        mails.push(parseMail(Buffer.concat(chunks).toString('latin1'), to));
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  t = await testApp({ deps: { mailer: smtpMailer(`smtp://127.0.0.1:${port}`, 'http://localhost:3000') } });
  const admin = await loginAdmin(t);
  chiBoId = (await createOrg(admin, t.root.id, 'Chi bộ thôn Lùng Vai')).id;
});

afterAll(async () => {
  t.deps.mailer?.close();
  await t?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function memberWithAccount(fullName: string, phone: string, email: string | null): Promise<TestUser> {
  const admin = await loginAdmin(t);
  const m = await createMember(admin, { orgId: chiBoId, fullName, phone, email, ...numbers() });
  return createUser(t.database, { memberId: m.id, roles: [{ role: 'member', orgId: chiBoId }] });
}

const forgot = (username: string) => new Session(t.app).post('/api/auth/forgot-password', { username });

async function nextMail(count: number): Promise<Mail> {
  for (let i = 0; i < 100 && mails.length < count; i++) await new Promise((r) => setTimeout(r, 50));
  expect(mails.length).toBe(count);
  return mails[count - 1]!;
}

const codeIn = (mail: Mail) => /: (\d{8})\b/.exec(mail.text)?.[1];

describe('forgot password by e-mail', () => {
  it('says it is on, so the sign-in page offers it', async () => {
    const r = await new Session(t.app).get('/api/auth/forgot-password');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ enabled: true });
  });

  it('mails an 8-digit code that sets a new password once', async () => {
    const u = await memberWithAccount('Hoàng Thị Dung', '0915 111 222', 'dung.hoang@example.vn');
    const r = await forgot('0915111222');
    expect(r.status).toBe(202);
    expect(r.body.message).toMatch(/thư điện tử/);

    const mail = await nextMail(1);
    expect(mail.to).toEqual(['dung.hoang@example.vn']);
    expect(mail.subject).toBe('Mã đặt lại mật khẩu Sổ tay đảng viên');
    expect(mail.text).toContain('Hoàng Thị Dung');
    const code = codeIn(mail);
    expect(code).toMatch(/^\d{8}$/);

    const reset = (newPassword: string) =>
      new Session(t.app).post('/api/auth/reset-password', { username: '0915111222', code, newPassword });
    expect((await reset('Trăng-sáng-bên-suối-Nậm-Mu')).status).toBe(204);
    const again = await reset('Mây-trắng-đỉnh-núi-Pha-Luông');
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('invalid_reset_code');

    const login = (password: string) =>
      new Session(t.app).post('/api/auth/login', { username: '0915111222', password });
    expect((await login(u.password)).status).toBe(401);
    expect((await login('Trăng-sáng-bên-suối-Nậm-Mu')).status).toBe(200);
  });

  it('answers the same 202 and sends nothing for an unknown username or a member without e-mail', async () => {
    await memberWithAccount('Lý Văn Không Thư', '0915 333 444', null);
    await memberWithAccount('Đào Thị Có Thư', '0915 555 666', 'co.thu@example.vn');
    const before = mails.length;
    const answers = [await forgot('khong.ai.ca'), await forgot('0915333444')];
    for (const a of answers) {
      expect(a.status).toBe(202);
      expect(a.body).toEqual(answers[0]!.body);
    }
    // a mail that does go out shows the others had their turn and sent nothing
    expect((await forgot('0915555666')).body).toEqual(answers[0]!.body);
    const mail = await nextMail(before + 1);
    expect(mail.to).toEqual(['co.thu@example.vn']);
    await new Promise((r) => setTimeout(r, 200));
    expect(mails.length).toBe(before + 1);
  });

  it('a mailed code lasts one hour', async () => {
    await memberWithAccount('Giàng Thị Hạn', '0915 777 888', 'han.giang@example.vn');
    const before = mails.length;
    expect((await forgot('0915777888')).status).toBe(202);
    const code = codeIn(await nextMail(before + 1));
    expect(code).toMatch(/^\d{8}$/);
    t.clock.advance(61 * 60_000);
    const r = await new Session(t.app).post('/api/auth/reset-password', {
      username: '0915777888',
      code,
      newPassword: 'Mật-khẩu-quá-hạn-2026',
    });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('invalid_reset_code');
  });

  it('answers 429 with Retry-After after three requests for one username, known or not', async () => {
    for (const username of ['0915999000', 'khong.co.ai.nay']) {
      for (let i = 0; i < 3; i++) expect((await forgot(username)).status).toBe(202);
      const r = await forgot(username);
      expect(r.status).toBe(429);
      expect(r.body.error.code).toBe('too_many_attempts');
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect((await forgot('mot.nguoi.khac')).status).toBe(202);
  });
});

describe('without SMTP_URL', () => {
  it('answers 404 and points to the chi ủy', async () => {
    // refused before any look-up: no database needed
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
      expect((await new Session(plain).get('/api/auth/forgot-password')).body).toEqual({ enabled: false });
      const r = await new Session(plain).post('/api/auth/forgot-password', { username: '0915111222' });
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('not_found');
      expect(r.body.error.message).toMatch(/^Chưa cấu hình gửi thư; hãy nhờ chi ủy cấp mã đặt lại/);
    } finally {
      await plain.close();
    }
  });
});
