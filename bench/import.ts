/**
 * Member import at scale: one N-member XLSX (default 100 000) imported through the real HTTP API into
 * a fresh embedded database and a fresh PostgreSQL database. Reports the wall time of the import
 * request, the server's peak RSS, a second import of the same file (everything unchanged) and, for
 * scale, the time it takes just to stream-read the file.
 *
 *   npm run bench:import [-- --rows 100000 --backends embedded,postgres --no-reimport]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mapHeader } from '../apps/server/src/modules/imports/member-columns.ts';
import { parseMemberRow } from '../apps/server/src/modules/imports/member-rows.ts';
import { readTable } from '../apps/server/src/modules/imports/read-table.ts';
import { type ApiClient, HttpError, importMembersFile, loginAdmin } from './lib/client.ts';
import { cachedMembersFile } from './lib/fixtures.ts';
import { OUT_DIR } from './lib/paths.ts';
import { argInt, argValue, hasFlag, mb, seconds, table, writeResult } from './lib/report.ts';
import {
  type Backend,
  createPgDatabase,
  freshDataDir,
  type RunningServer,
  startServer,
} from './lib/server.ts';

const TARGETS = { embeddedMs: 15_000, postgresMs: 5_000, peakRssBytes: 512 * 1024 * 1024 };

interface ReadTiming {
  /** Sheet rows (header included) and member rows parsed from them. */
  sheetRows: number;
  rows: number;
  streamReadMs: number;
  readAndParseMs: number;
}

/** The importer's own reading code, without a server: ExcelJS streaming alone, then with row parsing. */
async function timeReading(file: string): Promise<ReadTiming> {
  let t0 = performance.now();
  let sheetRows = 0;
  for await (const _ of readTable(file, 'xlsx')) sheetRows++;
  const streamReadMs = performance.now() - t0;

  t0 = performance.now();
  let columns: ReturnType<typeof mapHeader> = null;
  let parsed = 0;
  for await (const r of readTable(file, 'xlsx')) {
    if (!columns) {
      columns = mapHeader(r.cells);
      continue;
    }
    const p = parseMemberRow(r.row, r.cells, columns);
    if (p && !Array.isArray(p)) parsed++;
    else if (Array.isArray(p)) throw new Error(`row ${r.row} does not parse: ${JSON.stringify(p)}`);
  }
  return { sheetRows, rows: parsed, streamReadMs, readAndParseMs: performance.now() - t0 };
}

interface BackendResult {
  backend: Backend;
  rows: number;
  startMs: number;
  importMs: number;
  created: number;
  totalAfter: number;
  reimportMs: number | null;
  reimportUnchanged: number | null;
  peakRssDuringReimport: number | null;
  rssBeforeImport: number;
  peakRssDuringImport: number;
  peakRssProcess: number;
  peakRssResetWorked: boolean;
  log: string;
}

async function memberTotal(client: ApiClient): Promise<number> {
  return (await client.get<{ total: number }>('/api/members?pageSize=1')).total;
}

async function runBackend(
  backend: Backend,
  file: string,
  rows: number,
  reimport: boolean,
): Promise<BackendResult> {
  const dataDir = freshDataDir(`import-${backend}`);
  const pgDb = backend === 'postgres' ? await createPgDatabase() : null;
  const log = path.join(OUT_DIR, 'logs', `import-${backend}.log`);
  fs.rmSync(log, { force: true });
  let server: RunningServer | null = null;
  try {
    server = await startServer({ backend, dataDir, databaseUrl: pgDb?.url, logFile: log });
    const { client, rootOrgId } = await loginAdmin(server.url);
    const peakRssProcess0 = server.memory()?.peakRss ?? Number.NaN;
    // The peak we care about is the import's, not the embedded engine's first-start initdb.
    const peakRssResetWorked = server.resetPeakRss();
    const rssBeforeImport = server.memory()?.rss ?? Number.NaN;

    process.stdout.write(`  ${backend}: importing ${rows} rows… `);
    let t0 = performance.now();
    const r = await importMembersFile(client, rootOrgId, file);
    const importMs = performance.now() - t0;
    if (r.status !== 200) throw new HttpError(r.status, r.body, 'import');
    const peakRssDuringImport = server.memory()?.peakRss ?? Number.NaN;
    process.stdout.write(`${seconds(importMs)} s\n`);
    const totalAfter = await memberTotal(client);

    let reimportMs: number | null = null;
    let reimportUnchanged: number | null = null;
    let peakRssDuringReimport: number | null = null;
    if (reimport) {
      server.resetPeakRss();
      process.stdout.write(`  ${backend}: importing the same file again… `);
      t0 = performance.now();
      const again = await importMembersFile(client, rootOrgId, file);
      reimportMs = performance.now() - t0;
      if (again.status !== 200) throw new HttpError(again.status, again.body, 're-import');
      reimportUnchanged = again.body.unchanged;
      peakRssDuringReimport = server.memory()?.peakRss ?? null;
      process.stdout.write(`${seconds(reimportMs)} s\n`);
    }
    return {
      backend,
      rows,
      startMs: server.startMs,
      importMs,
      created: r.body.created,
      totalAfter,
      reimportMs,
      reimportUnchanged,
      peakRssDuringReimport,
      rssBeforeImport,
      peakRssDuringImport,
      peakRssProcess: Math.max(peakRssProcess0, peakRssDuringImport, peakRssDuringReimport ?? 0),
      peakRssResetWorked,
      log,
    };
  } finally {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    await pgDb?.drop();
  }
}

