import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { notFound } from '../../http/errors.ts';

/** The built web app (apps/web/dist), served at `/` next to the API. */
export const WEB_DIST = fileURLToPath(new URL('../../../../web/dist/', import.meta.url));

/** Hashed build output never changes under its name; the shell, the worker and the manifest must be revalidated. */
function cacheControl(file: string): string {
  if (file.startsWith('assets/')) return 'public, max-age=31536000, immutable';
  if (file === 'index.html' || file === 'sw.js' || file.endsWith('.webmanifest')) return 'no-cache';
  return 'public, max-age=3600';
}

function existingFile(root: string, urlPath: string): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath).replace(/^\/+/, '');
  } catch {
    return null;
  }
  if (rel === '' || rel.split('/').some((seg) => seg === '..' || seg.startsWith('.'))) return null;
  const full = path.join(root, rel);
  if (!full.startsWith(root)) return null;
  try {
    return fs.statSync(full).isFile() ? rel : null;
  } catch {
    return null;
  }
}

function send(reply: FastifyReply, file: string) {
  reply.header('cache-control', cacheControl(file));
  return reply.sendFile(file, { cacheControl: false });
}

/**
 * Serves the PWA: real files from dist (pre-compressed .br/.gz variants when the browser takes them),
 * and the app shell (index.html) for every other GET that asks for HTML outside /api — client-side routes.
 */
export const webRoutes =
  (root = WEB_DIST): FastifyPluginAsync =>
  async (app) => {
    if (!fs.existsSync(path.join(root, 'index.html'))) {
      app.log.warn(
        `Chưa có giao diện web (${root}): máy chủ chỉ phục vụ API. Chạy "npm run build:web" hoặc "npm start" để dựng.`,
      );
      return;
    }
    await app.register(fastifyStatic, { root, serve: false, preCompressed: true });

    app.get('/*', {
      config: { access: 'public' },
      schema: { hide: true },
      handler: async (req, reply) => {
        const urlPath = req.url.split('?')[0] ?? '/';
        if (urlPath === '/api' || urlPath.startsWith('/api/')) throw notFound();
        const file = existingFile(root, urlPath);
        if (file) return send(reply, file);
        if (urlPath === '/' || /text\/html/.test(req.headers.accept ?? '')) return send(reply, 'index.html');
        throw notFound();
      },
    });
  };
