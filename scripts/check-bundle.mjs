#!/usr/bin/env node
// `npm run check:bundle`: the first load's JavaScript — the entry script and every modulepreload that
// apps/web/dist/index.html references — must stay under 170,000 bytes of gzip (DESIGN §3, issue budget).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { ensureWebBuilt } from './build-web.mjs';

const BUDGET = 170_000;
const dist = fileURLToPath(new URL('../apps/web/dist/', import.meta.url));
const indexFile = path.join(dist, 'index.html');
ensureWebBuilt(); // measures what `npm start` would serve: builds first when the sources changed
const html = fs.readFileSync(indexFile, 'utf8');
const attr = (tag, name) => tag.match(new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i'))?.[1];
const scripts = [...html.matchAll(/<script\b[^>]*\bsrc\s*=[^>]*>/gi)].map((m) => attr(m[0], 'src'));
const preloads = [...html.matchAll(/<link\b[^>]*>/gi)]
  .map((m) => m[0])
  .filter((t) => /\brel\s*=\s*["']?modulepreload\b/i.test(t))
  .map((t) => attr(t, 'href'));
const files = [...new Set([...scripts, ...preloads].filter(Boolean))];

let total = 0;
for (const url of files) {
  const file = path.join(dist, url.replace(/^\//, ''));
  const gz = zlib.gzipSync(fs.readFileSync(file)).length; // default level, as Vite and the contract check measure
  total += gz;
  console.log(`  ${url.padEnd(48)} ${(gz / 1000).toFixed(1).padStart(7)} kB gzip`);
}
const verdict = total <= BUDGET ? 'within' : 'OVER';
console.log(
  `Initial JS: ${total} bytes gzip (${(total / 1000).toFixed(1)} kB) over ${files.length} file(s) — ${verdict} the budget of ${BUDGET} bytes`,
);
process.exit(total <= BUDGET ? 0 : 1);
