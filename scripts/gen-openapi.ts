// `npm run gen`: writes openapi.json at the repository root from the route schemas, then the
// dashboard's API types from it (web/src/api/schema.d.ts). Commit both; the tests
// openapi-artefact.test.ts and web-api-types.test.ts fail while a committed copy is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OPENAPI_FILE, renderOpenApiDocument } from '../src/services/openapi-document.js';
import { renderWebApiTypes, WEB_API_TYPES } from './web-api-types.js';

writeFileSync(OPENAPI_FILE, await renderOpenApiDocument());
process.stdout.write(`wrote ${fileURLToPath(OPENAPI_FILE)}\n`);
writeFileSync(WEB_API_TYPES, await renderWebApiTypes());
process.stdout.write(`wrote ${fileURLToPath(WEB_API_TYPES)}\n`);
