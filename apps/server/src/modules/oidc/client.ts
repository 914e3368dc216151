import type { FastifyBaseLogger } from 'fastify';
import * as oidc from 'openid-client';
import { AppError } from '../../http/errors.ts';

/** OIDC_* settings (README "Configuration"). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** null for a public client (PKCE only). */
  clientSecret: string | null;
  /** The claim that carries the số CCCD (OIDC_CCCD_CLAIM, default `cccd`). */
  cccdClaim: string;
  /** The provider's name on the sign-in button ("Đăng nhập bằng VNeID"). */
  label: string;
}

/** What the callback needs to check the provider's answer: kept in the browser between start and callback. */
export interface OidcFlow {
  state: string;
  nonce: string;
  verifier: string;
}

export type OidcClaims = Record<string, unknown>;

export interface OidcClient {
  /** The provider's authorization URL for a new sign-in and the values the callback must check. */
  begin(): Promise<{ url: URL; flow: OidcFlow }>;
  /**
   * Checks the provider's redirect (state, PKCE, ID token, nonce), redeems the code and returns the
   * claims of the ID token completed by the userinfo endpoint. `null` when the person declined or the
   * provider refused (error=… in the redirect).
   */
  finish(callbackUrl: URL, flow: OidcFlow): Promise<OidcClaims | null>;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

const unavailable = () =>
  new AppError(
    502,
    'oidc_unavailable',
    'Không kết nối được với hệ thống định danh. Vui lòng thử lại sau hoặc đăng nhập bằng mật khẩu.',
  );
const failed = () =>
  new AppError(
    400,
    'oidc_failed',
    'Phiên đăng nhập qua hệ thống định danh không hợp lệ hoặc đã hết hạn. Hãy đăng nhập lại từ đầu.',
  );

/** A network failure or timeout talking to the provider, as opposed to an answer that does not check out. */
const isNetworkError = (e: unknown) =>
  e instanceof TypeError || (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError'));

const reasonOf = (e: unknown) => {
  const { code, error, message } = e as { code?: string; error?: string; message?: string };
  return { code: code ?? null, error: error ?? null, message: message ?? String(e) };
};

/**
 * Authorization code flow with PKCE (S256), state and nonce, over openid-client. The provider's metadata
 * is discovered on first use and kept; a failed discovery is retried at the next sign-in.
 */
export function oidcClient(
  settings: OidcSettings,
  redirectUri: string,
  log: Pick<FastifyBaseLogger, 'warn'>,
): OidcClient {
  const issuer = new URL(settings.issuer);
  const insecure = issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname);
  let discovered: Promise<oidc.Configuration> | null = null;

  const configuration = () => {
    discovered ??= oidc
      .discovery(
        issuer,
        settings.clientId,
        settings.clientSecret ?? undefined,
        settings.clientSecret ? oidc.ClientSecretBasic(settings.clientSecret) : oidc.None(),
        { timeout: 10, ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}) },
      )
      .catch((e) => {
        discovered = null;
        log.warn({ issuer: settings.issuer, reason: reasonOf(e) }, 'oidc discovery failed');
        throw e;
      });
    return discovered.catch(() => {
      throw unavailable();
    });
  };

  return {
    async begin() {
      const config = await configuration();
      const flow = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier: oidc.randomPKCECodeVerifier(),
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid',
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: 'S256',
      });
      return { url, flow };
    },

    async finish(callbackUrl, flow) {
      const config = await configuration();
      try {
        const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        const idClaims = tokens.claims();
        if (!idClaims) throw failed();
        if (idClaims[settings.cccdClaim] !== undefined || !config.serverMetadata().userinfo_endpoint) {
          return { ...idClaims };
        }
        const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        return { ...userinfo, ...idClaims };
      } catch (e) {
        if (e instanceof AppError) throw e;
        if (e instanceof oidc.AuthorizationResponseError) return null;
        // what went wrong, for the operator (wrong secret, clock skew…): protocol words, no personal data
        log.warn({ reason: reasonOf(e) }, 'oidc callback refused');
        if (isNetworkError(e)) throw unavailable();
        throw failed();
      }
    },
  };
}
