import fs from 'node:fs';
import path from 'node:path';
import { generateMembersXlsx } from './members-xlsx.ts';
import { OUT_DIR } from './paths.ts';

/** Bump when the generator changes what it writes, so cached files are made again. */
const GENERATOR_VERSION = 1;
const SEED = 2026;

export interface CachedFile {
  file: string;
  rows: number;
  bytes: number;
  /** Milliseconds spent generating it now, or null when the cached file was reused. */
  generatedMs: number | null;
}

/** bench/out/members-<rows>.xlsx, generated once and reused while the generator is unchanged. */
export async function cachedMembersFile(rows: number): Promise<CachedFile> {
  const file = path.join(OUT_DIR, `members-${rows}.xlsx`);
  const metaFile = `${file}.json`;
  const want = { version: GENERATOR_VERSION, seed: SEED, rows };
  if (fs.existsSync(file) && fs.existsSync(metaFile)) {
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as typeof want;
    if (meta.version === want.version && meta.seed === want.seed && meta.rows === want.rows) {
      return { file, rows, bytes: fs.statSync(file).size, generatedMs: null };
    }
  }
  const t0 = performance.now();
  const g = await generateMembersXlsx({ file, rows, seed: SEED });
  const generatedMs = performance.now() - t0;
  fs.writeFileSync(metaFile, JSON.stringify(want));
  return { file, rows, bytes: g.bytes, generatedMs };
}
