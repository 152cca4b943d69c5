import { PassThrough } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import {
  commitImport,
  type ImportFile,
  importActor,
  organizationImportTemplateCsv,
  parseImportFile,
  previewImport,
  storageFaultAnswer,
  storageFaultLog,
} from '@tessera/api';
import { type Db, isDatabaseFault } from '@tessera/db';
import {
  type Actor,
  DomainError,
  type ImportKind,
  type ImportProgress,
  importKinds,
  importLimits,
  isDomainError,
} from '@tessera/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FileWorkQueue } from './file-work';
import { sendError } from './files';
import { refuseCrossSite } from './security';

/**
 * Importing participants and attendance over HTTP.
 *
 * `POST /files/imports/:kind?mode=preview|commit` — kind `participants` or `attendance`; mode
 * defaults to `preview`. Body: multipart/form-data with one file field (`file`), a CSV (UTF-8;
 * `,` `;` or tab separated) or XLSX of at most 10 MB and 50,000 rows. Like every upload it needs
 * the `x-tessera-request: 1` header and a same-origin request; the session's role must have
 * `participant.write` (admin, coordinator).
 *
 * Refusals before any work starts (no session, wrong role, unknown kind, no file, too large,
 * not CSV/XLSX, no rows) answer with the usual JSON error body and status, as the receipt upload:
 * `{"error":{"message":…,"data":{"appCode":…,"fieldErrors":{"file":["validation.…"]}|null,…}}}`.
 *
 * Otherwise the answer is 200 with `content-type: application/x-ndjson`, one JSON object per line,
 * streamed as the work goes on:
 *
 *   {"type":"progress","phase":"reading"|"checking"|"writing","done":500,"total":10000}
 *   …
 *   {"type":"result","mode":"preview"|"commit","ok":true|false,
 *    "summary":{"rows":n,"created":n,"updated":n,"unchanged":n,"enrolled":n},
 *    "problems":[{"row":7,"column":"minutes","message":"validation.minutesOverSession?minutes=300"},…],
 *    "problemCount":n}
 *
 * `problems` holds the first 500 problems in file order (row 1 is the header, the first data row
 * is 2; `column` is null for a whole-row or header problem); `problemCount` is how many there are.
 * Messages are translation keys and never hold a cell's value. A preview writes nothing and its
 * summary says what a commit would do. A commit writes only when `ok` is true, all in one
 * transaction; with any problem it writes nothing (counts 0). Should the work fail after the
 * stream began, the last line is `{"type":"error","appCode":…,"message":…}` and nothing was written.
 *
 * `GET /files/imports/:kind/template.csv` — the columns (with the organisation's `attr:<key>`
 * columns) and one example row, as a CSV download. Same session and role check.
 */

const shownProblems = 500;

function isImportKind(value: string): value is ImportKind {
  return (importKinds as readonly string[]).includes(value);
}

function tooLarge(): DomainError {
  const mb = importLimits.maxBytes / 1024 / 1024;
  return new DomainError('VALIDATION', `An import file may be at most ${mb} MB.`, {
    fieldErrors: { file: [`validation.fileTooLarge?max=${mb}`] },
  });
}

function unreadableUpload(): DomainError {
  return new DomainError('VALIDATION', 'The upload could not be read.', {
    fieldErrors: { file: ['validation.invalid'] },
  });
}

function kindOf(value: string): ImportKind {
  if (!isImportKind(value)) throw new DomainError('NOT_FOUND', 'Imports are of participants or attendance.');
  return value;
}

