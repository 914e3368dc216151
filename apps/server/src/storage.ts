import path from 'node:path';
import {
  type Database,
  type DataDirLock,
  DataDirLockedError,
  lockDataDir,
  migrationCount,
  newestBackup,
  openEmbedded,
  openPostgres,
  pendingMigrations,
  rotateBackup,
  runMigrations,
} from '@sotay/db';
import type { Config } from './config.ts';

export const dbDirOf = (dataDir: string) => path.join(dataDir, 'db');
export const backupsDirOf = (dataDir: string) => path.join(dataDir, 'backups');

/** A start-up failure that ends the process with a message for the person at the console. */
export class StartupError extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: quá ${Math.round(ms / 1000)} giây`)), ms);
    }),
  ]);
}

function restoreHint(dataDir: string): string {
  const newest = newestBackup(backupsDirOf(dataDir));
  return newest
    ? `Bản sao lưu mới nhất: ${newest}\nKhôi phục bằng: npm run sotay -- restore ${newest}\n(Restore the newest backup with the command above.)`
    : `Chưa có bản sao lưu nào trong ${backupsDirOf(dataDir)}. (No backup found.)`;
}

export interface OpenedStorage {
  database: Database;
  lock: DataDirLock | null;
  /** Closes the database, then releases the data-directory lock. */
  close(): Promise<void>;
}

/**
 * Opens the database the configuration names, ready for use: the embedded one under an exclusive
 * lock, with a backup before pending migrations; PostgreSQL migrated under an advisory lock.
 */
export async function openStorage(
  config: Pick<Config, 'dataDir' | 'databaseUrl'>,
  log: (msg: string) => void = () => {},
): Promise<OpenedStorage> {
  if (config.databaseUrl) {
    const database = await openPostgres(config.databaseUrl).catch((e: Error) => {
      throw new StartupError(`Không kết nối được PostgreSQL (DATABASE_URL): ${e.message}`);
    });
    await runMigrations(database, config.databaseUrl);
    return { database, lock: null, close: () => database.close() };
  }
  let lock: DataDirLock;
  try {
    lock = lockDataDir(config.dataDir);
  } catch (e) {
    if (e instanceof DataDirLockedError) throw new StartupError(e.message);
    throw e;
  }
  let database: Database;
  try {
    const timeoutMs = Number(process.env.SOTAY_OPEN_TIMEOUT_S || 120) * 1000;
    database = await withTimeout(openEmbedded(dbDirOf(config.dataDir)), timeoutMs, 'Mở cơ sở dữ liệu');
  } catch (e) {
    lock.release();
    throw new StartupError(
      `Không mở được cơ sở dữ liệu nhúng trong ${dbDirOf(config.dataDir)} (${(e as Error).message}).\n` +
        `Could not open the embedded database.\n${restoreHint(config.dataDir)}`,
    );
  }
  const pending = await pendingMigrations(database);
  const hasSchema = pending < migrationCount();
  if (pending > 0 && hasSchema && database.pglite) {
    const file = await rotateBackup(database.pglite, backupsDirOf(config.dataDir), 'pre-migration');
    log(`Đã sao lưu trước khi nâng cấp cơ sở dữ liệu: ${file}`);
  }
  await runMigrations(database);
  return {
    database,
    lock,
    close: async () => {
      await database.close();
      lock.release();
    },
  };
}
