/**
 * A fresh idempotency key for a new money record's form (docs/decisions/0014): 128 random bits
 * as hex. `crypto.getRandomValues` works on plain HTTP too (a server on the office network),
 * where `crypto.randomUUID` does not exist.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
