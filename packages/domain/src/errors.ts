/**
 * The one error type the domain and the services throw. Its closed set of codes is mapped to
 * HTTP/tRPC codes in exactly one place (packages/api/src/trpc.ts); the web app translates the
 * code (and any field messages) into the user's language, so `message` is for logs and the CLI.
 */
export const domainErrorCodes = [
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'RATE_LIMITED',
  'FORBIDDEN',
  'NOT_FOUND',
  'NO_ORGANIZATION',
  'STALE_VERSION',
  'CONFLICT',
  'VALIDATION',
  'LAST_ADMIN',
] as const;

export type DomainErrorCode = (typeof domainErrorCodes)[number];

/** Field-level messages: field path → message keys (see `messages.ts`). */
export type FieldErrors = Record<string, string[]>;

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly fieldErrors: FieldErrors | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: DomainErrorCode,
    message: string,
    options: { fieldErrors?: FieldErrors; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
