// Generates src/api/schema.gen.ts from the server's committed OpenAPI snapshot (`npm run api:types`).
// src/api/schema.test.ts fails when the committed file differs from what this produces now.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

export const OPENAPI_SNAPSHOT = new URL('../../server/openapi.json', import.meta.url);
export const SCHEMA_FILE = fileURLToPath(new URL('../src/api/schema.gen.ts', import.meta.url));

export async function generateApiTypes(): Promise<string> {
  const ast = await openapiTS(new URL(OPENAPI_SNAPSHOT));
  return COMMENT_HEADER + astToString(ast);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  fs.writeFileSync(SCHEMA_FILE, await generateApiTypes());
  process.stdout.write(`Đã ghi ${SCHEMA_FILE}\n`);
}
