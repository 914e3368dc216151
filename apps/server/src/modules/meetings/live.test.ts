import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { type EventBus, redisEvents } from '../../lib/events.ts';
import { createUser, login, loginAdmin, type Session, type TestApp, testApp } from '../../test/app.ts';
import { createMember, createOrg, numbers } from '../../test/fixtures.ts';

/**
 * The secretary's screen follows check-ins live over SSE: on one node, and with REDIS_URL across two
 * API nodes sharing the database (a check-in on node A reaches a screen connected to node B).
 */
const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

let t: TestApp;
let chiUy: Session;
let member: Session;
let meetingId: string;
let nodeB: FastifyInstance;
let buses: EventBus[] = [];

/** Reads SSE `data:` events from a listening app until `until` matches one (or the time runs out). */
async function readEvents(
  base: string,
  s: Session,
  path: string,
  until: (e: Record<string, unknown>) => boolean,
) {
  const ctrl = new AbortController();
  const res = await fetch(`${base}${path}`, { headers: { cookie: s.cookie! }, signal: ctrl.signal });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.getReader();
  const events: Record<string, unknown>[] = [];
  let buffer = '';
  const timer = setTimeout(() => ctrl.abort(), 5000);
  const opened = new Promise<void>((resolve) => {
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += new TextDecoder().decode(value);
          let i = buffer.indexOf('\n\n');
          while (i >= 0) {
            const chunk = buffer.slice(0, i);
            buffer = buffer.slice(i + 2);
            if (chunk.startsWith('data: ')) {
              const e = JSON.parse(chunk.slice(6));
              events.push(e);
              resolve();
              if (until(e)) {
                ctrl.abort();
                return;
              }
            }
            i = buffer.indexOf('\n\n');
          }
        }
      } catch {
        // aborted
      }
    })();
  });
  await opened; // the first event (current counts) has arrived: the subscription is in place
  return {
    events,
    done: new Promise<void>((resolve) => {
      ctrl.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    }),
  };
}

async function listen(app: FastifyInstance) {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const a = app.server.address() as { port: number };
  return `http://127.0.0.1:${a.port}`;
}

beforeAll(async () => {
  const busA = redisEvents(REDIS_URL);
  const busB = redisEvents(REDIS_URL);
  buses = [busA, busB];
  t = await testApp({ deps: { events: busA } });
  nodeB = await createApp({ ...t.deps, events: busB });
  const admin = await loginAdmin(t);
  const chiBo = await createOrg(admin, t.root.id, 'Chi bộ thôn Khe Cát');
  const m = await createMember(admin, { orgId: chiBo.id, fullName: 'Sình Mí Khua', ...numbers() });
  member = await login(t, await createUser(t.database, { memberId: m.id }));
  chiUy = await login(t, await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: chiBo.id }] }));
  const r = await chiUy.post('/api/meetings', {
    orgId: chiBo.id,
    title: 'Sinh hoạt chi bộ tháng 12',
    startsAt: t.clock.now.toISOString(),
  });
  meetingId = r.body.meeting.id;
});

afterAll(async () => {
  await nodeB.close();
  await t.close();
  for (const b of buses) await b.close();
});

describe('live attendance', () => {
  it('a check-in on node A reaches the screen on node B (Redis), the counts first, then the check-in, then the new counts', async () => {
    const base = await listen(nodeB);
    const live = await readEvents(
      base,
      chiUy,
      `/api/meetings/${meetingId}/live`,
      (e) => e.type === 'counts' && e.present === 1,
    );
    expect(live.events[0]).toMatchObject({ type: 'counts', invited: 1, present: 0 });
    const code = (await chiUy.get(`/api/meetings/${meetingId}/check-in-code`)).body.code;
    expect((await member.post(`/api/meetings/${meetingId}/check-ins`, { code })).status).toBe(201);
    await live.done;
    expect(live.events.find((e) => e.type === 'check-in')).toMatchObject({
      fullName: 'Sình Mí Khua',
      method: 'code',
    });
    expect(live.events.at(-1)).toMatchObject({ type: 'counts', invited: 1, present: 1 });
  });

  it('only the chi ủy may watch', async () => {
    const base = `http://127.0.0.1:${(nodeB.server.address() as { port: number }).port}`;
    const res = await fetch(`${base}/api/meetings/${meetingId}/live`, {
      headers: { cookie: member.cookie! },
    });
    expect(res.status).toBe(403);
    await res.body?.cancel();
  });
});
