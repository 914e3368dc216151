import createClient, { type Middleware } from 'openapi-fetch';
import { i18n } from '../i18n/index.ts';
import type { paths } from './schema.gen.ts';

/** Every error the server sends is `{error:{code,message}}` with a Vietnamese message to show as it is. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

export const isApiError = (e: unknown, code?: string): e is ApiError =>
  e instanceof ApiError && (code === undefined || e.code === code);

let csrfToken: string | null = null;
/** Login and GET /api/me hand out the token that every state-changing request must echo. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    if (csrfToken && UNSAFE.has(request.method)) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
  async onResponse({ response }) {
    if (response.ok) return response;
    const body = (await response
      .clone()
      .json()
      .catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(
      response.status,
      body?.error?.code ?? `http_${response.status}`,
      body?.error?.message ?? i18n.t('errors.generic'),
      body,
    );
  },
  onError({ error }) {
    if (error instanceof ApiError) return error;
    return new ApiError(0, 'network', i18n.t('errors.network'));
  },
};

export const api = createClient<paths>({ baseUrl: '/', credentials: 'same-origin' });
api.use(sessionMiddleware);

/** openapi-fetch resolves `{data}` on success (errors are thrown by the middleware above). */
export async function data<T>(request: Promise<{ data?: T }>): Promise<T> {
  const r = await request;
  return r.data as T;
}

export type Schemas = paths;
