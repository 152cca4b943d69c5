import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './helpers';

/**
 * Issue 15 item 1: the web app's files are sent precompressed (brotli or gzip, made at build) and
 * hashed assets are cached for good, while the page is revalidated on every load so a release is
 * picked up at once. A web root like the build's, with its .br and .gz beside each file.
 */
let server: RunningServer;
let root: string;
const script = `console.log(${JSON.stringify('x'.repeat(4000))});\n`;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'tessera-web-'));
  mkdirSync(path.join(root, 'assets', 'tz-1.0.0', 'Europe'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Tessera</title>');
  for (const file of ['assets/index-abc123.js', 'assets/tz-1.0.0/Europe/Skopje.json']) {
    writeFileSync(path.join(root, file), script);
    writeFileSync(path.join(root, `${file}.br`), brotliCompressSync(script));
    writeFileSync(path.join(root, `${file}.gz`), gzipSync(script));
  }
  server = await startServer({ webRoot: root });
});
afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject);
  });
}

describe('the web app’s files', () => {
  it('sends a hashed asset as brotli when accepted, gzip otherwise, cached immutably', async () => {
    // Raw bytes as sent (fetch would undo the encoding).
    const brotli = await rawGet(`${server.url}/assets/index-abc123.js`, { 'accept-encoding': 'br, gzip' });
    expect(brotli.status).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const body = brotli.body;
    expect(body.byteLength).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(body).toString()).toBe(script);

    const gzip = await fetch(`${server.url}/assets/index-abc123.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(await gzip.text()).toBe(script);

    const time = await fetch(`${server.url}/assets/tz-1.0.0/Europe/Skopje.json`, {
      headers: { 'accept-encoding': 'br' },
    });
    expect(time.status).toBe(200);
    expect(time.headers.get('cache-control')).toContain('immutable');
  });

  it('revalidates the page on every load, also where a deep link falls back to it', async () => {
    for (const url of ['/', '/index.html', '/grants/some-grant']) {
      const response = await fetch(`${server.url}${url}`);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('cache-control'), url).toBe('no-cache');
      expect(await response.text(), url).toContain('<title>Tessera</title>');
    }
  });

  it('answers 404 for a missing asset, never the page', async () => {
    const response = await fetch(`${server.url}/assets/index-missing.js`);
    expect(response.status).toBe(404);
  });
});
