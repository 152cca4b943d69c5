import { randomBytes } from 'node:crypto';
import {
  checkExportRequest,
  exportContent,
  fillExport,
  renderExport,
  reportActor,
  submittedFile,
  templateExportInputs,
} from '@tessera/api';
import type { Db } from '@tessera/db';
import { type Actor, DomainError, isDomainError, type ReportFormat } from '@tessera/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { attachmentHeader, sendError } from './files';
import { refuseCrossSite } from './security';

/**
 * Report pack exports as background jobs, so a large period shows progress and is downloaded
 * when ready (docs/decisions/0011-report-packs.md).
 *
 * `POST /files/reports/:packId/exports` — JSON body `{ "format": "pdf"|"xlsx"|"csv"|"sf425"|"eu",
 * "locale"?: "en"|"mk"|"sv"|"sq" }` or `{ "templateId": … }` (a funder's template of the pack's grant or
 * its funder, filled in the template's language: ADR 0027), with the `x-tessera-request: 1` header, same origin, and a
 * session whose role holds `report.read`. Answers 202 `{ "jobId": … }`; a refusal before the job
 * starts (unknown pack, wrong format, SF-425 for a grant that is not a U.S. federal award) is the
 * usual JSON error with field errors.
 *
 * `GET /files/reports/exports/:jobId` — `{ "state": "running"|"done"|"failed", "done", "total",
 * "fileName", "error" }`. `GET /files/reports/exports/:jobId/download` — the file, as an
 * attachment. Only the user who started a job (in the same organisation) can see it; a job and
 * its file are forgotten 15 minutes after it ends. Nothing of the file is logged.
 *
 * A submitted pack is frozen (ADR 0011, "Frozen packs"): its export jobs draw the content as it
 * was sent, and `GET /files/reports/:packId/files/:fileId` serves a file kept at submission byte
 * for byte (listed by `reports.files`), to any role that may read report packs.
 */

interface ExportJob {
  id: string;
  userId: string | null;
  orgId: string;
  format: ReportFormat | 'template';
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  fileName: string | null;
  contentType: string | null;
  bytes: Uint8Array | null;
  error: { appCode: string; message: string } | null;
  endedAt: number | null;
}

const keepForMs = 15 * 60 * 1000;
const runningPerUser = 3;
/** Finished files kept per user (the oldest goes first) and in the whole process. */
const keptPerUser = 10;
const keptBytesInAll = 200 * 1024 * 1024;

function notFound(): DomainError {
  return new DomainError('NOT_FOUND', 'No such export. Exports are kept for 15 minutes.');
}

