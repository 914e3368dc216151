import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openapiDocument, SNAPSHOT } from './openapi-snapshot.ts';

describe('OpenAPI', () => {
  it('matches the committed snapshot (run `npm run openapi:write` after changing a route)', async () => {
    const committed = JSON.parse(fs.readFileSync(SNAPSHOT, 'utf8'));
    expect(await openapiDocument()).toEqual(committed);
  });

  it('is OpenAPI 3.1 and documents every contract route', async () => {
    const doc = (await openapiDocument()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    for (const p of [
      '/api/health',
      '/api/auth/login',
      '/api/me',
      '/api/members',
      '/api/imports/members',
      '/api/auth/totp/enroll',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });
});
