import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryThrottle, redisThrottle, type Throttle } from './throttle.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Every key of this run lives under its own prefix, removed at the end. */
const PREFIX = `sotay:test:throttle:${crypto.randomBytes(6).toString('hex')}:`;
const opened: Throttle[] = [];

function redisOne(): Throttle {
  const th = redisThrottle(REDIS_URL, PREFIX);
  opened.push(th);
  return th;
}

afterAll(async () => {
  for (const th of opened) await th.close();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${PREFIX}*`);
  if (keys.length) await redis.del(...keys);
  expect(await redis.keys(`${PREFIX}*`)).toEqual([]);
  await redis.quit();
});

/** The same behaviour, whichever store keeps the counts (tests run concurrently: the waits overlap). */
describe.concurrent.each([
  ['memoryThrottle', () => memoryThrottle()],
  ['redisThrottle', redisOne],
] as const)('%s', (_name, make) => {
  const key = (k: string) => `${k}:${crypto.randomBytes(4).toString('hex')}`;

  it('counts hits per key within the window', async ({ expect }) => {
    const th = make();
    const a = key('a');
    const b = key('b');
    expect(await th.peek(a)).toEqual({ count: 0, retryAfterS: 0 });
    expect(await th.hit(a, 60)).toBe(1);
    expect(await th.hit(a, 60)).toBe(2);
    expect(await th.hit(a, 60)).toBe(3);
    expect(await th.hit(b, 60)).toBe(1);
    const p = await th.peek(a);
    expect(p.count).toBe(3);
    expect(p.retryAfterS).toBeGreaterThan(58);
    expect(p.retryAfterS).toBeLessThanOrEqual(60);
    expect((await th.peek(b)).count).toBe(1);
  });

  it('the window starts at the first hit: later hits do not extend it', async ({ expect }) => {
    const th = make();
    const k = key('fixed');
    await th.hit(k, 60);
    await sleep(1100);
    await th.hit(k, 600);
    const p = await th.peek(k);
    expect(p.count).toBe(2);
    expect(p.retryAfterS).toBeLessThanOrEqual(59);
  });

  it('forgets the count once the window is over', async ({ expect }) => {
    const th = make();
    const k = key('expire');
    await th.hit(k, 1);
    await th.hit(k, 1);
    expect((await th.peek(k)).count).toBe(2);
    expect((await th.peek(k)).retryAfterS).toBe(1);
    await sleep(1150);
    expect(await th.peek(k)).toEqual({ count: 0, retryAfterS: 0 });
    expect(await th.hit(k, 1)).toBe(1);
  });

  it('reset clears one key only', async ({ expect }) => {
    const th = make();
    const a = key('ra');
    const b = key('rb');
    await th.hit(a, 60);
    await th.hit(a, 60);
    await th.hit(b, 60);
    await th.reset(a);
    expect(await th.peek(a)).toEqual({ count: 0, retryAfterS: 0 });
    expect((await th.peek(b)).count).toBe(1);
    expect(await th.hit(a, 60)).toBe(1);
    await th.reset(key('never-hit'));
  });
});

describe('memoryThrottle on a controlled clock', () => {
  it('expires exactly at the end of the window', async () => {
    let now = 1_000_000;
    const th = memoryThrottle(() => now);
    await th.hit('k', 900);
    now += 899_000;
    expect(await th.peek('k')).toEqual({ count: 1, retryAfterS: 1 });
    now += 1_000;
    expect(await th.peek('k')).toEqual({ count: 0, retryAfterS: 0 });
  });
});

describe('redisThrottle across API nodes', () => {
  it('two instances share counts and resets', async () => {
    const nodeA = redisOne();
    const nodeB = redisOne();
    const k = `login:user:${crypto.randomBytes(4).toString('hex')}`;
    expect(await nodeA.hit(k, 60)).toBe(1);
    expect(await nodeB.hit(k, 60)).toBe(2);
    expect(await nodeA.hit(k, 60)).toBe(3);
    expect((await nodeB.peek(k)).count).toBe(3);
    expect((await nodeA.peek(k)).count).toBe(3);
    await nodeB.reset(k);
    expect((await nodeA.peek(k)).count).toBe(0);
  });

  it('keeps its keys under its prefix, with a TTL', async () => {
    const th = redisOne();
    const k = `ttl:${crypto.randomBytes(4).toString('hex')}`;
    await th.hit(k, 30);
    const redis = new Redis(REDIS_URL);
    try {
      expect(await redis.get(`${PREFIX}${k}`)).toBe('1');
      const ttl = await redis.ttl(`${PREFIX}${k}`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(30);
    } finally {
      await redis.quit();
    }
  });
});
