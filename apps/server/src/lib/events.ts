import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';

/**
 * Live events (attendance counts, new notices) for SSE clients. In one process an EventEmitter; with
 * `REDIS_URL`, every node publishes to one Redis channel and delivers what arrives to its own clients,
 * so a check-in on node A reaches the secretary's screen connected to node B.
 */
export interface EventBus {
  publish(topic: string, data: unknown): Promise<void>;
  /** Calls `listener` for every event on `topic` until the returned function is called. */
  subscribe(topic: string, listener: (data: unknown) => void): () => void;
  close(): Promise<void>;
}

function localEmitter() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return emitter;
}

export function memoryEvents(): EventBus {
  const emitter = localEmitter();
  return {
    async publish(topic, data) {
      emitter.emit(topic, data);
    },
    subscribe(topic, listener) {
      emitter.on(topic, listener);
      return () => emitter.off(topic, listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

const CHANNEL = 'sotay:events';

export function redisEvents(url: string): EventBus {
  const emitter = localEmitter();
  const pub = new Redis(url, { maxRetriesPerRequest: 2 });
  const sub = new Redis(url, { maxRetriesPerRequest: null });
  void sub.subscribe(CHANNEL);
  sub.on('message', (_channel: string, raw: string) => {
    try {
      const { topic, data } = JSON.parse(raw) as { topic: string; data: unknown };
      emitter.emit(topic, data);
    } catch {
      // not ours
    }
  });
  return {
    async publish(topic, data) {
      // delivered back to this node through the subscription too, like to every other node
      await pub.publish(CHANNEL, JSON.stringify({ topic, data }));
    },
    subscribe(topic, listener) {
      emitter.on(topic, listener);
      return () => emitter.off(topic, listener);
    },
    async close() {
      emitter.removeAllListeners();
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
