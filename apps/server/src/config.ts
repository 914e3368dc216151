import path from 'node:path';

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
  };
}
