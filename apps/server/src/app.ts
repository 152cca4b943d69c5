import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import { type AppRouter, appRouter, createInnerContext, storageFaultAnswer, storageFaultLog } from '@tessera/api';
import { type Db, isDatabaseFault, probeDatabaseWritable } from '@tessera/db';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { createFileWorkQueue, type FileWorkQueue } from './file-work';
import { registerFileRoutes } from './files';
import { registerImportRoutes } from './imports';
import { registerReportRoutes } from './reports';
import { registerWebApp } from './static';
import { refuseCrossSiteMutations } from './security';

export const sessionCookieName = 'tessera_session';

export interface AppOptions {
  db: Db;
  /** The built web app (apps/web/dist); null serves the API only. */
  webRoot: string | null;
  sessionLifetimeMs: number;
  /** 'auto' sets Secure when the request came over HTTPS (directly or via a trusted proxy). */
  cookieSecure: 'auto' | boolean;
  /** Fastify's trustProxy: false, a hop count, or a list of proxy addresses. */
  trustProxy: boolean | number | string;
  secretKey: Uint8Array;
  logger: FastifyServerOptions['logger'];
  /** The turns for uploads and imports (default: 2 at once, 8 waiting, then "busy, try again"). */
  fileWork?: FileWorkQueue;
}

/** Log configuration that can never print a cookie, a password or a request body. */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  if (level === 'silent') return false;
  return {
    level,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', 'req.body', '*.password'],
      censor: '[redacted]',
    },
    serializers: {
      // Query strings of tRPC GETs carry inputs (a search term may be a person's name): drop them.
      req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split('?')[0] }),
    },
  };
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger,
    // A hop count becomes the equivalent function (trust only the nearest N proxies).
    trustProxy:
      typeof options.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (options.trustProxy as number)
        : options.trustProxy,
    routerOptions: { maxParamLength: 5000 },
    bodyLimit: 1024 * 1024,
    // A request (an upload's body included) must arrive within 5 minutes, Node's own default,
    // which Fastify turns off: a body sent byte by byte cannot hold a file-work turn for ever.
    requestTimeout: 300_000,
  });

  // Whatever escapes: a plain message, never a stack. Set before any plugin registers so that
  // every encapsulated scope (the API included) inherits it.
  app.setErrorHandler((error: { statusCode?: number; message?: string }, request, reply) => {
    // A storage fault (full disk, read-only or missing database): a true message, the same body
    // as a tRPC error, and the cause and file in the log.
    const storage = storageFaultAnswer(error);
    if (storage && isDatabaseFault(error)) {
      request.log.error(storageFaultLog(error), error.message);
      if (storage.retryAfterSeconds) void reply.header('retry-after', String(storage.retryAfterSeconds));
      return reply.code(storage.status).send({
        error: {
          message: storage.message,
          data: { appCode: storage.appCode, fieldErrors: null, retryAfterSeconds: storage.retryAfterSeconds },
        },
      });
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).send({ error: status === 500 ? 'Internal error' : (error.message ?? 'Bad request') });
  });

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Mantine writes CSS variables into style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: false,
  });

  // API answers and downloads carry participant data and session state: no browser or proxy may
  // keep a copy. Every /trpc answer (refusals and errors included, so no procedure can be
  // forgotten) is no-store; a /files answer keeps its own stricter value ("private, no-store").
  app.addHook('onSend', async (request, reply, payload) => {
    const url = request.url;
    if (url === '/trpc' || url.startsWith('/trpc/') || url.startsWith('/trpc?')) {
      reply.header('cache-control', 'no-store');
    } else if (url.startsWith('/files/') && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });

  // For a load balancer, a supervisor or a person: is the server up, and does the database take
  // writes? Only a word for the database's state; the cause, with the file, goes to the log.
  app.get('/healthz', async (request, reply) => {
    const database = await probeDatabaseWritable(options.db);
    reply.header('cache-control', 'no-store');
    if (database === 'writable') return { ok: true, database };
    request.log.warn({ database }, 'health check: the database does not take writes');
    return reply.code(503).send({ ok: false, database });
  });

  const fileWork = options.fileWork ?? createFileWorkQueue();

  await app.register(async (api) => {
    api.addHook('onRequest', refuseCrossSiteMutations);
    await api.register(fastifyTRPCPlugin, {
      prefix: '/trpc',
      trpcOptions: {
        router: appRouter,
        // The web client batches at most this many calls (apps/web/src/lib/trpc.ts).
        maxBatchSize: 10,
        createContext: ({ req, res }) => {
          const secure = options.cookieSecure === 'auto' ? req.protocol === 'https' : options.cookieSecure;
          return createInnerContext({
            db: options.db,
            sessionToken: req.cookies[sessionCookieName] ?? null,
            clientAddress: req.ip,
            sessionLifetimeMs: options.sessionLifetimeMs,
            secretKey: options.secretKey,
            setSessionCookie: (token, expiresAt) => {
              void res.setCookie(sessionCookieName, token, {
                httpOnly: true,
                sameSite: 'lax',
                secure,
                path: '/',
                expires: expiresAt,
              });
            },
            clearSessionCookie: () => {
              void res.clearCookie(sessionCookieName, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
            },
            warn: (message) => req.log.warn(message),
          });
        },
        responseMeta({ errors }) {
          const limited = errors.find((e) => e.code === 'TOO_MANY_REQUESTS');
          const retryAfter =
            (limited?.cause as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ??
            errors.map((e) => storageFaultAnswer(e.cause)?.retryAfterSeconds).find((s) => s);
          return retryAfter ? { headers: { 'retry-after': String(retryAfter) } } : {};
        },
        onError({ error, path, req }) {
          // Only the code and procedure: inputs and messages may hold personal data.
          if (isDatabaseFault(error.cause)) {
            // The cause and the database file, for the operator (no value, no parameter).
            req.log.error({ path, ...storageFaultLog(error.cause) }, error.cause.message);
          } else if (error.code === 'INTERNAL_SERVER_ERROR') {
            req.log.error({ path, code: error.code, err: error.cause ?? error }, 'procedure failed');
          } else {
            req.log.info({ path, code: error.code }, 'procedure refused');
          }
        },
      } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
    });
  });

  await registerFileRoutes(app, {
    db: options.db,
    sessionLifetimeMs: options.sessionLifetimeMs,
    cookieName: sessionCookieName,
    fileWork,
  });
  await registerImportRoutes(app, {
    db: options.db,
    sessionLifetimeMs: options.sessionLifetimeMs,
    cookieName: sessionCookieName,
    secretKey: options.secretKey,
    fileWork,
  });

  await registerReportRoutes(app, {
    db: options.db,
    sessionLifetimeMs: options.sessionLifetimeMs,
    secretKey: options.secretKey,
    cookieName: sessionCookieName,
  });

  const webRoot = options.webRoot;
  if (webRoot && existsSync(path.join(webRoot, 'index.html'))) {
    await registerWebApp(app, webRoot);
  }

  return app;
}
