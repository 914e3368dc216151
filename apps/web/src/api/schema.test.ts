import fs from 'node:fs';
import { expect, test } from 'vitest';
import { generateApiTypes, SCHEMA_FILE } from '../../scripts/api-types.ts';

test('schema.gen.ts matches the committed OpenAPI snapshot (run `npm run api:types`)', async () => {
  expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(await generateApiTypes());
}, 60_000);
