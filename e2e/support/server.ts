import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface DemoAccount {
  name: string;
  username: string;
  password: string;
  totpSecret: string | null;
}

export interface ServerInfo {
  base: string;
  dataDir: string;
  admin: { username: string; password: string };
  member: DemoAccount;
  biThu: DemoAccount;
  capUy: DemoAccount;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Parses what main.ts prints on a first start with demo data (admin password and three demo accounts). */
export function parseStartup(out: string): Omit<ServerInfo, 'base' | 'dataDir'> | null {
  const admin = /Quản trị viên: admin \/ (\S+)/.exec(out);
  const accounts = [
    ...out.matchAll(
      /^ {2}(.+?) — (.+)\n {4}tên đăng nhập (\S+) {2}mật khẩu (\S+)(?: {2}mã TOTP \(thêm vào ứng dụng xác thực\) (\S+))?$/gm,
    ),
  ].map((m) => ({ label: m[2]!, name: m[1]!, username: m[3]!, password: m[4]!, totpSecret: m[5] ?? null }));
  const find = (re: RegExp) => accounts.find((a) => re.test(a.label));
  const member = find(/^Đảng viên/);
  const biThu = find(/^Bí thư/);
  const capUy = find(/Ban Thường vụ/);
  if (!admin || !member || !biThu || !capUy) return null;
  const strip = ({ label: _l, ...a }: DemoAccount & { label: string }) => a;
  return {
    admin: { username: 'admin', password: admin[1]! },
    member: strip(member),
    biThu: strip(biThu),
    capUy: strip(capUy),
  };
}

export interface RunningServer {
  info: ServerInfo;
  stop(): Promise<void>;
}

/** Starts the real server (embedded database, demo data) on a free port in a fresh data directory. */
export async function startServer(): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sotay-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SOTAY_DATA_DIR: dataDir,
      SOTAY_SEED: 'demo',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += String(d);
  });
  child.stderr?.on('data', (d) => {
    out += String(d);
  });
  const parsed = await new Promise<ReturnType<typeof parseStartup>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 120 s:\n${out}`)), 120_000);
    const check = () => {
      const p = parseStartup(out);
      if (p) {
        clearTimeout(timer);
        resolve(p);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${out}`));
    });
  });
  return {
    info: { base: `http://127.0.0.1:${port}`, dataDir, ...parsed! },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