async function main() {
  const rows = argInt('rows', 100_000);
  const backends = (argValue('backends', 'embedded,postgres') ?? '').split(',').filter(Boolean) as Backend[];
  const reimport = !hasFlag('no-reimport');

  process.stdout.write(`Member import benchmark: ${rows} rows\n`);
  const fixture = await cachedMembersFile(rows);
  process.stdout.write(
    `  file ${path.relative(process.cwd(), fixture.file)} (${mb(fixture.bytes)} MB) ${
      fixture.generatedMs === null ? 'reused' : `generated in ${seconds(fixture.generatedMs)} s`
    }\n`,
  );
  const reading = await timeReading(fixture.file);
  if (reading.rows !== rows) throw new Error(`the file has ${reading.rows} member rows, expected ${rows}`);
  process.stdout.write(
    `  stream-read ${seconds(reading.streamReadMs)} s, read + parse rows ${seconds(reading.readAndParseMs)} s\n`,
  );

  const loadBefore = os.loadavg();
  const results: BackendResult[] = [];
  for (const backend of backends) {
    const r = await runBackend(backend, fixture.file, rows, reimport);
    if (r.created !== rows || r.totalAfter !== rows) {
      throw new Error(`${backend}: created ${r.created}, list total ${r.totalAfter}, expected ${rows}`);
    }
    if (r.reimportUnchanged !== null && r.reimportUnchanged !== rows) {
      throw new Error(`${backend}: the second import found ${r.reimportUnchanged} of ${rows} rows unchanged`);
    }
    results.push(r);
  }

  const targetMs = (b: Backend) => (b === 'embedded' ? TARGETS.embeddedMs : TARGETS.postgresMs);
  const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  process.stdout.write('\n');
  process.stdout.write(
    `${table(
      [
        'backend',
        'rows',
        'import s',
        'target s',
        'rows/s',
        're-import s',
        'RSS before MB',
        'peak RSS import MB',
        'peak RSS re-import MB',
        'peak RSS MB (incl. start)',
        'time',
        'RSS',
      ],
      results.map((r) => [
        r.backend,
        r.rows,
        seconds(r.importMs),
        targetMs(r.backend) / 1000,
        Math.round(r.rows / (r.importMs / 1000)),
        r.reimportMs === null ? '-' : seconds(r.reimportMs),
        mb(r.rssBeforeImport),
        mb(r.peakRssDuringImport),
        r.peakRssDuringReimport === null ? '-' : mb(r.peakRssDuringReimport),
        mb(r.peakRssProcess),
        verdict(r.importMs <= targetMs(r.backend)),
        verdict(r.peakRssDuringImport < TARGETS.peakRssBytes),
      ]),
    )}\n`,
  );
  process.stdout.write(
    `\nfor scale: stream-reading the file (ExcelJS, no parsing) ${seconds(reading.streamReadMs)} s; reading + parsing rows ${seconds(reading.readAndParseMs)} s\n`,
  );
  const out = writeResult('import.json', {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, loadavgBefore: loadBefore, loadavgAfter: os.loadavg() },
    rows,
    file: { path: path.relative(process.cwd(), fixture.file), bytes: fixture.bytes },
    reading,
    targets: TARGETS,
    results: results.map((r) => ({
      ...r,
      meetsTimeTarget: r.importMs <= targetMs(r.backend),
      meetsRssTarget: r.peakRssDuringImport < TARGETS.peakRssBytes,
    })),
  });
  process.stdout.write(`written ${path.relative(process.cwd(), out)}\n`);
}

main().catch((e) => {
  process.stderr.write(`bench:import failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
