import type { Expenditure } from '@tessera/domain';

/** The plain-HTTP receipt endpoints of apps/server (multipart upload, download). */
export function receiptUrl(expenditureId: string): string {
  return `/files/receipts/${encodeURIComponent(expenditureId)}`;
}

/**
 * Uploads a receipt file for an expenditure that already exists. Failures are thrown in the same
 * shape as tRPC errors (`error.data.appCode`, `fieldErrors`) so `ErrorAlert` and the form helpers
 * translate them the same way.
 */
export async function uploadReceipt(expenditureId: string, file: File): Promise<Expenditure> {
  const body = new FormData();
  body.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(receiptUrl(expenditureId), {
      method: 'POST',
      body,
      headers: { 'x-tessera-request': '1' },
      credentials: 'same-origin',
    });
  } catch {
    throw new TypeError('Failed to fetch');
  }
  const json = (await response.json().catch(() => null)) as {
    expenditure?: Expenditure;
    error?: { message?: string; data?: { appCode?: string; fieldErrors?: Record<string, string[]> | null } };
  } | null;
  if (response.ok && json?.expenditure) return json.expenditure;
  const data = json?.error?.data ?? {
    appCode: response.status === 413 ? 'VALIDATION' : statusCode(response.status),
    fieldErrors: response.status === 413 ? { file: ['validation.fileTooLarge?max=10'] } : null,
  };
  throw Object.assign(new Error(json?.error?.message ?? `Upload failed (${response.status})`), {
    data: { fieldErrors: null, retryAfterSeconds: null, ...data },
  });
}

function statusCode(status: number): string {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 400) return 'VALIDATION';
  return 'INTERNAL';
}
