import fastifyMultipart from '@fastify/multipart';
import {
  downloadMatchEvidence,
  downloadReceipt,
  httpStatusOf,
  ledgerFileUploadActor,
  uploadMatchEvidence,
  uploadReceipt,
} from '@tessera/api';
import type { Db } from '@tessera/db';
import { DomainError, isDomainError, receiptPolicy } from '@tessera/domain';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FileWorkQueue } from './file-work';
import { refuseCrossSite } from './security';

/** Same shape as a tRPC error body, so the web app reads both alike. */
export function sendError(reply: FastifyReply, error: DomainError) {
  if (error.retryAfterSeconds) reply.header('retry-after', String(error.retryAfterSeconds));
  return reply.code(httpStatusOf(error.code)).send({
    error: {
      message: error.message,
      data: {
        appCode: error.code,
        fieldErrors: error.fieldErrors ?? null,
        retryAfterSeconds: error.retryAfterSeconds ?? null,
      },
    },
  });
}

function tooLarge(): DomainError {
  return new DomainError('VALIDATION', `A file may be at most ${receiptPolicy.maxBytes / 1024 / 1024} MB.`, {
    fieldErrors: { file: [`validation.fileTooLarge?max=${receiptPolicy.maxBytes / 1024 / 1024}`] },
  });
}

/** `Content-Disposition` with the original name kept safely (RFC 6266 / 5987). */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Receipt and match evidence upload (multipart, one `file` field) and download. Uploads pass the same cross-site
 * guard as the API, with multipart as the one accepted type; both check the session and role.
 */
export async function registerFileRoutes(
  app: FastifyInstance,
  options: { db: Db; sessionLifetimeMs: number; cookieName: string; fileWork: FileWorkQueue },
) {
  await app.register(async (files) => {
    files.addHook('onRequest', refuseCrossSite('multipart/form-data'));
    await files.register(fastifyMultipart, {
      limits: { fileSize: receiptPolicy.maxBytes, files: 1, fields: 0, parts: 1 },
    });
    const session = (cookies: Record<string, string | undefined>) => cookies[options.cookieName] ?? null;
    const clock = () => ({ now: new Date(), sessionLifetimeMs: options.sessionLifetimeMs });

    type Auth = { now: Date; sessionLifetimeMs: number };
    const kinds = [
      {
        path: '/files/receipts/:id',
        upload: async (token: string | null, id: string, fileName: string, content: Uint8Array, auth: Auth) => ({
          expenditure: await uploadReceipt(options.db, token, { expenditureId: id, fileName, content }, auth),
        }),
        download: (token: string | null, id: string, auth: Auth) => downloadReceipt(options.db, token, id, auth),
      },
      {
        path: '/files/match-evidence/:id',
        upload: async (token: string | null, id: string, fileName: string, content: Uint8Array, auth: Auth) => ({
          contribution: await uploadMatchEvidence(options.db, token, { contributionId: id, fileName, content }, auth),
        }),
        download: (token: string | null, id: string, auth: Auth) => downloadMatchEvidence(options.db, token, id, auth),
      },
    ];

    for (const kind of kinds) {
      files.post<{ Params: { id: string } }>(kind.path, async (request, reply) => {
        let release: (() => void) | null = null;
        try {
          // Who may upload is known from the cookie: only then is a turn taken and the body read.
          await ledgerFileUploadActor(options.db, session(request.cookies), clock());
          release = await options.fileWork.acquire();
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
          // Busboy may finish the stream before it reports the limit: a cut-off file is refused too.
          if (part.file.truncated) throw tooLarge();
          return await kind.upload(
            session(request.cookies),
            request.params.id,
            part.filename,
            new Uint8Array(content),
            clock(),
          );
        } catch (error) {
          if (isDomainError(error)) return sendError(reply, error);
          const code = (error as { code?: string }).code;
          if (code === 'FST_REQ_FILE_TOO_LARGE') return sendError(reply, tooLarge());
          if (code?.startsWith('FST_')) {
            return sendError(
              reply,
              new DomainError('VALIDATION', 'The upload could not be read.', {
                fieldErrors: { file: ['validation.invalid'] },
              }),
            );
          }
          throw error;
        } finally {
          release?.();
        }
      });

      files.get<{ Params: { id: string } }>(kind.path, async (request, reply) => {
        try {
          const file = await kind.download(session(request.cookies), request.params.id, clock());
          return reply
            .header('content-type', file.contentType)
            .header('content-disposition', attachmentHeader(file.fileName))
            .header('cache-control', 'private, no-store')
            .header('x-content-type-options', 'nosniff')
            .send(Buffer.from(file.content));
        } catch (error) {
          if (isDomainError(error)) return sendError(reply, error);
          throw error;
        }
      });
    }
  });
}
