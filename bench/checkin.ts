/**
 * A ward-wide conference: 5 000 invited members (50 chi bộ of 100) check in to one meeting, each with
 * their own session and the code of the moment, as fast as a load generator with `--concurrency`
 * requests in flight sends them (the real server, over HTTP). Reports, per backend: time for all
 * 5 000, accepted (201) count, p50/p99 latency, duplicates (a second round must answer 200 and add
 * no row), and — on a second meeting — acknowledged check-ins lost when the server is killed with
 * SIGKILL mid-burst and restarted (must be 0). Baseline in the same run: GET /api/health at the same
 * concurrency (the framework and HTTP alone).
 * Targets (issue): 5 000 within 5 s on PostgreSQL, 10 s embedded; p99 < 200 ms; 0 duplicates; 0 lost.
 *
 *   npm run bench:checkin [-- --members 5000 --concurrency 64 --backends postgres,embedded]
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Actor } from '@sotay/core';
import { type Database, meetingCheckIns, meetings, members, orgUnits, sessions, users } from '@sotay/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { bootstrap } from '../apps/server/src/bootstrap.ts';
import type { Deps } from '../apps/server/src/deps.ts';
import { hashPassword } from '../apps/server/src/lib/password.ts';
import { sha256 } from '../apps/server/src/lib/tokens.ts';
import { codeFor, windowOf } from '../apps/server/src/modules/meetings/check-in-code.ts';
import { createMeeting } from '../apps/server/src/modules/meetings/service.ts';
import { pathLabel } from '../apps/server/src/modules/orgs/repo.ts';
import { openStorage } from '../apps/server/src/storage.ts';
import { OUT_DIR } from './lib/paths.ts';
import { argInt, argValue, table, writeResult } from './lib/report.ts';
import {
  ADMIN_PASSWORD,
  type Backend,
  createPgDatabase,
  freshDataDir,
  type PgDatabase,
  ROOT_NAME,
  type RunningServer,
  startServer,
} from './lib/server.ts';

const TARGET_S: Record<Backend, number> = { postgres: 5, embedded: 10 };

interface Person {
  memberId: string;
  cookie: string;
  csrf: string;
}

interface Setup {
  people: Person[];
  meetings: { id: string; secret: string }[];
}

/** Members, accounts and sessions written straight into the database (logging 5 000 people in is not the point). */
async function seed(database: Database, count: number): Promise<Setup> {
  const db = database.db;
  const boot = await bootstrap(database, { rootName: ROOT_NAME, adminPassword: ADMIN_PASSWORD });
  const root = boot.root;
  const hash = await hashPassword('Bench-checkin-2026!');
  const people: Person[] = [];
  const now = new Date();
  for (let c = 0; c < Math.ceil(count / 100); c++) {
    const id = crypto.randomUUID();
    await db.insert(orgUnits).values({
      id,
      parentId: root.id,
      path: `${root.path}.${pathLabel(id)}`,
      kind: 'chi_bo',
      name: `Chi bộ ${c + 1}`,
    });
    const n = Math.min(100, count - c * 100);
    const ms = await db
      .insert(members)
      .values(
        Array.from({ length: n }, (_, k) => ({
          orgId: id,
          fullName: `Đảng viên ${c + 1}.${k + 1}`,
          searchText: '',
          nameSort: '',
          status: 'chinh_thuc',
        })),
      )
      .returning({ id: members.id });
    const us = await db
      .insert(users)
      .values(
        ms.map((m, k) => ({
          username: `bench${c}_${k}`,
          memberId: m.id,
          passwordHash: hash,
          state: 'active',
        })),
      )
      .returning({ id: users.id, memberId: users.memberId });
    const tokens = us.map(
      () => [crypto.randomBytes(24).toString('base64url'), crypto.randomBytes(16).toString('hex')] as const,
    );
    await db.insert(sessions).values(
      us.map((u, k) => ({
        id: sha256(tokens[k]![0]),
        userId: u.id,
        csrfToken: tokens[k]![1],
        idleTimeoutS: 8 * 3600,
        expiresAt: new Date(now.getTime() + 86_400_000),
        lastSeenAt: now,
      })),
    );
    for (const [k, u] of us.entries()) {
      people.push({ memberId: u.memberId!, cookie: `sotay_sid=${tokens[k]![0]}`, csrf: tokens[k]![1] });
    }
  }
  const [admin] = await db.select().from(users).where(eq(users.username, 'admin'));
  const actor: Actor = { userId: admin!.id, memberId: null, roles: [{ role: 'admin', orgPath: root.path }] };
  const deps = { database, now: () => new Date(), events: { publish: async () => {} } } as unknown as Deps;
  const out = [];
  for (const title of ['Hội nghị quán triệt nghị quyết', 'Hội nghị sơ kết']) {
    const m = await createMeeting(deps, actor, {
      orgId: root.id,
      title,
      startsAt: new Date().toISOString(),
      kind: 'hoi_nghi',
    });
    const [row] = await db
      .select({ secret: meetings.checkInSecret })
      .from(meetings)
      .where(eq(meetings.id, m.id));
    out.push({ id: m.id, secret: row!.secret });
  }
  return { people, meetings: out };
}

interface Burst {
  seconds: number;
  statuses: Record<string, number>;
  latencies: number[];
  acknowledged: string[];
}

