import type { Expenditure, MatchContribution } from '@tessera/domain';

/** The plain-HTTP file endpoints of apps/server (multipart upload, download). */
export function receiptUrl(expenditureId: string): string {
  return `/files/receipts/${encodeURIComponent(expenditureId)}`;
}

export function matchEvidenceUrl(contributionId: string): string {
  return `/files/match-evidence/${encodeURIComponent(contributionId)}`;
}

/** Uploads a receipt file for an expenditure that already exists. */
export async function uploadReceipt(expenditureId: string, file: File): Promise<Expenditure> {
  return uploadFile<Expenditure>(receiptUrl(expenditureId), file, 'expenditure');
}

/** Uploads the evidence file of a match contribution that already exists. */
export async function uploadMatchEvidence(contributionId: string, file: File): Promise<MatchContribution> {
  return uploadFile<MatchContribution>(matchEvidenceUrl(contributionId), file, 'contribution');
}

/**
 * Failures are thrown in the same shape as tRPC errors (`error.data.appCode`, `fieldErrors`) so
 * `ErrorAlert` and the form helpers translate them the same way.
 */
async function uploadFile<T>(url: string, file: File, answer: string): Promise<T> {
  const body = new FormData();
  body.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'x-tessera-request': '1' },
      credentials: 'same-origin',
    });
  } catch {
    throw new TypeError('Failed to fetch');
  }
  const json = (await response.json().catch(() => null)) as
    | (Record<string, T | undefined> & {
        error?: { message?: string; data?: { appCode?: string; fieldErrors?: Record<string, string[]> | null } };
      })
    | null;
  const made = json?.[answer] as T | undefined;
  if (response.ok && made) return made;
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
