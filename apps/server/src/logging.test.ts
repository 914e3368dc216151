import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, logSerializers } from './app.ts';
import { type TestApp, testApp } from './test/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('request logs', () => {
  it('carry no query string, cookie or body (searches hold names and phone numbers)', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await createApp(t.deps, { logger: { level: 'info', serializers: logSerializers, stream } });
    await app.inject({
      method: 'GET',
      url: '/api/members?q=0912345678',
      headers: { cookie: 'sotay_sid=bi-mat' },
    });
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: '0912345678', password: 'mat-khau-bi-mat' },
    });
    await app.close();
    const log = lines.join('');
    expect(log).toContain('/api/members');
    expect(log).not.toContain('0912345678');
    expect(log).not.toContain('bi-mat');
  });
});
