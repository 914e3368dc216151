import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, loginAdmin, type Session, type TestApp, testApp } from '../test/app.ts';
import { seedDemoDocuments } from './documents.ts';
import { type DemoAccount, seedDemo } from './seed.ts';

/** The demo library goes through the real upload path: numbers read, citations linked, published. */
let t: TestApp;
let admin: Session;
let member: Session;

beforeAll(async () => {
  t = await testApp();
  const accounts: DemoAccount[] = await seedDemo(t.database, t.root, t.clock.now);
  await seedDemoDocuments(t.deps, t.root, accounts);
  admin = await loginAdmin(t);
  const m = accounts.find((a) => a.role === 'member')!;
  member = await login(t, { username: m.username, password: m.password, totpSecret: null });
}, 120_000);
afterAll(() => t.close());

describe('demo documents', () => {
  it('are published with their numbers, and the chi bộ notice reaches its chi bộ', async () => {
    const all = (await member.get('/api/documents?pageSize=50')).body;
    const numbers = all.items.map((d: { number: string }) => d.number);
    expect(numbers).toEqual(
      expect.arrayContaining(['26-NQ/TU', '73-KH/ĐU', '19-TB/ĐU', '18-KH/ĐU', '142-KH/ĐU', '5-TB/CB']),
    );
    expect(all.items.every((d: { status: string }) => d.status === 'published')).toBe(true);
  });

  it('citations between them are linked, and the demo member has one saved for later', async () => {
    const kh73 = (await member.get('/api/documents?q=73-KH/ĐU')).body.items[0];
    expect(kh73.bookmarked).toBe(true);
    const detail = (await member.get(`/api/documents/${kh73.id}`)).body.document;
    const nq = detail.references.find((r: { number: string }) => r.number === '26-NQ/TU');
    expect(nq.documentId).not.toBeNull();
    expect(detail.referencedBy.map((r: { number: string }) => r.number)).toContain('19-TB/ĐU');
  });

  it('read statistics have readers in the demo chi bộ', async () => {
    const nq = (await admin.get('/api/documents?q=26-NQ/TU')).body.items[0];
    const stats = (await admin.get(`/api/documents/${nq.id}/stats`)).body;
    expect(stats.read).toBeGreaterThan(0);
    expect(stats.members).toBeGreaterThan(stats.read);
  });
});
