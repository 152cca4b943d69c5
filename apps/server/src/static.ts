import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** One year: a hashed asset's name changes with its content, so a copy never goes stale. */
const immutable = 'public, max-age=31536000, immutable';

/**
 * The web app's files: hashed assets (`/assets/*`) cached for good; the page, the manifest and
 * anything unhashed revalidated on every load, so a new release is picked up at once. Each file
 * is sent precompressed (brotli or gzip, made at build) when the browser accepts it.
 */
export async function registerWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webRoot,
    wildcard: false,
    index: 'index.html',
    preCompressed: true,
    cacheControl: false,
    setHeaders: (res, file) => {
      const relative = path.relative(webRoot, file).split(path.sep).join('/');
      res.setHeader('cache-control', relative.startsWith('assets/') ? immutable : 'no-cache');
    },
  });
  app.setNotFoundHandler((request, reply) => {
    const wantsPage =
      request.method === 'GET' &&
      !request.url.startsWith('/trpc') &&
      !request.url.startsWith('/files') &&
      !path.extname(request.url.split('?')[0] ?? '');
    if (wantsPage) return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
    return reply.code(404).send({ error: 'Not found' });
  });
}
