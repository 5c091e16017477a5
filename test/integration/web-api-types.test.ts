// The dashboard's API types are those openapi-typescript makes from the committed openapi.json.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderWebApiTypes, WEB_API_TYPES } from '../../scripts/web-api-types.js';

describe('web/src/api/schema.d.ts', () => {
  it('is generated from openapi.json (npm run gen)', async () => {
    let committed: string;
    try {
      committed = readFileSync(WEB_API_TYPES, 'utf8');
    } catch {
      throw new Error('web/src/api/schema.d.ts is missing: run npm run gen and commit it');
    }
    expect(
      committed === (await renderWebApiTypes()),
      'schema.d.ts is stale: run npm run gen and commit it',
    ).toBe(true);
  });

  it('follows a change to the document', async () => {
    const doc = JSON.parse(readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8')) as {
      paths: Record<string, unknown>;
    };
    doc.paths['/api/new-route'] = { get: { responses: { 200: { description: 'ok' } } } };
    expect(await renderWebApiTypes(JSON.stringify(doc))).toContain('"/api/new-route"');
  });
});
