import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Session, type TestApp, testApp } from '../test/app.ts';
import { seedDemoActivity } from './activity.ts';
import { type DemoAccount, seedDemo } from './seed.ts';

/** The demo commune's meetings, notices, questions and helpers, seen through the API. */
let t: TestApp;
let member: Session;
let capUy: Session;

beforeAll(async () => {
  t = await testApp();
  const accounts: DemoAccount[] = await seedDemo(t.database, t.root, t.clock.now);
  await seedDemoActivity(t.deps, t.root, accounts);
  const as = (role: string) => {
    const a = accounts.find((x) => x.role === role)!;
    return login(t, { username: a.username, password: a.password, totpSecret: a.totpSecret });
  };
  member = await as('member');
  capUy = await as('cap_uy');
}, 120_000);
afterAll(() => t.close());

describe('demo activity', () => {
  it('the member has past meetings attended and the next one scheduled', async () => {
    const list = (await member.get('/api/meetings')).body;
    expect(list.total).toBe(4);
    const upcoming = list.items.filter(
      (m: { startsAt: string }) => Date.parse(m.startsAt) > t.clock.now.getTime(),
    );
    expect(upcoming).toHaveLength(1);
  });

  it('two notices, the older one read; two questions, one answered; two people to call', async () => {
    const inbox = (await member.get('/api/me/inbox')).body;
    expect(inbox.total).toBe(2);
    expect(inbox.unread).toBe(1);
    const mine = (await member.get('/api/me/feedback')).body.items;
    expect(mine.map((f: { status: string }) => f.status).sort()).toEqual(['da_tra_loi', 'moi']);
    expect((await member.get('/api/support-contacts')).body.items).toHaveLength(2);
  });

  it('the support campaign 142-KH/ĐU has the four teams of its annex; the funnel shows installs', async () => {
    const f = (await capUy.get(`/api/rollout/orgs/${t.root.id}`)).body;
    expect(f.installed).toBe(2);
    expect(f.eligible).toBeGreaterThan(500);
  });

  it('the cấp ủy sees attendance statistics with someone often absent', async () => {
    const stats = (await capUy.get('/api/meetings/stats')).body;
    expect(stats.total.meetings).toBe(3);
    expect((await capUy.get('/api/meetings/stats/frequent-absences')).body.items.length).toBeGreaterThan(0);
  });
});
