import type { ImportProgress } from '@tessera/domain';
import { describe, expect, it } from 'vitest';
import { readAppError } from '../../lib/errors';
import { parseImportLine, readImportStream, splitLines } from './import-stream';

const encoder = new TextEncoder();

/** A response body that delivers `chunks` one read at a time, as a slow network would. */
function bodyOf(chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

const result = {
  type: 'result',
  mode: 'preview',
  ok: true,
  summary: { rows: 3, created: 2, updated: 1, unchanged: 0, enrolled: 0 },
  problems: [],
  problemCount: 0,
};

async function read(chunks: (string | Uint8Array)[]) {
  const progress: ImportProgress[] = [];
  const outcome = await readImportStream(bodyOf(chunks), (p) => progress.push(p));
  return { progress, outcome };
}

describe('splitLines', () => {
  it('keeps an unfinished line for the next chunk', () => {
    expect(splitLines('', '{"a":1}\n{"b"')).toEqual({ lines: ['{"a":1}'], rest: '{"b"' });
    expect(splitLines('{"b"', ':2}\n')).toEqual({ lines: ['{"b":2}'], rest: '' });
    expect(splitLines('', 'no newline yet')).toEqual({ lines: [], rest: 'no newline yet' });
  });
});

describe('readImportStream', () => {
  it('reports progress, then resolves with the result, whatever the chunk boundaries', async () => {
    const text = [
      '{"type":"progress","phase":"reading","done":120,"total":120}',
      '{"type":"progress","phase":"checking","done":500,"total":1000}',
      '{"type":"progress","phase":"checking","done":1000,"total":1000}',
      JSON.stringify(result),
    ]
      .map((line) => `${line}\n`)
      .join('');
    const expected = {
      progress: [
        { phase: 'reading', done: 120, total: 120 },
        { phase: 'checking', done: 500, total: 1000 },
        { phase: 'checking', done: 1000, total: 1000 },
      ],
      outcome: { mode: 'preview', ok: true, summary: result.summary, problems: [], problemCount: 0 },
    };

    expect(await read([text])).toEqual(expected);
    // Cut every few characters, so lines (and JSON tokens) straddle chunks.
    const pieces = text.match(/[\s\S]{1,7}/g) ?? [];
    expect(await read(pieces)).toEqual(expected);
    // The last line without its newline still counts.
    expect((await read([text.trimEnd()])).outcome).toEqual(expected.outcome);
  });

  it('decodes a character split between two chunks', async () => {
    const line = `${JSON.stringify({ ...result, problems: [{ row: 2, column: 'код', message: 'validation.required' }], problemCount: 1 })}\n`;
    const bytes = encoder.encode(line);
    const at = bytes.indexOf(0xd0) + 1; // inside the first two-byte Cyrillic letter
    const { outcome } = await read([bytes.slice(0, at), bytes.slice(at)]);
    expect(outcome.problems).toEqual([{ row: 2, column: 'код', message: 'validation.required' }]);
  });

  it('keeps only row, column and message of a problem', async () => {
    const line = JSON.stringify({
      ...result,
      ok: false,
      problems: [{ row: 7, column: 'minutes', message: 'validation.minutesOverSession?minutes=300', value: '999' }],
      problemCount: 612,
    });
    const { outcome } = await read([`${line}\n`]);
    expect(outcome.problems).toEqual([
      { row: 7, column: 'minutes', message: 'validation.minutesOverSession?minutes=300' },
    ]);
    expect(outcome.problemCount).toBe(612);
  });

  it('rejects with the app code of an error line, after the progress before it', async () => {
    const progress: ImportProgress[] = [];
    const failed = readImportStream(
      bodyOf([
        '{"type":"progress","phase":"writing","done":500,"total":900}\n{"type":"error","appCode":"CONF',
        'LICT","message":"x"}\n',
      ]),
      (p) => progress.push(p),
    );
    const error = await failed.catch((e: unknown) => e);
    expect(readAppError(error)?.appCode).toBe('CONFLICT');
    expect(progress).toEqual([{ phase: 'writing', done: 500, total: 900 }]);
  });

  it('treats an answer that stops before its result as a lost connection', async () => {
    const error = await read(['{"type":"progress","phase":"checking","done":1,"total":9}\n']).catch((e: unknown) => e);
    expect(readAppError(error)?.appCode).toBe('NETWORK');
  });

  it('refuses a line it cannot read', async () => {
    const error = await read(['<html>proxy error</html>\n']).catch((e: unknown) => e);
    expect(readAppError(error)?.appCode).toBe('INTERNAL');
    expect(() => parseImportLine('{"type":"progress","phase":"flying","done":1,"total":2}')).toThrow();
    expect(parseImportLine('   ')).toBeNull();
  });
});
