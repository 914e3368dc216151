import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import type { Deps } from './deps.ts';
import { memoryEvents } from './lib/events.ts';
import { localFileStore } from './lib/file-store.ts';
import { memoryProgress } from './lib/progress.ts';
import { memoryThrottle } from './lib/throttle.ts';

export const SNAPSHOT = fileURLToPath(new URL('../openapi.json', import.meta.url));

/** The OpenAPI document as the routes declare it; building it touches no database. */
export async function openapiDocument(): Promise<unknown> {
  const deps = {
    database: { kind: 'embedded' } as Deps['database'],
    throttle: memoryThrottle(),
    progress: memoryProgress(),
    events: memoryEvents(),
    files: localFileStore('/nonexistent'),
    publicUrl: 'http://localhost:3000',
    now: () => new Date(),
  } satisfies Deps;
  const app = await createApp(deps);
  await app.ready();
  const doc = app.swagger();
  await app.close();
  return doc;
}
