/**
 * The dashboard (web/, built by `npm run build` into dist/web/) on the same origin as /api: its
 * files at their paths, and index.html for every other page a browser asks for (/user/alice/charts),
 * so client-side routes survive a reload. The APIs and /docs keep their own answers, 404s included.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** dist/web at the repository root, from src/server (tests) and from dist/server (the build) alike. */
export const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/** Paths the dashboard never answers: the APIs, their documents, and its own built files. */
const NOT_PAGES = /^\/(api|1|2\.0|docs|health|openapi\.json|assets)(\/|\?|$)/;

/** A browser navigation to a page: GET, wants HTML, not an API path, no file extension. */
export function isPageRequest(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0]!;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !NOT_PAGES.test(path) && !last.includes('.') && (request.headers.accept ?? '').includes('text/html');
}

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>listenhouse</title>
<p>The dashboard is not built. Run <code>npm run build</code> (or <code>npm start</code>) and restart the server.
The API answers meanwhile: <a href="/docs">/docs</a>.</p></html>`;

export function registerWeb(app: FastifyInstance, root: string = WEB_ROOT): void {
  const built = existsSync(join(root, 'index.html'));
  // A plugin of its own, so its cache headers apply to its routes only.
  void app.register(async (web) => {
    if (built) {
      // Only the files there at start get routes (wildcard: false), so an unknown path falls
      // through to the page fallback below.
      await web.register(fastifyStatic, { root, wildcard: false, index: false, cacheControl: false });
    }
    // Vite hashes the names under assets/: they never change. Pages are checked every time.
    web.addHook('onSend', async (request, reply, payload) => {
      if (reply.statusCode === 200)
        reply.header(
          'cache-control',
          request.url.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      return payload;
    });
    const page = async (request: FastifyRequest, reply: FastifyReply) => {
      if (request.url !== '/' && !isPageRequest(request)) return reply.callNotFound();
      if (!built) return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT);
      return reply.sendFile('index.html');
    };
    web.get('/', { schema: { hide: true } }, page);
    web.get('/*', { schema: { hide: true } }, page);
  });
}
