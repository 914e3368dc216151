/**
 * Document search at province scale: 100 000 documents (bench/lib/search-corpus.ts), searched by
 * members of three đảng ủy through the same service function the route calls (visibility, number
 * matching, full-text ranking, snippets). Reports, per backend:
 * - the labelled queries (bench/search-labelled.json, written before tuning): wrong first results;
 * - latency of 200 mixed queries (the labelled ones plus generated numbers and words), one after
 *   another after a warm-up pass: p50 / p95 / max;
 * - the same queries as a bare indexed lookup (tsquery match or number key, LIMIT 20, no visibility,
 *   ranking or snippets) in the same run, and the ratio between the two.
 * Targets (issue): p95 < 30 ms on PostgreSQL, < 100 ms embedded; zero wrong first results.
 *
 *   npm run bench:search [-- --docs 100000 --backends postgres,embedded]
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { type Actor, numberKey, parseNumberQuery } from '@sotay/core';
import {
  type Database,
  documents,
  documentTexts,
  members,
  openEmbedded,
  openPostgres,
  runMigrations,
} from '@sotay/db';
import { sql } from 'drizzle-orm';
import { bootstrap } from '../apps/server/src/bootstrap.ts';
import type { Deps } from '../apps/server/src/deps.ts';
import { documentVector } from '../apps/server/src/modules/documents/repo.ts';
import { tsQuery } from '../apps/server/src/modules/documents/search-text.ts';
import { listForActor } from '../apps/server/src/modules/documents/service.ts';
import { insertOrg, type OrgRow, pathLabel } from '../apps/server/src/modules/orgs/repo.ts';
import { REPO_ROOT } from './lib/paths.ts';
import { argInt, argValue, table, writeResult } from './lib/report.ts';
import {
  type CorpusDoc,
  DANG_UY,
  generatedDocs,
  mixedQueries,
  PLANTED,
  PROVINCE,
  plantedDocs,
} from './lib/search-corpus.ts';
import { type Backend, createPgDatabase, freshDataDir, type PgDatabase } from './lib/server.ts';

interface Labelled {
  viewer: string;
  q: string;
  first: string | { number: string; audience: string };
}
const LABELLED: Labelled[] = JSON.parse(
  fs.readFileSync(`${REPO_ROOT}/bench/search-labelled.json`, 'utf8'),
).queries;
const TARGET_P95: Record<Backend, number> = { postgres: 30, embedded: 100 };
const BATCH = 500;

async function openBackend(backend: Backend) {
  if (backend === 'postgres') {
    const pgdb: PgDatabase = await createPgDatabase('bench_search');
    const database = await openPostgres(pgdb.url);
    await runMigrations(database, pgdb.url);
    const keep = process.argv.includes('--keep');
    if (keep) console.log(`keeping ${pgdb.url}`);
    return {
      database,
      close: async () => {
        await database.close();
        if (!keep) await pgdb.drop();
      },
    };
  }
  const dir = freshDataDir('search');
  const database = await openEmbedded(dir);
  await runMigrations(database);
  return {
    database,
    close: async () => {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function buildTree(database: Database, root: OrgRow) {
  const dangUy: OrgRow[] = [];
  const firstChiBo: OrgRow[] = [];
  for (const name of DANG_UY) {
    const id = crypto.randomUUID();
    const du = await insertOrg(
      database.db,
      {
        id,
        parentId: root.id,
        path: `${root.path}.${pathLabel(id)}`,
        kind: 'dang_uy',
        name: `Đảng bộ xã ${name}`,
      },
      null,
    );
    dangUy.push(du);
    for (let k = 1; k <= 10; k++) {
      const cid = crypto.randomUUID();
      const cb = await insertOrg(
        database.db,
        {
          id: cid,
          parentId: du.id,
          path: `${du.path}.${pathLabel(cid)}`,
          kind: 'chi_bo',
          name: `Chi bộ thôn ${k}`,
        },
        null,
      );
      if (k === 1) firstChiBo.push(cb);
    }
  }
  return { dangUy, firstChiBo };
}

async function insertDocs(database: Database, docs: Iterable<CorpusDoc>, unitOf: (d: CorpusDoc) => string) {
  const ids = new Map<string, string>();
  type Row = Omit<typeof documents.$inferInsert, 'searchVector'> & {
    searchVector: ReturnType<typeof documentVector>;
  };
  let batch: Row[] = [];
  let texts: (typeof documentTexts.$inferInsert)[] = [];
  const flush = async () => {
    if (batch.length) {
      await database.db.insert(documents).values(batch as unknown as (typeof documents.$inferInsert)[]);
      await database.db.insert(documentTexts).values(texts);
    }
    [batch, texts] = [[], []];
  };
  const publishedAt = new Date();
  for (const d of docs) {
    const id = crypto.randomUUID();
    if (d.key) ids.set(d.key, id);
    const unit = unitOf(d);
    const { key: _k, dangUy: _d, bodyText, searchBody, ...row } = d;
    const searchVector = documentVector(row.searchHead, searchBody);
    batch.push({
      ...row,
      searchVector,
      id,
      orgId: unit,
      audienceOrgId: unit,
      status: 'published',
      publishedAt,
    });
    texts.push({ documentId: id, bodyText });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return ids;
}

/** The bare lookup the service's query is compared with: one index, no visibility, rank or snippet. */
async function bare(database: Database, q: string) {
  const nq = parseNumberQuery(q);
  if (nq?.serial && nq.type && nq.issuer) {
    return database.db.execute(
      sql`select id from documents where number_key = ${numberKey(`${nq.serial}-${nq.type}/${nq.issuer}`)} limit 20`,
    );
  }
  const tsq = tsQuery(q);
  return database.db.execute(
    sql`select id from documents where search_vector @@ to_tsquery('simple', ${tsq ?? 'x'}) limit 20`,
  );
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const round = (n: number) => Math.round(n * 10) / 10;

async function run(backend: Backend, total: number) {
  const { database, close } = await openBackend(backend);
  try {
    const boot = await bootstrap(database, { rootName: PROVINCE, adminPassword: 'bench-Search-2026!' });
    const { dangUy, firstChiBo } = await buildTree(database, boot.root);
    const unitOf = (d: CorpusDoc) => (d.dangUy < 0 ? boot.root.id : dangUy[d.dangUy]!.id);
    const t0 = performance.now();
    const planted = await insertDocs(database, plantedDocs(), unitOf);
    await insertDocs(database, generatedDocs(total - PLANTED.length), unitOf);
    await database.db.execute(sql`analyze`);
    const loadS = Math.round((performance.now() - t0) / 100) / 10;
    console.log(`${backend}: ${total} documents loaded in ${loadS} s`);

    const actors = new Map<string, Actor>();
    for (const name of ['Quy Nhơn', 'Sì Lỗ Lầu', 'Hòa Mẫu']) {
      const chiBo = firstChiBo[DANG_UY.indexOf(name)]!;
      const [m] = await database.db
        .insert(members)
        .values({
          orgId: chiBo.id,
          fullName: `Đảng viên ${name}`,
          searchText: '',
          nameSort: '',
          status: 'chinh_thuc',
        })
        .returning();
      actors.set(name, { userId: crypto.randomUUID(), memberId: m!.id, roles: [] });
    }
    const deps = { database } as Deps;
    const search = (viewer: string, q: string) =>
      listForActor(deps, actors.get(viewer)!, { q, page: 1, pageSize: 20 });

    const wrong: { q: string; viewer: string; expected: string; got: string }[] = [];
    for (const l of LABELLED) {
      const r = await search(l.viewer, l.q);
      const top = r.items[0];
      const ok =
        typeof l.first === 'string'
          ? top?.id === planted.get(l.first)
          : top?.number === l.first.number && top.audienceName === `Đảng bộ xã ${l.first.audience}`;
      if (!ok) {
        wrong.push({
          q: l.q,
          viewer: l.viewer,
          expected: typeof l.first === 'string' ? l.first : `${l.first.number} (${l.first.audience})`,
          got: top ? `${top.number} ${top.audienceName}: ${top.title.slice(0, 50)}` : '(nothing)',
        });
      }
    }

    const viewers = [...actors.keys()];
    const queries = [
      ...LABELLED.map((l) => [l.viewer, l.q] as const),
      ...mixedQueries(200 - LABELLED.length).map((q, i) => [viewers[i % viewers.length]!, q] as const),
    ];
    for (const [v, q] of queries) await search(v, q); // warm-up
    const times: number[] = [];
    const slow: { q: string; ms: number; total: number }[] = [];
    for (const [v, q] of queries) {
      const s = performance.now();
      const r = await search(v, q);
      const ms = performance.now() - s;
      times.push(ms);
      slow.push({ q, ms: round(ms), total: r.total });
    }
    slow.sort((a, b) => b.ms - a.ms);
    for (const [, q] of queries) await bare(database, q);
    const bareTimes: number[] = [];
    for (const [, q] of queries) {
      const s = performance.now();
      await bare(database, q);
      bareTimes.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    bareTimes.sort((a, b) => a - b);
    const result = {
      backend,
      documents: total,
      loadSeconds: loadS,
      queries: queries.length,
      p50: round(pct(times, 50)),
      p95: round(pct(times, 95)),
      max: round(times.at(-1)!),
      bareP50: round(pct(bareTimes, 50)),
      bareP95: round(pct(bareTimes, 95)),
      ratioP95: round(pct(times, 95) / Math.max(0.1, pct(bareTimes, 95))),
      targetP95: TARGET_P95[backend],
      labelled: LABELLED.length,
      wrongFirst: wrong,
      slowest: slow.slice(0, 8),
    };
    return result;
  } finally {
    await close();
  }
}

async function main() {
  const total = argInt('docs', 100_000);
  const backends = (argValue('backends', 'postgres,embedded') ?? '').split(',') as Backend[];
  const results = [];
  for (const b of backends) results.push(await run(b, total));
  console.log(
    `\n${table(
      [
        'backend',
        'docs',
        'load s',
        'p50 ms',
        'p95 ms',
        'max ms',
        'bare p95',
        'ratio',
        'target p95',
        'wrong first',
      ],
      results.map((r) => [
        r.backend,
        r.documents,
        r.loadSeconds,
        r.p50,
        r.p95,
        r.max,
        r.bareP95,
        `${r.ratioP95}×`,
        `< ${r.targetP95}`,
        `${r.wrongFirst.length}/${r.labelled}`,
      ]),
    )}`,
  );
  for (const r of results) {
    console.log(
      `  ${r.backend} slowest: ${r.slowest.map((x) => `"${x.q}" ${x.ms} ms (${x.total})`).join('; ')}`,
    );
    for (const w of r.wrongFirst)
      console.log(`  ${r.backend} WRONG "${w.q}" (${w.viewer}): expected ${w.expected}, got ${w.got}`);
  }
  console.log(`\n${writeResult('search.json', { at: new Date().toISOString(), results })}`);
}

await main();
