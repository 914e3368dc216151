import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { errorBody, errorResponses } from '../../http/schemas.ts';
import { setSessionCookie } from '../auth/cookie.ts';
import { deleteSession } from '../auth/repo.ts';
import { oidcClient } from './client.ts';
import { clearFlowCookie, readFlowCookie, setFlowCookie } from './flow-cookie.ts';
import * as schemas from './schemas.ts';
import { signInWithIdentity } from './service.ts';

const CALLBACK_PATH = '/api/auth/oidc/callback';
const SIGN_IN_PAGE = '/';

/**
 * Sign-in with the national identity (VNeID or another OpenID Connect provider), linked to a member
 * by the số CCCD the provider vouches for. Only existing, active accounts are signed in.
 */
export const oidcRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['Đăng nhập'];
    const settings = deps.oidc ?? null;
    const client = settings ? oidcClient(settings, `${deps.publicUrl}${CALLBACK_PATH}`, app.log) : null;
    const enabled = () => {
      if (!settings || !client)
        throw notFound('Máy chủ chưa cấu hình đăng nhập qua hệ thống định danh (VNeID).');
      return { settings, client };
    };

    app.get('/api/auth/oidc/config', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Có đăng nhập qua hệ thống định danh (VNeID) không',
        response: { 200: schemas.configOut },
      },
      handler: async () => ({ enabled: !!settings, label: settings?.label ?? null }),
    });

    app.get('/api/auth/oidc/start', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Bắt đầu đăng nhập qua hệ thống định danh: chuyển sang trang của nhà cung cấp',
        response: { 302: schemas.redirect, 404: errorBody, 502: errorBody },
      },
      handler: async (_req, reply) => {
        const { url, flow } = await enabled().client.begin();
        setFlowCookie(reply, deps.publicUrl, flow, deps.now());
        return reply.redirect(url.href, 302);
      },
    });

    app.get(CALLBACK_PATH, {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'Nhà cung cấp định danh chuyển về: mở phiên và chuyển tới "/", hoặc tới /?oidc=khong-khop|cho-duyet|bi-khoa|can-ma-xac-thuc|huy',
        querystring: schemas.callbackQuery,
        response: { 302: schemas.redirect, ...errorResponses, 502: errorBody },
      },
      handler: async (req, reply) => {
        const { settings, client } = enabled();
        const flow = readFlowCookie(req, deps.now());
        clearFlowCookie(reply);
        if (!flow) {
          throw new AppError(
            400,
            'oidc_failed',
            'Phiên đăng nhập qua hệ thống định danh đã hết hạn hoặc không hợp lệ. Hãy đăng nhập lại từ đầu.',
          );
        }
        // the URL the provider redirected to, as the public address spells it (behind a proxy too)
        const callbackUrl = new URL(`${deps.publicUrl}${CALLBACK_PATH}`);
        callbackUrl.search = new URL(req.url, 'http://x').search;
        const claims = await client.finish(callbackUrl, flow);
        if (!claims) return reply.redirect(`${SIGN_IN_PAGE}?oidc=huy`, 302);

        const result = await signInWithIdentity(deps, settings, claims, {
          userAgent: req.headers['user-agent'] ?? null,
        });
        if (result.refusal) {
          req.log.info({ refusal: result.refusal }, 'oidc sign-in refused');
          return reply.redirect(`${SIGN_IN_PAGE}?oidc=${result.refusal}`, 302);
        }
        // a sign-in replaces the session this browser may already hold
        if (req.auth) await deleteSession(deps.database.db, req.auth.sessionIdHash);
        setSessionCookie(reply, deps.publicUrl, result.session);
        return reply.redirect('/', 302);
      },
    });
  };
