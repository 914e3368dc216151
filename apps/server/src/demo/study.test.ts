import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type TestApp, testApp } from '../test/app.ts';
import { type DemoAccount, seedDemo } from './seed.ts';

/** The demo commune's study topic: assigned to everyone, and already part-done in the first chi bộ. */
let t: TestApp;
let accounts: Record<string, DemoAccount>;
beforeAll(async () => {
  t = await testApp();
  const started = Date.now();
  accounts = Object.fromEntries((await seedDemo(t.database, t.root, t.clock.now)).map((a) => [a.role, a]));
  // the whole demo (≈600 members, accounts, the study topic) stays quick to load
  expect(Date.now() - started).toBeLessThan(20_000);
});
afterAll(() => t.close());

describe('demo study topic', () => {
  it('is waiting for the demo member, due in 30 days, with five questions', async () => {
    const s = await login(t, accounts.member!);
    const r = await s.get('/api/me/study');
    expect(r.body.notCompleted).toBe(1);
    const [topic] = r.body.items;
    expect(topic).toMatchObject({
      kind: 'nghi_quyet',
      title: 'Học tập Nghị quyết số 26-NQ/TU về chuyển đổi số trong công tác xây dựng Đảng',
      passMark: 80,
      progress: { documentsTotal: 0, attemptsUsed: 0, completed: false, overdue: false },
    });
    const due = new Date(`${topic.dueOn}T00:00:00Z`).getTime();
    expect(Math.round((due - t.clock.now.getTime()) / 86_400_000)).toBeGreaterThanOrEqual(29);
    const a = await s.post(`/api/me/study/${topic.id}/attempts`);
    expect(a.status).toBe(201);
    expect(a.body.attempt.questions.map((q: { kind: string }) => q.kind).sort()).toEqual([
      'multiple',
      'multiple',
      'single',
      'single',
      'single',
    ]);
  });

  it('shows the bí thư a chi bộ where some members completed, some failed', async () => {
    const s = await login(t, accounts.chi_uy!);
    const [topic] = (await s.get('/api/study/topics')).body.items;
    const c = await s.get(`/api/study/topics/${topic.id}/completion`);
    expect(c.status).toBe(200);
    expect(c.body.units).toHaveLength(1);
    expect(c.body.completed).toBe(4);
    const list = (await s.get(`/api/study/topics/${topic.id}/members?pageSize=200`)).body.items;
    const tried = list.filter((m: { attempts: number }) => m.attempts > 0);
    expect(tried.filter((m: { passed: boolean }) => !m.passed)).toHaveLength(2);
    expect(
      tried.filter((m: { passed: boolean; completed: boolean }) => m.passed && !m.completed),
    ).toHaveLength(1);
  });
});
