// The committed openapi.json is the document the routes produce now (immich's rule: generated
// artefacts are committed so reviews show their diffs, and CI fails when they are stale).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/domain/errors.js';
import { OPENAPI_FILE, renderOpenApiDocument } from '../../src/services/openapi-document.js';

describe('openapi.json', () => {
  it('is the document the routes produce (npm run gen)', async () => {
    const built = await renderOpenApiDocument();
    let committed: string;
    try {
      committed = readFileSync(OPENAPI_FILE, 'utf8');
    } catch {
      throw new Error('openapi.json is missing: run npm run gen and commit it');
    }
    expect(committed === built, 'openapi.json is stale: run npm run gen and commit it').toBe(true);
  });

  it('shows the /api error body with its closed list of codes', () => {
    const document = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as {
      components: { schemas: Record<string, { properties: Record<string, { enum?: string[] }> }> };
    };
    const error = document.components.schemas.Error!;
    expect(Object.keys(error.properties).sort()).toEqual(['code', 'error', 'field', 'status']);
    expect(error.properties.code!.enum).toEqual([...ERROR_CODES]);
  });
});
