import { Redis } from 'ioredis';

/** Fixed-window failure counters shared by every API node when Redis is configured. */
export interface Throttle {
  /** Current count in the window and seconds until it resets (0 when empty). */
  peek(key: string): Promise<{ count: number; retryAfterS: number }>;
  hit(key: string, windowS: number): Promise<number>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

export function memoryThrottle(now: () => number = Date.now): Throttle {
  const windows = new Map<string, { count: number; until: number }>();
  const live = (key: string) => {
    const w = windows.get(key);
    if (w && w.until <= now()) {
      windows.delete(key);
      return undefined;
    }
    return w;
  };
  return {
    async peek(key) {
      const w = live(key);
      return w
        ? { count: w.count, retryAfterS: Math.ceil((w.until - now()) / 1000) }
        : { count: 0, retryAfterS: 0 };
    },
    async hit(key, windowS) {
      const w = live(key) ?? { count: 0, until: now() + windowS * 1000 };
      w.count += 1;
      windows.set(key, w);
      if (windows.size > 100_000) {
        for (const k of windows.keys()) if (!live(k)) windows.delete(k);
      }
      return w.count;
    },
    async reset(key) {
      windows.delete(key);
    },
    async close() {},
  };
}

export function redisThrottle(url: string, prefix = 'sotay:throttle:'): Throttle {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
  return {
    async peek(key) {
      const r = await redis
        .multi()
        .get(prefix + key)
        .pttl(prefix + key)
        .exec();
      const count = Number(r?.[0]?.[1] ?? 0);
      const ttl = Number(r?.[1]?.[1] ?? 0);
      return { count, retryAfterS: count > 0 && ttl > 0 ? Math.ceil(ttl / 1000) : 0 };
    },
    async hit(key, windowS) {
      const r = await redis
        .multi()
        .incr(prefix + key)
        .expire(prefix + key, windowS, 'NX')
        .exec();
      return Number(r?.[0]?.[1] ?? 0);
    },
    async reset(key) {
      await redis.del(prefix + key);
    },
    async close() {
      await redis.quit();
    },
  };
}
