/**
 * API throughput: a signed-in admin's `GET /api/members?page=1` with ~100 000 members in the database,
 * against a bare Fastify route running the same SQL straight through `pg` / PGlite (bench/api-baseline.ts,
 * its own process; for the embedded database it opens a copy of the server's data directory).
 * autocannon, 50 connections, 10 s each, after a short warm-up; on PostgreSQL and embedded. Each load
 * starts once both processes (and PostgreSQL) are idle again, and also reports one unloaded request.
 *
 * Also measured: the same for one chi bộ (`&orgId=`, the largest), where the SQL is cheap and the
 * framework's share shows, and the baseline's page query alone ("page only"): what the list would cost
 * without an exact total, i.e. how much of it the count is.
 *
 *   npm run bench:api [-- --rows 100000 --duration 10 --connections 50 --backends postgres,embedded --log-level info]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { type ApiClient, HttpError, importMembersFile, loginAdmin } from './lib/client.ts';
import { cachedMembersFile } from './lib/fixtures.ts';
import { OUT_DIR } from './lib/paths.ts';
import { argInt, argValue, seconds, table, writeResult } from './lib/report.ts';
import {
  type Backend,
  createPgDatabase,
  freePort,
  freshDataDir,
  type NodeProcess,
  type PgDatabase,
  type RunningServer,
  startNodeProcess,
  startServer,
  waitIdle,
} from './lib/server.ts';

const TARGET_RATIO = 0.6;
const WARMUP_S = 2;
/** Per-request timeout: long, so a slow target shows as slow (latency) rather than as errors. */
const TIMEOUT_S = 60;

