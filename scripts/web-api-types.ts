// The dashboard's API types, generated from the committed openapi.json by openapi-typescript
// (never written by hand): `npm run gen` writes them after openapi.json;
// test/integration/web-api-types.test.ts fails while the committed copy is stale.
import { readFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import type { OpenAPI3 } from 'openapi-typescript';

export const OPENAPI_JSON = new URL('../openapi.json', import.meta.url);
export const WEB_API_TYPES = new URL('../web/src/api/schema.d.ts', import.meta.url);

const HEADER = `// Generated from openapi.json by \`npm run gen\` (scripts/web-api-types.ts): do not edit.\n\n`;

export async function renderWebApiTypes(openapi = readFileSync(OPENAPI_JSON, 'utf8')): Promise<string> {
  const ast = await openapiTS(JSON.parse(openapi) as OpenAPI3);
  return HEADER + astToString(ast);
}
