import fs from 'node:fs';
import { listBackups, newestBackup, rotateBackup } from '@sotay/db';
import { createApp, logSerializers } from './app.ts';
import { bootstrap } from './bootstrap.ts';
import { readConfig } from './config.ts';
import { seedDemoActivity } from './demo/activity.ts';
import { seedDemoDocuments } from './demo/documents.ts';
import { seedDemo } from './demo/seed.ts';
import type { Deps } from './deps.ts';
import { memoryEvents, redisEvents } from './lib/events.ts';
import { fileStoreFor } from './lib/file-store.ts';
import { smtpMailer } from './lib/mailer.ts';
import { memoryProgress } from './lib/progress.ts';
import { memoryThrottle, redisThrottle } from './lib/throttle.ts';
import { deleteExpiredSessions } from './modules/auth/repo.ts';
import { sendDueNotices } from './modules/notices/service.ts';
import { backupsDirOf, openStorage, StartupError } from './storage.ts';

const say = (s: string) => process.stdout.write(`${s}\n`);
const DAY_MS = 86_400_000;

async function main() {
  const config = readConfig();
  const storage = await openStorage(config, say);
  const { database } = storage;
  const boot = await bootstrap(database, { rootName: config.rootName, adminPassword: config.adminPassword });
  // demo data by default only for the first start of an empty embedded database (DESIGN §4)
  const seed = config.seed ?? (database.kind === 'embedded' ? 'demo' : 'none');
  const demo = boot.created && seed === 'demo' ? await seedDemo(database, boot.root) : null;
  const files = fileStoreFor(config);

  const throttle = config.redisUrl ? redisThrottle(config.redisUrl) : memoryThrottle();
  const events = config.redisUrl ? redisEvents(config.redisUrl) : memoryEvents();
  const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.publicUrl) : null;
  const deps: Deps = {
    database,
    throttle,
    progress: memoryProgress(),
    events,
    files,
    publicUrl: config.publicUrl,
    now: () => new Date(),
    oidc: config.oidc,
    mailer,
  };
  if (demo) {
    await seedDemoDocuments(deps, boot.root, demo);
    await seedDemoActivity(deps, boot.root, demo);
  }
  const app = await createApp(deps, {
    logger: {
      level: process.env.LOG_LEVEL || 'info',
      serializers: logSerializers,
    },
  });

  const timers: NodeJS.Timeout[] = [];
  const dailyBackup = async () => {
    if (!database.pglite) return;
    const last = listBackups(backupsDirOf(config.dataDir), 'daily').at(-1);
    if (last && Date.now() - fs.statSync(last).mtimeMs < DAY_MS) return;
    const file = await rotateBackup(database.pglite, backupsDirOf(config.dataDir), 'daily');
    app.log.info({ file }, 'daily backup written');
  };
  timers.push(
    setInterval(() => void dailyBackup().catch((e) => app.log.error(e, 'daily backup failed')), 3_600_000),
  );
  timers.push(
    setInterval(() => void deleteExpiredSessions(database.db, new Date()).catch(() => {}), 3_600_000),
  );
  // scheduled notices go out within 30 s of their time
  timers.push(
    setInterval(
      () => void sendDueNotices(deps).catch((e) => app.log.error(e, 'sending scheduled notices failed')),
      30_000,
    ),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`Nhận ${signal}: đang dừng máy chủ…`);
    for (const t of timers) clearInterval(t);
    await app.close().catch(() => {});
    await throttle.close().catch(() => {});
    await events.close().catch(() => {});
    mailer?.close();
    await storage.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  if (database.pglite) void dailyBackup().catch((e) => app.log.error(e, 'daily backup failed'));

  say('');
  say(`Sổ tay đảng viên điện tử đang chạy: ${config.publicUrl}`);
  say(`Cơ sở dữ liệu: ${database.kind === 'embedded' ? `nhúng (${config.dataDir})` : 'PostgreSQL'}`);
  if (config.oidc) say(`Đăng nhập qua ${config.oidc.label}: ${config.oidc.issuer}`);
  if (mailer) say('Gửi mã đặt lại mật khẩu qua thư điện tử: bật');
  if (boot.created) {
    say(`Đã tạo đơn vị gốc "${boot.root.name}" và tài khoản quản trị.`);
    if (boot.created.generated) {
      say(
        `  Quản trị viên: admin / ${boot.created.adminPassword}   (mật khẩu chỉ hiện một lần; phải đổi khi đăng nhập lần đầu)`,
      );
    } else {
      say('  Quản trị viên: admin / (mật khẩu trong SOTAY_ADMIN_PASSWORD)');
    }
  }
  if (demo) {
    say('Dữ liệu mẫu đã nạp. Tài khoản mẫu (mật khẩu chỉ hiện một lần):');
    for (const a of demo) {
      say(
        `  ${a.who}\n    tên đăng nhập ${a.username}  mật khẩu ${a.password}${a.totpSecret ? `  mã TOTP (thêm vào ứng dụng xác thực) ${a.totpSecret}` : ''}`,
      );
    }
  }
  const newest = database.pglite ? newestBackup(backupsDirOf(config.dataDir)) : null;
  if (newest) app.log.info({ newest }, 'newest backup');
}

main().catch((e) => {
  if (e instanceof StartupError) {
    process.stderr.write(`\n${e.message}\n`);
  } else {
    process.stderr.write(`\nKhông khởi động được máy chủ: ${(e as Error).stack ?? e}\n`);
  }
  process.exit(1);
});
