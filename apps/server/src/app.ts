import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from './deps.ts';
import { registerAccess } from './http/access.ts';
import { registerErrorHandler } from './http/error-handler.ts';
import { accountRoutes } from './modules/accounts/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { correctionRoutes } from './modules/corrections/routes.ts';
import { documentRoutes } from './modules/documents/routes.ts';
import { feedbackRoutes } from './modules/feedback/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { importRoutes } from './modules/imports/routes.ts';
import { meetingRoutes } from './modules/meetings/routes.ts';
import { memberRoutes } from './modules/members/routes.ts';
import { noticeRoutes } from './modules/notices/routes.ts';
import { oidcRoutes } from './modules/oidc/routes.ts';
import { orgRoutes } from './modules/orgs/routes.ts';
import { profileRoutes } from './modules/profile/routes.ts';
import { registrationRoutes } from './modules/registrations/routes.ts';
import { roleRoutes } from './modules/roles/routes.ts';
import { rolloutRoutes } from './modules/rollout/routes.ts';
import { studyRoutes } from './modules/study/routes.ts';
import { supportRoutes } from './modules/support/routes.ts';
import { webRoutes } from './modules/web/routes.ts';

z.config(z.locales.vi());

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/**
 * Request logs carry method, path, status and timing only: no query string (searches hold names and
 * phone numbers), no headers (cookies, CSRF tokens), no bodies.
 */
export const logSerializers = {
  req: (req: { method: string; url: string; id: string }) => ({
    id: req.id,
    method: req.method,
    path: req.url.split('?')[0],
  }),
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
};

export interface AppOptions {
  /** pino options, or false for none (tests). Personal data never goes into logs: bodies are not logged. */
  logger?: boolean | object;
}

export async function createApp(deps: Deps, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.SOTAY_TRUST_PROXY === '1',
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        // over plain http (a LAN address) upgrading would send the app's own scripts to an https port that is not there
        upgradeInsecureRequests: deps.publicUrl.startsWith('https:') ? [] : null,
      },
    },
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Sổ tay đảng viên điện tử — API', version: '1.0.0' },
      servers: [{ url: '/' }],
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sotay_sid' } } },
    },
    transform: jsonSchemaTransform,
  });
  registerAccess(app, deps);

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  for (const routes of [
    healthRoutes,
    authRoutes,
    oidcRoutes,
    orgRoutes,
    memberRoutes,
    profileRoutes,
    importRoutes,
    registrationRoutes,
    accountRoutes,
    correctionRoutes,
    roleRoutes,
    auditRoutes,
    documentRoutes,
    meetingRoutes,
    noticeRoutes,
    feedbackRoutes,
    supportRoutes,
    rolloutRoutes,
    studyRoutes,
  ]) {
    await app.register(routes(deps));
  }
  await app.register(webRoutes());
  return app;
}
