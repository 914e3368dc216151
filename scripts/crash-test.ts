/**
 * Crash safety of the embedded database: kill -9 of the server at a random moment, then restart on
 * the same data directory and check that nothing acknowledged was lost and nothing was half-written.
 *
 * Each round runs against one persistent data directory (round 1 creates it) and either
 *   (a) starts a member import of a 5–20k-row file (people never imported before) — odd rounds; in
 *       round 1 the kill comes just after the answer, later the moment is random before, during or
 *       after the import's transaction — or
 *   (b) fires a burst of small writes: new chi bộ (POST /api/orgs) and phone changes
 *       (PATCH /api/members/:id), four at a time — even rounds,
 * and SIGKILLs the server process itself at a random moment. The server is started again on the
 * same directory (its lock file is now stale and must be taken over), and then:
 *   - an acknowledged import is entirely there, an unacknowledged one entirely there or entirely
 *     absent (a dry run of the same file reports all rows unchanged, or all rows new);
 *   - the member count is the sum of the imports that are there, and the audit log holds exactly one
 *     `member.import` entry for each of them;
 *   - every acknowledged unit exists with its name; every acknowledged phone change is there (and is
 *     what the search finds); a change in flight is either entirely there or not at all;
 *   - GET /api/audit/verify says ok.
 *
 *   npm run test:crash [-- --rounds 10 --seed 42 --restart-limit 60 --keep]
 */
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AdminSession, type ApiClient, importMembersFile, loginAdmin } from '../bench/lib/client.ts';
import { generateMembersXlsx, MAX_PEOPLE } from '../bench/lib/members-xlsx.ts';
import { OUT_DIR } from '../bench/lib/paths.ts';
import { argInt, hasFlag, seconds } from '../bench/lib/report.ts';
import { logTail, type RunningServer, startServer } from '../bench/lib/server.ts';

const WORKERS = 4;
const INDEX_BLOCK = 20_000;

/** mulberry32, so a failing run can be repeated with --seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ImportRecord {
  round: number;
  file: string;
  rows: number;
  acknowledged: boolean;
  present: boolean;
}

type WriteState = 'in-flight' | 'acknowledged' | 'refused';
interface OrgWrite {
  kind: 'org';
  name: string;
  id: string | null;
  state: WriteState;
}
interface PhoneWrite {
  kind: 'phone';
  memberId: string;
  before: string | null;
  phone: string;
  state: WriteState;
}
type Write = OrgWrite | PhoneWrite;

interface ListedMember {
  id: string;
  phone: string | null;
}

class Checks {
  readonly failures: string[] = [];
  readonly notes: string[] = [];
  expect(ok: boolean, failure: string) {
    if (!ok) this.failures.push(failure);
    return ok;
  }
}

const dataDir = path.join(OUT_DIR, 'crash', 'data');
const filesDir = path.join(OUT_DIR, 'crash', 'files');
const logFile = path.join(OUT_DIR, 'logs', 'crash-test.log');

async function start(label: string): Promise<RunningServer> {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  fs.appendFileSync(logFile, `\n===== ${new Date().toISOString()} ${label} =====\n`);
  return startServer({ backend: 'embedded', dataDir, logFile, healthTimeoutMs: 300_000 });
}

/** The session survives restarts (it lives in the database); log in again only if it did not. */
async function ensureSession(admin: AdminSession, url: string): Promise<AdminSession> {
  admin.client.baseUrl = url;
  const me = await admin.client.request('GET', '/api/me');
  if (me.status === 200) return admin;
  return loginAdmin(url, admin.totp);
}

async function memberTotal(client: ApiClient): Promise<number> {
  return (await client.get<{ total: number }>('/api/members?pageSize=1')).total;
}

async function importAuditEntries(client: ApiClient, rootOrgId: string): Promise<number> {
  let n = 0;
  for (let page = 1; ; page++) {
    const r = await client.get<{ items: { action: string }[]; total: number }>(
      `/api/audit?entity=org_unit&entityId=${rootOrgId}&pageSize=200&page=${page}`,
    );
    n += r.items.filter((i) => i.action === 'member.import').length;
    if (page * 200 >= r.total) return n;
  }
}

