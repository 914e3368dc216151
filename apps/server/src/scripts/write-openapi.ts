// Writes the committed OpenAPI snapshot (apps/server/openapi.json) from the routes; a test fails when it drifts.
import fs from 'node:fs';
import { openapiDocument, SNAPSHOT } from '../openapi-snapshot.ts';

fs.writeFileSync(SNAPSHOT, `${JSON.stringify(await openapiDocument(), null, 2)}\n`);
process.stdout.write(`Đã ghi ${SNAPSHOT}\n`);