interface Load {
  /** Median latency of 5 requests one after another, before the load (ms). */
  unloadedMs: number;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

async function unloaded(url: string, headers: Record<string, string>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url} → ${res.status}`);
    times.push(performance.now() - t0);
  }
  return Math.round(times.sort((a, b) => a - b)[2]! * 10) / 10;
}

async function load(
  url: string,
  headers: Record<string, string>,
  opts: { connections: number; duration: number; settle: () => Promise<unknown> },
): Promise<Load> {
  const { connections, duration } = opts;
  await opts.settle();
  const unloadedMs = await unloaded(url, headers);
  await autocannon({ url, connections, duration: WARMUP_S, headers, timeout: TIMEOUT_S });
  await opts.settle();
  const r = await autocannon({ url, connections, duration, headers, timeout: TIMEOUT_S });
  return {
    unloadedMs,
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

interface BackendResult {
  backend: Backend;
  members: number;
  importMs: number;
  /** The server's GET /api/members?page=1, signed in as admin. */
  app: Load;
  /** Bare Fastify running the list's SQL. */
  baseline: Load;
  ratio: number | null;
  meetsTarget: boolean;
  /** The same for one chi bộ (the largest): `?page=1&orgId=…`, where the SQL itself is cheap. */
  unit: { name: string; members: number; app: Load; baseline: Load; ratio: number | null };
  /** Bare Fastify running only the page query, without the total. */
  pageOnly: Load;
}

async function startBaseline(
  backend: Backend,
  source: { pgUrl?: string; pgliteDir?: string },
  label: string,
) {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
  if (backend === 'postgres') env.BASELINE_PG_URL = source.pgUrl;
  else env.BASELINE_PGLITE_DIR = source.pgliteDir;
  return startNodeProcess({
    script: 'bench/api-baseline.ts',
    env,
    port,
    healthPath: '/health',
    logFile: path.join(OUT_DIR, 'logs', `api-baseline-${label}.log`),
  });
}

/** Both answer the same first page (same ids, same order, same total): they run the same query. */
async function checkSamePage(client: ApiClient, baseline: NodeProcess, orgId?: string) {
  const query = orgId ? `page=1&orgId=${orgId}` : 'page=1';
  const app = await client.get<{ items: { id: string }[]; total: number }>(`/api/members?${query}`);
  const base = (await (await fetch(`${baseline.url}/members${orgId ? `?orgId=${orgId}` : ''}`)).json()) as {
    items: { id: string }[];
    total: number;
  };
  const same =
    app.total === base.total && app.items.map((i) => i.id).join() === base.items.map((i) => i.id).join();
  if (!same || app.items.length !== 50) {
    throw new Error(
      `the app and the baseline disagree on ${query}: app ${app.items.length}/${app.total}, baseline ${base.items.length}/${base.total}`,
    );
  }
  return app.total;
}

/** The chi bộ with the most members. */
async function largestUnit(client: ApiClient, rootOrgId: string) {
  const tree = await client.get<{ items: { id: string; name: string; memberCount: number }[] }>(
    '/api/orgs/tree',
  );
  const units = tree.items.filter((o) => o.id !== rootOrgId).sort((a, b) => b.memberCount - a.memberCount);
  if (!units[0]) throw new Error('no chi bộ after the import');
  return units[0];
}

const ratioOf = (app: Load, base: Load) =>
  base.rps > 0 ? Math.round((app.rps / base.rps) * 100) / 100 : null;

async function runBackend(
  backend: Backend,
  file: string,
  opts: { connections: number; duration: number; logLevel: string },
) {
  const dataDir = freshDataDir(`api-${backend}`);
  const baselineDir = freshDataDir(`api-${backend}-baseline`);
  const pgDb: PgDatabase | null = backend === 'postgres' ? await createPgDatabase() : null;
  const logFile = path.join(OUT_DIR, 'logs', `api-${backend}.log`);
  fs.rmSync(logFile, { force: true });
  const serverOpts = { backend, dataDir, databaseUrl: pgDb?.url, logFile, logLevel: opts.logLevel };
  let server: RunningServer | null = null;
  let baseline: NodeProcess | null = null;
  try {
    server = await startServer(serverOpts);
    const { client, rootOrgId } = await loginAdmin(server.url);
    process.stdout.write(`  ${backend}: importing the members… `);
    const t0 = performance.now();
    const imported = await importMembersFile(client, rootOrgId, file);
    const importMs = performance.now() - t0;
    if (imported.status !== 200) throw new HttpError(imported.status, imported.body, 'import');
    process.stdout.write(`${seconds(importMs)} s\n`);

    if (backend === 'embedded') {
      // PGlite cannot be opened twice: the baseline gets a copy of the data, taken after a clean stop.
      await server.stop();
      fs.cpSync(path.join(dataDir, 'db'), path.join(baselineDir, 'db'), { recursive: true });
      server = await startServer(serverOpts);
      client.baseUrl = server.url; // the session lives in the database and survives the restart
    }
    baseline = await startBaseline(
      backend,
      { pgUrl: pgDb?.url, pgliteDir: path.join(baselineDir, 'db') },
      backend,
    );
    const members = await checkSamePage(client, baseline);
    const unit = await largestUnit(client, rootOrgId);
    await checkSamePage(client, baseline, unit.id);

    const headers = { cookie: client.cookie ?? '' };
    const pids = [server.pid, baseline.pid];
    const settle = () => waitIdle(pids, pgDb?.url);
    const measure = async (label: string, url: string, h: Record<string, string> = {}) => {
      process.stdout.write(`  ${backend}: ${label} … `);
      const r = await load(url, h, { connections: opts.connections, duration: opts.duration, settle });
      process.stdout.write(
        `${r.rps} req/s${r.errors || r.non2xx ? ` (${r.errors} errors, ${r.non2xx} non-2xx)` : ''}\n`,
      );
      return r;
    };
    const app = await measure('app GET /api/members?page=1', `${server.url}/api/members?page=1`, headers);
    const base = await measure('bare Fastify + same SQL', `${baseline.url}/members`);
    const unitApp = await measure(
      `app GET /api/members?page=1&orgId=<${unit.name}>`,
      `${server.url}/api/members?page=1&orgId=${unit.id}`,
      headers,
    );
    const unitBase = await measure(
      'bare Fastify + same SQL (chi bộ)',
      `${baseline.url}/members?orgId=${unit.id}`,
    );
    const pageOnly = await measure(
      'bare Fastify + page query only (no total)',
      `${baseline.url}/members-page-only`,
    );
    const ratio = ratioOf(app, base);
    return {
      backend,
      members,
      importMs,
      app,
      baseline: base,
      ratio,
      meetsTarget: ratio !== null && ratio >= TARGET_RATIO && app.errors === 0 && app.non2xx === 0,
      unit: {
        name: unit.name,
        members: unit.memberCount,
        app: unitApp,
        baseline: unitBase,
        ratio: ratioOf(unitApp, unitBase),
      },
      pageOnly,
    };
  } finally {
    await baseline?.stop();
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(baselineDir, { recursive: true, force: true });
    await pgDb?.drop();
  }
}

async function main() {
  const rows = argInt('rows', 100_000);
  const connections = argInt('connections', 50);
  const duration = argInt('duration', 10);
  const logLevel = argValue('log-level', 'info') ?? 'info';
  const backends = (argValue('backends', 'postgres,embedded') ?? '').split(',').filter(Boolean) as Backend[];

  process.stdout.write(
    `API benchmark: ${rows} members, autocannon -c ${connections} -d ${duration} (server LOG_LEVEL=${logLevel})\n`,
  );
  const fixture = await cachedMembersFile(rows);
  const loadBefore = os.loadavg();
  const results: BackendResult[] = [];
  for (const backend of backends)
    results.push(await runBackend(backend, fixture.file, { connections, duration, logLevel }));

  process.stdout.write('\n');
  const row = (r: BackendResult, target: string, l: Load, ratio: string, verdict: string) => [
    r.backend,
    target,
    l.unloadedMs,
    l.rps,
    l.p50,
    l.p99,
    l.requests,
    l.errors + l.non2xx,
    ratio,
    verdict,
  ];
  process.stdout.write(
    `${table(
      [
        'backend',
        'target',
        '1 req ms',
        'req/s',
        'p50 ms',
        'p99 ms',
        'requests',
        'errors',
        'ratio',
        `≥ ${TARGET_RATIO}×`,
      ],
      results.flatMap((r) => [
        row(
          r,
          'app GET /api/members?page=1',
          r.app,
          String(r.ratio ?? 'n/a'),
          r.meetsTarget ? 'ok' : 'MISSED',
        ),
        row(r, 'bare Fastify + same SQL', r.baseline, '', ''),
        row(
          r,
          `app …&orgId=<chi bộ, ${r.unit.members} members>`,
          r.unit.app,
          String(r.unit.ratio ?? 'n/a'),
          r.unit.ratio !== null && r.unit.ratio >= TARGET_RATIO ? 'ok' : 'MISSED',
        ),
        row(r, 'bare Fastify + same SQL (chi bộ)', r.unit.baseline, '', ''),
        row(r, 'bare Fastify + page query only (no total)', r.pageOnly, '', ''),
      ]),
    )}\n`,
  );
  process.stdout.write(
    `(${results[0]?.members ?? rows} members; each load starts once the targets are idle again; request timeout ${TIMEOUT_S} s)\n`,
  );
  const out = writeResult('api.json', {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, loadavgBefore: loadBefore, loadavgAfter: os.loadavg() },
    rows,
    connections,
    durationS: duration,
    serverLogLevel: logLevel,
    targetRatio: TARGET_RATIO,
    results,
  });
  process.stdout.write(`written ${path.relative(process.cwd(), out)}\n`);
}

main().catch((e) => {
  process.stderr.write(`bench:api failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