/** Sends one check-in per person with `concurrency` in flight; stops early when `stop()` says so. */
async function burst(
  url: string,
  meeting: { id: string; secret: string },
  people: Person[],
  concurrency: number,
  stop?: (b: Burst) => boolean,
): Promise<Burst> {
  const b: Burst = { seconds: 0, statuses: {}, latencies: [], acknowledged: [] };
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < people.length) {
      if (stop?.(b)) return;
      const p = people[next++]!;
      const code = codeFor(meeting.secret, meeting.id, windowOf(new Date()));
      const s = performance.now();
      try {
        const r = await fetch(`${url}/api/meetings/${meeting.id}/check-ins`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: p.cookie, 'x-csrf-token': p.csrf },
          body: JSON.stringify({ code }),
        });
        await r.arrayBuffer();
        b.latencies.push(performance.now() - s);
        b.statuses[r.status] = (b.statuses[r.status] ?? 0) + 1;
        if (r.status === 201 || r.status === 200) b.acknowledged.push(p.memberId);
      } catch {
        b.statuses.error = (b.statuses.error ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  b.seconds = (performance.now() - t0) / 1000;
  return b;
}

async function healthBaseline(url: string, n: number, concurrency: number) {
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < n) {
        const s = performance.now();
        await (await fetch(`${url}/api/health`)).arrayBuffer();
        lat.push(performance.now() - s);
      }
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, lat };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
};

async function withDatabase<T>(dataDir: string, pgUrl: string | null, fn: (db: Database) => Promise<T>) {
  const storage = await openStorage({ dataDir, databaseUrl: pgUrl });
  try {
    return await fn(storage.database);
  } finally {
    await storage.close();
  }
}

async function run(backend: Backend, count: number, concurrency: number) {
  const dataDir = freshDataDir('checkin');
  const pgdb: PgDatabase | null = backend === 'postgres' ? await createPgDatabase('bench_checkin') : null;
  const logFile = path.join(OUT_DIR, `checkin-${backend}.log`);
  let server: RunningServer | null = null;
  try {
    const setup = await withDatabase(dataDir, pgdb?.url ?? null, (db) => seed(db, count));
    const start = () => startServer({ backend, dataDir, databaseUrl: pgdb?.url, logFile, logLevel: 'warn' });
    server = await start();
    const [first, second] = setup.meetings as [Setup['meetings'][number], Setup['meetings'][number]];

    const base = await healthBaseline(server.url, count, concurrency);
    const main = await burst(server.url, first, setup.people, concurrency);
    const again = await burst(server.url, first, setup.people.slice(0, 500), concurrency);

    // kill -9 once about 40 % of the second meeting's check-ins are acknowledged
    const killAt = Math.floor(count * 0.4);
    let killing: Promise<void> | null = null;
    const killed = await burst(server.url, second, setup.people, concurrency, (b) => {
      if (b.acknowledged.length >= killAt && !killing) killing = server!.kill();
      return killing !== null;
    });
    await killing;
    const restartT0 = performance.now();
    server = await start();
    const restartS = (performance.now() - restartT0) / 1000;
    await server.stop();
    server = null;

    const verify = await withDatabase(dataDir, pgdb?.url ?? null, async (database) => {
      const db = database.db;
      const rowsFirst = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(meetingCheckIns)
        .where(eq(meetingCheckIns.meetingId, first.id));
      const present = new Set(
        (
          await db
            .select({ m: meetingCheckIns.memberId })
            .from(meetingCheckIns)
            .where(
              and(
                eq(meetingCheckIns.meetingId, second.id),
                inArray(
                  meetingCheckIns.memberId,
                  killed.acknowledged.length ? killed.acknowledged : ['00000000-0000-0000-0000-000000000000'],
                ),
              ),
            )
        ).map((r) => r.m),
      );
      return { rowsFirst: rowsFirst[0]!.n, lost: killed.acknowledged.filter((m) => !present.has(m)).length };
    });
    return {
      backend,
      members: count,
      concurrency,
      seconds: Math.round(main.seconds * 100) / 100,
      perSecond: Math.round(count / main.seconds),
      accepted: main.statuses['201'] ?? 0,
      otherStatuses: Object.fromEntries(Object.entries(main.statuses).filter(([k]) => k !== '201')),
      p50: pct(main.latencies, 50),
      p99: pct(main.latencies, 99),
      baselineP99: pct(base.lat, 99),
      baselineSeconds: Math.round(base.seconds * 100) / 100,
      ratioSeconds: Math.round((main.seconds / base.seconds) * 10) / 10,
      secondRound200: again.statuses['200'] ?? 0,
      rowsAfterSecondRound: verify.rowsFirst,
      duplicates: verify.rowsFirst - (main.statuses['201'] ?? 0),
      killedAfterAcknowledged: killed.acknowledged.length,
      lostAcknowledged: verify.lost,
      restartSeconds: Math.round(restartS * 10) / 10,
      targetSeconds: TARGET_S[backend],
    };
  } finally {
    await server?.stop().catch(() => {});
    await pgdb?.drop().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const count = argInt('members', 5000);
  const concurrency = argInt('concurrency', 64);
  const backends = (argValue('backends', 'postgres,embedded') ?? '').split(',') as Backend[];
  const results = [];
  for (const b of backends) {
    console.log(`${b}: seeding ${count} members with sessions…`);
    results.push(await run(b, count, concurrency));
  }
  console.log(
    `\n${table(
      [
        'backend',
        'members',
        'seconds',
        'target',
        'accepted',
        'p50 ms',
        'p99 ms',
        'health p99',
        'dup',
        'killed after',
        'lost',
        'restart s',
      ],
      results.map((r) => [
        r.backend,
        r.members,
        r.seconds,
        `< ${r.targetSeconds}`,
        r.accepted,
        r.p50,
        r.p99,
        r.baselineP99,
        r.duplicates,
        r.killedAfterAcknowledged,
        r.lostAcknowledged,
        r.restartSeconds,
      ]),
    )}`,
  );
  console.log(`\n${writeResult('checkin.json', { at: new Date().toISOString(), results })}`);
}

await main();
