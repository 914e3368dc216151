import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

const TEMPLATE = new URL('../sw/sw.template.js', import.meta.url);
/** Public files that are not part of the app shell. */
const SKIP = new Set(['robots.txt']);
/**
 * Build files kept out of the precache: pdf.js and its worker (≈530 kB gzip) would cost every member's
 * phone that download at install. The worker fetches them once a document is saved for offline reading
 * (or the PDF view is opened: hashed assets are cached as they are used).
 */
const ON_DEMAND = (moduleIds: readonly string[]) =>
  moduleIds.some((id) => id.includes('/node_modules/pdfjs-dist/'));

function listFiles(dir: string, base = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

/**
 * Emits dist/sw.js from sw/sw.template.js with the list of files to precache (index.html, every JS/CSS
 * chunk, fonts, icons, the manifest, the offline page) and a version hash of their contents.
 */
export function serviceWorker(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'sotay-service-worker',
    apply: 'build',
    configResolved(c) {
      config = c;
    },
    // after Vite's own plugins, so index.html is in the bundle too
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const hash = crypto.createHash('sha256');
        const files: string[] = [];
        const onDemand: string[] = [];
        for (const item of Object.values(bundle)) {
          if (item.fileName.endsWith('.map')) continue;
          const sources = item.type === 'chunk' ? item.moduleIds : item.originalFileNames;
          (ON_DEMAND(sources) ? onDemand : files).push(item.fileName);
          hash.update(item.fileName);
          hash.update(item.type === 'chunk' ? item.code : item.source);
        }
        const publicDir = config.publicDir;
        for (const rel of listFiles(publicDir)) {
          if (SKIP.has(rel)) continue;
          files.push(rel);
          hash.update(rel);
          hash.update(fs.readFileSync(path.join(publicDir, rel)));
        }
        const precache = files
          .filter((f) => f !== 'sw.js')
          .map((f) => `/${f}`)
          .sort();
        const version = hash.digest('hex').slice(0, 12);
        const source = fs
          .readFileSync(TEMPLATE, 'utf8')
          .replace('__SW_VERSION__', version)
          .replace('__SW_PRECACHE__', JSON.stringify(precache, null, 2))
          .replace('__SW_ON_DEMAND__', JSON.stringify(onDemand.map((f) => `/${f}`).sort(), null, 2));
        this.emitFile({ type: 'asset', fileName: 'sw.js', source });
      },
    },
  };
}