async function importRound(
  admin: AdminSession,
  server: RunningServer,
  round: number,
  rand: () => number,
  msPerRow: number,
  /** Kill only once the import has been answered (so later rounds have members to change). */
  afterAnswer: boolean,
): Promise<{ record: ImportRecord; killAfterMs: number; answeredMs: number | null; expectedMs: number }> {
  const rows = 5000 + Math.floor(rand() * 15_001);
  const file = path.join(filesDir, `round-${round}.xlsx`);
  await generateMembersXlsx({ file, rows, firstIndex: round * INDEX_BLOCK, seed: 7 });
  const expectedMs = rows * msPerRow;
  let killAfterMs = 200 + rand() * expectedMs * 1.6;
  const t0 = performance.now();
  let answeredMs: number | null = null;
  let status: number | null = null;
  let body: unknown = null;
  const request = importMembersFile(admin.client, admin.rootOrgId, file, { timeoutMs: 300_000 }).then(
    (r) => {
      answeredMs = performance.now() - t0;
      status = r.status;
      body = r.body;
    },
    () => {},
  );
  if (afterAnswer) {
    await request;
    await sleep(rand() * 1000);
    killAfterMs = performance.now() - t0;
  } else {
    await sleep(killAfterMs);
  }
  await server.kill();
  await request;
  if (status !== null && status !== 200) {
    throw new Error(`the import was refused (${status}): ${JSON.stringify(body).slice(0, 300)}`);
  }
  return {
    record: { round, file, rows, acknowledged: status === 200, present: false },
    killAfterMs,
    answeredMs,
    expectedMs,
  };
}

async function pickMembers(client: ApiClient, rand: () => number, used: Set<string>, n: number) {
  const total = await memberTotal(client);
  const pages = Math.max(1, Math.ceil(total / 200));
  const out: ListedMember[] = [];
  for (let tries = 0; out.length < n && tries < 5; tries++) {
    const page = 1 + Math.floor(rand() * pages);
    const r = await client.get<{ items: ListedMember[] }>(`/api/members?pageSize=200&page=${page}`);
    for (const m of r.items) if (!used.has(m.id) && out.length < n) out.push(m);
  }
  return out;
}

