import { describe, expect, it } from 'vitest';
import { readAppError } from '../../lib/errors';
import {
  downloadUrl,
  type ExportState,
  exportReducer,
  fetchJobStatus,
  idleExport,
  type JobStatus,
  parseJobStatus,
  pollDelay,
  progressPercent,
  startExport,
} from './export-job';

const running = (done: number, total: number): JobStatus => ({
  state: 'running',
  done,
  total,
  fileName: null,
  error: null,
});

describe('exportReducer', () => {
  it('goes idle → starting → running → done', () => {
    let state: ExportState = exportReducer(idleExport, { type: 'start', format: 'pdf' });
    expect(state).toEqual({ phase: 'starting', format: 'pdf' });
    expect(progressPercent(state)).toBeNull();
    state = exportReducer(state, { type: 'accepted', jobId: 'j1' });
    expect(state).toMatchObject({ phase: 'running', jobId: 'j1', done: 0, total: 0 });
    state = exportReducer(state, { type: 'status', jobId: 'j1', status: running(3, 12) });
    expect(progressPercent(state)).toBe(25);
    expect(state).toMatchObject({ polls: 1 });
    state = exportReducer(state, {
      type: 'status',
      jobId: 'j1',
      status: { state: 'done', done: 12, total: 12, fileName: 'report.pdf', error: null },
    });
    expect(state).toEqual({ phase: 'done', format: 'pdf', jobId: 'j1', fileName: 'report.pdf' });
    expect(progressPercent(state)).toBe(100);
  });

  it('fails with a translatable error when the job fails or a call does', () => {
    const started = exportReducer(exportReducer(idleExport, { type: 'start', format: 'xlsx' }), {
      type: 'accepted',
      jobId: 'j2',
    });
    const failed = exportReducer(started, {
      type: 'status',
      jobId: 'j2',
      status: { state: 'failed', done: 1, total: 4, fileName: null, error: 'disk full' },
    });
    expect(failed.phase).toBe('failed');
    expect(failed.phase === 'failed' && readAppError(failed.error)?.appCode).toBe('INTERNAL');
    const offline = exportReducer(exportReducer(idleExport, { type: 'start', format: 'csv' }), {
      type: 'error',
      error: new Error('x'),
    });
    expect(offline).toMatchObject({ phase: 'failed', jobId: null });
  });

  it('ignores a second start, answers for another job, and anything after a reset', () => {
    const starting = exportReducer(idleExport, { type: 'start', format: 'pdf' });
    expect(exportReducer(starting, { type: 'start', format: 'xlsx' })).toBe(starting);
    const run = exportReducer(starting, { type: 'accepted', jobId: 'j3' });
    expect(exportReducer(run, { type: 'status', jobId: 'old', status: running(1, 2) })).toBe(run);
    const reset = exportReducer(run, { type: 'reset' });
    expect(reset).toEqual(idleExport);
    expect(exportReducer(reset, { type: 'status', jobId: 'j3', status: running(1, 2) })).toBe(reset);
    expect(exportReducer(reset, { type: 'error', error: new Error('late') })).toBe(reset);
  });

  it('polls faster at first, then every two seconds', () => {
    expect(pollDelay(0)).toBe(300);
    expect(pollDelay(1)).toBeGreaterThan(pollDelay(0));
    expect(pollDelay(100)).toBe(2000);
  });
});

describe('parseJobStatus', () => {
  it('accepts the contract and refuses anything else', () => {
    expect(parseJobStatus({ state: 'running', done: 1, total: 3, fileName: null, error: null })).toEqual(running(1, 3));
    for (const bad of [null, {}, { state: 'queued', done: 0, total: 0 }, { state: 'done', done: -1, total: 1 }]) {
      expect(() => parseJobStatus(bad)).toThrow();
    }
  });
});

describe('startExport and fetchJobStatus', () => {
  it('posts JSON with the request header and reads the job id', async () => {
    const calls: [string, RequestInit | undefined][] = [];
    const fetchFn = async (url: string, init?: RequestInit) => {
      calls.push([url, init]);
      return new Response(JSON.stringify({ jobId: 'job-1' }), { status: 202 });
    };
    await expect(startExport('pack 1', 'sf425', 'mk', { fetch: fetchFn })).resolves.toBe('job-1');
    const [url, init] = calls[0] ?? [];
    expect(url).toBe('/files/reports/pack%201/exports');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toMatchObject({ 'content-type': 'application/json', 'x-tessera-request': '1' });
    expect(JSON.parse(String(init?.body))).toEqual({ format: 'sf425', locale: 'mk' });
    expect(init?.credentials).toBe('same-origin');
  });

  it('turns refusals and lost connections into app errors', async () => {
    const refused = async () =>
      new Response(JSON.stringify({ error: { message: 'no', data: { appCode: 'FORBIDDEN' } } }), { status: 403 });
    await expect(startExport('p', 'pdf', 'en', { fetch: refused })).rejects.toMatchObject({
      data: { appCode: 'FORBIDDEN' },
    });
    const bare = async () => new Response('gone', { status: 404 });
    await expect(fetchJobStatus('j', { fetch: bare })).rejects.toMatchObject({ data: { appCode: 'NOT_FOUND' } });
    const offline = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(fetchJobStatus('j', { fetch: offline })).rejects.toMatchObject({ data: { appCode: 'NETWORK' } });
  });

  it('names the download by job', () => {
    expect(downloadUrl('a/b')).toBe('/files/reports/exports/a%2Fb/download');
  });
});
