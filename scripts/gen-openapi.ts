// `npm run gen`: writes openapi.json at the repository root from the route schemas. Commit it;
// test/integration/openapi-artefact.test.ts fails while the committed file is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OPENAPI_FILE, renderOpenApiDocument } from '../src/services/openapi-document.js';

writeFileSync(OPENAPI_FILE, await renderOpenApiDocument());
process.stdout.write(`wrote ${fileURLToPath(OPENAPI_FILE)}\n`);
