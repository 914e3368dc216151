/**
 * Notices at scale, in-process through the services the routes call:
 * - a notice to 100 000 members (100 chi bộ of 1 000): time to write every inbox row;
 * - the inbox (`GET /api/me/inbox` service) for members, 50 at a time, 2 000 calls: p50/p95, against
 *   a bare indexed select of the same page in the same run;
 * - web push of that notice to 10 000 subscribed devices against a local https push stub: time, peak
 *   RSS growth.
 * Targets (issue, PostgreSQL): inbox rows < 2 s; inbox p95 < 20 ms.
 *
 *   npm run bench:notices [-- --members 100000 --subscriptions 10000 --backends postgres,embedded]
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import type { Actor } from '@sotay/core';
import { type Database, members, orgUnits, pushSubscriptions, users } from '@sotay/db';
import { sql } from 'drizzle-orm';
import { bootstrap } from '../apps/server/src/bootstrap.ts';
import type { Deps } from '../apps/server/src/deps.ts';
import { memoryEvents } from '../apps/server/src/lib/events.ts';
import { pushNotice } from '../apps/server/src/modules/notices/push.ts';
import { createNotice, inbox } from '../apps/server/src/modules/notices/service.ts';
import { pathLabel } from '../apps/server/src/modules/orgs/repo.ts';
import { openStorage } from '../apps/server/src/storage.ts';
import { localCertificate } from '../apps/server/src/test/local-tls.ts';
import { argInt, argValue, mb, table, writeResult } from './lib/report.ts';
import { type Backend, createPgDatabase, freshDataDir, ROOT_NAME } from './lib/server.ts';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
};

async function seedMembers(database: Database, rootId: string, rootPath: string, count: number) {
  const db = database.db;
  const ids: string[] = [];
  for (let c = 0; c < Math.ceil(count / 1000); c++) {
    const id = crypto.randomUUID();
    await db.insert(orgUnits).values({
      id,
      parentId: rootId,
      path: `${rootPath}.${pathLabel(id)}`,
      kind: 'chi_bo',
      name: `Chi bộ ${c + 1}`,
    });
    const n = Math.min(1000, count - c * 1000);
    const rows = await db
      .insert(members)
      .values(
        Array.from({ length: n }, (_, k) => ({
          orgId: id,
          fullName: `Đảng viên ${c}.${k}`,
          searchText: '',
          nameSort: '',
          status: 'chinh_thuc',
        })),
      )
      .returning({ id: members.id });
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/** A https push service on this machine that accepts everything (its certificate made here). */
async function pushStub() {
  const { cert, key } = localCertificate();
  let received = 0;
  const server = https.createServer({ cert, key }, (req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(201).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `https://127.0.0.1:${port}`,
    agent: new https.Agent({ ca: cert, keepAlive: true, maxSockets: 20 }),
    received: () => received,
    close: () => server.close(),
  };
}

async function run(backend: Backend, count: number, subs: number) {
  const pgdb = backend === 'postgres' ? await createPgDatabase('bench_notices') : null;
  const dataDir = freshDataDir('notices');
  const storage = await openStorage({ dataDir, databaseUrl: pgdb?.url ?? null });
  const stub = await pushStub();
  try {
    const database = storage.database;
    const boot = await bootstrap(database, { rootName: ROOT_NAME, adminPassword: 'Bench-notices-2026!' });
    const memberIds = await seedMembers(database, boot.root.id, boot.root.path, count);
    const [admin] = await database.db.select().from(users).where(sql`${users.username} = 'admin'`);
    const deps = {
      database,
      events: memoryEvents(),
      now: () => new Date(),
      publicUrl: 'https://bench.local',
    } as unknown as Deps;
    const actor: Actor = {
      userId: admin!.id,
      memberId: null,
      roles: [{ role: 'admin', orgPath: boot.root.path }],
    };
    // earlier notices, so inboxes are not trivially short (50 to the whole tree)
    for (let i = 0; i < 5; i++)
      await createNotice(deps, actor, {
        title: `Thông báo cũ ${i}`,
        body: 'Nội dung',
        audienceOrgId: boot.root.id,
        draft: false,
      });

    // subscriptions for the first `subs` members (accounts made for them)
    const hash = 'x';
    for (let i = 0; i < subs; i += 1000) {
      const chunk = memberIds.slice(i, Math.min(subs, i + 1000));
      const us = await database.db
        .insert(users)
        .values(chunk.map((m, k) => ({ username: `b${i + k}`, memberId: m, passwordHash: hash })))
        .returning({ id: users.id });
      await database.db.insert(pushSubscriptions).values(
        us.map((u, k) => {
          const ecdh = crypto.createECDH('prime256v1');
          ecdh.generateKeys();
          return {
            userId: u.id,
            endpoint: `${stub.url}/s/${i + k}`,
            p256dh: ecdh.getPublicKey().toString('base64url'),
            auth: crypto.randomBytes(16).toString('base64url'),
          };
        }),
      );
    }
    await database.db.execute(sql`analyze`);

    const t0 = performance.now();
    const notice = await createNotice({ ...deps, events: memoryEvents() }, actor, {
      title: 'Thông báo toàn Đảng bộ',
      body: 'Đề nghị toàn thể đảng viên xác nhận thông tin sơ lược trên ứng dụng.',
      audienceOrgId: boot.root.id,
    });
    const fanoutS = (performance.now() - t0) / 1000;

    const readers = Array.from({ length: 2000 }, (_, i) => memberIds[(i * 7919) % memberIds.length]!);
    const call = (m: string) => inbox(deps, { userId: crypto.randomUUID(), memberId: m, roles: [] }, 1, 20);
    const bare = (m: string) =>
      database.db.execute(
        sql`select notice_id, read_at from notice_recipients where member_id = ${m} order by sent_at desc limit 20`,
      );
    const measure = async (fn: (m: string) => Promise<unknown>) => {
      const lat: number[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: 50 }, async () => {
          while (next < readers.length) {
            const m = readers[next++]!;
            const s = performance.now();
            await fn(m);
            lat.push(performance.now() - s);
          }
        }),
      );
      return lat;
    };
    await measure(call); // warm-up
    const inboxLat = await measure(call);
    const bareLat = await measure(bare);

    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const p0 = performance.now();
    const report = await pushNotice(deps, notice.id, { agent: stub.agent, retryDelayMs: 50 });
    const pushS = (performance.now() - p0) / 1000;
    clearInterval(sampler);
    return {
      backend,
      members: count,
      recipients: notice.recipients,
      fanoutSeconds: Math.round(fanoutS * 100) / 100,
      inboxP50: pct(inboxLat, 50),
      inboxP95: pct(inboxLat, 95),
      bareP95: pct(bareLat, 95),
      ratioP95: Math.round((pct(inboxLat, 95) / Math.max(0.1, pct(bareLat, 95))) * 10) / 10,
      push: {
        ...report,
        seconds: Math.round(pushS * 100) / 100,
        perSecond: Math.round(report.sent / pushS),
        peakRssGrowthMb: mb(peak - rss0),
        received: stub.received(),
      },
    };
  } finally {
    stub.close();
    await storage.close();
    await pgdb?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const count = argInt('members', 100_000);
  const subs = argInt('subscriptions', 10_000);
  const backends = (argValue('backends', 'postgres,embedded') ?? '').split(',') as Backend[];
  const results = [];
  for (const b of backends) {
    console.log(`${b}: ${count} members, ${subs} push subscriptions…`);
    results.push(await run(b, count, subs));
  }
  console.log(
    `\n${table(
      [
        'backend',
        'recipients',
        'inbox rows s',
        'inbox p50',
        'inbox p95',
        'bare p95',
        'ratio',
        'push sent',
        'push s',
        'push/s',
        'RSS +MB',
      ],
      results.map((r) => [
        r.backend,
        r.recipients,
        r.fanoutSeconds,
        r.inboxP50,
        r.inboxP95,
        r.bareP95,
        `${r.ratioP95}×`,
        r.push.sent,
        r.push.seconds,
        r.push.perSecond,
        r.push.peakRssGrowthMb,
      ]),
    )}`,
  );
  console.log(`\n${writeResult('notices.json', { at: new Date().toISOString(), results })}`);
}

await main();
