import path from 'node:path';
import type { S3Settings } from './lib/file-store.ts';
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
  /** Uploaded files go to this S3-compatible bucket when S3_BUCKET is set; otherwise to `<data dir>/files`. */
  s3: S3Settings | null;
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
    s3: readS3(env),
  };
}

function readS3(env: NodeJS.ProcessEnv): S3Settings | null {
  const bucket = env.S3_BUCKET?.trim();
  if (!bucket) {
    if (env.S3_ENDPOINT) throw new Error('Đã đặt S3_ENDPOINT nhưng thiếu S3_BUCKET (tên bucket lưu tệp).');
    return null;
  }
  const endpoint = env.S3_ENDPOINT?.trim() || null;
  if (endpoint && !URL.canParse(endpoint))
    throw new Error(`S3_ENDPOINT không phải địa chỉ hợp lệ: ${endpoint}`);
  return {
    endpoint,
    bucket,
    region: env.S3_REGION?.trim() || 'us-east-1',
    accessKeyId: env.S3_ACCESS_KEY_ID || null,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY || null,
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
