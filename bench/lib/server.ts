import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { OUT_DIR, REPO_ROOT } from './paths.ts';

export const ADMIN_PASSWORD = 'Mật-khẩu-đo-hiệu-năng-2026';
export const ROOT_NAME = 'Đảng bộ xã Đo Hiệu Năng';
/** The PostgreSQL server benchmarks create their throw-away databases in. */
export const PG_BASE_URL = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';

export type Backend = 'embedded' | 'postgres';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** A throw-away PostgreSQL database `bench_<random>`, dropped (with force) by `drop()`. */
export interface PgDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function createPgDatabase(prefix = 'bench'): Promise<PgDatabase> {
  const name = `${prefix}_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_BASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_BASE_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_BASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A fresh data directory under bench/out/tmp (removed by the caller). */
export function freshDataDir(label: string): string {
  const base = path.join(OUT_DIR, 'tmp');
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, `${label}-`));
}

/** Peak (VmHWM) and current (VmRSS) resident set size of a process, in bytes. */
export function memoryOf(pid: number): { peakRss: number; rss: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) =>
      Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
    return { peakRss: kb('VmHWM'), rss: kb('VmRSS') };
  } catch {
    return null;
  }
}

/** Resets VmHWM to the current RSS (Linux `clear_refs` 5), so a later peak is the peak of what came after. */
export function resetPeakRss(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export interface ServerOptions {
  backend: Backend;
  /** Embedded: the data directory (kept across restarts when the caller passes the same one). */
  dataDir: string;
  /** PostgreSQL: the database URL. */
  databaseUrl?: string;
  port?: number;
  logLevel?: string;
  /** Where the server's stdout/stderr go. */
  logFile: string;
  /** Extra node flags, e.g. `--cpu-prof` to see where a benchmark's time goes. */
  nodeArgs?: string[];
  healthTimeoutMs?: number;
}

export interface NodeProcess {
  /** The pid of the node process running the script (no npm/tsx wrapper in between). */
  pid: number;
  url: string;
  /** Milliseconds from spawn to the first healthy answer. */
  startMs: number;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  memory(): { peakRss: number; rss: number } | null;
  resetPeakRss(): boolean;
  /** SIGTERM and wait for a clean exit (then SIGKILL after the timeout). */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** kill -9 of the process itself, then wait for it to be gone. */
  kill(): Promise<void>;
}

export interface RunningServer extends NodeProcess {
  options: ServerOptions;
}

/** The last lines a process printed, for error messages. */
export function logTail(file: string, lines = 20): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export interface NodeProcessOptions {
  /** Script path relative to the repository root, run as `node --import tsx <script>`. */
  script: string;
  env: NodeJS.ProcessEnv;
  port: number;
  /** A path answering 200 once the process is ready. */
  healthPath: string;
  logFile: string;
  healthTimeoutMs?: number;
  nodeArgs?: string[];
}

/**
 * Starts `node --import tsx <script>` directly (so the child's pid is the process doing the work, no
 * npm/tsx wrapper in between), its output appended to logFile, and resolves once healthPath answers 200.
 */
export async function startNodeProcess(opts: NodeProcessOptions): Promise<NodeProcess> {
  fs.mkdirSync(path.dirname(opts.logFile), { recursive: true });
  const log = fs.openSync(opts.logFile, 'a');
  const started = performance.now();
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', opts.script], {
    cwd: REPO_ROOT,
    env: opts.env,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${opts.script}`);
  const url = `http://127.0.0.1:${opts.port}`;
  const timeoutMs = opts.healthTimeoutMs ?? 180_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (gone)
      throw new Error(
        `${opts.script} exited during start-up (see ${opts.logFile}):\n${logTail(opts.logFile)}`,
      );
    const ok = await fetch(`${url}${opts.healthPath}`, { signal: AbortSignal.timeout(2000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${opts.script} not healthy after ${timeoutMs} ms:\n${logTail(opts.logFile)}`);
    }
    await sleep(50);
  }
  const startMs = performance.now() - started;
  return {
    pid,
    url,
    startMs,
    child,
    exited,
    memory: () => memoryOf(pid),
    resetPeakRss: () => resetPeakRss(pid),
    stop: async (stopTimeoutMs = 30_000) => {
      if (!gone) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
      const r = await exited;
      clearTimeout(timer);
      return r;
    },
    kill: async () => {
      if (!gone) process.kill(pid, 'SIGKILL');
      await exited;
    },
  };
}

/** Starts the real server (apps/server/src/main.ts) on a free port and waits for /api/health. */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const port = opts.port ?? (await freePort());
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['DATABASE_URL', 'REDIS_URL', 'SOTAY_PUBLIC_URL', 'S3_ENDPOINT', 'SMTP_URL', 'OIDC_ISSUER'])
    delete env[k];
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    SOTAY_DATA_DIR: opts.dataDir,
    SOTAY_SEED: 'none',
    SOTAY_ADMIN_PASSWORD: ADMIN_PASSWORD,
    SOTAY_ROOT_NAME: ROOT_NAME,
    LOG_LEVEL: opts.logLevel ?? 'info',
  });
  if (opts.backend === 'postgres') {
    if (!opts.databaseUrl) throw new Error('startServer: postgres needs databaseUrl');
    env.DATABASE_URL = opts.databaseUrl;
  }
  const p = await startNodeProcess({
    script: 'apps/server/src/main.ts',
    env,
    port,
    healthPath: '/api/health',
    logFile: opts.logFile,
    healthTimeoutMs: opts.healthTimeoutMs,
    nodeArgs: opts.nodeArgs,
  });
  return { ...p, options: opts };
}

/** CPU time (user + system) a process has used so far, in seconds (0 once it is gone). */
export function cpuSecondsOf(pid: number): number {
  try {
    // fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * Waits until the processes (and, for PostgreSQL, the database's sessions) have stopped working on
 * what an earlier load left behind: a server keeps answering requests whose clients gave up.
 */
export async function waitIdle(pids: number[], pgUrl?: string, maxMs = 180_000): Promise<number> {
  const t0 = Date.now();
  const client = pgUrl ? new pg.Client({ connectionString: pgUrl }) : null;
  await client?.connect();
  try {
    for (;;) {
      const before = pids.reduce((s, p) => s + cpuSecondsOf(p), 0);
      await sleep(1000);
      const busyCpu = pids.reduce((s, p) => s + cpuSecondsOf(p), 0) - before > 0.05;
      const active = client
        ? Number(
            (
              await client.query(
                "select count(*)::int as n from pg_stat_activity where datname = current_database() and state = 'active' and pid <> pg_backend_pid()",
              )
            ).rows[0].n,
          )
        : 0;
      if ((!busyCpu && active === 0) || Date.now() - t0 > maxMs) return Date.now() - t0;
    }
  } finally {
    await client?.end();
  }
}
