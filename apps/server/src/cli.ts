import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Actor } from '@sotay/core';
import { lockDataDir, openEmbedded, restoreBackup, roleAssignments, users, writeBackup } from '@sotay/db';
import { eq, sql } from 'drizzle-orm';
import { bootstrap } from './bootstrap.ts';
import { readConfig } from './config.ts';
import { seedDemoActivity } from './demo/activity.ts';
import { seedDemoDocuments } from './demo/documents.ts';
import { seedDemo } from './demo/seed.ts';
import type { Deps } from './deps.ts';
import { AppError } from './http/errors.ts';
import { memoryEvents } from './lib/events.ts';
import { fileStoreFor } from './lib/file-store.ts';
import { hashPassword } from './lib/password.ts';
import { memoryProgress } from './lib/progress.ts';
import { memoryThrottle } from './lib/throttle.ts';
import { readablePassword } from './lib/tokens.ts';
import { appendAudit, verifyAuditChain } from './modules/audit/repo.ts';
import { importMembers } from './modules/imports/member-import.ts';
import { findOrg, rootOrg } from './modules/orgs/repo.ts';
import { dbDirOf, openStorage, StartupError } from './storage.ts';

const USAGE = `Cách dùng: npm run sotay -- <lệnh>

  migrate                              áp dụng các migration còn thiếu
  create-admin [--username U] [--password P]
                                       tạo (hoặc đặt lại mật khẩu) tài khoản quản trị trên đơn vị gốc
  import-members <tệp> --org <id|tên>  nhập danh sách đảng viên (.xlsx/.csv) vào một đơn vị
        [--dry-run]
  seed-demo                            nạp dữ liệu mẫu vào cơ sở dữ liệu trống
  audit verify                         kiểm tra chuỗi băm của nhật ký
  backup <tệp.tar.gz>                  sao lưu cơ sở dữ liệu nhúng (máy chủ phải dừng)
  restore <tệp.tar.gz>                 khôi phục cơ sở dữ liệu nhúng từ bản sao lưu (máy chủ phải dừng)

Với PostgreSQL (DATABASE_URL) dùng pg_dump/pg_restore để sao lưu: xem README.`;

const say = (s: string) => process.stdout.write(`${s}\n`);

async function withStorage<T>(fn: (s: Awaited<ReturnType<typeof openStorage>>) => Promise<T>): Promise<T> {
  const storage = await openStorage(readConfig(), say);
  try {
    return await fn(storage);
  } finally {
    await storage.close();
  }
}

async function adminActor(s: Awaited<ReturnType<typeof openStorage>>): Promise<Actor> {
  const config = readConfig();
  await bootstrap(s.database, { rootName: config.rootName, adminPassword: config.adminPassword });
  const root = await rootOrg(s.database.db);
  const [admin] = await s.database.db
    .select({ id: users.id })
    .from(users)
    .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id))
    .where(sql`${roleAssignments.role} = 'admin' and ${roleAssignments.revokedAt} is null`)
    .limit(1);
  if (!root || !admin)
    throw new StartupError(
      'Cơ sở dữ liệu chưa có đơn vị gốc hoặc quản trị viên: chạy `npm run sotay -- create-admin` trước.',
    );
  return { userId: admin.id, memberId: null, roles: [{ role: 'admin', orgPath: root.path }] };
}

