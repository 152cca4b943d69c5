import type { ImportProblem, ImportProgress, ImportSummary } from '@tessera/domain';

/**
 * Reading the answer of `POST /files/imports/:kind` (see apps/server/src/imports.ts): one JSON
 * object per line, progress lines while the server works, then one result or error line. No I/O
 * here beyond the stream it is handed, so it is tested without a server.
 */

/** The last line of a successful answer: what the import did or (preview) would do. */
export interface ImportResult {
  mode: 'preview' | 'commit';
  ok: boolean;
  summary: ImportSummary;
  /** The first problems in file order; `problemCount` says how many there are in all. */
  problems: ImportProblem[];
  problemCount: number;
}

export type ImportLine =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'result'; result: ImportResult }
  | { type: 'error'; appCode: string; message: string };

/** A failure in the shape `readAppError` understands, so `ErrorAlert` translates it. */
export function importFailure(
  appCode: string,
  message: string,
  fieldErrors: Record<string, string[]> | null = null,
): Error & { data: { appCode: string; fieldErrors: Record<string, string[]> | null; retryAfterSeconds: null } } {
  return Object.assign(new Error(message), { data: { appCode, fieldErrors, retryAfterSeconds: null } });
}

/**
 * Appends a chunk of text to what is left over from the previous one and returns the complete
 * lines; the unfinished tail waits in `rest` for the next chunk.
 */
export function splitLines(rest: string, chunk: string): { lines: string[]; rest: string } {
  const parts = (rest + chunk).split('\n');
  return { lines: parts.slice(0, -1), rest: parts.at(-1) ?? '' };
}

const phases: readonly ImportProgress['phase'][] = ['reading', 'checking', 'writing'];
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const summaryKeys = ['rows', 'created', 'updated', 'unchanged', 'enrolled'] as const;

function readProblem(value: unknown): ImportProblem {
  const p = value as Partial<ImportProblem> | null;
  if (!p || !isCount(p.row) || typeof p.message !== 'string' || !(p.column === null || typeof p.column === 'string')) {
    throw malformed();
  }
  // Only these three fields are kept: whatever else a line might carry is never shown.
  return { row: p.row, column: p.column, message: p.message };
}

function malformed(): Error {
  return importFailure('INTERNAL', 'The server’s answer could not be read.');
}

/** One line of the answer, checked; null for a blank line. Throws on anything else. */
export function parseImportLine(text: string): ImportLine | null {
  if (text.trim() === '') return null;
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw malformed();
  }
  if (value?.type === 'progress') {
    const phase = value.phase as ImportProgress['phase'];
    if (!phases.includes(phase) || !isCount(value.done) || !isCount(value.total)) throw malformed();
    return { type: 'progress', progress: { phase, done: value.done, total: value.total } };
  }
  if (value?.type === 'result') {
    const summary = value.summary as Record<string, unknown> | null;
    if (
      (value.mode !== 'preview' && value.mode !== 'commit') ||
      typeof value.ok !== 'boolean' ||
      !summary ||
      !summaryKeys.every((key) => isCount(summary[key])) ||
      !Array.isArray(value.problems) ||
      !isCount(value.problemCount)
    ) {
      throw malformed();
    }
    const problems = value.problems.map(readProblem);
    return {
      type: 'result',
      result: {
        mode: value.mode,
        ok: value.ok,
        summary: Object.fromEntries(summaryKeys.map((key) => [key, summary[key]])) as unknown as ImportSummary,
        problems,
        problemCount: Math.max(value.problemCount, problems.length),
      },
    };
  }
  if (value?.type === 'error') {
    return {
      type: 'error',
      appCode: typeof value.appCode === 'string' ? value.appCode : 'INTERNAL',
      message: typeof value.message === 'string' ? value.message : 'Import failed',
    };
  }
  throw malformed();
}

/**
 * Reads the whole answer, calling `onProgress` for each progress line, and resolves with the
 * result line. An error line, a broken line or an answer that stops before its result rejects
 * (with `data.appCode`, as `importFailure`).
 */
export async function readImportStream(
  body: ReadableStream<Uint8Array>,
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportResult> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let rest = '';
  let result: ImportResult | null = null;
  const handle = (text: string): ImportResult | null => {
    const line = parseImportLine(text);
    if (line?.type === 'error') throw importFailure(line.appCode, line.message);
    if (line?.type === 'progress') onProgress(line.progress);
    return line?.type === 'result' ? line.result : null;
  };
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch {
        throw importFailure('NETWORK', 'The connection was lost during the import.');
      }
      if (chunk.done) break;
      const split = splitLines(rest, decoder.decode(chunk.value, { stream: true }));
      rest = split.rest;
      for (const text of split.lines) result = handle(text) ?? result;
    }
    result = handle(rest + decoder.decode()) ?? result;
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  } finally {
    reader.releaseLock();
  }
  if (!result) throw importFailure('NETWORK', 'The answer ended before the import finished.');
  return result;
}
