import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pgliteExtensions } from './database.ts';

export type BackupReason = 'daily' | 'pre-migration' | 'manual';
export const KEEP_BACKUPS = 7;

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

/** A consistent copy of the embedded database (PGlite's own tar dump), written atomically. */
export async function writeBackup(client: PGlite, file: string): Promise<string> {
  const blob = await client.dumpDataDir('gzip');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.partial`;
  fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
  fs.renameSync(tmp, file);
  return file;
}

export function listBackups(backupsDir: string, reason?: BackupReason): string[] {
  if (!fs.existsSync(backupsDir)) return [];
  return fs
    .readdirSync(backupsDir)
    .filter((f) => f.endsWith('.tar.gz') && (!reason || f.includes(`-${reason}.`)))
    .sort()
    .map((f) => path.join(backupsDir, f));
}

export function newestBackup(backupsDir: string): string | null {
  const all = listBackups(backupsDir);
  if (!all.length) return null;
  return all.reduce((a, b) => (fs.statSync(a).mtimeMs >= fs.statSync(b).mtimeMs ? a : b));
}

/** Writes `sotay-<time>-<reason>.tar.gz` into backupsDir and keeps the newest 7 of that reason. */
export async function rotateBackup(
  client: PGlite,
  backupsDir: string,
  reason: BackupReason,
  now = new Date(),
): Promise<string> {
  const file = await writeBackup(client, path.join(backupsDir, `sotay-${stamp(now)}-${reason}.tar.gz`));
  const old = listBackups(backupsDir, reason);
  for (const f of old.slice(0, Math.max(0, old.length - KEEP_BACKUPS))) fs.rmSync(f, { force: true });
  return file;
}

/**
 * Replaces the embedded database in dbDir by the backup. The old directory is kept beside it
 * (`<dbDir>.before-restore-<time>`), so a restore can itself be undone.
 */
export async function restoreBackup(file: string, dbDir: string): Promise<{ keptOld: string | null }> {
  const blob = new Blob([fs.readFileSync(file)]);
  const staging = `${dbDir}.restoring`;
  fs.rmSync(staging, { recursive: true, force: true });
  const client = await PGlite.create({ dataDir: staging, extensions: pgliteExtensions, loadDataDir: blob });
  await client.query('select 1');
  await client.close();
  let keptOld: string | null = null;
  if (fs.existsSync(dbDir)) {
    keptOld = `${dbDir}.before-restore-${stamp(new Date())}`;
    fs.renameSync(dbDir, keptOld);
  }
  fs.renameSync(staging, dbDir);
  return { keptOld };
}
