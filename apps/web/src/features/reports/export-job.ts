import type { Locale, ReportFormat } from '@tessera/domain';

/**
 * Exports of a report pack run as jobs on the server (apps/server, `/files/reports`):
 *
 *   POST /files/reports/:packId/exports  {"format", "locale"}  → 202 {"jobId"}
 *   GET  /files/reports/exports/:jobId                       → {"state","done","total","fileName","error"}
 *   GET  /files/reports/exports/:jobId/download              → the file, as an attachment
 *
 * Same session cookie and CSRF header as the import endpoint. This module holds the client's
 * side: the calls, the checking of answers, and the state machine the export menu follows
 * (idle → starting → running → done | failed), all without React so it is tested on its own.
 */

export interface JobStatus {
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  fileName: string | null;
  error: string | null;
}

export type ExportState =
  | { phase: 'idle' }
  | { phase: 'starting'; format: ReportFormat }
  | { phase: 'running'; format: ReportFormat; jobId: string; done: number; total: number; polls: number }
  | { phase: 'done'; format: ReportFormat; jobId: string; fileName: string | null }
  | { phase: 'failed'; format: ReportFormat; jobId: string | null; error: unknown };

export type ExportEvent =
  | { type: 'start'; format: ReportFormat }
  | { type: 'accepted'; jobId: string }
  | { type: 'status'; jobId: string; status: JobStatus }
  | { type: 'error'; error: unknown }
  | { type: 'reset' };

export const idleExport: ExportState = { phase: 'idle' };

/** A failure in the shape `readAppError` understands, so `ErrorAlert` translates it. */
export function exportFailure(
  appCode: string,
  message: string,
  fieldErrors: Record<string, string[]> | null = null,
): Error & { data: { appCode: string; fieldErrors: Record<string, string[]> | null; retryAfterSeconds: null } } {
  return Object.assign(new Error(message), { data: { appCode, fieldErrors, retryAfterSeconds: null } });
}

export function isBusy(state: ExportState): boolean {
  return state.phase === 'starting' || state.phase === 'running';
}

export function exportReducer(state: ExportState, event: ExportEvent): ExportState {
  switch (event.type) {
    case 'start':
      // One export at a time: a second start while one runs is ignored.
      return isBusy(state) ? state : { phase: 'starting', format: event.format };
    case 'accepted':
      if (state.phase !== 'starting') return state;
      return { phase: 'running', format: state.format, jobId: event.jobId, done: 0, total: 0, polls: 0 };
    case 'status': {
      // An answer for a job we no longer follow (reset, or a newer job) changes nothing.
      if (state.phase !== 'running' || state.jobId !== event.jobId) return state;
      const { status } = event;
      if (status.state === 'done') {
        return { phase: 'done', format: state.format, jobId: state.jobId, fileName: status.fileName };
      }
      if (status.state === 'failed') {
        return {
          phase: 'failed',
          format: state.format,
          jobId: state.jobId,
          error: exportFailure('INTERNAL', status.error ?? 'The export failed.'),
        };
      }
      return { ...state, done: status.done, total: status.total, polls: state.polls + 1 };
    }
    case 'error':
      if (state.phase !== 'starting' && state.phase !== 'running') return state;
      return {
        phase: 'failed',
        format: state.format,
        jobId: state.phase === 'running' ? state.jobId : null,
        error: event.error,
      };
    case 'reset':
      return idleExport;
  }
}

/** The progress bar's value, 0–100; null while the total is not known yet (an animated bar). */
export function progressPercent(state: ExportState): number | null {
  if (state.phase === 'done') return 100;
  if (state.phase !== 'running' || state.total <= 0) return null;
  return Math.min(100, Math.max(0, (state.done / state.total) * 100));
}

/** Polls quickly at first (small packs finish in a moment), then every two seconds. */
export function pollDelay(polls: number): number {
  return Math.min(2000, 300 + polls * 250);
}

