#!/usr/bin/env node
// Builds the web app (apps/web → apps/web/dist) when its sources changed since the last build.
// The hash of every source file plus the lockfile is kept in dist/.build-hash, so `npm start` builds once
// and then starts at once. `npm run build:web` (this file run directly) always builds.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = path.join(root, 'apps/web');
const dist = path.join(web, 'dist');
const hashFile = path.join(dist, '.build-hash');
const INPUTS = [
  'src',
  'public',
  'plugins',
  'sw',
  'index.html',
  'vite.config.ts',
  'package.json',
  'tsconfig.json',
];

function files(p) {
  if (!fs.existsSync(p)) return [];
  if (!fs.statSync(p).isDirectory()) return [p];
  return fs
    .readdirSync(p)
    .sort()
    .flatMap((name) => files(path.join(p, name)));
}

export function sourceHash() {
  const h = crypto.createHash('sha256');
  const all = [...INPUTS.flatMap((i) => files(path.join(web, i))), path.join(root, 'package-lock.json')];
  for (const f of all.filter((f) => !/\.test\.tsx?$/.test(f))) {
    h.update(path.relative(root, f));
    h.update(fs.readFileSync(f));
  }
  return h.digest('hex');
}

export function buildWeb() {
  const hash = sourceHash();
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  if (!fs.existsSync(vite)) {
    throw new Error('Vite is not installed (npm ci installs it; `npm ci --omit=dev` does not).');
  }
  // NODE_ENV is forced: a build started from a test runner (NODE_ENV=test) would otherwise ship React's dev build
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: web,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
  fs.writeFileSync(hashFile, `${hash}\n`);
}

/** Builds only when dist is missing or older than the sources; returns whether it built. */
export function ensureWebBuilt(log = (s) => process.stdout.write(`${s}\n`)) {
  const hash = sourceHash();
  const built = fs.existsSync(hashFile) ? fs.readFileSync(hashFile, 'utf8').trim() : null;
  if (built === hash && fs.existsSync(path.join(dist, 'index.html'))) return false;
  log('Đang dựng giao diện web (chỉ lần đầu hoặc sau khi mã nguồn thay đổi)…');
  const t0 = Date.now();
  buildWeb();
  log(`Đã dựng giao diện web trong ${((Date.now() - t0) / 1000).toFixed(1)} giây.`);
  return true;
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    buildWeb();
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
