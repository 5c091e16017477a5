import { openStore } from '../store/index.js';
import { servicesOn } from './index.js';
import { buildApp } from '../server/app.js';

/** The committed copy of the document, at the repository root (`npm run gen` writes it). */
export const OPENAPI_FILE = new URL('../../openapi.json', import.meta.url);

/** Object keys sorted at every depth, so the text depends on the routes, not on registration order. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

/**
 * The OpenAPI document as `/openapi.json` serves it, pretty-printed with sorted keys and a final
 * newline: what `npm run gen` commits and what the artefact test compares with. Built on an
 * in-memory database, so it depends on nothing but the code (and package.json's version).
 */
export async function renderOpenApiDocument(): Promise<string> {
  const store = await openStore(':memory:');
  const { app } = buildApp({ services: servicesOn(store) });
  try {
    await app.ready();
    return JSON.stringify(sortKeys(app.swagger()), null, 2) + '\n';
  } finally {
    await app.close();
    store.close();
  }
}