async function burstRound(
  admin: AdminSession,
  server: RunningServer,
  round: number,
  rand: () => number,
  used: Set<string>,
): Promise<{ writes: Write[]; killAfterMs: number }> {
  const pool = await pickMembers(admin.client, rand, used, 400);
  const writes: Write[] = [];
  let stop = false;
  let next = 0;
  const worker = async (w: number) => {
    for (let i = 0; !stop; i++) {
      const member = i % 2 === 1 ? pool[next++] : undefined;
      let write: Write;
      let answer: Promise<{ status: number; body: unknown }>;
      if (member) {
        used.add(member.id);
        const phone = `09${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
        write = { kind: 'phone', memberId: member.id, before: member.phone, phone, state: 'in-flight' };
        answer = admin.client.request('PATCH', `/api/members/${member.id}`, { phone });
      } else {
        const name = `Chi bộ thử vòng ${round} luồng ${w} số ${i}`;
        write = { kind: 'org', name, id: null, state: 'in-flight' };
        answer = admin.client.request('POST', '/api/orgs', {
          parentId: admin.rootOrgId,
          name,
          kind: 'chi_bo',
        });
      }
      writes.push(write);
      try {
        const r = await answer;
        write.state = r.status >= 200 && r.status < 300 ? 'acknowledged' : 'refused';
        if (write.kind === 'org' && write.state === 'acknowledged') {
          write.id = (r.body as { org: { id: string } }).org.id;
        }
        if (write.state === 'refused')
          throw new Error(`write refused (${r.status}): ${JSON.stringify(r.body)}`);
      } catch (e) {
        if (write.state === 'refused') throw e;
        return; // the server is gone: this write stays in flight
      }
    }
  };
  const killAfterMs = 300 + rand() * 2700;
  const running = Promise.allSettled(Array.from({ length: WORKERS }, (_, w) => worker(w)));
  await sleep(killAfterMs);
  await server.kill();
  stop = true;
  for (const r of await running) if (r.status === 'rejected') throw r.reason;
  return { writes, killAfterMs };
}

async function verifyImport(admin: AdminSession, rec: ImportRecord, checks: Checks) {
  const dry = await importMembersFile(admin.client, admin.rootOrgId, rec.file, { dryRun: true });
  if (!checks.expect(dry.status === 200, `dry run of round ${rec.round}'s file answered ${dry.status}`))
    return;
  const { created, updated, unchanged } = dry.body;
  const all = created === 0 && updated === 0 && unchanged === rec.rows;
  const none = created === rec.rows && updated === 0 && unchanged === 0;
  rec.present = all;
  checks.expect(
    all || none,
    `import of round ${rec.round} is partly there: ${created} new, ${updated} changed, ${unchanged} unchanged of ${rec.rows}`,
  );
  if (rec.acknowledged)
    checks.expect(all, `acknowledged import of round ${rec.round} (${rec.rows} rows) is missing`);
  checks.notes.push(
    `import ${rec.acknowledged ? 'acknowledged' : 'not acknowledged'}, ${all ? 'entirely present' : none ? 'entirely absent' : 'PARTIAL'}`,
  );
}

async function verifyWrites(admin: AdminSession, writes: Write[], checks: Checks) {
  const tree = await admin.client.get<{ items: { id: string; name: string }[] }>('/api/orgs/tree');
  const byId = new Map(tree.items.map((o) => [o.id, o.name]));
  const names = new Set(tree.items.map((o) => o.name));
  let orgsAcked = 0;
  let orgsInFlightPresent = 0;
  let phonesAcked = 0;
  let phonesInFlightPresent = 0;
  for (const w of writes) {
    if (w.kind === 'org') {
      if (w.state === 'acknowledged') {
        orgsAcked++;
        checks.expect(byId.get(w.id!) === w.name, `acknowledged unit "${w.name}" is missing`);
      } else if (names.has(w.name)) {
        orgsInFlightPresent++;
      }
      continue;
    }
    const found = await admin.client.get<{ items: ListedMember[]; total: number }>(
      `/api/members?q=${w.phone}`,
    );
    const hit = found.items.find((m) => m.id === w.memberId);
    if (w.state === 'acknowledged') {
      phonesAcked++;
      checks.expect(
        hit?.phone === w.phone,
        `acknowledged phone change of ${w.memberId} to ${w.phone} is missing`,
      );
    } else if (hit) {
      phonesInFlightPresent++;
      checks.expect(hit.phone === w.phone, `phone change in flight of ${w.memberId} is half-written`);
    } else {
      const m = await admin.client.get<{ member: ListedMember }>(`/api/members/${w.memberId}`);
      checks.expect(
        m.member.phone === w.before,
        `phone change in flight of ${w.memberId}: phone is ${m.member.phone}, neither ${w.before} nor ${w.phone}`,
      );
    }
  }
  const inFlight = writes.filter((w) => w.state === 'in-flight');
  checks.notes.push(
    `${orgsAcked} units + ${phonesAcked} phone changes acknowledged and present; ` +
      `${inFlight.length} in flight at the kill (${orgsInFlightPresent + phonesInFlightPresent} of them landed)`,
  );
}

async function main() {
  const rounds = argInt('rounds', 10);
  if ((rounds + 1) * INDEX_BLOCK > MAX_PEOPLE)
    throw new Error(`at most ${MAX_PEOPLE / INDEX_BLOCK - 1} rounds`);
  const seed = argInt('seed', Math.floor(Math.random() * 1e9));
  const restartLimitMs = argInt('restart-limit', 60) * 1000;
  const keep = hasFlag('keep');
  const rand = prng(seed);
  fs.rmSync(path.join(OUT_DIR, 'crash'), { recursive: true, force: true });
  fs.mkdirSync(filesDir, { recursive: true });
  fs.rmSync(logFile, { force: true });
  process.stdout.write(
    `Crash test: ${rounds} rounds on ${path.relative(process.cwd(), dataDir)} (seed ${seed})\n`,
  );

  let server = await start('first start');
  let admin = await loginAdmin(server.url);
  const imports: ImportRecord[] = [];
  const usedMembers = new Set<string>();
  const restartMs: number[] = [];
  const serverDown = () => server.child.exitCode !== null || server.child.signalCode !== null;
  let msPerRow = 0.35;
  let passed = 0;
  let failed = 0;

  for (let round = 1; round <= rounds; round++) {
    const checks = new Checks();
    const mode = round % 2 === 1 ? 'import' : 'burst';
    let what = '';
    let writes: Write[] = [];
    try {
      if (mode === 'import') {
        const r = await importRound(admin, server, round, rand, msPerRow, round === 1);
        imports.push(r.record);
        // learn how long an import takes, so kills land before, during and after its transaction
        if (r.answeredMs !== null) msPerRow = (msPerRow + r.answeredMs / r.record.rows) / 2;
        else msPerRow = Math.max(msPerRow, (1.1 * r.killAfterMs) / r.record.rows);
        what =
          `import of ${r.record.rows} rows, killed after ${seconds(r.killAfterMs)} s ` +
          `(expected ~${seconds(r.expectedMs)} s; ${r.answeredMs === null ? 'no answer' : `answered 200 after ${seconds(r.answeredMs)} s`})`;
      } else {
        const r = await burstRound(admin, server, round, rand, usedMembers);
        writes = r.writes;
        what = `burst of ${r.writes.length} writes, killed after ${seconds(r.killAfterMs)} s`;
      }
      const lock = path.join(dataDir, 'sotay.lock');
      const stalePid = fs.existsSync(lock) ? Number(fs.readFileSync(lock, 'utf8').trim()) : null;
      checks.expect(
        stalePid === server.pid,
        `expected the killed server's stale lock (pid ${server.pid}), found ${stalePid}`,
      );

      server = await start(`round ${round}: restart after kill -9`);
      restartMs.push(server.startMs);
      checks.expect(server.startMs <= restartLimitMs, `restart took ${seconds(server.startMs)} s`);
      admin = await ensureSession(admin, server.url);

      if (mode === 'import') await verifyImport(admin, imports.at(-1)!, checks);
      else await verifyWrites(admin, writes, checks);
      const expectedMembers = imports.reduce((n, i) => n + (i.present ? i.rows : 0), 0);
      const total = await memberTotal(admin.client);
      checks.expect(total === expectedMembers, `${total} members, expected ${expectedMembers}`);
      const entries = await importAuditEntries(admin.client, admin.rootOrgId);
      const presentImports = imports.filter((i) => i.present).length;
      checks.expect(
        entries === presentImports,
        `${entries} member.import audit entries, expected ${presentImports}`,
      );
      const audit = await admin.client.get<{ ok: boolean; rows: number; reason: string | null }>(
        '/api/audit/verify',
      );
      checks.expect(audit.ok, `audit chain broken: ${audit.reason}`);
      checks.notes.push(`${total} members, audit chain ${audit.ok ? 'ok' : 'BROKEN'} (${audit.rows} rows)`);
    } catch (e) {
      checks.failures.push((e as Error).message);
      if (serverDown()) checks.failures.push(`server log:\n${logTail(logFile)}`);
    }
    const ok = checks.failures.length === 0;
    if (ok) passed++;
    else failed++;
    process.stdout.write(
      `round ${round}: ${what}; restart ${restartMs.at(-1) === undefined ? '-' : `${seconds(restartMs.at(-1)!)} s`}; ` +
        `${checks.notes.join('; ')} — ${ok ? 'PASS' : 'FAIL'}\n`,
    );
    for (const f of checks.failures) process.stdout.write(`    ✗ ${f}\n`);
    if (serverDown()) break; // it did not come back: nothing more can be checked
  }

  if (!serverDown()) {
    const stopped = await server.stop();
    const lockLeft = fs.existsSync(path.join(dataDir, 'sotay.lock'));
    if (stopped.code !== 0 || lockLeft) {
      failed++;
      process.stdout.write(
        `final SIGTERM: exit ${stopped.code ?? stopped.signal}, lock left behind: ${lockLeft} — FAIL\n`,
      );
    } else {
      process.stdout.write('final SIGTERM: clean exit, lock released\n');
    }
  }
  const sorted = [...restartMs].sort((a, b) => a - b);
  if (sorted.length) {
    process.stdout.write(
      `restart after kill -9: min ${seconds(sorted[0]!)} s, median ${seconds(sorted[Math.floor(sorted.length / 2)]!)} s, ` +
        `max ${seconds(sorted.at(-1)!)} s (limit ${restartLimitMs / 1000} s)\n`,
    );
  }
  process.stdout.write(`crash rounds: ${passed} passed, ${failed} failed\n`);
  if (failed === 0 && !keep) fs.rmSync(path.join(OUT_DIR, 'crash'), { recursive: true, force: true });
  else process.stdout.write(`data kept in ${path.relative(process.cwd(), path.join(OUT_DIR, 'crash'))}\n`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => {
  process.stderr.write(`test:crash failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
