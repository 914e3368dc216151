import path from 'node:path';
import type { OidcSettings } from './modules/oidc/client.ts';

/** Everything the server reads from the environment (README "Configuration" lists each one). */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  publicUrl: string;
  databaseUrl: string | null;
  rootName: string;
  adminPassword: string | null;
  seed: 'demo' | 'none' | null;
  redisUrl: string | null;
  /** Sign-in with the national identity (OIDC): on when OIDC_ISSUER and OIDC_CLIENT_ID are set. */
  oidc: OidcSettings | null;
  /** Sends password-reset codes by e-mail when set. */
  smtpUrl: string | null;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT không hợp lệ: ${env.PORT}`);
  const host = env.HOST || '0.0.0.0';
  const seed = env.SOTAY_SEED ? env.SOTAY_SEED.toLowerCase() : null;
  if (seed !== null && seed !== 'demo' && seed !== 'none') {
    throw new Error(`SOTAY_SEED phải là "demo" hoặc "none" (nhận được "${env.SOTAY_SEED}")`);
  }
  return {
    port,
    host,
    dataDir: path.resolve(env.SOTAY_DATA_DIR || './data'),
    publicUrl: (env.SOTAY_PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, ''),
    databaseUrl: env.DATABASE_URL || null,
    rootName: env.SOTAY_ROOT_NAME?.trim() || 'Đảng bộ',
    adminPassword: env.SOTAY_ADMIN_PASSWORD || null,
    seed,
    redisUrl: env.REDIS_URL || null,
    oidc: readOidc(env),
    smtpUrl: readSmtpUrl(env.SMTP_URL),
  };
}

function readSmtpUrl(raw: string | undefined): string | null {
  if (!raw) return null;
  const protocol = URL.canParse(raw) ? new URL(raw).protocol : null;
  if (protocol !== 'smtp:' && protocol !== 'smtps:') {
    throw new Error('SMTP_URL phải có dạng smtp://người-dùng:mật-khẩu@máy-chủ:587 hoặc smtps://…:465');
  }
  return raw;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function readOidc(env: NodeJS.ProcessEnv): OidcSettings | null {
  const issuer = env.OIDC_ISSUER?.trim();
  const clientId = env.OIDC_CLIENT_ID?.trim();
  if (!issuer && !clientId) return null;
  if (!issuer || !clientId)
    throw new Error('Cần đặt cả OIDC_ISSUER và OIDC_CLIENT_ID để bật đăng nhập OIDC.');
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new Error(`OIDC_ISSUER không phải địa chỉ hợp lệ: ${issuer}`);
  }
  // plain http only for a provider on this machine (tests, a local proxy)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new Error(`OIDC_ISSUER phải là địa chỉ https:// (nhận được ${issuer})`);
  }
  return {
    issuer,
    clientId,
    clientSecret: env.OIDC_CLIENT_SECRET || null,
    cccdClaim: env.OIDC_CCCD_CLAIM?.trim() || 'cccd',
    label: env.OIDC_LABEL?.trim() || 'VNeID',
  };
}