export function exportsUrl(packId: string): string {
  return `/files/reports/${encodeURIComponent(packId)}/exports`;
}

export function jobUrl(jobId: string): string {
  return `/files/reports/exports/${encodeURIComponent(jobId)}`;
}

export function downloadUrl(jobId: string): string {
  return `${jobUrl(jobId)}/download`;
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isTextOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';

function malformed(): Error {
  return exportFailure('INTERNAL', 'The server’s answer could not be read.');
}

/** A job's status, checked field by field; throws on anything else. */
export function parseJobStatus(value: unknown): JobStatus {
  const v = value as Partial<Record<keyof JobStatus, unknown>> | null;
  if (
    !v ||
    (v.state !== 'running' && v.state !== 'done' && v.state !== 'failed') ||
    !isCount(v.done) ||
    !isCount(v.total) ||
    !isTextOrNull(v.fileName ?? null) ||
    !isTextOrNull(v.error ?? null)
  ) {
    throw malformed();
  }
  return {
    state: v.state,
    done: v.done,
    total: v.total,
    fileName: (v.fileName as string | null | undefined) ?? null,
    error: (v.error as string | null | undefined) ?? null,
  };
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** A refusal's JSON body (`{"error":{"message","data":{"appCode","fieldErrors"}}}`) as a failure. */
async function refusal(response: Response): Promise<Error> {
  const json = (await response.json().catch(() => null)) as {
    error?: { message?: string; data?: { appCode?: string; fieldErrors?: Record<string, string[]> | null } };
  } | null;
  const data = json?.error?.data;
  if (data?.appCode) return exportFailure(data.appCode, json?.error?.message ?? '', data.fieldErrors ?? null);
  const byStatus: Record<number, string> = {
    400: 'VALIDATION',
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    429: 'RATE_LIMITED',
  };
  return exportFailure(byStatus[response.status] ?? 'INTERNAL', `Export failed (${response.status})`);
}

async function send(fetchFn: Fetch, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetchFn(url, { ...init, credentials: 'same-origin' });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw exportFailure('NETWORK', 'Failed to fetch');
  }
}

/** Starts an export; resolves with the job's id. */
export async function startExport(
  packId: string,
  format: ReportFormat,
  locale: Locale,
  options: { fetch?: Fetch; signal?: AbortSignal } = {},
): Promise<string> {
  const response = await send(options.fetch ?? fetch, exportsUrl(packId), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tessera-request': '1' },
    body: JSON.stringify({ format, locale }),
    signal: options.signal ?? null,
  });
  if (!response.ok) throw await refusal(response);
  const json = (await response.json().catch(() => null)) as { jobId?: unknown } | null;
  if (typeof json?.jobId !== 'string' || json.jobId === '') throw malformed();
  return json.jobId;
}

/** An export in a funder's template (ADR 0027): the same job, filled in the template's language. */
export async function startTemplateExport(
  packId: string,
  templateId: string,
  options: { fetch?: Fetch; signal?: AbortSignal } = {},
): Promise<string> {
  const response = await send(options.fetch ?? fetch, exportsUrl(packId), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tessera-request': '1' },
    body: JSON.stringify({ templateId }),
    signal: options.signal ?? null,
  });
  if (!response.ok) throw await refusal(response);
  const json = (await response.json().catch(() => null)) as { jobId?: unknown } | null;
  if (typeof json?.jobId !== 'string' || json.jobId === '') throw malformed();
  return json.jobId;
}

export async function fetchJobStatus(
  jobId: string,
  options: { fetch?: Fetch; signal?: AbortSignal } = {},
): Promise<JobStatus> {
  const response = await send(options.fetch ?? fetch, jobUrl(jobId), {
    method: 'GET',
    headers: { 'x-tessera-request': '1' },
    signal: options.signal ?? null,
  });
  if (!response.ok) throw await refusal(response);
  return parseJobStatus(await response.json().catch(() => null));
}
