/**
 * Where an import's time goes: runs the importer in-process (no HTTP) on a fresh embedded or
 * PostgreSQL database and prints the time of each phase it reports (reading, checking, saving).
 *
 *   node --import tsx bench/import-profile.ts [--rows 100000] [--backend embedded|postgres]
 */

import fs from 'node:fs';
import os from 'node:os';
import { openEmbedded, openPostgres, runMigrations } from '@sotay/db';
import { bootstrap } from '../apps/server/src/bootstrap.ts';
import type { Deps } from '../apps/server/src/deps.ts';
import { memoryEvents } from '../apps/server/src/lib/events.ts';
import { localFileStore } from '../apps/server/src/lib/file-store.ts';
import type { ProgressRegistry } from '../apps/server/src/lib/progress.ts';
import { memoryThrottle } from '../apps/server/src/lib/throttle.ts';
import { importMembers } from '../apps/server/src/modules/imports/member-import.ts';
import { cachedMembersFile } from './lib/fixtures.ts';
import { argInt, argValue, seconds, table } from './lib/report.ts';
import { createPgDatabase, freshDataDir } from './lib/server.ts';

async function main() {
  const rows = argInt('rows', 100_000);
  const backend = argValue('backend', 'embedded');
  const fixture = await cachedMembersFile(rows);
  const dataDir = freshDataDir('profile');
  const pgDb = backend === 'postgres' ? await createPgDatabase('bench_profile') : null;
  const database = pgDb ? await openPostgres(pgDb.url) : await openEmbedded(`${dataDir}/db`);
  try {
    await runMigrations(database, pgDb?.url);
    const { root } = await bootstrap(database, {
      rootName: 'Đảng bộ đo',
      adminPassword: 'x-very-long-password',
    });
    const marks: { phase: string; at: number; processed: number; heapMb: number; rssMb: number }[] = [];
    const mem = () => {
      const m = process.memoryUsage();
      return { heapMb: Math.round(m.heapUsed / 1048576), rssMb: Math.round(m.rss / 1048576) };
    };
    let peak = { heapMb: 0, rssMb: 0 };
    const sampler = setInterval(() => {
      const m = mem();
      peak = { heapMb: Math.max(peak.heapMb, m.heapMb), rssMb: Math.max(peak.rssMb, m.rssMb) };
    }, 50);
    const progress: ProgressRegistry = {
      set: (_o, _id, p) => {
        const last = marks.at(-1);
        if (!last || last.phase !== p.phase) {
          marks.push({ phase: p.phase, at: performance.now(), processed: p.processed, ...mem() });
        }
      },
      get: () => null,
    };
    const deps: Deps = {
      database,
      throttle: memoryThrottle(),
      progress,
      events: memoryEvents(),
      files: localFileStore(os.tmpdir()),
      publicUrl: 'http://localhost',
      now: () => new Date(),
    };
    const actor = {
      userId: crypto.randomUUID(),
      memberId: null,
      roles: [{ role: 'admin' as const, orgPath: root.path }],
    };
    for (const round of ['first import', 're-import']) {
      marks.length = 0;
      peak = mem();
      const t0 = performance.now();
      const r = await importMembers(deps, actor, {
        file: fixture.file,
        fileName: 'f.xlsx',
        orgId: root.id,
        dryRun: false,
        progressId: 'profile-1',
      });
      const end = performance.now();
      const rowsOut = marks.map((m, i) => [
        m.phase,
        seconds((marks[i + 1]?.at ?? end) - m.at),
        m.heapMb,
        m.rssMb,
      ]);
      process.stdout.write(
        `\n${backend} ${round}: ${seconds(end - t0)} s (created ${r.created}, unchanged ${r.unchanged})\n`,
      );
      process.stdout.write(
        `${table(['phase', 's', 'heap MB at start', 'RSS MB at start'], [['(before reading)', seconds((marks[0]?.at ?? end) - t0), '', ''], ...rowsOut])}\n`,
      );
      process.stdout.write(`peak while importing: heap ${peak.heapMb} MB, RSS ${peak.rssMb} MB\n`);
    }
    clearInterval(sampler);
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    await pgDb?.drop();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