export async function registerImportRoutes(
  app: FastifyInstance,
  options: { db: Db; sessionLifetimeMs: number; cookieName: string; secretKey: Uint8Array; fileWork: FileWorkQueue },
) {
  const keys = { secretKey: options.secretKey };
  await app.register(async (imports) => {
    imports.addHook('onRequest', refuseCrossSite('multipart/form-data'));
    await imports.register(fastifyMultipart, {
      limits: { fileSize: importLimits.maxBytes, files: 1, fields: 0, parts: 1 },
    });
    const actorOf = (request: FastifyRequest) =>
      importActor(options.db, request.cookies[options.cookieName] ?? null, {
        now: new Date(),
        sessionLifetimeMs: options.sessionLifetimeMs,
      });

    /**
     * Everything that can be refused before the answer starts streaming. The caller holds a turn
     * of the file-work queue (taken here, after the session check and before the body is read)
     * from `acquired` until the import is done.
     */
    async function receive(
      request: FastifyRequest<{ Params: { kind: string }; Querystring: { mode?: string } }>,
      acquired: (release: () => void) => void,
    ): Promise<{ actor: Actor; kind: ImportKind; mode: 'preview' | 'commit'; file: ImportFile; size: number }> {
      const kind = kindOf(request.params.kind);
      const mode = request.query.mode ?? 'preview';
      if (mode !== 'preview' && mode !== 'commit') {
        throw new DomainError('VALIDATION', 'mode is preview or commit.', {
          fieldErrors: { mode: ['validation.invalidChoice'] },
        });
      }
      const actor = await actorOf(request);
      acquired(await options.fileWork.acquire());
      const part = await request.file();
      if (!part) {
        throw new DomainError('VALIDATION', 'Choose a file.', { fieldErrors: { file: ['validation.required'] } });
      }
      let content: Buffer;
      try {
        content = await part.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
        throw error;
      }
      // Busboy may end the stream before it reports the limit: a cut-off file is refused too.
      if (part.file.truncated) throw tooLarge();
      const file = await parseImportFile(new Uint8Array(content), part.filename);
      return { actor, kind, mode, file, size: content.byteLength };
    }

    imports.post<{ Params: { kind: string }; Querystring: { mode?: string } }>(
      '/files/imports/:kind',
      async (request, reply) => {
        let release = () => {};
        let received: Awaited<ReturnType<typeof receive>>;
        try {
          received = await receive(request, (r) => {
            release = r;
          });
        } catch (error) {
          release();
          if (isDomainError(error)) return sendError(reply, error);
          const code = (error as { code?: string }).code;
          if (code === 'FST_REQ_FILE_TOO_LARGE') return sendError(reply, tooLarge());
          if (code?.startsWith('FST_')) return sendError(reply, unreadableUpload());
          throw error;
        }
        const { actor, kind, mode, file, size } = received;
        const stream = new PassThrough();
        // A client that goes away mid-import must not crash the server; the import still finishes
        // (a commit lands whole, as if the answer had been read).
        stream.on('error', () => {});
        const line = (value: unknown) => {
          if (!stream.destroyed && !stream.writableEnded) stream.write(`${JSON.stringify(value)}\n`);
        };
        const onProgress = (p: ImportProgress) => line({ type: 'progress', ...p });
        void reply
          .header('content-type', 'application/x-ndjson; charset=utf-8')
          .header('cache-control', 'no-store')
          .header('x-content-type-options', 'nosniff')
          .send(stream);
        void (async () => {
          try {
            line({ type: 'progress', phase: 'reading', done: size, total: size });
            const outcome =
              mode === 'commit'
                ? await options.db
                    .transaction()
                    .execute((trx) => commitImport(trx, actor, keys, kind, file, onProgress))
                : await previewImport(options.db, actor, keys, kind, file, onProgress);
            line({
              type: 'result',
              mode,
              ok: outcome.ok,
              summary: outcome.summary,
              problems: outcome.problems.slice(0, shownProblems),
              problemCount: outcome.problems.length,
            });
          } catch (error) {
            const storage = storageFaultAnswer(error);
            if (isDomainError(error)) {
              line({ type: 'error', appCode: error.code, message: error.message });
            } else if (storage && isDatabaseFault(error)) {
              request.log.error({ ...storageFaultLog(error), kind, mode }, error.message);
              line({ type: 'error', appCode: storage.appCode, message: storage.message });
            } else {
              // Only the error: the file and its rows are never logged.
              request.log.error({ err: error, kind, mode }, 'import failed');
              line({ type: 'error', appCode: 'INTERNAL', message: 'Internal error' });
            }
          } finally {
            release();
            stream.end();
          }
        })();
        return reply;
      },
    );

    imports.get<{ Params: { kind: string } }>('/files/imports/:kind/template.csv', async (request, reply) => {
      try {
        const kind = kindOf(request.params.kind);
        const actor = await actorOf(request);
        const csv = await organizationImportTemplateCsv(options.db, actor, kind);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${kind}-template.csv"`)
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .send(csv);
      } catch (error) {
        if (isDomainError(error)) return sendError(reply as FastifyReply, error);
        throw error;
      }
    });
  });
}