export async function registerReportRoutes(
  app: FastifyInstance,
  options: { db: Db; sessionLifetimeMs: number; cookieName: string; secretKey: Uint8Array },
) {
  const jobs = new Map<string, ExportJob>();
  const sweep = () => {
    const now = Date.now();
    for (const [id, job] of jobs) if (job.endedAt !== null && now - job.endedAt > keepForMs) jobs.delete(id);
    // Map order is creation order: drop the oldest finished files beyond the caps.
    const ended = [...jobs.values()].filter((j) => j.endedAt !== null);
    const perUser = new Map<string, number>();
    for (const job of [...ended].reverse()) {
      const key = `${job.orgId}/${job.userId}`;
      const seen = (perUser.get(key) ?? 0) + 1;
      perUser.set(key, seen);
      if (seen > keptPerUser) jobs.delete(job.id);
    }
    let bytes = [...jobs.values()].reduce((sum, j) => sum + (j.bytes?.byteLength ?? 0), 0);
    for (const job of ended) {
      if (bytes <= keptBytesInAll) break;
      if (!jobs.has(job.id)) continue;
      bytes -= job.bytes?.byteLength ?? 0;
      jobs.delete(job.id);
    }
  };
  const timer = setInterval(sweep, 60_000);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));

  const actorOf = (request: FastifyRequest) =>
    reportActor(options.db, request.cookies[options.cookieName] ?? null, {
      now: new Date(),
      sessionLifetimeMs: options.sessionLifetimeMs,
    });

  async function jobOf(request: FastifyRequest<{ Params: { jobId: string } }>): Promise<ExportJob> {
    const actor: Actor = await actorOf(request);
    sweep();
    const job = jobs.get(request.params.jobId);
    if (!job || job.orgId !== actor.orgId || job.userId !== actor.userId) throw notFound();
    return job;
  }

  await app.register(async (routes) => {
    routes.addHook('onRequest', refuseCrossSite('application/json'));

    routes.post<{
      Params: { packId: string };
      Body: { format?: unknown; locale?: unknown; templateId?: unknown } | null;
    }>('/files/reports/:packId/exports', async (request, reply) => {
      try {
        const actor = await actorOf(request);
        const body = request.body ?? {};
        const templateId = typeof body.templateId === 'string' && body.templateId !== '' ? body.templateId : null;
        const { format, locale } = templateId
          ? { format: 'template' as const, locale: undefined }
          : checkExportRequest(body);
        sweep();
        const running = [...jobs.values()].filter(
          (j) => j.orgId === actor.orgId && j.userId === actor.userId && j.state === 'running',
        );
        if (running.length >= runningPerUser) {
          throw new DomainError('RATE_LIMITED', 'Wait for your other exports to finish first.');
        }
        const job: ExportJob = {
          id: randomBytes(16).toString('hex'),
          userId: actor.userId,
          orgId: actor.orgId,
          format,
          state: 'running',
          done: 0,
          total: 1,
          fileName: null,
          contentType: null,
          bytes: null,
          error: null,
          endedAt: null,
        };
        // Counted as running from here, so parallel requests meet the limit.
        jobs.set(job.id, job);
        // Refusals that need the pack (not found, SF-425 for another funder) answer now.
        let render: () => Promise<{ bytes: Uint8Array; fileName: string; contentType: string }>;
        try {
          if (templateId !== null) {
            const inputs = await templateExportInputs(
              options.db,
              actor,
              options,
              { packId: request.params.packId, templateId },
              new Date(),
            );
            render = () => fillExport(inputs.content, inputs.template);
          } else {
            const reportFormat = format as ReportFormat;
            const content = await exportContent(
              options.db,
              actor,
              options,
              { id: request.params.packId, format: reportFormat, locale },
              new Date(),
            );
            render = () =>
              renderExport(content, reportFormat, (done, total) => {
                job.done = done;
                job.total = total;
              });
          }
        } catch (error) {
          jobs.delete(job.id);
          throw error;
        }
        void render().then(
          (file) => {
            job.state = 'done';
            job.done = job.total;
            job.fileName = file.fileName;
            job.contentType = file.contentType;
            job.bytes = file.bytes;
            job.endedAt = Date.now();
          },
          (error: unknown) => {
            job.state = 'failed';
            job.endedAt = Date.now();
            if (isDomainError(error)) {
              job.error = { appCode: error.code, message: error.message };
            } else {
              request.log.error({ err: error, format }, 'report export failed');
              job.error = { appCode: 'INTERNAL', message: 'Internal error' };
            }
          },
        );
        return reply.code(202).header('cache-control', 'no-store').send({ jobId: job.id });
      } catch (error) {
        if (isDomainError(error)) return sendError(reply, error);
        throw error;
      }
    });

    routes.get<{ Params: { jobId: string } }>('/files/reports/exports/:jobId', async (request, reply) => {
      try {
        const job = await jobOf(request);
        return reply.header('cache-control', 'no-store').send({
          state: job.state,
          done: job.done,
          total: job.total,
          fileName: job.fileName,
          error: job.error?.message ?? null,
        });
      } catch (error) {
        if (isDomainError(error)) return sendError(reply, error);
        throw error;
      }
    });

    routes.get<{ Params: { packId: string; fileId: string } }>(
      '/files/reports/:packId/files/:fileId',
      async (request, reply) => {
        try {
          const actor = await actorOf(request);
          const file = await submittedFile(options.db, actor, options, request.params);
          return reply
            .header('content-type', file.contentType)
            .header('content-disposition', attachmentHeader(file.fileName))
            .header('cache-control', 'private, no-store')
            .header('x-content-type-options', 'nosniff')
            .header('x-tessera-sha256', file.sha256)
            .send(Buffer.from(file.bytes));
        } catch (error) {
          if (isDomainError(error)) return sendError(reply, error);
          throw error;
        }
      },
    );

    routes.get<{ Params: { jobId: string } }>('/files/reports/exports/:jobId/download', async (request, reply) => {
      try {
        const job = await jobOf(request);
        if (job.state !== 'done' || !job.bytes || !job.fileName) {
          throw new DomainError(
            'CONFLICT',
            job.state === 'failed' ? 'This export failed.' : 'This export is not ready yet.',
          );
        }
        return (reply as FastifyReply)
          .header('content-type', job.contentType ?? 'application/octet-stream')
          .header('content-disposition', attachmentHeader(job.fileName))
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .send(Buffer.from(job.bytes));
      } catch (error) {
        if (isDomainError(error)) return sendError(reply, error);
        throw error;
      }
    });
  });
}