async function run(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      org: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, arg] = positionals;
  const config = readConfig();
  switch (command) {
    case 'migrate':
      await withStorage(async () => say('Cơ sở dữ liệu đã ở phiên bản mới nhất.'));
      return;
    case 'seed-demo':
      await withStorage(async (s) => {
        const boot = await bootstrap(s.database, {
          rootName: config.rootName,
          adminPassword: config.adminPassword,
        });
        const res = (await s.database.db.execute(sql`select count(*)::int as n from members`)) as unknown as {
          rows: { n: number }[];
        };
        if ((res.rows[0]?.n ?? 0) > 0)
          throw new StartupError(
            'Cơ sở dữ liệu đã có đảng viên; dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu trống.',
          );
        const accounts = await seedDemo(s.database, boot.root);
        const deps: Deps = {
          database: s.database,
          throttle: memoryThrottle(),
          progress: memoryProgress(),
          events: memoryEvents(),
          files: fileStoreFor(config),
          publicUrl: config.publicUrl,
          now: () => new Date(),
        };
        await seedDemoDocuments(deps, boot.root, accounts);
        await seedDemoActivity(deps, boot.root, accounts);
        for (const a of accounts) {
          say(`${a.who}: ${a.username} / ${a.password}${a.totpSecret ? ` (TOTP ${a.totpSecret})` : ''}`);
        }
      });
      return;
    case 'create-admin':
      await withStorage(async (s) => {
        const boot = await bootstrap(s.database, {
          rootName: config.rootName,
          adminPassword: values.password ?? null,
        });
        const username = values.username ?? 'admin';
        const password = values.password ?? readablePassword();
        const passwordHash = await hashPassword(password);
        const mustChange = !values.password;
        await s.database.db.transaction(async (tx) => {
          const [existing] = await tx.select().from(users).where(eq(users.username, username));
          const userId = existing
            ? (
                await tx
                  .update(users)
                  .set({ passwordHash, mustChangePassword: mustChange, state: 'active' })
                  .where(eq(users.id, existing.id))
                  .returning()
              )[0]!.id
            : (
                await tx
                  .insert(users)
                  .values({ username, passwordHash, mustChangePassword: mustChange })
                  .returning()
              )[0]!.id;
          await tx
            .insert(roleAssignments)
            .values({ userId, role: 'admin', orgId: boot.root.id })
            .onConflictDoNothing();
          await appendAudit(tx, {
            actorUserId: null,
            action: 'cli.create-admin',
            entity: 'user',
            entityId: userId,
            orgPath: boot.root.path,
            after: { username },
          });
        });
        say(
          `Tài khoản quản trị ${username} trên "${boot.root.name}"${values.password ? '' : `: mật khẩu tạm ${password} (phải đổi khi đăng nhập)`}`,
        );
      });
      return;
    case 'import-members':
      if (!arg || !values.org)
        throw new StartupError(
          'Cần tệp và --org: npm run sotay -- import-members ds.xlsx --org <id hoặc tên đơn vị>',
        );
      await withStorage(async (s) => {
        const actor = await adminActor(s);
        const byId = /^[0-9a-f-]{36}$/i.test(values.org!) ? await findOrg(s.database.db, values.org!) : null;
        const org =
          byId ??
          (
            (await s.database.db.execute(
              sql`select id from org_units where lower(name) = lower(${values.org}) and closed_at is null limit 2`,
            )) as unknown as { rows: { id: string }[] }
          ).rows;
        const orgId = Array.isArray(org) ? (org.length === 1 ? org[0]!.id : null) : org.id;
        if (!orgId) throw new StartupError(`Không tìm thấy đúng một đơn vị "${values.org}".`);
        const started = Date.now();
        const deps = {
          database: s.database,
          throttle: memoryThrottle(),
          progress: memoryProgress(),
          events: memoryEvents(),
          files: fileStoreFor(config),
          publicUrl: config.publicUrl,
          now: () => new Date(),
        };
        const r = await importMembers(deps, actor, {
          file: path.resolve(arg),
          fileName: path.basename(arg),
          orgId,
          dryRun: !!values['dry-run'],
          progressId: 'cli',
        });
        say(
          `${values['dry-run'] ? 'Thử (không lưu): ' : ''}tạo ${r.created}, cập nhật ${r.updated}, không đổi ${r.unchanged} — ${((Date.now() - started) / 1000).toFixed(1)} giây`,
        );
      });
      return;
    case 'audit':
      if (arg !== 'verify') break;
      await withStorage(async (s) => {
        const r = await verifyAuditChain(s.database.db);
        if (r.ok) say(`Nhật ký nguyên vẹn: ${r.rows} dòng, chuỗi băm khớp.`);
        else {
          say(`NHẬT KÝ BỊ THAY ĐỔI tại dòng seq=${r.brokenAt}: ${r.reason}.`);
          process.exitCode = 2;
        }
      });
      return;
    case 'backup': {
      if (!arg) break;
      if (config.databaseUrl) throw new StartupError('Với PostgreSQL, sao lưu bằng pg_dump (xem README).');
      const lock = lockDataDir(config.dataDir);
      try {
        const db = await openEmbedded(dbDirOf(config.dataDir));
        await writeBackup(db.pglite!, path.resolve(arg));
        await db.close();
        say(
          `Đã sao lưu vào ${path.resolve(arg)} (${(fs.statSync(path.resolve(arg)).size / 1e6).toFixed(1)} MB).`,
        );
      } finally {
        lock.release();
      }
      return;
    }
    case 'restore': {
      if (!arg) break;
      if (config.databaseUrl)
        throw new StartupError('Với PostgreSQL, khôi phục bằng pg_restore (xem README).');
      if (!fs.existsSync(arg)) throw new StartupError(`Không có tệp ${arg}.`);
      const lock = lockDataDir(config.dataDir);
      try {
        const { keptOld } = await restoreBackup(path.resolve(arg), dbDirOf(config.dataDir));
        say(`Đã khôi phục từ ${arg}.${keptOld ? ` Dữ liệu cũ được giữ ở ${keptOld}.` : ''}`);
      } finally {
        lock.release();
      }
      return;
    }
  }
  say(USAGE);
  if (!values.help) process.exitCode = 1;
}

run(process.argv.slice(2)).catch((e) => {
  if (e instanceof StartupError || e instanceof AppError) process.stderr.write(`${e.message}\n`);
  else if (e?.name === 'DataDirLockedError') process.stderr.write(`${e.message}\n`);
  else process.stderr.write(`Lỗi: ${e?.stack ?? e}\n`);
  if (e instanceof AppError && e.body?.errors) {
    for (const r of e.body.errors as { row: number; field: string; message: string }[])
      process.stderr.write(`  dòng ${r.row}, ${r.field}: ${r.message}\n`);
  }
  process.exitCode = 1;
});
