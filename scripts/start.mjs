#!/usr/bin/env node
// `npm start`: builds the web app if its sources changed since the last build (once, cached in
// apps/web/dist/.build-hash), then runs the server (TypeScript executed by tsx, no build step for the API)
// and passes signals through so a stop closes the database cleanly.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureWebBuilt } from './build-web.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
try {
  ensureWebBuilt();
} catch (e) {
  process.stderr.write(`Không dựng được giao diện web (${e.message}); máy chủ vẫn chạy phần API.\n`);
}
const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
  cwd: root,
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
