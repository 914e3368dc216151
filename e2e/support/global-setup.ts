import type { TestProject } from 'vitest/node';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { ensureWebBuilt } from '../../scripts/build-web.mjs';
import { type ServerInfo, startServer } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    server: ServerInfo;
  }
}

/** Builds the web app if its sources changed, then starts one demo server shared by every test file. */
export default async function setup(project: TestProject) {
  ensureWebBuilt();
  const server = await startServer();
  project.provide('server', server.info);
  return () => server.stop();
}
