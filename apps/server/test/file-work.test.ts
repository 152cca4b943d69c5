import { findOrganizationBySlug } from '@tessera/db';
import { createTestGrantWithMoney } from '@tessera/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileWorkQueue } from '../src/file-work';
import { type RunningServer, signInAs, startServer } from './helpers';

describe('the file-work queue', () => {
  it('lets `concurrency` run, queues `waiting` more in order, and refuses the next at once', async () => {
    const queue = createFileWorkQueue({ concurrency: 1, waiting: 1 });
    const first = await queue.acquire();
    let secondGranted = false;
    const second = queue.acquire().then((release) => {
      secondGranted = true;
      return release;
    });
    await expect(queue.acquire()).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 30,
      fieldErrors: { file: ['validation.serverBusy'] },
    });
    expect(secondGranted).toBe(false);
    first();
    const releaseSecond = await second;
    expect(secondGranted).toBe(true);
    releaseSecond();
    // Both turns are back: two more in a row are granted.
    (await queue.acquire())();
    (await queue.acquire())();
  });
});

describe('uploads and imports when every turn is taken', () => {
  const queue = createFileWorkQueue({ concurrency: 1, waiting: 0 });
  let server: RunningServer;
  let expenditureId: string;
  const pdf = new Uint8Array([...Buffer.from('%PDF-1.4\n'), ...new Uint8Array(1000).fill(65)]);

  beforeAll(async () => {
    server = await startServer({ fileWork: queue });
    const demo = await findOrganizationBySlug(server.opened.db, 'demo');
    expenditureId = (await createTestGrantWithMoney(server.opened.db, demo!.id)).expenditureId;
  });
  afterAll(async () => {
    await server?.close();
  });

  const post = (cookie: string, url: string, bytes: Uint8Array, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    return fetch(`${server.url}${url}`, {
      method: 'POST',
      headers: { cookie, 'x-tessera-request': '1' },
      body: form,
    });
  };
  const csv = new TextEncoder().encode('code\nQ-1\n');

  it('answers 429 "busy, try again" with a field error and Retry-After, and works once the turn is back', async () => {
    const finance = await signInAs(server.url, 'finance@demo.test');
    const coordinator = await signInAs(server.url, 'coordinator@demo.test');
    const held = await queue.acquire();
    try {
      for (const response of [
        await post(finance, `/files/receipts/${expenditureId}`, pdf, 'receipt.pdf'),
        await post(coordinator, '/files/imports/participants?mode=preview', csv, 'people.csv'),
      ]) {
        expect(response.status).toBe(429);
        expect(response.headers.get('retry-after')).toBe('30');
        const body = (await response.json()) as { error: { data: Record<string, unknown> } };
        expect(body.error.data).toEqual({
          appCode: 'RATE_LIMITED',
          fieldErrors: { file: ['validation.serverBusy'] },
          retryAfterSeconds: 30,
        });
      }
      // Without a session nothing waits for a turn: refused as before.
      expect((await post('', `/files/receipts/${expenditureId}`, pdf, 'receipt.pdf')).status).toBe(401);
    } finally {
      held();
    }
    expect((await post(finance, `/files/receipts/${expenditureId}`, pdf, 'receipt.pdf')).status).toBe(200);
    const preview = await post(coordinator, '/files/imports/participants?mode=preview', csv, 'people.csv');
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain('"type":"result"');
    // The finished import gave its turn back.
    (await queue.acquire())();
  }, 120_000);

  it('keeps the limits on bodies: 1 MB for the API, 5 minutes for a whole request to arrive', () => {
    expect(server.app.initialConfig.bodyLimit).toBe(1024 * 1024);
    expect(server.app.server.requestTimeout).toBe(300_000);
  });
});
